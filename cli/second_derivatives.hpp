// SPDX-License-Identifier: MIT
// Lesson 004's second-derivative test for a command's objective: the Hessian at a point, from
// central differences of the tape's exact gradient (the expression records plain doubles), its
// eigenvalues, condition number and the classification (autodiff/hessian.hpp's classify_hessian).
#pragma once

#include <span>
#include <string_view>

#include "autodiff/hessian.hpp"
#include "cli/problem.hpp"

namespace tapegrad::cli {

// The tolerances the commands use: an eigenvalue counts as zero within 1e-6 of the largest (the
// differences are good to about 1e-8 relative), a gradient as zero within 1e-6.
inline constexpr ClassifyOptions command_classify_options{.tolerance = 1e-6, .gradient_tolerance = 1e-6};

// f, ∇f and H at `at` (the parameters' values, in --at order), classified. H[i][j] is
// (∂f/∂x_j(x + h e_i) − ∂f/∂x_j(x − h e_i)) / 2h with h = 1e-5·max(1, |x_i|), symmetrised.
// Throws what recording the objective throws (a domain error at or next to the point).
StationaryPointReport second_derivative_test(const Problem& problem, std::span<const double> at,
                                             ClassifyOptions options = command_classify_options);

// The lesson's word for a classification: minimum, maximum, saddle, or flat (the test cannot
// decide: an eigenvalue is zero).
std::string_view classification_word(StationaryPoint kind);

}  // namespace tapegrad::cli
