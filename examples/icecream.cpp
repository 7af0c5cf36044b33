// SPDX-License-Identifier: MIT
// Lesson 000's ice-cream table: sales y = w1·temperature + w0, fitted by plain gradient descent on
// the mean squared error — first on the raw temperature, then on the standardised temperature.
// Prints the first step the way the lesson computes it by hand, shows that the raw run crawls
// (the loss bowl is a long narrow valley) while the standardised run reaches w1 = 6.6, w0 = −94,
// and draws the loss curves and both descent paths over the bowl's contours (pictures/ in the
// working directory, or the folder given as the first argument).
#include <fmt/format.h>

#include <string>

#include "models/models.hpp"
#include "examples/guarded_main.hpp"

namespace m = tapegrad::models;

static int run(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : "pictures";
  const Eigen::MatrixXd x{{20.0}, {25.0}, {30.0}, {35.0}};  // temperature, °C
  const Eigen::VectorXd y{{40.0, 70.0, 100.0, 140.0}};      // ice creams sold
  const Eigen::Index n = x.rows();

  // ---- the first step, by hand ----
  const double eta_raw = 1e-3;
  fmt::print("Lesson 000: y = w1·x + w0, L = 1/n Σ (y_i − (w1·x_i + w0))², start w1 = w0 = 0\n\n");
  fmt::print("First step by hand (η = {}):\n", eta_raw);
  double d_w1 = 0.0, d_w0 = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double error = y[i] - 0.0;  // y_i − ŷ_i with ŷ_i = 0
    fmt::print("  x = {:2}: ŷ = 0, y − ŷ = {:3}, −2·x·(y − ŷ) = {:6}, −2·(y − ŷ) = {:4}\n", x(i, 0),
               error, -2.0 * x(i, 0) * error, -2.0 * error);
    d_w1 += -2.0 * x(i, 0) * error / double(n);
    d_w0 += -2.0 * error / double(n);
  }
  fmt::print("  ∂L/∂w1 = mean = {}, ∂L/∂w0 = mean = {}\n", d_w1, d_w0);
  fmt::print("  w1 ← 0 − {}·({}) = {:g}, w0 ← 0 − {}·({}) = {:g}\n", eta_raw, d_w1,
             -eta_raw * d_w1, eta_raw, d_w0, -eta_raw * d_w0);
  const auto tape = m::LinearRegression().gradient(x, y);
  fmt::print("  the tape agrees: ∂L/∂w1 = {}, ∂L/∂w0 = {} (L = {})\n\n", tape.weights[0], tape.bias,
             tape.loss);

  // ---- raw temperature ----
  // The Hessian of L is (2/n)·[Σx² Σx; Σx n]: eigenvalues ≈ 1575 and 0.08, a ratio ≈ 2·10⁴.
  // η must stay below 2/1575 ≈ 0.00127, and then the flat direction moves by 0.08·η per step.
  const std::size_t steps = 200;
  m::LinearRegression raw({.fit = {.solver = m::Solver::gradient_descent,
                                   .learning_rate = eta_raw,
                                   .epochs = steps,
                                   .keep_params = true}});
  raw.fit(x, y);
  fmt::print("Raw temperature, η = {}, {} steps: w1 = {:.4f}, w0 = {:.4f}, L = {:.3f}\n", eta_raw,
             steps, raw.weights()[0], raw.bias(), raw.history().records.back().value);
  // A larger η diverges; more steps only crawl along the valley floor (time constant ≈ 12500 steps).
  const std::size_t long_steps = 5000;
  m::LinearRegression crawl({.fit = {.solver = m::Solver::gradient_descent,
                                     .learning_rate = eta_raw,
                                     .epochs = long_steps,
                                     .keep_params = true}});
  crawl.fit(x, y);
  fmt::print("  after {} steps: w1 = {:.4f}, w0 = {:.4f}, L = {:.3f}  (still far from 6.6, −94)\n",
             long_steps, crawl.weights()[0], crawl.bias(), crawl.history().records.back().value);
  m::LinearRegression too_fast({.fit = {.solver = m::Solver::gradient_descent,
                                        .learning_rate = 2e-3,
                                        .epochs = steps}});
  // fit() does not hand back a diverged model: it throws, and the error says what to change.
  bool refused = false;
  try {
    too_fast.fit(x, y);
  } catch (const m::TrainingDivergedError& e) {
    refused = true;
    fmt::print("  with η = 0.002 instead: {}\n", e.what());
  }

  // ---- standardised temperature ----
  m::Standardizer scaler;
  const Eigen::MatrixXd z = scaler.fit_transform(x);
  const double mean = scaler.mean()[0], sd = scaler.scale()[0];
  m::LinearRegression scaled({.fit = {.solver = m::Solver::gradient_descent,
                                      .learning_rate = 0.1,
                                      .epochs = steps,
                                      .keep_params = true}});
  scaled.fit(z, y);
  // ŷ = v1·(x − mean)/sd + v0  ⇒  w1 = v1/sd, w0 = v0 − v1·mean/sd
  const double w1 = scaled.weights()[0] / sd, w0 = scaled.bias() - w1 * mean;
  fmt::print("Standardised z = (x − {})/{:.4f}, η = 0.1, {} steps: v1 = {:.4f}, v0 = {:.4f}\n",
             mean, sd, steps, scaled.weights()[0], scaled.bias());
  fmt::print("  back in °C: w1 = {:.6f}, w0 = {:.6f}, L = {:.3f}\n", w1, w0,
             scaled.history().records.back().value);
  const m::LeastSquares ls = m::least_squares(x, y);
  fmt::print("Closed-form least squares: w1 = {:.6f}, w0 = {:.6f}, R² = {:.4f}\n\n", ls.weights[0],
             ls.bias, scaled.score(z, y));

  // ---- pictures ----
  const double ls_loss = ((x.col(0).array() * ls.weights[0] + ls.bias) - y.array()).square().mean();
  const auto mse_at = [&](const Eigen::MatrixXd& features) {
    return [&features, &y](double b0, double b1) {
      return ((features.col(0).array() * b1 + b0) - y.array()).square().mean();
    };
  };
  const auto path_of = [](const m::FitHistory& h, std::size_t every) {
    std::vector<Eigen::Vector2d> path;  // (w0, w1): params are packed as [w1, w0]
    for (std::size_t k = 0; k < h.records.size(); ++k)
      if (k < 10 || k % every == 0 || k + 1 == h.records.size())
        path.emplace_back(h.records[k].params[1], h.records[k].params[0]);
    return path;
  };
  std::vector<m::PlotFiles> files;
  files.push_back(m::plot_loss_curves(
      out + "/icecream_loss",
      {{"raw temperature, η = 0.001", crawl.history().losses()},
       {"standardised, η = 0.1", scaled.history().losses()}},
      {.title = "ice cream: MSE per gradient-descent step",
       .x_label = "step (log scale)",
       .log_y = true,
       .log_x = true,
       .levels = {{ls_loss, fmt::format("least-squares floor L = {:.3g}", ls_loss)}}}));
  files.push_back(m::plot_descent_path(
      out + "/icecream_raw_path",
      {.loss = mse_at(x), .a_min = -110, .a_max = 10, .b_min = 0, .b_max = 8,
       .a_name = "w0", .b_name = "w1",
       .a_label = "w0: the intercept = predicted sales at 0 °C",
       .b_label = "w1: sales per °C"},
      path_of(crawl.history(), 50),
      {.title = "raw temperature, GD with η = 0.001: a long narrow valley; 5000 steps crawl along its floor",
       .points = {{Eigen::Vector2d(ls.bias, ls.weights[0]),
                   fmt::format("least squares ({:.3g}, {:.3g})", ls.bias, ls.weights[0])}}}));
  files.push_back(m::plot_descent_path(
      out + "/icecream_standardised_path",
      {.loss = mse_at(z), .a_min = -10, .a_max = 110, .b_min = -10, .b_max = 50,
       .a_name = "v0", .b_name = "v1",
       .a_label = "v0: the intercept = predicted sales at the mean temperature",
       .b_label = fmt::format("v1: sales per standard deviation of temperature ({:.3g} °C)", sd)},
      path_of(scaled.history(), 1),
      {.title = "standardised temperature, GD with η = 0.1: a round bowl; GD goes straight to the minimum",
       .points = {{Eigen::Vector2d(ls.bias + ls.weights[0] * mean, ls.weights[0] * sd),
                   fmt::format("minimum ({:.3g}, {:.3g})", ls.bias + ls.weights[0] * mean, ls.weights[0] * sd)}},
       .equal_aspect = true}));
  for (const auto& f : files) {
    for (const auto& d : f.data) fmt::print("wrote {}\n", d);
    if (!f.image.empty()) fmt::print("wrote {}\n", f.image);
    if (!f.note.empty()) fmt::print("no picture: {}\n", f.note);
  }
  // The example fails (as a ctest) if standardised descent misses the lesson's answer or the
  // diverging run is not refused.
  return refused && std::abs(w1 - 6.6) < 1e-6 && std::abs(w0 + 94.0) < 1e-6 ? 0 : 1;
}

int main(int argc, char** argv) {
  return tapegrad::examples::guarded_main(argv[0], [&] { return run(argc, argv); });
}
