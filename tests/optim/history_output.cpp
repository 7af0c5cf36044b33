// SPDX-License-Identifier: MIT
// The records as CSV, per-iteration callbacks, and the progress line's text.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
Objective parabola() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, 2 * x[0] - 4);
    return x[0] * x[0] - 4 * x[0] + 3;
  };
}
}  // namespace

BOOST_AUTO_TEST_SUITE(history_output)

BOOST_AUTO_TEST_CASE(csv_has_one_row_per_record) {
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r =
      minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), gd, {.max_steps = 2});
  std::ostringstream out;
  write_history_csv(out, r.history);
  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  BOOST_TEST(line == "step,value,gradient_norm,step_norm,learning_rate,evaluations,x0,g0");
  // Each row reads back to exactly the record's numbers (shortest round-trip formatting).
  for (const StepRecord& rec : r.history) {
    BOOST_TEST_REQUIRE(static_cast<bool>(std::getline(in, line)));
    std::vector<double> fields;
    std::istringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(std::stod(field));
    BOOST_TEST_REQUIRE(fields.size() == 8u);
    BOOST_TEST(fields[0] == static_cast<double>(rec.step));
    BOOST_TEST(fields[1] == rec.value);
    BOOST_TEST(fields[2] == rec.gradient_norm);
    BOOST_TEST(fields[3] == rec.step_norm);
    BOOST_TEST(fields[4] == rec.learning_rate);
    BOOST_TEST(fields[5] == static_cast<double>(rec.evaluations));
    BOOST_TEST(fields[6] == rec.params[0]);
    BOOST_TEST(fields[7] == rec.gradient[0]);
  }
  BOOST_TEST(!std::getline(in, line));
  BOOST_TEST(out.str().find("\n0,8,6,0,0,1,5,6\n") != std::string::npos);  // record 0: x = 5
}

BOOST_AUTO_TEST_CASE(csv_without_params_or_gradients) {
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r =
      minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), gd,
               {.max_steps = 1, .keep_params = false, .keep_gradients = false});
  std::ostringstream out;
  write_history_csv(out, r.history);
  BOOST_TEST(out.str().substr(0, out.str().find('\n')) ==
             "step,value,gradient_norm,step_norm,learning_rate,evaluations");
  BOOST_TEST(r.history[1].params.size() == 0);
}

BOOST_AUTO_TEST_CASE(csv_to_an_unwritable_path_is_an_error) {
  BOOST_CHECK_THROW(write_history_csv("/nonexistent-dir/h.csv", std::span<const StepRecord>{}),
                    OptimError);
}

BOOST_AUTO_TEST_CASE(callback_sees_every_record_in_order) {
  std::vector<double> seen;
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r = minimize(
      parabola(), Eigen::VectorXd::Constant(1, 5.0), gd,
      {.max_steps = 3, .on_step = [&](const StepRecord& rec) { seen.push_back(rec.params[0]); }});
  BOOST_TEST_REQUIRE(seen.size() == 4u);
  for (std::size_t k = 0; k < 4; ++k) BOOST_TEST(seen[k] == r.history[k].params[0]);
}

BOOST_AUTO_TEST_CASE(progress_line_text) {
  const StepRecord rec{.step = 12, .value = 0.00123, .gradient_norm = 0.5, .learning_rate = 0.01};
  BOOST_TEST(ProgressLine::format(rec, 1000, 3.25) == "step 12 of 1000  loss 1.2300e-03  3.2 s");
  // Tests do not run on a terminal's stderr under ctest; asked for or not, nothing is drawn.
  BOOST_TEST(!ProgressLine(false, 10).active());
}

// The line follows the command's --lang (set_language); the numbers keep their format.
BOOST_AUTO_TEST_CASE(progress_line_in_russian_and_chinese) {
  const StepRecord rec{.step = 12, .value = 0.00123, .gradient_norm = 0.5, .learning_rate = 0.01};
  // set_language sets LANGUAGE for the whole process: put it back for the tests after this one.
  const char* language = std::getenv("LANGUAGE");
  const std::optional<std::string> saved = language ? std::optional<std::string>(language) : std::nullopt;
  tapegrad::set_language("ru");
  BOOST_TEST(ProgressLine::format(rec, 1000, 3.25) == "шаг 12 из 1000  функция потерь 1.2300e-03  3.2 с");
  tapegrad::set_language("zh");
  BOOST_TEST(ProgressLine::format(rec, 1000, 3.25) == "第 12 步，共 1000 步  损失 1.2300e-03  3.2 秒");
  tapegrad::set_language("en");
  if (saved) setenv("LANGUAGE", saved->c_str(), 1); else unsetenv("LANGUAGE");
  BOOST_TEST(ProgressLine::format(rec, 1000, 3.25) == "step 12 of 1000  loss 1.2300e-03  3.2 s");
}

BOOST_AUTO_TEST_CASE(streamed_csv_is_the_same_as_the_whole_history) {
  GradientDescent gd({.learning_rate = 0.1});
  std::ostringstream streamed;
  HistoryCsvWriter writer(streamed);
  const MinimizeResult r =
      minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), gd,
               {.max_steps = 30, .on_step = [&](const StepRecord& rec) { writer.write(rec); }});
  writer.finish();
  std::ostringstream whole;
  write_history_csv(whole, r.history);
  BOOST_TEST(streamed.str() == whole.str());
}

BOOST_AUTO_TEST_CASE(streamed_csv_refuses_a_record_of_another_shape) {
  std::ostringstream out;
  HistoryCsvWriter writer(out);
  writer.write({.step = 0, .params = Eigen::VectorXd::Zero(2)});
  BOOST_CHECK_THROW(writer.write({.step = 1, .params = Eigen::VectorXd::Zero(3)}), OptimError);
}

BOOST_AUTO_TEST_SUITE_END()
