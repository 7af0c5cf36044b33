// SPDX-License-Identifier: MIT
// Golden-text tests of the text (Unicode and ASCII) and Markdown layouts on the lessons. The
// golden files live in tests/autodiff/explain/golden/; golden_file.hpp says how to update them.
#include <boost/test/unit_test.hpp>

#include "tests/autodiff/explain/explain_lessons.hpp"
#include "tests/autodiff/explain/golden_file.hpp"

using namespace tapegrad;
using namespace tapegrad::test;

namespace {
void check_layouts(const std::string& stem, const Explanation& ex) {
  for (const auto& [file, text] :
       {std::pair{stem + ".txt", to_text(ex)}, std::pair{stem + ".ascii.txt", to_text(ex, {.ascii = true})},
        std::pair{stem + ".md", to_markdown(ex)}}) {
    const GoldenResult r = check_golden(file, text);
    BOOST_TEST(r.matches, r.message);
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_golden)

BOOST_AUTO_TEST_CASE(square_of_linear_at_0) { check_layouts("01_square_of_linear_x0", square_of_linear(0).ex); }
BOOST_AUTO_TEST_CASE(square_of_linear_at_10) { check_layouts("01_square_of_linear_x10", square_of_linear(10).ex); }
BOOST_AUTO_TEST_CASE(sine_of_double_layout) { check_layouts("02_sine_of_double", sine_of_double().ex); }
BOOST_AUTO_TEST_CASE(square_of_quadratic_layout) { check_layouts("03_square_of_quadratic", square_of_quadratic().ex); }
BOOST_AUTO_TEST_CASE(three_layers_layout) { check_layouts("04_three_layers", three_layers().ex); }
BOOST_AUTO_TEST_CASE(school_parabola_layout) { check_layouts("05_school_parabola", school_parabola().ex); }
BOOST_AUTO_TEST_CASE(one_sample_regression_layout) {
  check_layouts("06_one_sample_regression", one_sample_regression().ex);
}

BOOST_AUTO_TEST_CASE(one_sample_regression_in_the_lesson_words) {
  check_layouts("07_one_sample_regression_named", one_sample_regression_named().ex);
}
BOOST_AUTO_TEST_CASE(square_of_named_inner_layout) {
  check_layouts("08_square_of_named_inner", square_of_named_inner().ex);
}

BOOST_AUTO_TEST_CASE(ascii_layout_has_no_unicode_symbols) {
  // The lessons' names are ASCII or ŷ (which ASCII spells y_hat), so nothing non-ASCII remains.
  for (const auto& ex : {square_of_quadratic().ex, three_layers().ex, one_sample_regression().ex}) {
    const std::string text = to_text(ex, {.ascii = true});
    bool all_ascii = true;
    for (char c : text) all_ascii = all_ascii && static_cast<unsigned char>(c) < 0x80;
    BOOST_TEST(all_ascii, text);
  }
}

BOOST_AUTO_TEST_CASE(golden_diff_names_the_changed_line) {
  const std::string diff = line_diff("a\nb\nc\n", "a\nB\nc\n");
  BOOST_TEST(diff.find("- b") != std::string::npos);
  BOOST_TEST(diff.find("+ B") != std::string::npos);
  BOOST_TEST(diff.find("  a") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
