// SPDX-License-Identifier: MIT
// --lang ru|zh: the lessons' worked examples printed in Russian and Chinese through the gettext
// catalogs (po/), compared with golden files in tests/cli/data/lang/ that were checked against the
// lessons' own words. The machine needs no Russian or Chinese locale. To accept new output after
// an intended change, run with TAPEGRAD_UPDATE_GOLDEN=1 and review the files with `git diff`.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/parse_error_text.hpp"
#include "cli/text_table.hpp"
#include "i18n/i18n.hpp"
#include "tests/cli/run_tool.hpp"
#include "tests/test_files.hpp"

using tapegrad::test::contains;
using tapegrad::test::data_dir;
using tapegrad::test::fresh_dir;
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

// The ASCII words of `text` (runs of letters), for checking that a translation left no English
// behind; formulas and option names are the caller's to allow.
std::vector<std::string> ascii_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + ' ') {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

bool has_english(const std::string& text, const std::vector<std::string>& allowed) {
  for (const std::string& w : ascii_words(text))
    if (w.size() > 1 && std::find(allowed.begin(), allowed.end(), w) == allowed.end()) return true;
  return false;
}

const std::vector<std::string> saddle{"hessian", "x^2 - y^2", "--at", "x=0,y=0"};
const std::vector<std::string> bowl{"hessian", "(x-1)^2 + 2*(y+1)^2", "--at", "x=1,y=-1"};

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

BOOST_AUTO_TEST_CASE(lesson_004_hessian_in_russian) {
  const auto r = run_tool(with(saddle, "ru"));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "Матрица Гессе"), r.out);
  BOOST_TEST(contains(r.out, "собственные значения: "), r.out);
  BOOST_TEST(contains(r.out, "седловая точка"), r.out);
  BOOST_TEST(!has_english(r.out, {"H"}), r.out);
  check_golden("004_hessian_saddle.ru.txt", r.out);
  const auto m = run_tool(with(bowl, "ru"));
  BOOST_TEST(contains(m.out, "это минимум"), m.out);
  BOOST_TEST(!has_english(m.out, {"H"}), m.out);
}

BOOST_AUTO_TEST_CASE(lesson_004_hessian_in_chinese) {
  const auto r = run_tool(with(saddle, "zh"));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "黑塞矩阵"), r.out);
  BOOST_TEST(contains(r.out, "鞍点"), r.out);
  BOOST_TEST(!has_english(r.out, {"H"}), r.out);
  check_golden("004_hessian_saddle.zh.txt", r.out);
  const auto m = run_tool(with(bowl, "zh"));
  BOOST_TEST(contains(m.out, "极小值点"), m.out);
}

BOOST_AUTO_TEST_CASE(the_lessons_errors_in_russian_and_chinese) {
  struct Case {
    std::vector<std::string> args;
    std::string ru, zh;
  };
  const std::vector<Case> cases{
      {{"descend", "(w-3)^2", "--at", "w=0", "--lr", "0"}, "скорость обучения должна быть положительной",
       "学习率必须为正数"},
      {{"grad", "w1*x + w0"}, "нужны значения", "需要值"},
      {{"grad", "w1*x + w0", "--at", "W1=1,w0=0", "--with", "x=1"}, "может быть, имелось в виду --at w1=",
       "你是不是想写 --at w1="},
      {{"grad", "x^2", "--at", "x=0,5"}, "запятая здесь десятичная", "小数点"},
      {{"descend", "(sales - w*x)^2", "--at", "w=0", "--data", data_dir + "/icecream.csv"}, "столбцы файла",
       "该文件的列"},
      {{"hessian", "x^2"}, "переменной x нужно значение", "变量 x 需要值"},
  };
  for (const Case& c : cases) {
    const auto ru = run_tool(with(c.args, "ru"));
    BOOST_TEST(ru.code == 2);
    BOOST_TEST(contains(ru.err, ": ошибка: "), ru.err);
    BOOST_TEST(contains(ru.err, c.ru), ru.err);
    const auto zh = run_tool(with(c.args, "zh"));
    BOOST_TEST(contains(zh.err, "错误："), zh.err);
    BOOST_TEST(contains(zh.err, c.zh), zh.err);
  }
}

BOOST_AUTO_TEST_CASE(the_stop_messages_in_russian_and_chinese) {
  const auto ru = run_tool(with(school, "ru"));
  BOOST_TEST(contains(ru.out, "достигнут предел в 3 шага"), ru.out);
  BOOST_TEST(!contains(ru.out, "reached the cap"), ru.out);
  const auto zh = run_tool(with(school, "zh"));
  BOOST_TEST(contains(zh.out, "已达到 3 步的上限"), zh.out);
  const auto grad_tol = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.5", "--grad-tol", "1e-6", "--lang", "ru"});
  BOOST_TEST(contains(grad_tol.out, "на шаге 1"), grad_tol.out);
  const auto diverged = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "1.5", "--steps", "50", "--lang", "zh"});
  BOOST_TEST(contains(diverged.out, "学习率是否太大"), diverged.out);
}

// Lesson 000's hand derivation with its sign error for w0: the checker says, in the lesson's
// words, which partial is wrong and how (the inner derivative −1, the chain rule).
const std::vector<std::string> sign_error{"check", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2",
                                          "--grad", "w0=2*(y - (w1*x + w0))", "--grad", "w1=-2*(y - (w1*x + w0))*x"};
// What may stay in Latin letters in a translated check report: the variables, the column
// abbreviations AD and FD, and the option FdOptions::typical_x is not printed when all is well.
const std::vector<std::string> check_symbols{"w0", "w1", "x", "y", "f", "AD", "FD"};

BOOST_AUTO_TEST_CASE(lesson_000_sign_error_check_in_russian) {
  const auto r = run_tool(with(sign_error, "ru"));
  BOOST_TEST(r.code == 1, r.err);
  BOOST_TEST(contains(r.out, "∂f/∂w0: противоположный знак"), r.out);
  BOOST_TEST(contains(r.out, "внутренняя производная ∂(y − (w1·x + w0))/∂w0 равна −1"), r.out);
  BOOST_TEST(contains(r.out, "правилу цепочки"), r.out);  // lesson 000: «по правилу цепочки»
  BOOST_TEST(contains(r.out, "РУЧНАЯ НЕВЕРНА"), r.out);
  BOOST_TEST(!has_english(r.out, check_symbols), r.out);
  check_golden("000_check_w0.ru.txt", r.out);
}

BOOST_AUTO_TEST_CASE(lesson_000_sign_error_check_in_chinese) {
  const auto r = run_tool(with(sign_error, "zh"));
  BOOST_TEST(r.code == 1, r.err);
  BOOST_TEST(contains(r.out, "∂f/∂w0：符号相反"), r.out);
  BOOST_TEST(contains(r.out, "内层导数 ∂(y − (w1·x + w0))/∂w0 等于 −1"), r.out);
  BOOST_TEST(contains(r.out, "链式法则"), r.out);
  BOOST_TEST(contains(r.out, "偏导数"), r.out);
  BOOST_TEST(!has_english(r.out, check_symbols), r.out);
  check_golden("000_check_w0.zh.txt", r.out);
}

BOOST_AUTO_TEST_CASE(a_right_check_in_chinese_and_its_markdown_in_russian) {
  const std::vector<std::string> right{"check", "x^2 - 4*x + 3", "--at", "x=5", "--grad", "x=2*x - 4"};
  const auto zh = run_tool(with(right, "zh"));
  BOOST_TEST(zh.code == 0, zh.err);
  BOOST_TEST(contains(zh.out, "正确：每个手推的偏导数"), zh.out);
  BOOST_TEST(!has_english(zh.out, {"x", "f", "AD", "FD"}), zh.out);
  auto markdown = with(sign_error, "ru");
  markdown.insert(markdown.end(), {"--format", "markdown"});
  const auto ru = run_tool(markdown);
  BOOST_TEST(contains(ru.out, "## Проверка градиента f"), ru.out);
  BOOST_TEST(contains(ru.out, "### Диагноз"), ru.out);
  BOOST_TEST(contains(ru.out, "— ручная неверна"), ru.out);
  // Markdown names a diagnosis by its kind's identifier too: (opposite_sign).
  BOOST_TEST(!has_english(ru.out, {"w0", "w1", "x", "y", "f", "AD", "FD", "opposite", "sign"}), ru.out);
}

BOOST_AUTO_TEST_CASE(domain_errors_in_russian_and_chinese) {
  const std::vector<std::string> log_of_negative{"grad", "log(x)", "--at", "x=-1"};
  const auto ru = run_tool(with(log_of_negative, "ru"));
  BOOST_TEST(ru.code == 3);
  BOOST_TEST(contains(ru.err, "tapegrad grad: ошибка области определения в log(a = x = -1): вне области "
                              "определения a > 0 (столбец 1)"),
             ru.err);
  const auto zh = run_tool(with(log_of_negative, "zh"));
  BOOST_TEST(zh.code == 3);
  BOOST_TEST(contains(zh.err, "定义域错误，在 log(a = x = -1) 中：超出定义域 a > 0（第 1 列）"), zh.err);
  // In a hand-derived partial, and on a data row.
  const auto hand = run_tool({"check", "x^2", "--at", "x=-1", "--grad", "x=log(x)", "--lang", "ru"});
  BOOST_TEST(hand.code == 3);
  BOOST_TEST(contains(hand.err, "вне области определения a > 0 — в выведенной вручную --grad x=log(x)"), hand.err);
  const auto row = run_tool({"grad", "log(y - w)", "--at", "w=50", "--data", data_dir + "/icecream.csv",
                             "--lang", "zh"});
  BOOST_TEST(row.code == 3);
  BOOST_TEST(contains(row.err, "icecream.csv 的第 1 行数据（x = 20, y = 40）：定义域错误，在 log(a = -10) 中：超出定义域"),
             row.err);
  // Anomaly mode's backward half: an adjoint that overflows, named in the student's language.
  const auto back_ru = run_tool({"grad", "x * 1e200 * 1e200", "--at", "x=1e-300", "--lang", "ru"});
  BOOST_TEST(back_ru.code == 3);
  BOOST_TEST(contains(back_ru.err, "ошибка области определения в обратном проходе, в mul узел 1: сопряжённое "
                                   "'x' (узел 0) становится бесконечным: сопряжённое · производная = 1e+200 · "
                                   "1e+200 — переполнение"),
             back_ru.err);
  const auto back_zh = run_tool({"grad", "x * 1e200 * 1e200", "--at", "x=1e-300", "--lang", "zh"});
  BOOST_TEST(back_zh.code == 3);
  BOOST_TEST(contains(back_zh.err, "反向传播中的定义域错误"), back_zh.err);
  BOOST_TEST(contains(back_zh.err, "'x'（节点 0）的伴随值变为无穷"), back_zh.err);
}

BOOST_AUTO_TEST_CASE(command_line_mistakes_in_russian_and_chinese) {
  struct Case {
    std::vector<std::string> args;
    std::string ru, zh;
  };
  const std::vector<Case> cases{
      {{"grad"}, "tapegrad grad: ошибка: не задано выражение (EXPR)", "tapegrad grad: 错误：缺少表达式（EXPR）"},
      {{}, "tapegrad: ошибка: нужна команда: grad, explain", "需要一个命令"},
      {{"grad", "x", "--at", "x=1", "--bogus"}, "лишний аргумент: --bogus", "多余的参数：--bogus"},
      {{"grad", "x", "y", "--at", "x=1"}, "лишний аргумент: y", "多余的参数：y"},
      {{"check", "x", "--at", "x=1"}, "нужно указать --grad", "必须给出 --grad"},
      {{"descend", "x", "--at", "x=1", "--lr", "nan"}, "--lr: нужно конечное число, а не 'nan'", "必须是有限数"},
      {{"explain", "x", "--at", "x=1", "--format", "pdf"}, "--format: 'pdf' — не одно из {text,markdown",
       "--format：'pdf' 不在 {text,markdown"},
      {{"explain", "x", "--at", "x=1", "--precision", "50"}, "--precision: '50' — не число от 1 до 17",
       "不是 1 到 17 之间的数"},
      {{"grad", "x", "--at", "x=1", "--threads", "0"}, "--threads: '0' — не положительное число", "不是正数"},
      {{"grad", "x", "--at", "x=1", "--name", "1a"}, "имя состоит из латинских букв", "名字由字母"},
  };
  for (const Case& c : cases) {
    const auto ru = run_tool(with(c.args, "ru"));
    BOOST_TEST(ru.code == 2);
    BOOST_TEST(contains(ru.err, c.ru), ru.err);
    BOOST_TEST(contains(ru.err, "параметры команды: `tapegrad"), ru.err);
    const auto zh = run_tool(with(c.args, "zh"));
    BOOST_TEST(zh.code == 2);
    BOOST_TEST(contains(zh.err, c.zh), zh.err);
  }
  // --lr takes a list, read by descend itself (after CLI11): its mistakes are translated too.
  const auto lr_ru = run_tool({"descend", "x", "--at", "x=1", "--lr", "abc", "--lang", "ru"});
  BOOST_TEST(lr_ru.code == 2);
  BOOST_TEST(contains(lr_ru.err, "--lr abc: 'abc' — не число; укажите скорость обучения"), lr_ru.err);
  const auto lr_zh = run_tool({"descend", "x", "--at", "x=1", "--lr", "0.1,0.1", "--lang", "zh"});
  BOOST_TEST(lr_zh.code == 2);
  BOOST_TEST(contains(lr_zh.err, "--lr 0.1,0.1：学习率 0.1 出现了两次"), lr_zh.err);
  // --lang before the mistake, or from LANG, works as well; --json carries the translated message.
  const auto early = run_tool({"--lang", "ru", "grad", "x", "--at", "x=1", "--bogus"});
  BOOST_TEST(contains(early.err, "лишний аргумент: --bogus"), early.err);
  const auto no_value = run_tool({"--lang", "zh", "grad", "x", "--at"});
  BOOST_TEST(no_value.code == 2);
  BOOST_TEST(contains(no_value.err, "tapegrad grad: 错误：--at 需要一个值（NAME=VALUE,...）"), no_value.err);
  const auto from_lang = run_with_lang("zh_CN.UTF-8", {"grad", "x", "--at", "x=1", "--bogus", "--json"});
  BOOST_TEST(contains(from_lang.err, "多余的参数：--bogus"), from_lang.err);
  BOOST_TEST(contains(from_lang.out, "\"kind\":\"usage\""), from_lang.out);
  BOOST_TEST(contains(from_lang.out, "多余的参数：--bogus"), from_lang.out);
  const auto hint = run_tool({"descend", "x", "--at", "x=1", "--optimizer", "sgd", "--lang", "ru"});
  BOOST_TEST(contains(hint.err, "подсказка: обычный градиентный спуск — это --optimizer gd"), hint.err);
  // English keeps CLI11's own words.
  const auto en = run_tool({"grad", "x", "--at", "x=1", "--bogus", "--lang", "en"});
  BOOST_TEST(contains(en.err, "tapegrad grad: error: The following argument was not expected: --bogus"), en.err);
}

// The expression's own mistakes: the sentence translated, the column and the caret as in English.
BOOST_AUTO_TEST_CASE(expression_mistakes_in_russian_and_chinese) {
  const auto ru = run_tool({"grad", "sinn(x) + 1", "--at", "x=1", "--lang", "ru"});
  BOOST_TEST(ru.code == 2);
  BOOST_TEST(contains(ru.err, "tapegrad grad: ошибка: неизвестная функция 'sinn': может быть, 'sin'? (столбец 1)\n"
                              "  sinn(x) + 1\n  ^~~~\n"),
             ru.err);
  const auto zh = run_tool({"grad", "2x(", "--at", "x=1", "--lang", "zh"});
  BOOST_TEST(zh.code == 2);
  BOOST_TEST(contains(zh.err, "tapegrad grad: 错误："), zh.err);
  BOOST_TEST(contains(zh.err, "（第 "), zh.err);
  BOOST_TEST(!has_english(zh.err, {"tapegrad", "grad", "x"}), zh.err);
  const auto equals = run_tool({"grad", "x=1", "--lang", "ru"});
  BOOST_TEST(contains(equals.err, "неожиданный символ '=' (пишите только выражение"), equals.err);
}

// The CSV reader's messages (csv/) and the command's rule for --data headers: the file, line and
// column as in English, the problem and the fix in the chosen language; English by default.
BOOST_AUTO_TEST_CASE(csv_errors_in_russian_and_chinese) {
  const std::string malformed = data_dir + "/malformed.csv";  // line 3 is "2,ten"
  const std::vector<std::string> bad_number{"grad", "x*w + y", "--at", "w=1", "--data", malformed};
  const auto ru = run_tool(with(bad_number, "ru"));
  BOOST_TEST(ru.code == 2);
  BOOST_TEST(contains(ru.err, "tapegrad grad: ошибка: " + malformed +
                                  ":3:3: 'ten' в столбце 'y' — не конечное число; впишите число, например -1.5"),
             ru.err);
  const auto zh = run_tool(with(bad_number, "zh"));
  BOOST_TEST(zh.code == 2);
  BOOST_TEST(contains(zh.err, "tapegrad grad: 错误：" + malformed + ":3:3：列 'y' 中的 'ten' 不是有限数；填入一个数"),
             zh.err);
  auto json = with(bad_number, "zh");
  json.push_back("--json");
  const auto j = run_tool(json);
  BOOST_TEST(contains(j.out, "\"kind\":\"data\""), j.out);
  BOOST_TEST(contains(j.out, "列 'y' 中的 'ten' 不是有限数"), j.out);
  const auto en = run_tool(bad_number);
  BOOST_TEST(en.code == 2);
  BOOST_TEST(contains(en.err, "tapegrad grad: error: " + malformed +
                                  ":3:3: 'ten' in column 'y' is not a finite number; write a number such as -1.5"),
             en.err);

  const std::filesystem::path dir = fresh_dir("lang_output_csv");
  const auto csv = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  struct Case {
    std::string file;
    std::string ru, zh, en;
  };
  const std::vector<Case> cases{
      {(dir / "missing.csv").string(), ": не удаётся открыть файл для чтения (", "：无法打开文件进行读取（",
       ": cannot open the file for reading ("},
      {csv("twice.csv", "x,x\n1,2\n"), ":1:3: имя столбца 'x' встречается в заголовке дважды; переименуйте один из двух столбцов",
       ":1:3：列名 'x' 在表头中出现了两次；给这两列中的一列改名",
       ":1:3: the column name 'x' appears twice in the header; rename one of the two columns"},
      {csv("wide.csv", "x,y\n1,2,3\n"), ":2:5: 3 поля, а в заголовке 2 столбца; во всех строках должно быть одинаковое число полей",
       ":2:5：3 个字段，但表头有 2 列；每一行的字段数必须相同", ":2:5: 3 fields, but the header has 2 columns; every line needs"},
      {csv("empty_field.csv", "x,y\n1,2\n,3\n"), ":3:1: пустое поле в столбце 'x'; впишите число или удалите строку",
       ":3:1：列 'x' 中有空字段；填入一个数，或删去这一行", ":3:1: empty field in column 'x'; write a number, or remove the row"},
      {csv("function.csv", "x,sin\n1,2\n"), ":1:3: имя столбца 'sin' — имя функции; переименуйте столбец",
       ":1:3：列名 'sin' 是函数名；请给这一列改名", ":1:3: the column name 'sin' is a function name; rename the column"},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> args{"grad", "x*w", "--at", "w=1", "--data", c.file};
    const auto r = run_tool(with(args, "ru"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, "tapegrad grad: ошибка: " + c.file + c.ru), r.err);
    const auto z = run_tool(with(args, "zh"));
    BOOST_TEST(z.code == 2);
    BOOST_TEST(contains(z.err, "tapegrad grad: 错误：" + c.file + c.zh), z.err);
    const auto e = run_tool(args);
    BOOST_TEST(e.code == 2);
    BOOST_TEST(contains(e.err, "tapegrad grad: error: " + c.file + c.en), e.err);
  }
}

// optim's messages: the --history file that cannot be written, and an optimizer's option out of
// range (CLI11 does not check --beta1 < 1; Adam does).
BOOST_AUTO_TEST_CASE(history_file_and_optimizer_errors_in_russian_and_chinese) {
  const std::string history = data_dir + "/icecream.csv/steps.csv";  // its folder is a file
  const std::vector<std::string> args{"descend", "(w-3)^2", "--at", "w=0", "--steps", "3", "--history", history};
  const auto ru = run_tool(with(args, "ru"));
  BOOST_TEST(ru.code == 2);
  BOOST_TEST(contains(ru.err, "tapegrad descend: ошибка: CSV-файл истории: не удаётся открыть '" + history +
                                  "' для записи: проверьте, что его папка существует и доступна для записи"),
             ru.err);
  const auto zh = run_tool(with(args, "zh"));
  BOOST_TEST(zh.code == 2);
  BOOST_TEST(contains(zh.err, "tapegrad descend: 错误：历史记录 CSV：无法打开 '" + history +
                                  "' 进行写入：检查它所在的文件夹是否存在且可写"),
             zh.err);
  const auto en = run_tool(args);
  BOOST_TEST(en.code == 2);
  BOOST_TEST(contains(en.err, "tapegrad descend: error: history CSV: cannot open '" + history +
                                  "' for writing: check that its folder exists and is writable"),
             en.err);

  const std::vector<std::string> beta{"descend", "(w-3)^2", "--at", "w=0", "--optimizer", "adam", "--beta1", "1"};
  BOOST_TEST(contains(run_tool(with(beta, "ru")).err, "tapegrad descend: ошибка: Adam: beta1 = 1 должно быть < 1"));
  BOOST_TEST(contains(run_tool(with(beta, "zh")).err, "tapegrad descend: 错误：Adam：beta1 = 1 必须 < 1"));
  BOOST_TEST(contains(run_tool(beta).err, "tapegrad descend: error: Adam: beta1 = 1 must be < 1"));
}

// descend --plot's own mistakes (cli/descent_plot.cpp) follow --lang too.
BOOST_AUTO_TEST_CASE(plot_file_mistakes_in_russian_and_chinese) {
  const std::vector<std::string> args{"descend", "(w-3)^2", "--at", "w=0", "--steps", "2", "--plot", "descent.pdf"};
  const auto ru = run_tool(with(args, "ru"));
  BOOST_TEST(ru.code == 2);
  BOOST_TEST(contains(ru.err, "--plot descent.pdf: имя файла рисунка должно оканчиваться на .svg или .png"), ru.err);
  const auto zh = run_tool(with(args, "zh"));
  BOOST_TEST(contains(zh.err, "--plot descent.pdf：图片的文件名必须以 .svg 或 .png 结尾"), zh.err);
  BOOST_TEST(contains(run_tool(args).err, "--plot descent.pdf: the picture's file name must end in .svg or .png"));
}

// CLI11's rarer error forms, read back in-process: each keeps its option name and numbers, and a
// form tapegrad does not know keeps CLI11's English rather than a guess.
BOOST_AUTO_TEST_CASE(cli11_error_forms_in_russian) {
  using tapegrad::cli::parse_error_text;
  // set_language("ru") sets LANGUAGE, which the commands run after this test would inherit.
  const char* language = std::getenv("LANGUAGE");
  const bool had_language = language != nullptr;
  const std::string saved = had_language ? language : "";
  tapegrad::set_language("ru");
  BOOST_TEST(parse_error_text(CLI::ArgumentMismatch("--lr", 1, 2)) == "--lr: ожидалось значений: 1, задано: 2");
  BOOST_TEST(parse_error_text(CLI::ArgumentMismatch::AtLeast("--at", 1, 0)) == "--at: ожидалось значений: 1, задано: 0");
  BOOST_TEST(parse_error_text(CLI::ArgumentMismatch::FlagOverride("--json")) == "--json — флаг, значение ему не задаётся");
  BOOST_TEST(parse_error_text(CLI::RequiredError::Subcommand(1)) ==
             "нужна команда: grad, explain, check, hessian или descend");
  BOOST_TEST(parse_error_text(CLI::ExtrasError({"a", "b"})) == "лишние аргументы: b a");
  BOOST_TEST(parse_error_text(CLI::RequiresError("--min-delta", "--patience")) == "--min-delta requires --patience");
  tapegrad::set_language("en");
  if (had_language) setenv("LANGUAGE", saved.c_str(), 1); else unsetenv("LANGUAGE");
  BOOST_TEST(parse_error_text(CLI::ArgumentMismatch("--lr", 1, 2)) == "Expected exactly 1 arguments to --lr, got 2");
}

BOOST_AUTO_TEST_CASE(the_stop_kind_is_a_word_in_text_and_an_identifier_in_json) {
  const auto ru = run_tool(with(school, "ru"));
  BOOST_TEST(contains(ru.out, "остановка (предел шагов): достигнут предел в 3 шага"), ru.out);
  const auto zh = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.5", "--grad-tol", "1e-6", "--lang", "zh"});
  BOOST_TEST(contains(zh.out, "停止（停止规则）："), zh.out);
  auto json = with(school, "ru");
  json.push_back("--json");
  const auto j = run_tool(json);
  BOOST_TEST(contains(j.out, "\"kind\":\"max_steps\""), j.out);
  BOOST_TEST(contains(j.out, "достигнут предел в 3 шага"), j.out);  // the message follows --lang
  const auto en = run_tool(school);
  BOOST_TEST(contains(en.out, "stopped (max_steps): reached the cap of 3 steps"), en.out);
}

// --help follows --lang (before or after the command, or from LANG) like everything else: the
// descriptions, the footers and CLI11's own labels; option names, commands and formulas stay.
BOOST_AUTO_TEST_CASE(the_help_in_russian_and_chinese) {
  const auto top_ru = run_tool({"--lang", "ru", "--help"});
  BOOST_TEST(top_ru.code == 0, top_ru.err);
  BOOST_TEST(contains(top_ru.out, "точные производные"), top_ru.out);
  BOOST_TEST(contains(top_ru.out, "Использование: tapegrad [ОПЦИИ] КОМАНДА"), top_ru.out);
  BOOST_TEST(contains(top_ru.out, "Коды выхода"), top_ru.out);
  BOOST_TEST(contains(top_ru.out, "tapegrad grad 'x^2 - 4*x + 3' --at x=5"), top_ru.out);  // an example stays
  BOOST_TEST(contains(top_ru.out, "градиентный спуск (или другой оптимизатор)"), top_ru.out);  // the commands' list
  BOOST_TEST(!contains(top_ru.out, "Exit codes"), top_ru.out);
  BOOST_TEST(!contains(top_ru.out, "OPTIONS"), top_ru.out);

  const auto top_zh = run_tool({"--help", "--lang=zh"});
  BOOST_TEST(top_zh.code == 0, top_zh.err);
  BOOST_TEST(contains(top_zh.out, "用法: tapegrad [选项] 子命令"), top_zh.out);
  BOOST_TEST(contains(top_zh.out, "反向模式自动微分"), top_zh.out);
  BOOST_TEST(contains(top_zh.out, "退出码"), top_zh.out);
  BOOST_TEST(contains(top_zh.out, "显示此帮助信息并退出"), top_zh.out);

  const auto descend_ru = run_tool({"--lang", "ru", "descend", "--help"});
  BOOST_TEST(descend_ru.code == 0, descend_ru.err);
  BOOST_TEST(contains(descend_ru.out, "Использование: tapegrad descend [ОПЦИИ] EXPR"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "Позиционные аргументы:"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "Опции:"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "--lr ETA[,ETA...]"), descend_ru.out);  // the option's name stays
  BOOST_TEST(contains(descend_ru.out, "скорость обучения η"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "градиентный спуск"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "Пример (урок 000):"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "tapegrad descend 'x^2 - 4*x + 3' --at x=5 --lr 0.1 --steps 3"), descend_ru.out);
  BOOST_TEST(!contains(descend_ru.out, "the learning rate"), descend_ru.out);
  BOOST_TEST(contains(descend_ru.out, "остановиться, когда ‖x_t − x_{t−1}‖ ≤ EPS"), descend_ru.out);  // {{ }} in the catalog

  const auto descend_zh = run_tool({"descend", "--help", "--lang", "zh"});
  BOOST_TEST(descend_zh.code == 0, descend_zh.err);
  BOOST_TEST(contains(descend_zh.out, "用法: tapegrad descend [选项] EXPR"), descend_zh.out);
  BOOST_TEST(contains(descend_zh.out, "选项:"), descend_zh.out);
  BOOST_TEST(contains(descend_zh.out, "--lr ETA[,ETA...]"), descend_zh.out);
  BOOST_TEST(contains(descend_zh.out, "学习率 η"), descend_zh.out);
  BOOST_TEST(contains(descend_zh.out, "梯度下降"), descend_zh.out);
  BOOST_TEST(!contains(descend_zh.out, "the learning rate"), descend_zh.out);

  const auto grad_lang = run_with_lang("ru_RU.UTF-8", {"grad", "--help"});
  BOOST_TEST(contains(grad_lang.out, "частная производная по каждой переменной"), grad_lang.out);
  BOOST_TEST(contains(grad_lang.out, "ОБЯЗАТЕЛЬНО"), grad_lang.out);  // EXPR's label
  BOOST_TEST(contains(grad_lang.out, "с --json: {\"value\":8.0,\"gradient\":{\"x\":6.0},...}"), grad_lang.out);
}

// Without --lang (and with LANG=C) the help is CLI11's English, word for word as before.
BOOST_AUTO_TEST_CASE(the_help_in_english_is_unchanged) {
  const auto top = run_with_lang("C", {"--help"});
  BOOST_TEST(top.code == 0, top.err);
  BOOST_TEST(contains(top.out, "tapegrad: exact derivatives of formulas written as text, by reverse-mode automatic\n"
                               "differentiation on a tape. Quote the expression for the shell.\n"
                               "Usage: tapegrad [OPTIONS] SUBCOMMAND\n"), top.out);
  BOOST_TEST(contains(top.out, "Options:\n  -h,--help"), top.out);
  BOOST_TEST(contains(top.out, "Print this help message and exit"), top.out);
  BOOST_TEST(contains(top.out, "Subcommands:\n"), top.out);
  BOOST_TEST(contains(top.out, "Exit codes: 0 ok"), top.out);
  const auto descend = run_with_lang("C", {"descend", "--help"});
  BOOST_TEST(contains(descend.out, "Usage: tapegrad descend [OPTIONS] EXPR\n"), descend.out);
  BOOST_TEST(contains(descend.out, "Positionals:\n  EXPR TEXT REQUIRED"), descend.out);
  BOOST_TEST(contains(descend.out, "the learning rate η (default: the optimizer's, 0.01 for gd)"), descend.out);
  BOOST_TEST(contains(descend.out, "Example (lesson 000):"), descend.out);
  BOOST_TEST(contains(descend.out, "stop when ‖x_t − x_{t−1}‖ ≤ EPS"), descend.out);
  const auto en = run_with_lang("ru_RU.UTF-8", {"--lang", "en", "descend", "--help"});
  BOOST_TEST(en.out == descend.out);
}

// A Chinese character takes two terminal columns: tables count it so, and its column lines up.
BOOST_AUTO_TEST_CASE(wide_characters_count_two_columns) {
  using tapegrad::cli::display_width;
  BOOST_TEST(display_width("abc") == 3u);
  BOOST_TEST(display_width("∂L/∂ŷ") == 5u);
  BOOST_TEST(display_width("步") == 2u);
  BOOST_TEST(display_width("学习率 0.1") == 10u);
  BOOST_TEST(display_width("ｘ") == 2u);        // fullwidth form
  BOOST_TEST(display_width("한") == 2u);        // Hangul syllable
  BOOST_TEST(display_width("\xF0\xA0\x80\x80") == 2u);  // U+20000, CJK extension B
  BOOST_TEST(display_width("\xFF") == 1u);     // a malformed byte
  tapegrad::cli::TextTable table({"步", "x"});
  table.add_row({"10", "4.4"});
  std::ostringstream out;
  table.print(out);
  BOOST_TEST(out.str() == "步    x\n──  ───\n10  4.4\n");
  BOOST_TEST(tapegrad::cli::shorten("梯度下降", 5) == "梯度…");
}

BOOST_AUTO_TEST_SUITE_END()
