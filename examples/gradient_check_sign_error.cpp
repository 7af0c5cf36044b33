// SPDX-License-Identifier: MIT
// Lesson 000's one-sample regression, checked: L(w0, w1) = (y − (w1·x + w0))² at x = 1, y = 2,
// w0 = w1 = 0. The lesson derives ∂L/∂w0 = +2(y − ŷ) = +4 (it takes the inner derivative of
// y − (w1·x + w0) with respect to w0 as +1); the checker catches the wrong sign and names the
// inner expression whose derivative, −1, went missing.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  const double x = 1.0, y = 2.0;
  // L written once, over Vars: the tape differentiates it, finite differences evaluate it.
  auto loss = [x, y](const VectorXv<>& w) { return pow(y - (w[1] * x + w[0]), 2); };
  // The lesson's hand derivation: outer 2(y − ŷ), inner +1 for w0 (wrong) and −x for w1.
  auto lesson_gradient = [x, y](const Eigen::VectorXd& w) {
    const double y_hat = w[1] * x + w[0];
    Eigen::VectorXd g(2);
    g << 2 * (y - y_hat) * (+1.0), 2 * (y - y_hat) * (-x);
    return g;
  };
  const GradientCheckOptions options{.names = {"w0", "w1"}, .function_name = "L"};

  fmt::print("Lesson 000: L = (y − (w1·x + w0))² at x = 1, y = 2, the lesson's point w0 = w1 = 0\n\n");
  const auto at_lesson_point =
      check_hand_gradient(loss, lesson_gradient, Eigen::Vector2d(0.0, 0.0), options);
  fmt::print("{}\n", to_text(at_lesson_point));

  fmt::print("The same hand gradient at 4 random points in [−3, 3]²: the pattern holds everywhere\n\n");
  const auto at_random_points = check_hand_gradient(
      loss, lesson_gradient,
      RandomPoints{.lower = Eigen::Vector2d(-3, -3), .upper = Eigen::Vector2d(3, 3), .count = 4,
                   .seed = 7},
      options);
  fmt::print("{}\n", to_text(at_random_points, 2));
  fmt::print("As JSON, the diagnosis:\n{}\n", to_json(at_random_points)["diagnoses"].dump(2));

  // The example is also a smoke test: it fails unless the sign error was caught in w0 only.
  const Diagnosis* d = at_random_points.diagnosis(0);
  const bool caught = d != nullptr && d->kind == DiagnosisKind::opposite_sign &&
                      at_random_points.summary.wrong_components == std::vector<std::string>{"w0"};
  return caught ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
