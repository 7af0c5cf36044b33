// SPDX-License-Identifier: MIT
// Matrix-level ops (matrix_ops.hpp): every op's gradient against central finite differences and
// against the same computation recorded element by element with scalar Vars; broadcasting; shape
// errors; checked mode; mixing scalar and matrix expressions on one tape.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;
using Eigen::MatrixXd;

namespace {

using MatrixFn = std::function<Var(const std::vector<MatrixVar>&)>;
using ScalarFn = std::function<Var(const std::vector<MatrixXv<>>&)>;

MatrixXd sample(Eigen::Index r, Eigen::Index c, double lo, double hi, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> d(lo, hi);
  MatrixXd m(r, c);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = d(gen);
  return m;
}

// A fixed weighting of an op's outputs, so that one scalar loss exercises every output's adjoint.
MatrixXd weights(Eigen::Index r, Eigen::Index c) { return sample(r, c, -1.0, 1.0, 99); }

// The same weighting for the scalar-Var version.
Var weighted_sum(const MatrixXv<>& y) {
  const MatrixXd w = weights(y.rows(), y.cols());
  Var s = 0.0;
  for (Eigen::Index k = 0; k < y.size(); ++k) s += y.data()[k] * w.data()[k];
  return s;
}
Var weighted_sum(const MatrixVar& y) { return dot(y, weights(y.rows(), y.cols())); }

template <class F>
MatrixXv<> map_elements(const MatrixXv<>& a, F f) {
  MatrixXv<> y(a.rows(), a.cols());
  for (Eigen::Index k = 0; k < a.size(); ++k) y.data()[k] = f(a.data()[k]);
  return y;
}
// Numpy-style broadcast of a scalar-Var matrix to rows × cols.
MatrixXv<> expand(const MatrixXv<>& a, Eigen::Index rows, Eigen::Index cols) {
  return a.replicate(a.rows() == rows ? 1 : rows, a.cols() == cols ? 1 : cols);
}

// Records `matrix` with inputs at `inputs` and compares its gradient with (1) central finite
// differences of the same function evaluated on constants and (2) the gradient of `scalar`, the
// same computation recorded with one scalar Var per element.
void check_gradient(const std::vector<MatrixXd>& inputs, const MatrixFn& matrix,
                    const ScalarFn& scalar, double fd_tolerance = 1e-6) {
  Tape tape;
  auto scope = tape.activate();
  std::vector<MatrixVar> in;
  for (const auto& m : inputs) in.push_back(MatrixVar::input(tape, m));
  const Var y = matrix(in);
  BOOST_REQUIRE(y.is_recorded());
  const Adjoints<double> adjoints = tape.backward(y);

  Tape scalar_tape;
  double scalar_value = 0.0;
  std::vector<MatrixXd> scalar_grads;
  {
    auto scalar_scope = scalar_tape.activate();
    std::vector<MatrixXv<>> sin;
    for (const auto& m : inputs) {
      MatrixXv<> v(m.rows(), m.cols());
      for (Eigen::Index k = 0; k < m.size(); ++k) v.data()[k] = scalar_tape.input(m.data()[k]);
      sin.push_back(v);
    }
    const Var ys = scalar(sin);
    scalar_value = ys.value();
    const Adjoints<double> sadj = scalar_tape.backward(ys);
    for (const auto& v : sin) {
      MatrixXd g(v.rows(), v.cols());
      for (Eigen::Index k = 0; k < v.size(); ++k) g.data()[k] = sadj[v.data()[k]];
      scalar_grads.push_back(g);
    }
  }
  BOOST_TEST(y.value() == scalar_value, tt::tolerance(1e-10));

  const double h = 1e-6;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const MatrixXd g = in[i].adjoint(adjoints);
    for (Eigen::Index k = 0; k < inputs[i].size(); ++k) {
      std::vector<MatrixVar> plus, minus;
      for (const auto& m : inputs) {
        plus.emplace_back(m);
        minus.emplace_back(m);
      }
      MatrixXd p = inputs[i], q = inputs[i];
      p.data()[k] += h;
      q.data()[k] -= h;
      plus[i] = MatrixVar(p);
      minus[i] = MatrixVar(q);
      const double fd = (matrix(plus).value() - matrix(minus).value()) / (2 * h);
      BOOST_TEST_CONTEXT("input " << i << " element " << k) {
        BOOST_TEST(std::abs(g.data()[k] - fd) <= fd_tolerance * (1.0 + std::abs(fd)),
                   "tape " << g.data()[k] << " vs finite differences " << fd);
        BOOST_TEST(std::abs(g.data()[k] - scalar_grads[i].data()[k]) <=
                       1e-10 * (1.0 + std::abs(fd)),
                   "tape " << g.data()[k] << " vs scalar Vars " << scalar_grads[i].data()[k]);
      }
    }
  }
}

// For an elementwise unary op: matrix op vs the scalar op on each element.
template <class M, class S>
void check_unary(const MatrixXd& a, M matrix_op, S scalar_op) {
  check_gradient(
      {a}, [&](const auto& in) { return weighted_sum(matrix_op(in[0])); },
      [&](const auto& in) { return weighted_sum(map_elements(in[0], scalar_op)); });
}

const MatrixXd a34 = sample(3, 4, -2.0, 2.0, 1);
const MatrixXd b34 = sample(3, 4, -2.0, 2.0, 2);
const MatrixXd pos34 = sample(3, 4, 0.3, 3.0, 3);

}  // namespace

BOOST_AUTO_TEST_SUITE(matrix_ops)

// ---- + − and elementwise * / ----
BOOST_AUTO_TEST_CASE(add_sub_neg) {
  check_gradient(
      {a34, b34}, [](const auto& in) { return weighted_sum(in[0] + in[1]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0] + in[1])); });
  check_gradient(
      {a34, b34}, [](const auto& in) { return weighted_sum(in[0] - in[1]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0] - in[1])); });
  check_gradient(
      {a34}, [](const auto& in) { return weighted_sum(-in[0]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(-in[0])); });
}

BOOST_AUTO_TEST_CASE(cwise_product_and_quotient) {
  check_gradient(
      {a34, b34}, [](const auto& in) { return weighted_sum(cwise_product(in[0], in[1])); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0].cwiseProduct(in[1]))); });
  check_gradient(
      {a34, pos34}, [](const auto& in) { return weighted_sum(cwise_quotient(in[0], in[1])); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0].cwiseQuotient(in[1]))); });
}

BOOST_AUTO_TEST_CASE(same_operand_twice) {
  // A ⊙ A: both adjoint contributions land in the same block.
  check_gradient(
      {a34}, [](const auto& in) { return weighted_sum(cwise_product(in[0], in[0])); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0].cwiseProduct(in[0]))); });
}

// ---- broadcasting ----
BOOST_AUTO_TEST_CASE(broadcast_row_vector) {
  const MatrixXd row = sample(1, 4, 0.5, 2.0, 5);
  check_gradient(
      {a34, row}, [](const auto& in) { return weighted_sum(in[0] + in[1]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0] + expand(in[1], 3, 4))); });
  check_gradient(
      {a34, row}, [](const auto& in) { return weighted_sum(cwise_quotient(in[0], in[1])); },
      [](const auto& in) {
        return weighted_sum(MatrixXv<>(in[0].cwiseQuotient(expand(in[1], 3, 4))));
      });
}

BOOST_AUTO_TEST_CASE(broadcast_column_vector) {
  const MatrixXd col = sample(3, 1, 0.5, 2.0, 6);
  check_gradient(
      {col, a34}, [](const auto& in) { return weighted_sum(in[0] - in[1]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(expand(in[0], 3, 4) - in[1])); });
  check_gradient(
      {a34, col}, [](const auto& in) { return weighted_sum(cwise_product(in[0], in[1])); },
      [](const auto& in) {
        return weighted_sum(MatrixXv<>(in[0].cwiseProduct(expand(in[1], 3, 4))));
      });
}

BOOST_AUTO_TEST_CASE(broadcast_row_against_column_gives_outer_shape) {
  const MatrixXd row = sample(1, 4, -1.0, 1.0, 7), col = sample(3, 1, -1.0, 1.0, 8);
  const MatrixVar c = MatrixVar(col) + MatrixVar(row);
  BOOST_TEST(c.rows() == 3);
  BOOST_TEST(c.cols() == 4);
  BOOST_TEST(c.value()(2, 3) == col(2, 0) + row(0, 3));
  check_gradient(
      {col, row}, [](const auto& in) { return weighted_sum(cwise_product(in[0], in[1])); },
      [](const auto& in) {
        return weighted_sum(MatrixXv<>(expand(in[0], 3, 4).cwiseProduct(expand(in[1], 3, 4))));
      });
}

BOOST_AUTO_TEST_CASE(scalar_var_and_matrix_mix) {
  // A scalar Var scales a matrix, and a sum of a matrix feeds scalar ops: one tape.
  const MatrixXd s = sample(1, 1, 0.5, 2.0, 9);
  check_gradient(
      {a34, s},
      [](const auto& in) {
        const Var k = in[1](0, 0);
        const Var total = sum(k * in[0] + 1.0) / k;
        return sin(total) * mean(in[0]) + in[0](1, 2) * 3.0 + weighted_sum(2.0 * in[0] / k);
      },
      [](const auto& in) {
        const Var k = in[1](0, 0);
        Var total = 0.0;
        for (Eigen::Index i = 0; i < in[0].size(); ++i) total += k * in[0].data()[i] + 1.0;
        total = total / k;
        Var m = 0.0;
        for (Eigen::Index i = 0; i < in[0].size(); ++i) m += in[0].data()[i];
        m = m / 12.0;
        return sin(total) * m + in[0](1, 2) * 3.0 +
               weighted_sum(map_elements(in[0], [&](const Var& v) { return 2.0 * v / k; }));
      });
}

BOOST_AUTO_TEST_CASE(element_access_adds_no_node) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  const NodeIndex before = tape.size();
  const Var e = a(2, 1);
  BOOST_TEST(tape.size() == before);
  BOOST_TEST(e.index() == a.first() + 2 + 1 * 3);
  BOOST_TEST(e.value() == a34(2, 1));
  BOOST_TEST(a[5].index() == e.index());
}

BOOST_AUTO_TEST_CASE(each_op_is_one_tape_entry) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  const MatrixVar b = MatrixVar::input(tape, sample(4, 5, -1, 1, 4));
  const auto blocks_before = tape.stats().blocks;
  const MatrixVar c = a * b;
  BOOST_TEST(tape.stats().blocks == blocks_before + 1);
  BOOST_TEST(tape.size() == NodeIndex(12 + 20 + 15));
  const Var s = sum(exp(c));
  BOOST_TEST(tape.stats().blocks == blocks_before + 3);
  BOOST_TEST(tape.size() == NodeIndex(12 + 20 + 15 + 15 + 1));
  BOOST_TEST(s.is_recorded());
}

BOOST_AUTO_TEST_CASE(constants_record_nothing) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = a34;  // a constant
  const Var y = sum(exp(a) * MatrixVar(b34.transpose()));
  BOOST_TEST(!y.is_recorded());
  BOOST_TEST(tape.size() == 0u);
  BOOST_TEST(y.value() == (a34.array().exp().matrix() * b34.transpose()).sum(), tt::tolerance(1e-12));
}

// ---- the matrix product and transpose ----
BOOST_AUTO_TEST_CASE(matmul) {
  const MatrixXd b = sample(4, 2, -1.0, 1.0, 11);
  check_gradient(
      {a34, b}, [](const auto& in) { return weighted_sum(in[0] * in[1]); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0] * in[1])); });
}

BOOST_AUTO_TEST_CASE(matmul_with_constant_data) {
  const MatrixXd x = sample(5, 3, -1.0, 1.0, 12);
  const MatrixXd w = sample(3, 1, -1.0, 1.0, 13);
  check_gradient(
      {w}, [&](const auto& in) { return weighted_sum(MatrixVar(x) * in[0]); },
      [&](const auto& in) { return weighted_sum(MatrixXv<>(x.cast<Var>() * in[0])); });
}

BOOST_AUTO_TEST_CASE(transpose_op) {
  check_gradient(
      {a34}, [](const auto& in) { return weighted_sum(transpose(in[0])); },
      [](const auto& in) { return weighted_sum(MatrixXv<>(in[0].transpose())); });
}

// ---- elementwise functions from the rule table ----
BOOST_AUTO_TEST_CASE(exp_log_sqrt) {
  check_unary(a34, [](const MatrixVar& m) { return exp(m); }, [](const Var& v) { return exp(v); });
  check_unary(pos34, [](const MatrixVar& m) { return log(m); }, [](const Var& v) { return log(v); });
  check_unary(pos34, [](const MatrixVar& m) { return sqrt(m); }, [](const Var& v) { return sqrt(v); });
}

BOOST_AUTO_TEST_CASE(tanh_sigmoid_softplus) {
  check_unary(a34, [](const MatrixVar& m) { return tanh(m); }, [](const Var& v) { return tanh(v); });
  check_unary(a34, [](const MatrixVar& m) { return sigmoid(m); }, [](const Var& v) { return sigmoid(v); });
  check_unary(a34, [](const MatrixVar& m) { return softplus(m); }, [](const Var& v) { return softplus(v); });
}

BOOST_AUTO_TEST_CASE(relu_and_abs_away_from_the_kink) {
  MatrixXd a = a34;
  for (Eigen::Index k = 0; k < a.size(); ++k)
    if (std::abs(a.data()[k]) < 0.1) a.data()[k] = 0.5;
  check_unary(a, [](const MatrixVar& m) { return relu(m); }, [](const Var& v) { return relu(v); });
  check_unary(a, [](const MatrixVar& m) { return abs(m); }, [](const Var& v) { return abs(v); });
}

BOOST_AUTO_TEST_CASE(pow_by_number_var_and_matrix) {
  check_unary(pos34, [](const MatrixVar& m) { return pow(m, 2.5); }, [](const Var& v) { return pow(v, 2.5); });
  check_gradient(
      {pos34, sample(1, 1, 0.5, 2.0, 14)},
      [](const auto& in) { return weighted_sum(pow(in[0], in[1](0, 0))); },
      [](const auto& in) {
        return weighted_sum(map_elements(in[0], [&](const Var& v) { return pow(v, in[1](0, 0)); }));
      });
  check_gradient(
      {pos34, b34}, [](const auto& in) { return weighted_sum(pow(in[0], in[1])); },
      [](const auto& in) {
        MatrixXv<> y(3, 4);
        for (Eigen::Index k = 0; k < 12; ++k) y.data()[k] = pow(in[0].data()[k], in[1].data()[k]);
        return weighted_sum(y);
      });
}

// ---- reductions ----
namespace {
Var scalar_sum(const MatrixXv<>& m) {
  Var s = 0.0;
  for (Eigen::Index k = 0; k < m.size(); ++k) s += m.data()[k];
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sum_and_mean_of_all) {
  check_gradient({a34}, [](const auto& in) { return sin(sum(in[0])); },
                 [](const auto& in) { return sin(scalar_sum(in[0])); });
  check_gradient({a34}, [](const auto& in) { return exp(mean(in[0])); },
                 [](const auto& in) { return exp(scalar_sum(in[0]) / 12.0); });
}

BOOST_AUTO_TEST_CASE(sums_and_means_per_row_and_column) {
  const auto per_row = [](const MatrixXv<>& m, double scale) {
    MatrixXv<> y(m.rows(), 1);
    for (Eigen::Index i = 0; i < m.rows(); ++i) y(i, 0) = scalar_sum(m.row(i)) * scale;
    return y;
  };
  const auto per_col = [](const MatrixXv<>& m, double scale) {
    MatrixXv<> y(1, m.cols());
    for (Eigen::Index j = 0; j < m.cols(); ++j) y(0, j) = scalar_sum(m.col(j)) * scale;
    return y;
  };
  check_gradient({a34}, [](const auto& in) { return weighted_sum(row_sums(in[0])); },
                 [&](const auto& in) { return weighted_sum(per_row(in[0], 1.0)); });
  check_gradient({a34}, [](const auto& in) { return weighted_sum(row_means(in[0])); },
                 [&](const auto& in) { return weighted_sum(per_row(in[0], 0.25)); });
  check_gradient({a34}, [](const auto& in) { return weighted_sum(col_sums(in[0])); },
                 [&](const auto& in) { return weighted_sum(per_col(in[0], 1.0)); });
  check_gradient({a34}, [](const auto& in) { return weighted_sum(col_means(in[0])); },
                 [&](const auto& in) { return weighted_sum(per_col(in[0], 1.0 / 3.0)); });
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar r = row_sums(MatrixVar::input(tape, a34));
  BOOST_TEST(r.rows() == 3);
  BOOST_TEST(r.cols() == 1);
  BOOST_TEST(r.value()(1, 0) == a34.row(1).sum(), tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(dot_and_squared_norm) {
  check_gradient({a34, b34}, [](const auto& in) { return dot(in[0], in[1]); },
                 [](const auto& in) { return scalar_sum(in[0].cwiseProduct(in[1])); });
  check_gradient({a34}, [](const auto& in) { return squared_norm(in[0]); },
                 [](const auto& in) { return scalar_sum(in[0].cwiseProduct(in[0])); });
}

namespace {
// Naive softmax of each row with scalar Vars (fine for the moderate inputs used here).
MatrixXv<> scalar_row_softmax(const MatrixXv<>& z) {
  MatrixXv<> e = map_elements(z, [](const Var& v) { return exp(v); });
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const Var s = scalar_sum(e.row(i));
    for (Eigen::Index j = 0; j < z.cols(); ++j) e(i, j) = e(i, j) / s;
  }
  return e;
}
MatrixXv<> scalar_row_log_softmax(const MatrixXv<>& z) {
  MatrixXv<> l(z.rows(), z.cols());
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    const Var lse = log(scalar_sum(map_elements(z.row(i), [](const Var& v) { return exp(v); })));
    for (Eigen::Index j = 0; j < z.cols(); ++j) l(i, j) = z(i, j) - lse;
  }
  return l;
}
}  // namespace

BOOST_AUTO_TEST_CASE(log_sum_exp_of_all) {
  check_gradient({a34}, [](const auto& in) { return log_sum_exp(in[0]); },
                 [](const auto& in) {
                   return log(scalar_sum(map_elements(in[0], [](const Var& v) { return exp(v); })));
                 });
}

BOOST_AUTO_TEST_CASE(log_sum_exp_does_not_overflow) {
  Tape tape;
  auto scope = tape.activate();
  MatrixXd big(1, 2);
  big << 1000.0, 1000.0;
  const MatrixVar z = MatrixVar::input(tape, big);
  const Var y = log_sum_exp(z);
  BOOST_TEST(y.value() == 1000.0 + std::log(2.0), tt::tolerance(1e-14));
  const MatrixXd g = z.adjoint(tape.backward(y));
  BOOST_TEST(g(0, 0) == 0.5, tt::tolerance(1e-12));
  const MatrixVar s = softmax(z);
  BOOST_TEST(s.value()(0, 1) == 0.5, tt::tolerance(1e-14));
  BOOST_TEST(std::isfinite(log_softmax(z).value()(0, 0)));
}

BOOST_AUTO_TEST_CASE(softmax_rows_and_vectors) {
  check_gradient({a34}, [](const auto& in) { return weighted_sum(softmax(in[0])); },
                 [](const auto& in) { return weighted_sum(scalar_row_softmax(in[0])); });
  // A column vector is one group (not 5 groups of one).
  const MatrixXd col = sample(5, 1, -2.0, 2.0, 15);
  check_gradient({col}, [](const auto& in) { return weighted_sum(softmax(in[0])); },
                 [](const auto& in) {
                   return weighted_sum(MatrixXv<>(scalar_row_softmax(in[0].transpose()).transpose()));
                 });
  Tape tape;
  auto scope = tape.activate();
  BOOST_TEST(softmax(MatrixVar::input(tape, col)).value().sum() == 1.0, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(log_softmax_rows_and_vectors) {
  check_gradient({a34}, [](const auto& in) { return weighted_sum(log_softmax(in[0])); },
                 [](const auto& in) { return weighted_sum(scalar_row_log_softmax(in[0])); });
  const MatrixXd col = sample(5, 1, -2.0, 2.0, 16);
  check_gradient({col}, [](const auto& in) { return weighted_sum(log_softmax(in[0])); },
                 [](const auto& in) {
                   return weighted_sum(
                       MatrixXv<>(scalar_row_log_softmax(in[0].transpose()).transpose()));
                 });
}

// ---- fused losses ----
BOOST_AUTO_TEST_CASE(mse_loss) {
  check_gradient({a34, b34}, [](const auto& in) { return mse(in[0], in[1]); },
                 [](const auto& in) {
                   const MatrixXv<> r = in[0] - in[1];
                   return scalar_sum(r.cwiseProduct(r)) / 12.0;
                 });
}

BOOST_AUTO_TEST_CASE(bce_with_logits_loss) {
  const MatrixXd labels = sample(3, 4, 0.0, 1.0, 17);
  check_gradient({a34, labels}, [](const auto& in) { return bce_with_logits(in[0], in[1]); },
                 [](const auto& in) {
                   Var total = 0.0;
                   for (Eigen::Index k = 0; k < 12; ++k) {
                     const Var z = in[0].data()[k], t = in[1].data()[k];
                     const Var p = sigmoid(z);
                     total += -(t * log(p) + (1.0 - t) * log(1.0 - p));
                   }
                   return total / 12.0;
                 });
}

BOOST_AUTO_TEST_CASE(bce_with_logits_stays_finite_for_large_logits) {
  Tape tape;
  auto scope = tape.activate();
  MatrixXd z(1, 2), t(1, 2);
  z << 800.0, -800.0;
  t << 0.0, 1.0;
  const MatrixVar zv = MatrixVar::input(tape, z);
  const Var loss = bce_with_logits(zv, t);
  BOOST_TEST(loss.value() == 800.0, tt::tolerance(1e-12));
  const MatrixXd g = zv.adjoint(tape.backward(loss));
  BOOST_TEST(g(0, 0) == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(g(0, 1) == -0.5, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_with_labels) {
  const Eigen::VectorXi labels = (Eigen::VectorXi(3) << 2, 0, 3).finished();
  check_gradient({a34}, [&](const auto& in) { return softmax_cross_entropy(in[0], labels); },
                 [&](const auto& in) {
                   const MatrixXv<> l = scalar_row_log_softmax(in[0]);
                   Var total = 0.0;
                   for (int i = 0; i < 3; ++i) total -= l(i, labels[i]);
                   return total / 3.0;
                 });
}

// ---- errors ----
BOOST_AUTO_TEST_CASE(shape_errors_name_the_op_and_both_shapes) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  const MatrixVar b = MatrixVar::input(tape, sample(2, 4, -1, 1, 18));
  const auto says = [](const std::string& op, const std::string& sa, const std::string& sb) {
    return [=](const ShapeError& e) {
      const std::string m = e.what();
      return e.operation() == op && m.find(op) != std::string::npos &&
             m.find(sa) != std::string::npos && m.find(sb) != std::string::npos;
    };
  };
  BOOST_CHECK_EXCEPTION(a + b, ShapeError, says("add", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(a - b, ShapeError, says("sub", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(cwise_product(a, b), ShapeError, says("mul", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(cwise_quotient(a, b), ShapeError, says("div", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(pow(a, b), ShapeError, says("pow", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(a * b, ShapeError, says("matmul", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(dot(a, b), ShapeError, says("dot", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(mse(a, b), ShapeError, says("mse", "3×4", "2×4"));
  BOOST_CHECK_EXCEPTION(bce_with_logits(a, b), ShapeError, says("bce_with_logits", "3×4", "2×4"));
  const std::vector<int> two_labels = {0, 1};
  BOOST_CHECK_EXCEPTION(softmax_cross_entropy(a, two_labels), ShapeError,
                        says("softmax_cross_entropy", "3×4", "2×1"));
  // Broadcasting needs a 1 in each differing dimension: 3×4 with 3×2 is not allowed.
  BOOST_CHECK_EXCEPTION(a + MatrixVar(sample(3, 2, -1, 1, 19)), ShapeError, says("add", "3×4", "3×2"));
}

BOOST_AUTO_TEST_CASE(label_out_of_range) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  const std::vector<int> labels = {0, 4, 1};
  BOOST_CHECK_EXCEPTION(softmax_cross_entropy(a, labels), Error, [](const Error& e) {
    return std::string(e.what()).find("label 4 of row 1") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(element_index_out_of_range) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  BOOST_CHECK_THROW(a(3, 0), Error);
  BOOST_CHECK_THROW(a[12], Error);
}

BOOST_AUTO_TEST_CASE(checked_mode_names_op_and_element) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  MatrixXd x = pos34;
  x(1, 2) = -0.5;
  const MatrixVar a = MatrixVar::input(tape, x);
  BOOST_CHECK_EXCEPTION(log(a), DomainError, [](const DomainError& e) {
    const std::string m = e.what();
    return e.op() == Op::log && m.find("log") != std::string::npos &&
           m.find("element (1, 2)") != std::string::npos && m.find("-0.5") != std::string::npos;
  });
  // sqrt at 0 has an infinite slope: reported as in the scalar ops.
  x(1, 2) = 0.0;
  BOOST_CHECK_EXCEPTION(sqrt(MatrixVar::input(tape, x)), DomainError, [](const DomainError& e) {
    return e.op() == Op::sqrt && std::string(e.what()).find("element (1, 2)") != std::string::npos;
  });
  // Binary: division by a zero element.
  MatrixXd d = pos34;
  d(2, 0) = 0.0;
  BOOST_CHECK_EXCEPTION(cwise_quotient(a, MatrixVar(d)), DomainError, [](const DomainError& e) {
    return e.op() == Op::div && std::string(e.what()).find("element (2, 0)") != std::string::npos;
  });
  // In range, nothing is thrown.
  BOOST_CHECK_NO_THROW(log(MatrixVar::input(tape, pos34)));
}

BOOST_AUTO_TEST_CASE(unchecked_mode_follows_ieee) {
  Tape tape;
  auto scope = tape.activate();
  MatrixXd x = pos34;
  x(0, 0) = -1.0;
  const MatrixVar y = log(MatrixVar::input(tape, x));
  BOOST_TEST(std::isnan(y.value()(0, 0)));
}

BOOST_AUTO_TEST_CASE(stale_matrix_after_rewind) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a34);
  tape.rewind();
  BOOST_CHECK_THROW(exp(a), StaleVarError);
  BOOST_CHECK_THROW(a(0, 0), StaleVarError);
}

BOOST_AUTO_TEST_CASE(rewound_training_loop_gives_same_gradient) {
  Tape tape;
  const MatrixXd x = sample(6, 3, -1, 1, 20);
  const MatrixXd t = sample(6, 1, 0, 1, 21);
  MatrixXd first;
  for (int iter = 0; iter < 3; ++iter) {
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar w = MatrixVar::input(tape, MatrixXd::Constant(3, 1, 0.1));
    const Var loss = bce_with_logits(MatrixVar(x) * w, t);
    const MatrixXd g = w.adjoint(tape.backward(loss));
    if (iter == 0)
      first = g;
    else
      BOOST_TEST((g - first).norm() == 0.0);
  }
}

BOOST_AUTO_TEST_SUITE_END()
