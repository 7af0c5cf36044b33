// SPDX-License-Identifier: MIT
// CSV loading through the shared reader: numbers land in the right place, the target is chosen
// by name or index, class labels are checked, and each kind of malformed input names its line and
// column (the character column; field() is the CSV column).
#include <boost/test/unit_test.hpp>

#include "models/dataset.hpp"
#include "models/errors.hpp"

namespace tt = boost::test_tools;
using namespace tapegrad::models;

namespace {
// Runs parse_csv_string expecting a CsvError and returns it.
CsvError csv_error(const std::string& text, const CsvOptions& options = {}) {
  try {
    parse_csv_string(text, options);
  } catch (const CsvError& e) {
    return e;
  }
  BOOST_FAIL("no CsvError for: " + text);
  throw;  // unreachable
}
}  // namespace

BOOST_AUTO_TEST_SUITE(csv_loading)

BOOST_AUTO_TEST_CASE(last_column_is_the_target_by_default) {
  const Dataset d = parse_csv_string("temp,sales\n20,40\n25,70\n30,100\n35,140\n");
  BOOST_TEST(d.samples() == 4);
  BOOST_TEST(d.features() == 1);
  BOOST_TEST(d.x(2, 0) == 30.0);
  BOOST_TEST(d.y[3] == 140.0);
  BOOST_TEST(d.feature_names.at(0) == "temp");
  BOOST_TEST(d.target_name == "sales");
}

BOOST_AUTO_TEST_CASE(target_by_name_in_the_middle) {
  const Dataset d = parse_csv_string("a, label ,b\n1,0,2.5\n3,1,-4e-1\n", {.target = "label"});
  BOOST_TEST(d.features() == 2);
  BOOST_TEST(d.x(1, 1) == -0.4);
  BOOST_TEST(d.y[1] == 1.0);
  BOOST_TEST((d.feature_names == std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(no_header_and_no_target) {
  const Dataset d = parse_csv_string("1;2\r\n\n3;4\r\n", {.delimiter = ';', .header = false,
                                                           .target_column = -2});
  BOOST_TEST(d.samples() == 2);
  BOOST_TEST(d.features() == 2);
  BOOST_TEST(d.y.size() == 0);
  BOOST_TEST(d.x(1, 0) == 3.0);
  BOOST_TEST(d.feature_names.at(1) == "x1");
}

BOOST_AUTO_TEST_CASE(a_word_where_a_number_belongs_names_line_and_column) {
  const CsvError e = csv_error("a,b,c\n1,2,3\n4,five,6\n");
  BOOST_TEST(e.line() == 3u);
  BOOST_TEST(e.field() == 2u);
  BOOST_TEST(e.column() == 3u);
  BOOST_TEST(e.problem() == "'five' in column 'b' is not a finite number");
  BOOST_TEST(std::string(e.what()).starts_with("<string>:3:3: 'five' in column 'b'"));
}

BOOST_AUTO_TEST_CASE(a_short_line_names_its_line) {
  const CsvError e = csv_error("a,b,c\n1,2,3\n\n4,5\n");
  BOOST_TEST(e.line() == 4u);  // the blank line 3 is skipped but still counted
  BOOST_TEST(e.field() == 0u);  // the whole line is at fault
  BOOST_TEST(std::string(e.what()).find("2 fields, but the header has 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_field_and_trailing_garbage) {
  BOOST_TEST(csv_error("a,b\n1,\n").field() == 2u);
  BOOST_TEST(csv_error("a,b\n1,2\n3x,4\n").line() == 3u);
  BOOST_TEST(csv_error("a,b\n1,2\n3x,4\n").field() == 1u);
}

BOOST_AUTO_TEST_CASE(empty_input_and_unknown_target) {
  BOOST_TEST(csv_error("").line() == 1u);
  const CsvError e = csv_error("a,b\n1,2\n", {.target = "price"});
  BOOST_TEST(e.line() == 1u);
  BOOST_TEST(std::string(e.what()).find("no column named 'price'; the columns are a, b") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_file_names_the_path) {
  BOOST_CHECK_EXCEPTION(load_csv("/nonexistent/tapegrad.csv"), CsvError, [](const CsvError& e) {
    return e.line() == 0u && e.source() == "/nonexistent/tapegrad.csv";
  });
}

BOOST_AUTO_TEST_CASE(a_label_outside_the_classes_names_its_line_and_column) {
  const CsvError e = csv_error("a,label\n1,0\n2,7\n", {.target = "label", .classes = 3});
  BOOST_TEST(e.line() == 3u);
  BOOST_TEST(e.column() == 3u);
  BOOST_TEST(e.problem() == "'7' in the target column 'label' is not a class label 0…2");
  for (const std::string bad : {"1.5", "-1", "3"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_TEST(csv_error("a,label\n1," + bad + "\n", {.target = "label", .classes = 3}).line() == 2u);
    }
  }
  BOOST_TEST(parse_csv_string("a,label\n1,2\n", {.target = "label", .classes = 3}).y[0] == 2.0);
}

BOOST_AUTO_TEST_CASE(classes_without_a_target_is_a_model_error) {
  BOOST_CHECK_THROW(parse_csv_string("a,b\n1,2\n", {.target_column = -2, .classes = 2}), ModelError);
}

BOOST_AUTO_TEST_CASE(every_models_error_is_a_tapegrad_error) {
  BOOST_CHECK_THROW(parse_csv_string("a,b\n1,x\n"), tapegrad::Error);
  BOOST_CHECK_THROW(parse_csv_string("a,b\n1,2\n", {.target_column = 5}), tapegrad::Error);
}

BOOST_AUTO_TEST_CASE(shipped_data_sets_have_their_documented_shapes) {
  const Dataset digits = load_csv(TAPEGRAD_DATA_DIR "/digits.csv", {.target = "digit", .classes = 10});
  BOOST_TEST(digits.samples() == 1797);
  BOOST_TEST(digits.features() == 64);
  BOOST_TEST(digits.x.minCoeff() == 0.0);
  BOOST_TEST(digits.x.maxCoeff() == 16.0);  // 8×8 blocks counting on-pixels of a 4×4 area
  BOOST_TEST(digits.y.maxCoeff() == 9.0);
  const Dataset iris = load_csv(TAPEGRAD_DATA_DIR "/iris.csv", {.target = "species", .classes = 3});
  BOOST_TEST(iris.samples() == 150);
  BOOST_TEST(iris.features() == 4);
  BOOST_TEST(iris.y.sum() == 150.0);  // 50 each of species 0, 1, 2
}

BOOST_AUTO_TEST_SUITE_END()
