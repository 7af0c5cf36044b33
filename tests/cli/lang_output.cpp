// SPDX-License-Identifier: MIT
// --lang ru|zh: the lessons' worked examples printed in Russian and Chinese through the gettext
// catalogs (po/), compared with golden files in tests/cli/data/lang/ that were checked against the
// lessons' own words. The machine needs no Russian or Chinese locale. To accept new output after
// an intended change, run with TAPEGRAD_UPDATE_GOLDEN=1 and review the files with `git diff`.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::data_dir;
using tapegrad::test::run_tool;

namespace {

// Compares `text` with tests/cli/data/lang/NAME (or rewrites it under TAPEGRAD_UPDATE_GOLDEN).
void check_golden(const std::string& name, const std::string& text) {
  const std::string path = data_dir + "/lang/" + name;
  if (const char* update = std::getenv("TAPEGRAD_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream(path) << text;
    return;
  }
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.good(), "missing golden file " + path);
  std::stringstream expected;
  expected << in.rdbuf();
  BOOST_TEST(text == expected.str(), name + ": the output differs from the golden file:\n" + text);
}

// Runs the command with LANG set as a Russian or Chinese user's shell would (LANGUAGE unset).
tapegrad::test::ToolResult run_with_lang(const std::string& lang, const std::vector<std::string>& args) {
  const char* old_lang = std::getenv("LANG");
  const char* old_language = std::getenv("LANGUAGE");
  const std::string saved_lang = old_lang ? old_lang : "", saved_language = old_language ? old_language : "";
  setenv("LANG", lang.c_str(), 1);
  unsetenv("LANGUAGE");
  const auto r = run_tool(args);
  if (old_lang) setenv("LANG", saved_lang.c_str(), 1); else unsetenv("LANG");
  if (old_language) setenv("LANGUAGE", saved_language.c_str(), 1);
  return r;
}

const std::vector<std::string> regression{"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0",
                                          "--with", "x=1,y=2", "--name", "L"};
const std::vector<std::string> school{"descend", "x^2 - 4*x + 3", "--at", "x=5", "--lr", "0.1", "--steps", "3"};
const std::vector<std::string> update_rule{"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "4", "--name", "L"};
const std::vector<std::string> dolls{"explain", "u := 3*x + 5; u^2", "--at", "x=0"};

std::vector<std::string> with(std::vector<std::string> args, const std::string& lang) {
  args.push_back("--lang");
  args.push_back(lang);
  return args;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lang_output)

BOOST_AUTO_TEST_CASE(lesson_000_regression_in_russian) {
  const auto r = run_tool(with(regression, "ru"));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "правило цепочки"), r.out);  // lesson 000's words
  check_golden("000_regression.ru.txt", r.out);
}

BOOST_AUTO_TEST_CASE(lesson_000_nested_dolls_in_russian) {
  const auto r = run_tool(with(dolls, "ru"));
  BOOST_TEST(contains(r.out, "внешняя: ∂f/∂u = 2·u = 2(3x + 5)"), r.out);
  check_golden("000_dolls.ru.txt", r.out);
}

BOOST_AUTO_TEST_CASE(lesson_000_school_minimum_descent_in_russian) {
  const auto r = run_tool(with(school, "ru"));
  BOOST_TEST(contains(r.out, "градиентный спуск"), r.out);
  BOOST_TEST(contains(r.out, "скорость обучения 0.1"), r.out);
  BOOST_TEST(contains(r.out, "не более 3 шагов"), r.out);
  check_golden("000_descent.ru.txt", r.out);
}

BOOST_AUTO_TEST_CASE(lesson_001_update_rule_in_chinese) {
  const auto r = run_tool(with(update_rule, "zh"));
  BOOST_TEST(contains(r.out, "梯度下降"), r.out);
  BOOST_TEST(contains(r.out, "学习率 0.1"), r.out);
  BOOST_TEST(contains(r.out, "1.08 − 0.1·(−3.84) = 1.464"), r.out);
  check_golden("001_descent.zh.txt", r.out);
}

BOOST_AUTO_TEST_CASE(lesson_000_regression_in_chinese) {
  const auto r = run_tool(with(regression, "zh"));
  BOOST_TEST(contains(r.out, "链式法则"), r.out);
  check_golden("000_regression.zh.txt", r.out);
}

BOOST_AUTO_TEST_CASE(the_language_comes_from_lang) {
  const auto ru = run_with_lang("ru_RU.UTF-8", school);
  BOOST_TEST(contains(ru.out, "градиентный спуск"), ru.out);
  const auto zh = run_with_lang("zh_CN.UTF-8", school);
  BOOST_TEST(contains(zh.out, "梯度下降"), zh.out);
  const auto en = run_with_lang("C.UTF-8", school);
  BOOST_TEST(contains(en.out, "gradient descent"), en.out);
}

BOOST_AUTO_TEST_CASE(lang_en_overrides_lang) {
  const auto r = run_with_lang("ru_RU.UTF-8", with(school, "en"));
  BOOST_TEST(contains(r.out, "gradient descent"), r.out);
}

BOOST_AUTO_TEST_CASE(an_unknown_language_is_a_usage_error) {
  const auto r = run_tool(with(school, "de"));
  BOOST_TEST(r.code == 2);
}

BOOST_AUTO_TEST_CASE(the_oscillation_warning_in_chinese) {
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "1", "--steps", "8", "--lang", "zh"});
  BOOST_TEST(contains(r.out, "警告：参数来回跳动"), r.out);
  BOOST_TEST(contains(r.out, "学习率 1 太大"), r.out);
}

BOOST_AUTO_TEST_SUITE_END()
