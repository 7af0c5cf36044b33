// SPDX-License-Identifier: MIT
// Each metric against numbers worked out by hand.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "models/errors.hpp"
#include "models/metrics.hpp"

namespace tt = boost::test_tools;
using namespace tapegrad::models;

BOOST_AUTO_TEST_SUITE(metrics_by_hand)

BOOST_AUTO_TEST_CASE(mse_and_r2_on_lesson_000_guess) {
  // Lesson 000's first guess (w1, w0) = (10, 0): ŷ = 200, 250, 300, 350.
  Eigen::VectorXd y(4), guess(4);
  y << 40, 70, 100, 140;
  guess << 200, 250, 300, 350;
  // errors −160, −180, −200, −210: (25600 + 32400 + 40000 + 44100)/4 = 35525
  BOOST_TEST(mean_squared_error(y, guess) == 35525.0, tt::tolerance(1e-12));
  // Σ(y − ȳ)² = 47.5² + 17.5² + 12.5² + 52.5² = 5475
  BOOST_TEST(r2_score(y, guess) == 1.0 - 142100.0 / 5475.0, tt::tolerance(1e-12));
  BOOST_TEST(r2_score(y, y) == 1.0);
  BOOST_CHECK_THROW(r2_score(Eigen::VectorXd::Ones(3), guess.head(3)), ModelError);
}

BOOST_AUTO_TEST_CASE(accuracy_and_confusion_matrix) {
  Eigen::VectorXi t(5), p(5);
  t << 0, 1, 2, 2, 1;
  p << 0, 2, 2, 2, 1;
  BOOST_TEST(accuracy(t, p) == 0.8, tt::tolerance(1e-12));
  const Eigen::MatrixXi c = confusion_matrix(t, p);
  Eigen::MatrixXi expected(3, 3);
  expected << 1, 0, 0,  //
      0, 1, 1,          //
      0, 0, 2;
  BOOST_TEST((c == expected));
  BOOST_CHECK_THROW(accuracy(t, p.head(4)), ModelError);
}

BOOST_AUTO_TEST_CASE(log_loss_binary_and_multiclass) {
  Eigen::VectorXi y(2);
  y << 1, 0;
  Eigen::VectorXd p(2);
  p << 0.8, 0.4;
  // −(log 0.8 + log 0.6)/2
  BOOST_TEST(log_loss(y, p) == -(std::log(0.8) + std::log(0.6)) / 2, tt::tolerance(1e-12));
  Eigen::MatrixXd probs(2, 3);
  probs << 0.7, 0.2, 0.1,  //
      0.1, 0.1, 0.8;
  Eigen::VectorXi k(2);
  k << 0, 2;
  BOOST_TEST(log_loss(k, probs) == -(std::log(0.7) + std::log(0.8)) / 2, tt::tolerance(1e-12));
  p << 1.0, 1.0;  // a certain mistake is clipped at 1e-15, not ∞
  BOOST_TEST(log_loss(y, p) == -std::log(1e-15) / 2, tt::tolerance(1e-3));  // 1 − (1 − 1e-15) ≈ 1e-15
}

BOOST_AUTO_TEST_SUITE_END()
