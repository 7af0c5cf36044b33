// SPDX-License-Identifier: MIT
// sum_over / mean_over (autodiff/reduce.hpp) on the losses users write: MSE of a line, a normal
// negative log-likelihood, a logistic loss with one feature and with a vector of d weights — each
// against the same loss recorded one row at a time on a plain tape, and against central finite
// differences, at several points.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "reduce_data.hpp"

using namespace tapegrad;
using namespace tapegrad::testing;

namespace {

using std::exp, std::log, std::log1p, std::pow;

// The per-sample losses, for parameters of any type (Var in the reduction, double for finite
// differences).
auto mse = [](const auto& w0, const auto& w1) {
  return [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); };
};
auto normal_nll = [](const auto& mu, const auto& sigma) {
  return [&](auto x) { return log(sigma) + 0.5 * pow((x - mu) / sigma, 2); };
};
auto logistic = [](const auto& w0, const auto& w1) {
  return [&](auto x, auto y) {
    const auto z = w1 * x + w0;
    return softplus(z) - y * z;
  };
};
double softplus_d(double z) { return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)); }

constexpr std::size_t rows[] = {1, 7, 1000, 10007};
const std::vector<std::vector<double>> points = {{0.3, -0.2}, {-1.1, 2.5}, {0.05, 0.7}};

// The reduction against the per-row recording and finite differences, for a two-parameter loss
// of two columns.
template <class Loss, class DoubleLoss>
void check_two_params(const Loss& make, const DoubleLoss& double_loss, const std::vector<double>& x,
                      const std::vector<double>& y, bool mean) {
  for (const auto& p : points) {
    BOOST_TEST_CONTEXT("n = " << x.size() << ", point (" << p[0] << ", " << p[1] << ")") {
      Tape tape;
      auto scope = tape.activate();
      const Var a = tape.input(p[0]), b = tape.input(p[1]);
      const auto loss = make(a, b);
      const Var r = mean ? mean_over(columns(x, y), loss) : sum_over(columns(x, y), loss);
      const auto g = tape.backward(r);

      Tape plain;
      auto plain_scope = plain.activate();
      const Var pa = plain.input(p[0]), pb = plain.input(p[1]);
      Var ref = record_per_row(make(pa, pb), x, y);
      if (mean) ref = Var(ref / double(x.size()));
      const auto gr = plain.backward(ref);
      BOOST_TEST(close(r.value(), ref.value()));
      BOOST_TEST(close(g[a], gr[pa]));
      BOOST_TEST(close(g[b], gr[pb]));

      const auto f = [&](const std::vector<double>& q) { return double_loss(q, mean); };
      BOOST_TEST(close_to_fd(g[a], fd_partial(f, p, 0), 1e-6, 1e-6));
      BOOST_TEST(close_to_fd(g[b], fd_partial(f, p, 1), 1e-6, 1e-6));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reduce_losses)

BOOST_AUTO_TEST_CASE(mse_of_a_line_matches_per_row_recording_and_finite_differences) {
  for (std::size_t n : rows) {
    const auto x = uniform_data(n, -1, 1, 1), y = uniform_data(n, -2, 3, 2);
    const auto f = [&](const std::vector<double>& q, bool mean) {
      double s = 0;
      for (std::size_t i = 0; i < n; ++i) s += mse(q[0], q[1])(x[i], y[i]);
      return mean ? s / double(n) : s;
    };
    check_two_params(mse, f, x, y, true);
    check_two_params(mse, f, x, y, false);
  }
}

BOOST_AUTO_TEST_CASE(logistic_loss_matches_per_row_recording_and_finite_differences) {
  for (std::size_t n : rows) {
    const auto x = uniform_data(n, -2, 2, 3);
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = x[i] + 0.3 * std::sin(7.0 * i) > 0 ? 1.0 : 0.0;
    const auto f = [&](const std::vector<double>& q, bool mean) {
      double s = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double z = q[1] * x[i] + q[0];
        s += softplus_d(z) - y[i] * z;
      }
      return mean ? s / double(n) : s;
    };
    check_two_params(logistic, f, x, y, true);
  }
}

BOOST_AUTO_TEST_CASE(normal_negative_log_likelihood_of_one_column) {
  for (std::size_t n : rows) {
    const auto x = uniform_data(n, -2, 3, 4);
    for (const auto& p : std::vector<std::vector<double>>{{0.2, 1.3}, {-0.5, 0.6}, {1.0, 2.0}}) {
      BOOST_TEST_CONTEXT("n = " << n << ", mu = " << p[0] << ", sigma = " << p[1]) {
        Tape tape;
        auto scope = tape.activate();
        const Var mu = tape.input(p[0]), sigma = tape.input(p[1]);
        const Var r = sum_over(columns(x), normal_nll(mu, sigma));
        const auto g = tape.backward(r);
        Tape plain;
        auto plain_scope = plain.activate();
        const Var pmu = plain.input(p[0]), psigma = plain.input(p[1]);
        const Var ref = record_per_row(normal_nll(pmu, psigma), x);
        const auto gr = plain.backward(ref);
        BOOST_TEST(close(r.value(), ref.value()));
        BOOST_TEST(close(g[mu], gr[pmu]));
        BOOST_TEST(close(g[sigma], gr[psigma]));
        // Closed form: ∂/∂mu = −Σ(x−mu)/sigma², ∂/∂sigma = n/sigma − Σ(x−mu)²/sigma³.
        double s1 = 0, s2 = 0;
        for (double xi : x) s1 += xi - p[0], s2 += (xi - p[0]) * (xi - p[0]);
        BOOST_TEST(close(g[mu], -s1 / (p[1] * p[1]), 1e-10));
        BOOST_TEST(close(g[sigma], double(n) / p[1] - s2 / (p[1] * p[1] * p[1]), 1e-10));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(linear_model_with_a_vector_of_weights) {
  const Eigen::Index n = 1003, d = 5;
  Eigen::MatrixXd X(n, d);
  const auto xs = uniform_data(std::size_t(n * d), -1, 1, 5);
  std::copy(xs.begin(), xs.end(), X.data());
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) y[i] = X(i, 0) - 0.5 * X(i, 3) > 0 ? 1.0 : 0.0;
  const std::vector<double> p = {0.1, -0.3, 0.2, 0.05, 0.4, -0.2};  // w (5), then b

  Tape tape;
  auto scope = tape.activate();
  VectorXv<> w(d);
  for (Eigen::Index j = 0; j < d; ++j) w[j] = tape.input(p[std::size_t(j)]);
  const Var b = tape.input(p[5]);
  const auto loss = [&](const auto& x, auto yi) {
    const auto z = dot(w, x) + b;
    return softplus(z) - yi * z;
  };
  const Var r = mean_over(columns(X, y), loss);
  const auto g = tape.backward(r);

  const auto f = [&](const std::vector<double>& q) {
    double s = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      double z = q[5];
      for (Eigen::Index j = 0; j < d; ++j) z += q[std::size_t(j)] * X(i, j);
      s += softplus_d(z) - y[i] * z;
    }
    return s / double(n);
  };
  BOOST_TEST(close(r.value(), f(p)));
  for (Eigen::Index j = 0; j < d; ++j)
    BOOST_TEST(close_to_fd(g[w[j]], fd_partial(f, p, std::size_t(j)), 1e-6, 1e-7));
  BOOST_TEST(close_to_fd(g[b], fd_partial(f, p, 5), 1e-6, 1e-7));

  // The same loss one row at a time on doubles (dot then records a Var per row).
  Tape slow;
  auto slow_scope = slow.activate();
  VectorXv<> ws(d);
  for (Eigen::Index j = 0; j < d; ++j) ws[j] = slow.input(p[std::size_t(j)]);
  const Var bs = slow.input(p[5]);
  const Var rs = mean_over(columns(X, y), row_by_row([&](const auto& x, auto yi) {
                             const Var z = dot(ws, x) + bs;
                             return softplus(z) - yi * z;
                           }));
  const auto gs = slow.backward(rs);
  BOOST_TEST(close(rs.value(), r.value()));
  for (Eigen::Index j = 0; j < d; ++j) BOOST_TEST(close(gs[ws[j]], g[w[j]]));
}

BOOST_AUTO_TEST_CASE(a_loss_taking_doubles_runs_row_by_row_with_the_same_result) {
  const auto x = uniform_data(999, -1, 1, 6), y = uniform_data(999, -1, 1, 7);
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.4), w1 = tape.input(1.7);
  const Var fast = mean_over(columns(x, y), mse(w0, w1));
  const Var rows = mean_over(columns(x, y), [&](double xi, double yi) { return mse(w0, w1)(xi, yi); });
  const auto gf = tape.backward(fast);
  const auto gr = tape.backward(rows);
  BOOST_TEST(close(fast.value(), rows.value()));
  BOOST_TEST(close(gf[w0], gr[w0]));
  BOOST_TEST(close(gf[w1], gr[w1]));
}

BOOST_AUTO_TEST_CASE(parameters_combined_inside_the_loss) {
  // exp(w0 · w1) is a statement of parameters only: evaluated once per packet, its partials
  // reach both parameters.
  const auto x = uniform_data(301, 0, 2, 8);
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.3), w1 = tape.input(-0.6);
  const Var r = sum_over(columns(x), [&](auto xi) { return exp(w0 * w1) * xi + sin(w1 * xi); });
  const auto g = tape.backward(r);
  double v = 0, d0 = 0, d1 = 0;
  for (double xi : x) {
    const double e = std::exp(0.3 * -0.6);
    v += e * xi + std::sin(-0.6 * xi);
    d0 += e * -0.6 * xi;
    d1 += e * 0.3 * xi + std::cos(-0.6 * xi) * xi;
  }
  BOOST_TEST(close(r.value(), v));
  BOOST_TEST(close(g[w0], d0));
  BOOST_TEST(close(g[w1], d1));
}

BOOST_AUTO_TEST_SUITE_END()
