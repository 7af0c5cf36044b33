// SPDX-License-Identifier: MIT
// L-BFGS: a quasi-Newton method for smooth deterministic problems. It builds an approximation of
// the inverse Hessian from the last m steps and gradient changes, and takes each step with a
// line search (Armijo backtracking or strong Wolfe, optim/line_search.hpp).
#pragma once

#include <deque>

#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"

namespace tapegrad::optim {

enum class LineSearchKind { armijo, strong_wolfe };

struct LbfgsOptions {
  // m: curvature pairs kept. Nocedal & Wright suggest 3–20; 10 as in ensmallen and liblbfgs.
  int memory = 10;
  // The first trial step α₀ of each line search. 1 is the natural quasi-Newton step (N&W §7.2);
  // the very first iteration has no curvature yet and tries α₀ = min(1, 1/‖g‖) instead.
  // A schedule scales it like a learning rate.
  double learning_rate = 1.0;
  // Strong Wolfe guarantees sᵀy > 0, which keeps the approximation positive definite.
  LineSearchKind line_search = LineSearchKind::strong_wolfe;
  ArmijoOptions armijo{};
  StrongWolfeOptions strong_wolfe{};
};

// Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 7.5 with the two-loop recursion
// (Algorithm 7.4). With s_i = x_{i+1} − x_i, y_i = g_{i+1} − g_i, ρ_i = 1/(y_iᵀs_i):
//   q ← g;  for i = newest…oldest: a_i = ρ_i·s_iᵀq,  q ← q − a_i·y_i
//   r ← γ·q with γ = sᵀy / yᵀy of the newest pair (eq. 7.20; γ = 1 with no pairs)
//   for i = oldest…newest: b = ρ_i·y_iᵀr,  r ← r + s_i·(a_i − b)
//   d = −r;  x ← x + α·d with α from the line search
// A pair is kept only when sᵀy > 1e-10·yᵀy (skipping keeps the approximation positive definite
// under Armijo). If d is not a descent direction the memory is cleared and d = −g.
class Lbfgs final : public Optimizer {
 public:
  explicit Lbfgs(LbfgsOptions options = {});
  std::string_view name() const override { return "lbfgs"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override;
  StepOutcome step(Eigen::VectorXd& x, Evaluation& at_x, double learning_rate,
                   const Objective& objective) override;
  // The search direction the two-loop recursion gives for gradient g with the current pairs.
  Eigen::VectorXd direction(const Eigen::VectorXd& g) const;
  std::size_t pairs() const { return s_.size(); }

 private:
  LineSearchResult search(const Objective& objective, const Eigen::VectorXd& x,
                          const Evaluation& at_x, const Eigen::VectorXd& d, double alpha0,
                          Eigen::VectorXd& x_new, Evaluation& at_new) const;

  LbfgsOptions options_;
  std::deque<Eigen::VectorXd> s_, y_;  // oldest first
  Eigen::VectorXd x_new_;
  Evaluation at_new_;
};

}  // namespace tapegrad::optim
