// SPDX-License-Identifier: MIT
// Lesson 001's logistic regression, checked: ŷ = σ(w·x + b), binary cross-entropy averaged over
// N samples. Its gradient (1/N) Σ (ŷ_i − y_i) x_i (and (1/N) Σ (ŷ_i − y_i) for b) is confirmed at
// random points; the same formula without the 1/N is caught as "off by n = N".
#include <fmt/format.h>

#include <array>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

namespace {

// A small data set: two features, a 0/1 label.
constexpr int n_samples = 4;
constexpr std::array<std::array<double, 2>, n_samples> features{
    {{0.5, 1.0}, {1.5, -0.5}, {-1.0, 2.0}, {2.0, 0.3}}};
constexpr std::array<double, n_samples> labels{1, 0, 1, 0};

double sigmoid_of(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// (1/N) Σ (ŷ_i − y_i)·(x_i1, x_i2, 1): the lesson's formula; `mean` false drops the 1/N.
Eigen::VectorXd lesson_gradient(const Eigen::VectorXd& p, bool mean) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(3);
  for (int i = 0; i < n_samples; ++i) {
    const double y_hat = sigmoid_of(p[0] * features[i][0] + p[1] * features[i][1] + p[2]);
    g += (y_hat - labels[i]) * Eigen::Vector3d(features[i][0], features[i][1], 1.0);
  }
  return mean ? Eigen::VectorXd(g / n_samples) : g;
}

}  // namespace

static int run() {
  // L(w1, w2, b) = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)], ŷ = σ(w1·x1 + w2·x2 + b).
  auto loss = [](const VectorXv<>& p) {
    Var sum = 0.0;
    for (int i = 0; i < n_samples; ++i) {
      const Var y_hat = sigmoid(p[0] * features[i][0] + p[1] * features[i][1] + p[2]);
      sum += labels[i] * log(y_hat) + (1.0 - labels[i]) * log(1.0 - y_hat);
    }
    return -sum / n_samples;
  };
  const RandomPoints box{.lower = Eigen::Vector3d(-2, -2, -2),
                         .upper = Eigen::Vector3d(2, 2, 2),
                         .count = 6,
                         .seed = 2024};
  GradientCheckOptions options{.names = {"w1", "w2", "b"}, .function_name = "L"};
  options.sample_count = n_samples;

  fmt::print("Lesson 001: logistic regression, binary cross-entropy over N = {} samples\n", n_samples);
  fmt::print("hand-derived gradient (1/N) Σ (ŷ − y)·x at 6 random points in [−2, 2]³\n\n");
  const auto confirmed = check_hand_gradient(
      loss, [](const Eigen::VectorXd& p) { return lesson_gradient(p, true); }, box, options);
  fmt::print("{}\n", to_text(confirmed, 2));

  fmt::print("The same formula without the 1/N:\n\n");
  const auto summed = check_hand_gradient(
      loss, [](const Eigen::VectorXd& p) { return lesson_gradient(p, false); }, box, options);
  fmt::print("{}\n", to_text(summed, 1));

  const Diagnosis* d = summed.diagnosis(0);
  const bool ok = confirmed.summary.passed && d != nullptr &&
                  d->kind == DiagnosisKind::constant_factor && d->factor_text == "n = 4";
  return ok ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
