// SPDX-License-Identifier: MIT
// Standardisation (fit on train, apply to test), the seeded split, labels and one-hot.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "models/errors.hpp"
#include "models/preprocess.hpp"

namespace tt = boost::test_tools;
using namespace tapegrad::models;

BOOST_AUTO_TEST_SUITE(preprocessing)

BOOST_AUTO_TEST_CASE(standardizer_learns_mean_and_population_std) {
  Eigen::MatrixXd x(4, 2);
  x << 20, 1, 25, 1, 30, 1, 35, 1;  // lesson 000's temperatures and a constant column
  Standardizer s;
  const Eigen::MatrixXd z = s.fit_transform(x);
  BOOST_TEST(s.mean()[0] == 27.5, tt::tolerance(1e-12));
  BOOST_TEST(s.scale()[0] == std::sqrt(31.25), tt::tolerance(1e-12));  // mean of 7.5², 2.5², ...
  BOOST_TEST(z(0, 0) == -7.5 / std::sqrt(31.25), tt::tolerance(1e-12));
  BOOST_TEST(z.col(1).isZero());  // constant column → 0, not NaN
  BOOST_TEST(s.inverse_transform(z).isApprox(x));
}

BOOST_AUTO_TEST_CASE(test_data_uses_the_training_statistics) {
  Eigen::MatrixXd train(2, 1), test(1, 1);
  train << 0, 2;
  test << 4;
  Standardizer s;
  s.fit(train);
  BOOST_TEST(s.transform(test)(0, 0) == 3.0, tt::tolerance(1e-12));  // (4 − 1)/1
  BOOST_CHECK_THROW(s.transform(Eigen::MatrixXd::Zero(1, 2)), ModelError);
  BOOST_CHECK_THROW(Standardizer().transform(test), ModelError);
}

BOOST_AUTO_TEST_CASE(split_is_seeded_and_a_partition) {
  Dataset d;
  d.x.resize(10, 1);
  d.y.resize(10);
  for (int i = 0; i < 10; ++i) d.x(i, 0) = d.y[i] = i;
  const auto a = train_test_split(d, {.test_fraction = 0.3, .seed = 7});
  const auto b = train_test_split(d, {.test_fraction = 0.3, .seed = 7});
  const auto c = train_test_split(d, {.test_fraction = 0.3, .seed = 8});
  BOOST_TEST(a.test.samples() == 3);
  BOOST_TEST(a.train.samples() == 7);
  BOOST_TEST((a.test.y == b.test.y));
  BOOST_TEST((a.test.y != c.test.y));
  std::set<double> seen(a.train.y.begin(), a.train.y.end());
  seen.insert(a.test.y.begin(), a.test.y.end());
  BOOST_TEST(seen.size() == 10u);
  BOOST_TEST((a.train.x.col(0) == a.train.y));  // rows and targets move together
  BOOST_CHECK_THROW(train_test_split(d, {.test_fraction = 1.0}), ModelError);
}

BOOST_AUTO_TEST_CASE(labels_and_one_hot) {
  Eigen::VectorXd y(4);
  y << 2, 0, 1, 2;
  const Eigen::VectorXi labels = to_labels(y);
  BOOST_TEST(labels[0] == 2);
  const Eigen::MatrixXd h = one_hot(labels);
  BOOST_TEST(h.rows() == 4);
  BOOST_TEST(h.cols() == 3);
  BOOST_TEST(h(0, 2) == 1.0);
  BOOST_TEST(h.row(1).sum() == 1.0);
  BOOST_TEST(h(1, 0) == 1.0);
  y[1] = 0.5;
  BOOST_CHECK_THROW(to_labels(y), ModelError);
  BOOST_CHECK_THROW(one_hot(labels, 2), ModelError);
}

BOOST_AUTO_TEST_SUITE_END()
