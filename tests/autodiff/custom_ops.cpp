// SPDX-License-Identifier: MIT
// Custom ops (custom_op.hpp): a user's value and VJP recorded as one tape entry, for a scalar and
// for a matrix op, checked against finite differences and against the built-in ops.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/custom_op.hpp"
#include "autodiff/matrix_ops.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;
using Eigen::MatrixXd;

namespace {

// f(a, b) = a·exp(b), with its VJP written by hand.
const CustomScalarOp a_exp_b{
    .name = "a_exp_b",
    .value = [](std::span<const double> in) { return in[0] * std::exp(in[1]); },
    .vjp =
        [](double dy, std::span<const double> in, double y, std::span<double> d) {
          d[0] = dy * std::exp(in[1]);
          d[1] = dy * y;
        },
};

// Y = A·Aᵀ (a Gram matrix) with VJP dA = (dY + dYᵀ)·A.
const CustomMatrixOp gram{
    .name = "gram",
    .value = [](std::span<const MatrixXd> in) -> MatrixXd { return in[0] * in[0].transpose(); },
    .vjp =
        [](const MatrixXd& dy, std::span<const MatrixXd> in, const MatrixXd&,
           std::span<MatrixXd> d) { d[0] = (dy + dy.transpose()) * in[0]; },
};

}  // namespace

BOOST_AUTO_TEST_SUITE(custom_ops)

BOOST_AUTO_TEST_CASE(scalar_custom_op_matches_builtin_ops) {
  Tape tape;
  auto scope = tape.activate();
  const Var a = tape.input(1.5), b = tape.input(-0.4);
  const Var y = sin(apply(a_exp_b, {a, b}));
  const Var z = sin(a * exp(b));
  BOOST_TEST(y.value() == z.value(), tt::tolerance(1e-15));
  const auto gy = gradient(y, {a, b});
  const auto gz = gradient(z, {a, b});
  BOOST_TEST(gy[0] == gz[0], tt::tolerance(1e-14));
  BOOST_TEST(gy[1] == gz[1], tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(scalar_custom_op_with_a_constant_input) {
  Tape tape;
  auto scope = tape.activate();
  const Var b = tape.input(0.2);
  const Var y = apply(a_exp_b, {Var(3.0), b});
  BOOST_TEST(gradient(y, {b})[0] == 3.0 * std::exp(0.2), tt::tolerance(1e-14));
  BOOST_TEST(!apply(a_exp_b, {Var(1.0), Var(0.0)}).is_recorded());
}

BOOST_AUTO_TEST_CASE(matrix_custom_op_matches_finite_differences) {
  const MatrixXd a0 = (MatrixXd(2, 3) << 0.5, -1.0, 2.0, 0.3, 0.7, -0.2).finished();
  const MatrixXd w = (MatrixXd(2, 2) << 1.0, -2.0, 0.5, 3.0).finished();
  const auto loss = [&](const MatrixVar& a) { return dot(apply(gram, {a}), w); };
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a0);
  const Var y = loss(a);
  const MatrixXd g = a.adjoint(tape.backward(y));
  const double h = 1e-6;
  for (Eigen::Index k = 0; k < a0.size(); ++k) {
    MatrixXd p = a0, q = a0;
    p.data()[k] += h;
    q.data()[k] -= h;
    const double fd = (loss(MatrixVar(p)).value() - loss(MatrixVar(q)).value()) / (2 * h);
    BOOST_TEST(std::abs(g.data()[k] - fd) <= 1e-7 * (1 + std::abs(fd)));
  }
  // The same as the built-in ops: A·Aᵀ recorded as matmul and transpose.
  tape.rewind();
  const MatrixVar a2 = MatrixVar::input(tape, a0);
  const Var y2 = dot(a2 * transpose(a2), w);
  const MatrixXd g2 = a2.adjoint(tape.backward(y2));
  BOOST_TEST((g - g2).norm() <= 1e-13);
}

BOOST_AUTO_TEST_CASE(matrix_custom_op_is_one_tape_entry) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, MatrixXd::Ones(2, 3));
  const auto before = tape.stats().blocks;
  const MatrixVar y = apply(gram, {a});
  BOOST_TEST(tape.stats().blocks == before + 1);
  BOOST_TEST(y.value()(0, 1) == 3.0);
  BOOST_TEST(tape.block_of(y.first())->name() == "gram");
}

BOOST_AUTO_TEST_CASE(vjp_of_the_wrong_shape_is_a_shape_error) {
  const CustomMatrixOp broken{
      .name = "broken",
      .value = [](std::span<const MatrixXd> in) -> MatrixXd { return in[0]; },
      .vjp = [](const MatrixXd&, std::span<const MatrixXd>, const MatrixXd&,
                std::span<MatrixXd> d) { d[0] = MatrixXd::Zero(1, 1); },
  };
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, MatrixXd::Ones(2, 3));
  const Var y = sum(apply(broken, {a}));
  BOOST_CHECK_EXCEPTION(tape.backward(y), ShapeError, [](const ShapeError& e) {
    const std::string m = e.what();
    return m.find("broken") != std::string::npos && m.find("1×1") != std::string::npos &&
           m.find("2×3") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
