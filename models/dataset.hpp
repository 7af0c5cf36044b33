// SPDX-License-Identifier: MIT
// Data for the models: a Dataset (features X, one row per sample, and a target y), read from CSV
// with a header and numeric columns. Malformed input throws CsvError with line and column.
//
//   auto digits = models::load_csv("data/digits.csv", {.target = "digit"});
//   digits.x.rows();   // 1797 samples, digits.x.cols() == 64 features
#pragma once

#include <Eigen/Core>
#include <iosfwd>
#include <string>
#include <vector>

namespace tapegrad::models {

struct Dataset {
  Eigen::MatrixXd x;                       // samples × features
  Eigen::VectorXd y;                       // the target, one per sample (empty without a target)
  std::vector<std::string> feature_names;  // from the header (or "x0", "x1", ... without one)
  std::string target_name;
  Eigen::Index samples() const { return x.rows(); }
  Eigen::Index features() const { return x.cols(); }
};

struct CsvOptions {
  char delimiter = ',';
  bool header = true;  // the first line names the columns
  // The target column by name (needs a header). Empty: see target_column.
  std::string target{};
  // The target column by index from 0; −1 means the last column; −2 means no target (all columns
  // are features). Used when `target` is empty.
  int target_column = -1;
};

// Parses CSV text; `source` names the input in error messages (a path, "<string>").
// Every field must be a number (surrounding spaces allowed); every line needs the same number
// of fields; blank lines are skipped; "\r\n" line ends are accepted.
Dataset parse_csv(std::istream& in, const CsvOptions& options = {},
                  const std::string& source = "<stream>");
Dataset parse_csv_string(const std::string& text, const CsvOptions& options = {});
// Reads a file; a missing file throws ModelError.
Dataset load_csv(const std::string& path, const CsvOptions& options = {});

}  // namespace tapegrad::models
