// SPDX-License-Identifier: MIT
// Preparing data: Standardizer (z = (x − mean)/std per column, fitted on the training set and
// applied to the test set), a seeded train/test split, integer labels and one-hot encoding.
//
//   auto [train, test] = models::train_test_split(data, {.test_fraction = 0.25, .seed = 1});
//   models::Standardizer scaler;
//   train.x = scaler.fit_transform(train.x);
//   test.x = scaler.transform(test.x);        // the training set's mean and std, never the test's
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>

#include "models/dataset.hpp"

namespace tapegrad::models {

class Standardizer {
 public:
  // Learns each column's mean and standard deviation (population: divided by n). A constant
  // column gets scale 1, so it maps to 0 rather than to NaN.
  Standardizer& fit(const Eigen::MatrixXd& x);
  Eigen::MatrixXd transform(const Eigen::MatrixXd& x) const;
  Eigen::MatrixXd fit_transform(const Eigen::MatrixXd& x) { return fit(x).transform(x); }
  Eigen::MatrixXd inverse_transform(const Eigen::MatrixXd& z) const;
  bool fitted() const { return mean_.size() > 0; }
  const Eigen::RowVectorXd& mean() const { return mean_; }
  const Eigen::RowVectorXd& scale() const { return scale_; }

 private:
  void check(const Eigen::MatrixXd& x, const char* where) const;
  Eigen::RowVectorXd mean_;
  Eigen::RowVectorXd scale_;
};

struct SplitOptions {
  double test_fraction = 0.25;  // in (0, 1); the test set has round(n·test_fraction) samples
  std::uint64_t seed = 0;       // the permutation comes from std::mt19937_64(seed)
};

struct TrainTestSplit {
  Dataset train;
  Dataset test;
};

// Shuffles the samples with the seed and cuts them in two; the same seed gives the same split.
TrainTestSplit train_test_split(const Dataset& data, const SplitOptions& options = {});

// The target as class indices 0..k−1; throws ModelError for a value that is not a whole number ≥ 0.
Eigen::VectorXi to_labels(const Eigen::VectorXd& y);
// n × classes, row i has a 1 in column labels[i]. classes = 0: max label + 1.
Eigen::MatrixXd one_hot(const Eigen::VectorXi& labels, Eigen::Index classes = 0);
// The rows of x listed in `rows` (how minibatches are cut).
Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, std::span<const std::size_t> rows);

}  // namespace tapegrad::models
