// SPDX-License-Identifier: MIT
// A forgotten chain rule, caught. Lesson 000's nested dolls: d/dx sin(2x) = 2·cos(2x), the outer
// derivative times the inner one. Written as cos(2x), hand/AD is 1/2 at every point and the
// checker finds the inner expression 2·x whose derivative 2 is missing. With an inner expression
// that is not linear, d/dx sin(x²) written as cos(x²), the ratio changes from point to point, and
// the checker still finds the inner x·x.
#include <fmt/format.h>

#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  const RandomPoints box{.lower = Eigen::VectorXd::Constant(1, -1.5),
                         .upper = Eigen::VectorXd::Constant(1, 1.5),
                         .count = 5,
                         .seed = 3};
  const GradientCheckOptions options{.names = {"x"}};

  fmt::print("f(x) = sin(2x), hand-derived f'(x) = cos(2x) (the inner derivative 2 forgotten)\n\n");
  // Written once as a generic callable: it runs on doubles and on Vars alike.
  auto f = [](const auto& x) {
    using std::sin;
    return sin(2 * x[0]);
  };
  const auto linear_inner = check_hand_gradient(
      f, [](const Eigen::VectorXd& x) { return Eigen::VectorXd::Constant(1, std::cos(2 * x[0])); },
      box, options);
  fmt::print("{}\n", to_text(linear_inner, 2));

  fmt::print("g(x) = sin(x²), hand-derived g'(x) = cos(x²) (the inner derivative 2x forgotten)\n\n");
  auto g = [](const auto& x) {
    using std::sin;
    return sin(x[0] * x[0]);
  };
  const auto curved_inner = check_hand_partials(
      g, {[](const Eigen::VectorXd& x) { return std::cos(x[0] * x[0]); }}, box,
      GradientCheckOptions{.names = {"x"}, .function_name = "g"});
  fmt::print("{}\n", to_text(curved_inner, 2));

  const Diagnosis* a = linear_inner.diagnosis(0);
  const Diagnosis* b = curved_inner.diagnosis(0);
  const bool caught = a != nullptr && a->kind == DiagnosisKind::forgotten_inner_derivative &&
                      a->factor_text == "1/2" && b != nullptr &&
                      b->kind == DiagnosisKind::forgotten_inner_derivative && b->inner == "x·x";
  return caught ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
