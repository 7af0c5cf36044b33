// SPDX-License-Identifier: MIT
// --lang ru|zh reaches the two explain renderers that draw rather than print: the class page
// (--format html: its words, embedded for its script, and its skeleton) and the DOT graph (its
// legend, node labels, the products on the arrows and the frames of a loss over data).
// tests/pages/explain_pages.test.js opens the pages in a browser; this checks what the command writes.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::data_dir;
using tapegrad::test::run_tool;

namespace {

const std::vector<std::string> regression{"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0",
                                          "--with", "x=1,y=2"};

std::vector<std::string> with(std::vector<std::string> args, std::initializer_list<std::string> more) {
  args.insert(args.end(), more);
  return args;
}

// The ASCII words of two letters or more in `text` that `allowed` does not list: English a
// translation left behind (names such as w0 or t1 split into single letters and pass).
std::vector<std::string> english_words(const std::string& text, const std::vector<std::string>& allowed = {}) {
  std::vector<std::string> found;
  std::string word;
  for (char c : text + ' ') {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    if (word.size() > 1 && std::find(allowed.begin(), allowed.end(), word) == allowed.end())
      found.push_back(word);
    word.clear();
  }
  return found;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// What the DOT text shows a reader: every label="…" and the legend's <font …>…</font>.
std::string dot_labels(const std::string& dot) {
  std::string out;
  for (std::size_t at = dot.find("label=\""); at != std::string::npos; at = dot.find("label=\"", at)) {
    at += 7;
    const std::size_t end = dot.find('"', at);
    out += dot.substr(at, end - at) + "\n";
  }
  const std::size_t font = dot.find("<font point-size=\"11\">");
  if (font != std::string::npos) {
    const std::size_t begin = dot.find('>', font) + 1;
    std::string legend = dot.substr(begin, dot.find("</font>", begin) - begin);
    for (std::size_t br = legend.find("<br/>"); br != std::string::npos; br = legend.find("<br/>"))
      legend.replace(br, 5, "\n");
    out += legend + "\n";
  }
  return out;
}

// The class page's own words, as the command embedded them for the page's script.
nlohmann::json page_words(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"explain-data\">";
  const std::size_t begin = html.find(open) + open.size();
  return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin)).at("words");
}

// Every text of the page's words (the per-count ones too), one a line.
std::string all_texts(const nlohmann::json& words) {
  std::string out;
  for (const auto& [key, value] : words.items()) {
    if (value.is_object())
      for (const auto& [count, text] : value.items()) out += text.get<std::string>() + "\n";
    else
      out += value.get<std::string>() + "\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lang_pages)

BOOST_AUTO_TEST_CASE(the_dot_graph_in_russian) {
  const auto r = run_tool(with(regression, {"--format", "dot", "--products", "--lang", "ru"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "прямоугольник: имя = операция, его значение (прямой проход) и его сопряжённое ∂f/∂имя"),
             r.out);
  BOOST_TEST(contains(r.out, "стрелка: значение входит в операцию; её подпись — локальная производная ∂узел/∂вход"),
             r.out);
  BOOST_TEST(contains(r.out, "несёт: сопряжённое · производная"), r.out);
  BOOST_TEST(contains(r.out, "label=\"w0 (вход)\\nзначение 0\\nсопряжённое −4\""), r.out);
  BOOST_TEST(contains(r.out, "сопряжённое нет (заданное значение, оно не меняется)"), r.out);  // x and y
  BOOST_TEST(contains(r.out, "label=\"∂f/∂t3 = 4\\nнесёт 1 · 4 = 4\""), r.out);
  const auto left = english_words(dot_labels(r.out));
  BOOST_TEST(left.empty(), "English in the DOT labels: " + joined(left) + "\n" + r.out);
}

BOOST_AUTO_TEST_CASE(the_dot_graph_over_data_in_chinese) {
  const auto r = run_tool({"explain", "(y - w*x)^2", "--data", data_dir + "/icecream.csv", "--at", "w=1",
                           "--format", "dot", "--lang", "zh"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "label=\"第 1 行（共 4 行），完整展开\""), r.out);
  BOOST_TEST(contains(r.out, "label=\"全部 4 行\""), r.out);
  BOOST_TEST(contains(r.out, "方框：名称 = 运算"), r.out);
  BOOST_TEST(contains(r.out, "\\n值 20\\n伴随值 无（已知值，保持不变）\""), r.out);  // x = 20, given
  // The term's name, loss_i, is a name (--name chooses it), not a word to translate.
  const auto left = english_words(dot_labels(r.out), {"loss"});
  BOOST_TEST(left.empty(), "English in the DOT labels: " + joined(left) + "\n" + r.out);
}

BOOST_AUTO_TEST_CASE(the_class_page_in_chinese) {
  const auto r = run_tool(with(regression, {"--format", "html", "--lang", "zh"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "<html lang=\"zh\">"), r.out.substr(0, 200));
  BOOST_TEST(contains(r.out, "<title>链式法则，一步一步</title>"));
  BOOST_TEST(contains(r.out, "aria-keyshortcuts=\"ArrowRight\" class=\"primary\">下一步 &#9654;</button>"));
  BOOST_TEST(contains(r.out, "<h2 id=\"step-heading\">反向传播，一次一步</h2>"));
  BOOST_TEST(contains(r.out, "<footer class=\"page-foot\">按键：<kbd>&#8594;</kbd> 下一步"));
  const nlohmann::json words = page_words(r.out);
  BOOST_TEST(words.at("not_yet").get<std::string>() == "还不对：{} 不等于 {}。再试一次，或按“显示答案”。");
  BOOST_TEST(words.at("progress").get<std::string>() == "第 {} 步，共 {} 步");
  BOOST_TEST(words.at("seed_why").get<std::string>() == "初值：{} 相对自身的变化率为 1");
  // Every word of the page is Chinese: only the legend's <b> and the rule's a, b, y are Latin.
  const auto left = english_words(all_texts(words), {"JavaScript"});
  BOOST_TEST(left.empty(), "English among the page's words: " + joined(left));
}

BOOST_AUTO_TEST_CASE(the_class_page_in_russian_counts_its_arrows_in_russian) {
  // Lesson 003's square of a quadratic: x feeds two arrows, t4 passes its adjoint down two.
  const auto r = run_tool({"explain", "(2*x^2 + 4*x + 8)^2", "--at", "x=1", "--format", "html", "--lang", "ru"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "<html lang=\"ru\">"));
  BOOST_TEST(contains(r.out, ">Проверь себя</button>"));
  const nlohmann::json words = page_words(r.out);
  BOOST_TEST(words.at("arrows").at("1").get<std::string>() == "{} передаёт своё сопряжённое вниз по {} стрелке:");
  BOOST_TEST(words.at("arrows").at("2").get<std::string>() == "{} передаёт своё сопряжённое вниз по {} стрелкам:");
  BOOST_TEST(words.at("graph_title").get<std::string>() == "Граф {}: {} узлов, входы внизу, {} наверху");  // 7 nodes
  const auto left = english_words(all_texts(words), {"JavaScript"});
  BOOST_TEST(left.empty(), "English among the page's words: " + joined(left));
}

BOOST_AUTO_TEST_CASE(the_class_page_over_data_in_russian) {
  const auto r = run_tool({"explain", "(y - w*x)^2", "--data", data_dir + "/icecream.csv", "--at", "w=1",
                           "--format", "html", "--lang", "ru"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const nlohmann::json words = page_words(r.out);
  // 4 rows: "из 4 строк" (the genitive plural), not "из 4 строки".
  BOOST_TEST(words.at("rows_intro").get<std::string>() ==
             "Шаги выше — строка {} из {} строк данных {} (её функция потерь — {}); каждая строка проходит те же "
             "шаги со своими значениями.");
  BOOST_TEST(words.at("rows_sum").get<std::string>() == "Сумма по строкам: {} = {}Σ {}");
}

BOOST_AUTO_TEST_CASE(the_class_page_in_english_by_default) {
  const auto r = run_tool(with(regression, {"--format", "html", "--lang", "en"}));
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "<html lang=\"en\">"));
  BOOST_TEST(contains(r.out, "<title>The chain rule, step by step</title>"));
  BOOST_TEST(page_words(r.out).at("next").get<std::string>() == "Next");
}

BOOST_AUTO_TEST_SUITE_END()
