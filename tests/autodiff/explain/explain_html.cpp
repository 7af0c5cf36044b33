// SPDX-License-Identifier: MIT
// The HTML class page, checked as a document: one self-contained file whose embedded data are the
// explanation's JSON, with user text escaped and nothing loaded from elsewhere. Its script is
// tested in a real browser by tests/pages/.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "autodiff/explain/html_assets.hpp"
#include "i18n/i18n.hpp"
#include "tests/autodiff/explain/explain_lessons.hpp"

using namespace tapegrad;
using namespace tapegrad::test;

namespace {
// The text of <script type="application/json" id="explain-data">…</script>.
std::string embedded_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"explain-data\">";
  const std::size_t begin = html.find(open);
  if (begin == std::string::npos) return {};
  const std::size_t end = html.find("</script>", begin);
  return html.substr(begin + open.size(), end - begin - open.size());
}
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_html)

BOOST_AUTO_TEST_CASE(is_one_complete_document) {
  const std::string html = to_html(school_parabola().ex);
  BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0u);
  BOOST_TEST(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  BOOST_TEST(html.find("name=\"viewport\"") != std::string::npos);
  BOOST_TEST(html.substr(html.size() - 8) == "</html>\n");
  BOOST_TEST(count(html, "<script") == 2u);  // the data and the page's own script
  BOOST_TEST(count(html, "<style>") == 1u);
}

BOOST_AUTO_TEST_CASE(loads_nothing_from_elsewhere) {
  const std::string html = to_html(one_sample_regression().ex);
  BOOST_TEST(html.find(" src=") == std::string::npos);
  BOOST_TEST(html.find("<link") == std::string::npos);
  BOOST_TEST(html.find("href=") == std::string::npos);
  BOOST_TEST(html.find("@import") == std::string::npos);
  BOOST_TEST(html.find("url(http") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(embeds_the_explanations_json) {
  const auto l = square_of_quadratic();
  const std::string html = to_html(l.ex, {.expression = "(2*x^2 + 4*x + 8)^2", .point = "x = 1"});
  const auto page = nlohmann::json::parse(embedded_data(html));
  BOOST_TEST(page["explanation"] == to_json(l.ex));
  BOOST_TEST(page["expression"] == "(2*x^2 + 4*x + 8)^2");
  BOOST_TEST(page["point"] == "x = 1");
  BOOST_TEST(page["precision"] == l.ex.precision);
  BOOST_TEST(page["explanation"]["gradient"][0]["gradient"] == 224.0);
}

BOOST_AUTO_TEST_CASE(a_name_cannot_end_the_data_script) {
  const auto l = explain_lesson([](Tape& t) {
    const Var x = t.input(1.0, "</script><b>x");
    return 2 * x;
  });
  const std::string html = to_html(l.ex);
  BOOST_TEST(html.find("</script><b>") == std::string::npos);
  const auto page = nlohmann::json::parse(embedded_data(html));
  BOOST_TEST(page["explanation"]["forward"][0]["name"] == "</script><b>x");
}

BOOST_AUTO_TEST_CASE(title_is_escaped) {
  const std::string html = to_html(sine_of_double().ex, {.title = "sin & <cos>"});
  BOOST_TEST(html.find("<title>sin &amp; &lt;cos&gt;</title>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(chosen_by_name_like_the_other_formats) {
  const auto l = square_of_linear(0.0);
  BOOST_TEST((explain_format_from_name("html") == ExplainFormat::html));
  BOOST_TEST(render_explanation(l.ex, ExplainFormat::html) == to_html(l.ex));
}

BOOST_AUTO_TEST_CASE(the_script_reads_only_words_the_page_has) {
  // The script's W.key: a key missing from html_strings.cpp would show "undefined" on the page.
  const auto page = nlohmann::json::parse(embedded_data(to_html(square_of_quadratic().ex)));
  const std::string script = html_page_script;
  const std::regex use(R"(\bW\.([a-z_]+))");
  std::set<std::string> used;
  for (auto it = std::sregex_iterator(script.begin(), script.end(), use); it != std::sregex_iterator(); ++it)
    used.insert((*it)[1].str());
  BOOST_TEST(used.size() > 40u);
  // Over data only (tests/cli/lang_pages.cpp has a page over data): the rows' intro and gaps.
  used.erase("rows_intro");
  used.erase("more_rows");
  for (const auto& key : used) BOOST_TEST(page["words"].contains(key), "the page has no word " + key);
}

BOOST_AUTO_TEST_CASE(its_words_follow_the_language) {
  struct English {  // set_language sets LANGUAGE for the whole process: back to English after
    ~English() { set_language("en"); }
  } restore;
  set_language("ru");
  const std::string html = to_html(square_of_quadratic().ex);
  BOOST_TEST(html.find("<html lang=\"ru\">") != std::string::npos);
  BOOST_TEST(html.find("<title>Правило цепочки, шаг за шагом</title>") != std::string::npos);
  BOOST_TEST(html.find(">Сначала</button>") != std::string::npos);
  const auto words = nlohmann::json::parse(embedded_data(html))["words"];
  BOOST_TEST(words["reveal"] == "Показать");
  BOOST_TEST(words["seed"] == "начальное");  // as the text renderer's "1 (начальное)"
  // An explicit language and title win over the chosen one.
  const std::string en = to_html(square_of_quadratic().ex, {.title = "Урок 3", .lang = "en"});
  BOOST_TEST(en.find("<html lang=\"en\">") != std::string::npos);
  BOOST_TEST(en.find("<title>Урок 3</title>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
