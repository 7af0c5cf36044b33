// SPDX-License-Identifier: MIT
// Models refuse to train on garbage: a diverging fit throws (unless asked for the partial result),
// NaN and ∞ in the data and stray class labels are errors that say what to fix.
#include <boost/test/unit_test.hpp>
#include <limits>
#include <string>

#include "models/models.hpp"

namespace m = tapegrad::models;

namespace {
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
// y = 2x on unscaled x up to 100: gradient descent with η = 0.1 explodes within a few steps.
struct Unscaled {
  Eigen::MatrixXd x{{1.0}, {50.0}, {100.0}};
  Eigen::VectorXd y{{2.0, 100.0, 200.0}};
};
const m::FitOptions too_fast{.solver = m::Solver::gradient_descent, .learning_rate = 0.1, .epochs = 100};
}  // namespace

BOOST_AUTO_TEST_SUITE(refuses_garbage)

BOOST_AUTO_TEST_CASE(a_diverging_fit_throws_with_the_epoch_and_the_fix) {
  const Unscaled d;
  m::LinearRegression model({.fit = too_fast});
  try {
    model.fit(d.x, d.y);
    BOOST_FAIL("fit returned on a diverging run");
  } catch (const m::TrainingDivergedError& e) {
    const std::string what = e.what();
    BOOST_TEST(contains(what, "LinearRegression::fit: training diverged at epoch " + std::to_string(e.epoch())));
    BOOST_TEST(contains(what, "learning_rate (now 0.1)"));
    BOOST_TEST(contains(what, "Standardizer"));
    BOOST_TEST(contains(what, "keep_partial"));
    BOOST_TEST(e.epoch() > 0u);
    BOOST_TEST(e.losses().size() == e.epoch() + 1);
  }
  // The model keeps no garbage parameters: it is still unfitted.
  BOOST_CHECK_THROW(model.predict(d.x), m::ModelError);
}

BOOST_AUTO_TEST_CASE(the_error_is_a_tapegrad_error) {
  const Unscaled d;
  m::LinearRegression model({.fit = too_fast});
  BOOST_CHECK_THROW(model.fit(d.x, d.y), tapegrad::Error);
}

BOOST_AUTO_TEST_CASE(minibatches_diverge_loudly_too) {
  const Unscaled d;
  m::FitOptions fit = too_fast;
  fit.batch_size = 2;
  m::LinearRegression model({.fit = fit});
  BOOST_CHECK_THROW(model.fit(d.x, d.y), m::TrainingDivergedError);
}

BOOST_AUTO_TEST_CASE(keep_partial_returns_the_partial_result) {
  const Unscaled d;
  m::FitOptions fit = too_fast;
  fit.on_divergence = m::OnDivergence::keep_partial;
  m::LinearRegression model({.fit = fit});
  model.fit(d.x, d.y);
  BOOST_TEST((model.history().stop.kind == tapegrad::optim::StopReason::Kind::diverged));
}

BOOST_AUTO_TEST_CASE(nan_and_infinity_in_the_data_are_refused_with_their_place) {
  Eigen::MatrixXd x{{1.0}, {std::numeric_limits<double>::quiet_NaN()}, {3.0}};
  const Eigen::VectorXd y{{1.0, 2.0, 3.0}};
  try {
    m::LinearRegression().fit(x, y);
    BOOST_FAIL("NaN accepted");
  } catch (const m::ModelError& e) {
    BOOST_TEST(contains(e.what(), "LinearRegression::fit: x(1, 0) is nan"));
  }
  x(1, 0) = 2.0;
  const Eigen::VectorXd y_inf{{1.0, std::numeric_limits<double>::infinity(), 3.0}};
  BOOST_CHECK_THROW(m::LinearRegression().fit(x, y_inf), m::ModelError);
  x(2, 0) = -std::numeric_limits<double>::infinity();
  BOOST_CHECK_THROW(m::LogisticRegression().fit(x, Eigen::VectorXi{{0, 1, 0}}), m::ModelError);
  BOOST_CHECK_THROW(m::SoftmaxRegression().fit(x, Eigen::VectorXi{{0, 1, 2}}), m::ModelError);
  BOOST_CHECK_THROW(m::MlpClassifier().fit(x, Eigen::VectorXi{{0, 1, 2}}), m::ModelError);
}

BOOST_AUTO_TEST_CASE(a_stray_label_does_not_make_new_classes) {
  const Eigen::MatrixXd x{{0.0}, {1.0}, {2.0}, {3.0}};
  const Eigen::VectorXi labels{{0, 1, 2, 7}};
  try {
    m::SoftmaxRegression().fit(x, labels);
    BOOST_FAIL("label 7 among 0, 1, 2 accepted");
  } catch (const m::ModelError& e) {
    BOOST_TEST(contains(e.what(), "label 7 makes 8 classes, but class 3 has no sample"));
  }
  BOOST_CHECK_THROW(m::MlpClassifier().fit(x, labels), m::ModelError);
  BOOST_CHECK_THROW(m::SoftmaxRegression({.classes = 3}).fit(x, labels), m::ModelError);
  BOOST_CHECK_THROW(m::SoftmaxRegression().fit(x, Eigen::VectorXi{{0, 1, -1, 2}}), m::ModelError);
  BOOST_CHECK_THROW(m::LogisticRegression().fit(x, Eigen::VectorXi{{0, 1, 2, 1}}), m::ModelError);
}

BOOST_AUTO_TEST_SUITE_END()
