// SPDX-License-Identifier: MIT
// The JSON form of an explanation: schema name, fields and numbers (docs/explain.md's schema).
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "tests/autodiff/explain/explain_lessons.hpp"

using namespace tapegrad;
using namespace tapegrad::test;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(explain_json)

BOOST_AUTO_TEST_CASE(top_level_fields_and_loss) {
  const json j = to_json(one_sample_regression().ex);
  BOOST_TEST(j.at("schema").get<std::string>() == "tapegrad.explain/1");
  BOOST_TEST(j.at("loss").at("name").get<std::string>() == "L");
  BOOST_TEST(j.at("loss").at("value").get<double>() == 4.0);
  BOOST_TEST(j.at("loss").at("node").get<int>() == 5);
  BOOST_TEST(j.at("forward").size() == 6u);
  BOOST_TEST(j.at("backward").size() == 6u);
  BOOST_TEST(j.at("gradient").size() == 2u);
}

BOOST_AUTO_TEST_CASE(forward_steps_name_operands_and_constants) {
  const json j = to_json(one_sample_regression().ex);
  const json& r = j.at("forward").at(4);
  BOOST_TEST(r.at("step").get<int>() == 5);
  BOOST_TEST(r.at("name").get<std::string>() == "r");
  BOOST_TEST(r.at("generated_name").get<bool>() == false);
  BOOST_TEST(r.at("op").get<std::string>() == "sub");
  BOOST_TEST(r.at("operation").get<std::string>() == "2 − ŷ");
  BOOST_TEST(r.at("value").get<double>() == 2.0);
  BOOST_TEST(r.at("operands").at(0).at("constant").get<bool>() == true);
  BOOST_TEST(r.at("operands").at(0).at("value").get<double>() == 2.0);
  BOOST_TEST(r.at("operands").at(1).at("constant").get<bool>() == false);
  BOOST_TEST(r.at("operands").at(1).at("name").get<std::string>() == "ŷ");
  const json& t1 = j.at("forward").at(2);
  BOOST_TEST(t1.at("name").get<std::string>() == "t1");
  BOOST_TEST(t1.at("generated_name").get<bool>() == true);
  BOOST_TEST(t1.at("reaches_loss").get<bool>() == true);
}

BOOST_AUTO_TEST_CASE(backward_steps_carry_rule_numbers_and_products) {
  const json j = to_json(one_sample_regression().ex);
  const json& loss = j.at("backward").at(0);
  BOOST_TEST(loss.at("seed").get<bool>() == true);
  BOOST_TEST(loss.at("adjoint").get<double>() == 1.0);
  const json& outer = loss.at("partials").at(0);
  BOOST_TEST(outer.at("name").get<std::string>() == "r");
  BOOST_TEST(outer.at("rule").get<std::string>() == "b·a^(b−1)");
  BOOST_TEST(outer.at("rule_symbols").get<std::string>() == "2·r");  // the power rule worked out
  BOOST_TEST(outer.at("rule").get<std::string>() == "b·a^(b−1)");
  BOOST_TEST(outer.at("rule_numbers").get<std::string>() == "2·2");
  BOOST_TEST(outer.at("rule_inputs").get<std::string>() == "2(2 − (w1 + w0))");
  BOOST_TEST(outer.at("partial").get<double>() == 4.0);
  BOOST_TEST(outer.at("product").get<double>() == 4.0);
  const json& minus = j.at("backward").at(1).at("partials").at(0);
  BOOST_TEST(minus.at("rule").get<std::string>() == "−1");
  BOOST_TEST(minus.at("partial").get<double>() == -1.0);
  BOOST_TEST(minus.at("adjoint").get<double>() == 4.0);
  BOOST_TEST(minus.at("product").get<double>() == -4.0);
}

BOOST_AUTO_TEST_CASE(sums_where_paths_meet) {
  const json j = to_json(school_parabola().ex);
  const json& x = j.at("backward").back();
  BOOST_TEST(x.at("name").get<std::string>() == "x");
  BOOST_TEST(x.at("adjoint").get<double>() == 6.0);
  BOOST_TEST(x.at("terms").size() == 2u);
  BOOST_TEST(x.at("terms").at(0).at("product").get<double>() == 10.0);
  BOOST_TEST(x.at("terms").at(1).at("product").get<double>() == -4.0);
  BOOST_TEST(x.at("terms").at(1).at("partial").get<double>() == 4.0);
  BOOST_TEST(x.at("terms").at(1).at("adjoint").get<double>() == -1.0);
}

BOOST_AUTO_TEST_CASE(gradient_entries_with_paths) {
  const json j = to_json(one_sample_regression().ex);
  const json& w0 = j.at("gradient").at(0);
  BOOST_TEST(w0.at("name").get<std::string>() == "w0");
  BOOST_TEST(w0.at("gradient").get<double>() == -4.0);
  BOOST_TEST(w0.at("value").get<double>() == 0.0);
  BOOST_TEST(w0.at("path_count").get<double>() == 1.0);
  const json& factors = w0.at("paths").at(0).at("factors");
  BOOST_TEST(factors.size() == 3u);
  BOOST_TEST(factors.at(1).at("of").at("name").get<std::string>() == "r");
  BOOST_TEST(factors.at(1).at("wrt").at("name").get<std::string>() == "ŷ");
  BOOST_TEST(factors.at(1).at("partial").get<double>() == -1.0);
  BOOST_TEST(w0.at("paths").at(0).at("product").get<double>() == -4.0);
}

BOOST_AUTO_TEST_CASE(string_form_parses_back_and_non_finite_numbers_become_null) {
  const auto l = three_layers();
  const json parsed = json::parse(to_json_string(l.ex, -1));
  BOOST_TEST(parsed.at("gradient").at(0).at("gradient").get<double>() == l.ex.gradient.at(0).gradient);
  Explanation ex = l.ex;
  ex.loss_value = std::nan("");
  BOOST_TEST(to_json(ex).at("loss").at("value").is_null());
}

BOOST_AUTO_TEST_CASE(formats_by_name_for_the_command_line) {
  const Explanation ex = one_sample_regression().ex;
  BOOST_TEST(json::parse(render_explanation(ex, explain_format_from_name("json"))).at("schema") ==
             "tapegrad.explain/1");
  BOOST_TEST(render_explanation(ex, explain_format_from_name("text")) == to_text(ex));
  BOOST_TEST(render_explanation(ex, explain_format_from_name("ascii")) == to_text(ex, {.ascii = true}));
  BOOST_TEST(render_explanation(ex, explain_format_from_name("md")) == to_markdown(ex));
  BOOST_TEST(render_explanation(ex, explain_format_from_name("dot")) == to_dot(ex));
  BOOST_CHECK_THROW(explain_format_from_name("pdf"), ExplainError);
}

BOOST_AUTO_TEST_SUITE_END()
