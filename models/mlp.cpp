// SPDX-License-Identifier: MIT
// MlpClassifier: the forward pass written once over MatrixVar for training and once over plain
// Eigen for prediction (no tape needed to predict).
#include "models/mlp.hpp"

#include <cmath>
#include <random>

#include "models/metrics.hpp"
#include "models/preprocess.hpp"
#include "models/shapes.hpp"
#include "models/softmax_regression.hpp"

namespace tapegrad::models {

std::string_view activation_name(Activation a) {
  switch (a) {
    case Activation::relu: return "relu";
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "sigmoid";
  }
  return "?";
}

namespace {

MatrixVar activate(Activation a, const MatrixVar& z) {
  switch (a) {
    case Activation::relu: return relu(z);
    case Activation::tanh: return tanh(z);
    case Activation::sigmoid: return sigmoid(z);
  }
  throw ModelError("MlpClassifier: unknown activation");
}

Eigen::MatrixXd activate(Activation a, const Eigen::MatrixXd& z) {
  switch (a) {
    case Activation::relu: return z.cwiseMax(0.0);
    case Activation::tanh: return z.array().tanh();
    case Activation::sigmoid: return (1.0 + (-z.array()).exp()).inverse();
  }
  throw ModelError("MlpClassifier: unknown activation");
}

// A uniform draw in [0, 1) from the top 53 bits: the same numbers on every standard library
// (std::uniform_real_distribution's algorithm is left to the implementation).
double unit(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

}  // namespace

MlpClassifier::MlpClassifier(MlpOptions options) : options_(std::move(options)) {
  for (Eigen::Index h : options_.hidden)
    if (h <= 0) throw ModelError("MlpOptions: every hidden layer needs at least one unit");
}

MlpClassifier& MlpClassifier::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  return fit_with(x, labels, nullptr, nullptr);
}

MlpClassifier& MlpClassifier::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                  const Eigen::MatrixXd& x_held_out, const Eigen::VectorXi& labels_held_out) {
  return fit_with(x, labels, &x_held_out, &labels_held_out);
}

MlpClassifier& MlpClassifier::fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                       const Eigen::MatrixXd* x_held_out,
                                       const Eigen::VectorXi* labels_held_out) {
  detail::check_samples("MlpClassifier::fit", x.rows(), labels.size());
  detail::check_finite("MlpClassifier::fit", "x", x);
  const Eigen::Index k = class_count("MlpClassifier::fit", labels, options_.classes);
  std::vector<Eigen::Index> widths{x.cols()};
  widths.insert(widths.end(), options_.hidden.begin(), options_.hidden.end());
  widths.push_back(k);

  std::mt19937_64 rng(options_.fit.seed);
  std::vector<Parameter> params;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    const double a = std::sqrt(6.0 / double(widths[l] + widths[l + 1]));
    Eigen::MatrixXd w(widths[l], widths[l + 1]);
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = a * (2.0 * unit(rng) - 1.0);
    params.push_back({"W" + std::to_string(l + 1), std::move(w), true});
    params.push_back({"b" + std::to_string(l + 1), Eigen::MatrixXd::Zero(1, widths[l + 1]), false});
  }

  const Activation act = options_.activation;
  const auto logits = [act](const Eigen::MatrixXd& rows, std::span<const MatrixVar> p) {
    MatrixVar h(rows);
    const std::size_t layers = p.size() / 2;
    for (std::size_t l = 0; l < layers; ++l) {
      h = h * p[2 * l] + p[2 * l + 1];
      if (l + 1 < layers) h = activate(act, h);
    }
    return h;
  };
  history_ = fit_cross_entropy(params, x, labels, x_held_out, labels_held_out, k, logits, options_.fit,
                               "MlpClassifier::fit");
  layers_.clear();
  for (std::size_t l = 0; l < params.size(); l += 2)
    layers_.push_back({params[l].value, params[l + 1].value.row(0)});
  return *this;
}

Eigen::MatrixXd MlpClassifier::decision_function(const Eigen::MatrixXd& x) const {
  detail::check_fitted("MlpClassifier::predict", layers_.empty() ? 0 : layers_.front().weights.rows(),
                       x.cols());
  Eigen::MatrixXd h = x;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    h = (h * layers_[l].weights).rowwise() + layers_[l].bias;
    if (l + 1 < layers_.size()) h = activate(options_.activation, h);
  }
  return h;
}

Eigen::MatrixXd MlpClassifier::predict_proba(const Eigen::MatrixXd& x) const {
  return row_softmax(decision_function(x));
}

Eigen::VectorXi MlpClassifier::predict(const Eigen::MatrixXd& x) const {
  return row_argmax(decision_function(x));
}

double MlpClassifier::score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const {
  return accuracy(labels, predict(x));
}

}  // namespace tapegrad::models
