// SPDX-License-Identifier: MIT
// Private to autodiff/check/ (a subfolder, so the module's install of its own *.hpp leaves it
// out): how one component at one point is judged, shared by check_gradient and the formula
// check so that a function and a formula are held to the same tolerances and counted alike.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>

#include "autodiff/check/finite_difference.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "autodiff/check/report.hpp"

namespace tapegrad::check_detail {

inline double allowed_error(const Tolerance& t, double a, double b, double gradient_norm) {
  return t.atol + t.rtol * std::max(std::abs(a), std::abs(b)) + t.norm_rtol * gradient_norm;
}

inline double relative_error(double a, double b) {
  const double scale = std::max(std::abs(a), std::abs(b));
  return scale == 0.0 ? 0.0 : std::abs(a - b) / scale;
}

struct Mismatches {
  bool hand = false;
  bool fd = false;
};

// Fills the error columns and the verdict of `row`, whose ad and hand are set, and counts it
// into `s`. Options is GradientCheckOptions or FormulaCheckOptions: both carry the hand and fd
// tolerances and fd_noise_factor. `fd` is null when finite differences are off; k is the
// component's index into it. norm is ‖∇f_AD‖∞ at this point.
template <class Options>
Mismatches compare_component(GradientCheckRow& row, bool hand_present, const FdGradient* fd,
                             Eigen::Index k, double norm, const Options& o,
                             GradientCheckSummary& s) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Mismatches bad;
  if (hand_present) {
    row.abs_error = std::abs(row.hand - row.ad);
    row.rel_error = relative_error(row.hand, row.ad);
    row.allowed = allowed_error(o.hand, row.hand, row.ad, norm);
    bad.hand = !(row.abs_error <= row.allowed);  // NaN is a mismatch
    s.max_abs_error = std::max(s.max_abs_error, row.abs_error);
    s.max_rel_error = std::max(s.max_rel_error, row.rel_error);
  } else {
    row.abs_error = row.rel_error = row.allowed = nan;
  }
  if (fd != nullptr) {
    row.fd = fd->gradient[k];
    row.fd_abs_error = std::abs(row.fd - row.ad);
    row.fd_rel_error = relative_error(row.fd, row.ad);
    row.fd_allowed = allowed_error(o.fd, row.fd, row.ad, norm) + o.fd_noise_factor * fd->noise[k];
    bad.fd = !(row.fd_abs_error <= row.fd_allowed);
    s.max_fd_abs_error = std::max(s.max_fd_abs_error, row.fd_abs_error);
    s.max_fd_rel_error = std::max(s.max_fd_rel_error, row.fd_rel_error);
  } else {
    row.fd = row.fd_abs_error = row.fd_rel_error = row.fd_allowed = nan;
  }
  row.verdict = bad.hand && bad.fd ? Verdict::hand_and_fd_mismatch
                : bad.hand         ? Verdict::hand_mismatch
                : bad.fd           ? Verdict::fd_mismatch
                                   : Verdict::ok;
  if (bad.hand) ++s.hand_mismatches;
  if (bad.fd) ++s.fd_mismatches;
  return bad;
}

}  // namespace tapegrad::check_detail
