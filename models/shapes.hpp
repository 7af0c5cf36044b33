// SPDX-License-Identifier: MIT
// Shape checks shared by the models: one target per sample, the feature count a model was fitted on.
#pragma once

#include <Eigen/Core>
#include <fmt/format.h>

#include <cmath>

#include "models/errors.hpp"

namespace tapegrad::models::detail {

inline void check_samples(const char* where, Eigen::Index samples, Eigen::Index targets) {
  if (samples == 0) throw ModelError(fmt::format("{}: no samples", where));
  if (samples != targets)
    throw ModelError(fmt::format("{}: {} samples (rows of x) but {} targets; pass one target per "
                                 "sample",
                                 where, samples, targets));
}

inline void check_fitted(const char* where, Eigen::Index fitted_features, Eigen::Index features) {
  if (fitted_features == 0)
    throw ModelError(fmt::format("{}: the model has no parameters yet; call fit() first", where));
  if (fitted_features != features)
    throw ModelError(fmt::format("{}: x has {} columns but the model was fitted on {} features",
                                 where, features, fitted_features));
}

// Held-out data (fit's second data set, watched for overfitting): as many targets as samples, the
// training data's features, finite values, and labels among the k classes trained (when k > 0).
inline void check_held_out(const char* where, Eigen::Index features, const Eigen::MatrixXd& x,
                           const Eigen::VectorXi& labels, Eigen::Index k) {
  if (x.rows() != labels.size())
    throw ModelError(fmt::format("{}: the held-out data has {} samples but {} labels", where,
                                 x.rows(), labels.size()));
  if (x.rows() == 0) throw ModelError(fmt::format("{}: the held-out data has no samples", where));
  if (x.cols() != features)
    throw ModelError(fmt::format("{}: the held-out x has {} columns but the training x has {}", where,
                                 x.cols(), features));
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= k)
      throw ModelError(fmt::format("{}: held-out label {} of sample {} is not one of the {} classes "
                                   "trained (0 … {})", where, labels[i], i, k, k - 1));
  for (Eigen::Index c = 0; c < x.cols(); ++c)
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      if (!std::isfinite(x(r, c)))
        throw ModelError(fmt::format("{}: held-out x({}, {}) is {}: remove or impute it", where, r, c, x(r, c)));
}

// Training on NaN or ∞ gives NaN parameters silently: refuse it, naming the first bad entry.
template <class Derived>
void check_finite(const char* where, const char* what, const Eigen::DenseBase<Derived>& m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c)
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      if (!std::isfinite(static_cast<double>(m(r, c))))
        throw ModelError(fmt::format("{}: {}({}, {}) is {}: remove or impute the samples with "
                                     "NaN or infinite values before fitting",
                                     where, what, r, c, static_cast<double>(m(r, c))));
}

}  // namespace tapegrad::models::detail
