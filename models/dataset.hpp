// SPDX-License-Identifier: MIT
// Data for the models: a Dataset (features X, one row per sample, and a target y), read from CSV
// by the project's one CSV reader (csv/csv_table.hpp; the rules are in docs/csv.md). Malformed
// input throws tapegrad::CsvError with file, line and column.
//
//   auto digits = models::load_csv("data/digits.csv", {.target = "digit", .classes = 10});
//   digits.x.rows();   // 1797 samples, digits.x.cols() == 64 features
#pragma once

#include <Eigen/Core>
#include <iosfwd>
#include <string>
#include <vector>

#include "csv/csv_table.hpp"

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
  // > 0: the target holds class labels 0..classes−1, and any other value (7 in a 3-class target,
  // 1.5, −1) is a CsvError at its line and column. 0: the target is any number.
  int classes = 0;
  CsvLimits limits{};  // bounds on bytes, rows and columns
};

// Parses CSV text; `source` names the input in error messages (a path, "<string>"). Every
// feature and the target must be numbers (they are all read); see docs/csv.md for the format.
Dataset parse_csv(std::istream& in, const CsvOptions& options = {},
                  const std::string& source = "<stream>");
Dataset parse_csv_string(const std::string& text, const CsvOptions& options = {});
// Reads a file (a missing file, a directory or a device is a CsvError at line 0).
Dataset load_csv(const std::string& path, const CsvOptions& options = {});
// The Dataset of a table already read.
Dataset to_dataset(const CsvTable& table, const CsvOptions& options = {});

}  // namespace tapegrad::models
