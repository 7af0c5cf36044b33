// SPDX-License-Identifier: MIT
// Standardisation, the seeded split, labels and one-hot encoding.
#include "models/preprocess.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "models/errors.hpp"

namespace tapegrad::models {

Standardizer& Standardizer::fit(const Eigen::MatrixXd& x) {
  if (x.rows() == 0 || x.cols() == 0)
    throw ModelError("Standardizer::fit: the data is empty; it needs at least one sample");
  mean_ = x.colwise().mean();
  // std = sqrt(mean((x − mean)²)) per column
  scale_ = ((x.rowwise() - mean_).array().square().colwise().sum() / double(x.rows())).sqrt();
  for (Eigen::Index j = 0; j < scale_.size(); ++j)
    if (scale_[j] == 0.0) scale_[j] = 1.0;
  return *this;
}

void Standardizer::check(const Eigen::MatrixXd& x, const char* where) const {
  if (!fitted()) throw ModelError(fmt::format("Standardizer::{}: call fit() first", where));
  if (x.cols() != mean_.size())
    throw ModelError(fmt::format("Standardizer::{}: the data has {} columns but the scaler was "
                                 "fitted on {}",
                                 where, x.cols(), mean_.size()));
}

Eigen::MatrixXd Standardizer::transform(const Eigen::MatrixXd& x) const {
  check(x, "transform");
  return ((x.rowwise() - mean_).array().rowwise() / scale_.array()).matrix();
}

Eigen::MatrixXd Standardizer::inverse_transform(const Eigen::MatrixXd& z) const {
  check(z, "inverse_transform");
  return ((z.array().rowwise() * scale_.array()).rowwise() + mean_.array()).matrix();
}

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, std::span<const std::size_t> rows) {
  Eigen::MatrixXd out(Eigen::Index(rows.size()), x.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (Eigen::Index(rows[i]) >= x.rows())
      throw ModelError(fmt::format("select_rows: row {} out of range for {} rows", rows[i], x.rows()));
    out.row(Eigen::Index(i)) = x.row(Eigen::Index(rows[i]));
  }
  return out;
}

namespace {
Dataset take(const Dataset& d, std::span<const std::size_t> rows) {
  Dataset out;
  out.x = select_rows(d.x, rows);
  if (d.y.size() > 0) {
    out.y.resize(Eigen::Index(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) out.y[Eigen::Index(i)] = d.y[Eigen::Index(rows[i])];
  }
  out.feature_names = d.feature_names;
  out.target_name = d.target_name;
  return out;
}
}  // namespace

TrainTestSplit train_test_split(const Dataset& data, const SplitOptions& options) {
  if (!(options.test_fraction > 0.0 && options.test_fraction < 1.0))
    throw ModelError(fmt::format("train_test_split: test_fraction = {} must be in (0, 1)",
                                 options.test_fraction));
  if (data.y.size() != 0 && data.y.size() != data.x.rows())
    throw ModelError(fmt::format("train_test_split: {} samples but {} targets", data.x.rows(),
                                 data.y.size()));
  const std::size_t n = std::size_t(data.x.rows());
  const std::size_t n_test = std::size_t(std::lround(double(n) * options.test_fraction));
  if (n_test == 0 || n_test == n)
    throw ModelError(fmt::format("train_test_split: {} samples with test_fraction {} leave one "
                                 "side empty",
                                 n, options.test_fraction));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Fisher–Yates with our own index draw: std::shuffle's use of the engine is library-specific,
  // and the split should be the same everywhere for the same seed.
  std::mt19937_64 rng(options.seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  const std::span<const std::size_t> all(order);
  return {take(data, all.subspan(n_test)), take(data, all.first(n_test))};
}

Eigen::VectorXi to_labels(const Eigen::VectorXd& y) {
  Eigen::VectorXi labels(y.size());
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (!(y[i] >= 0.0) || y[i] != std::floor(y[i]) || y[i] > 1e9)
      throw ModelError(fmt::format("to_labels: target {} of sample {} is not a class index; "
                                   "classes must be whole numbers 0, 1, 2, ...",
                                   y[i], i));
    labels[i] = int(y[i]);
  }
  return labels;
}

Eigen::MatrixXd one_hot(const Eigen::VectorXi& labels, Eigen::Index classes) {
  if (classes == 0 && labels.size() > 0) classes = labels.maxCoeff() + 1;
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(labels.size(), classes);
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= classes)
      throw ModelError(fmt::format("one_hot: label {} of sample {} is not in [0, {})", labels[i], i,
                                   classes));
    out(i, labels[i]) = 1.0;
  }
  return out;
}

}  // namespace tapegrad::models
