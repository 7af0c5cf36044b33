// SPDX-License-Identifier: MIT
// Everything of the engine in one include: Tape and Var, the operators and math functions, Eigen
// support and the gradient helpers. `#include "autodiff/autodiff.hpp"` and start recording.
#pragma once

#include "autodiff/errors.hpp"
#include "autodiff/eigen_support.hpp"
#include "autodiff/gradient.hpp"
#include "autodiff/objective.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"
#include "autodiff/var_ops.hpp"
