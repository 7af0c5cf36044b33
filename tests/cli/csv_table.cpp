// SPDX-License-Identifier: MIT
// The --data CSV reader: good files, and every malformed one reported with its line and column.
#include <boost/test/unit_test.hpp>

#include <string>

#include "cli/csv_table.hpp"

using tapegrad::cli::CsvError;
using tapegrad::cli::CsvTable;

namespace {

CsvError csv_error(const std::string& text) {
  try {
    CsvTable::parse(text, "t.csv");
  } catch (const CsvError& e) {
    return e;
  }
  BOOST_FAIL("the CSV parsed, but an error was expected:\n" + text);
  throw;
}

void expect_error(const std::string& text, std::size_t line, std::size_t column,
                  const std::string& part) {
  const CsvError e = csv_error(text);
  BOOST_TEST_CONTEXT(e.what()) {
    BOOST_TEST(e.line() == line);
    BOOST_TEST(e.column() == column);
    BOOST_TEST(std::string(e.what()).find(part) != std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_table)

BOOST_AUTO_TEST_CASE(lesson_000_ice_cream_table) {
  const CsvTable t = CsvTable::parse("x,y\n20,40\n25,70\n30,100\n35,140\n", "icecream.csv");
  BOOST_TEST(t.columns().size() == 2u);
  BOOST_TEST(t.rows() == 4u);
  BOOST_TEST(t.row(2)[0] == 30.0);
  BOOST_TEST(t.row(3)[1] == 140.0);
  BOOST_TEST(*t.column_index("y") == 1u);
}

BOOST_AUTO_TEST_CASE(spaces_crlf_blank_lines_and_signs) {
  const CsvTable t = CsvTable::parse(" a , b\r\n\r\n -1.5 , +2e3 \r\n\n", "t.csv");
  BOOST_TEST(t.rows() == 1u);
  BOOST_TEST(t.row(0)[0] == -1.5);
  BOOST_TEST(t.row(0)[1] == 2000.0);
}

BOOST_AUTO_TEST_CASE(quoted_fields_as_spreadsheets_write_them) {
  const CsvTable t = CsvTable::parse("\"x\",\"y\"\n\"1\",2\n", "t.csv");
  BOOST_TEST(t.columns()[1] == "y");
  BOOST_TEST(t.row(0)[0] == 1.0);
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_skipped) {
  const CsvTable t = CsvTable::parse("\xEF\xBB\xBFx,y\n1,2\n", "t.csv");
  BOOST_TEST(t.columns()[0] == "x");
}

BOOST_AUTO_TEST_CASE(malformed_files_name_line_and_column) {
  expect_error("", 0, 0, "the file is empty");
  expect_error("x,y\n", 2, 0, "no data rows");
  expect_error("x,y\n1,2\n3\n", 3, 2, "1 fields, but the header has 2 columns");
  expect_error("x,y\n1,2,3\n", 2, 5, "3 fields, but the header has 2 columns");
  expect_error("x,y\n1,abc\n", 2, 3, "'abc' in column 'y' is not a finite number");
  expect_error("x,y\n1, \n", 2, 4, "empty field in column 'y'");
  expect_error("x,y\n1,nan\n", 2, 3, "not a finite number");
  expect_error("x,y\n1,1e999\n", 2, 3, "not a finite number");
  expect_error("x,2y\n", 1, 3, "'2y' is not a variable name");
  expect_error("x,x\n", 1, 3, "appears twice");
  expect_error("x,\n", 1, 3, "empty column name");
  expect_error("x,pi\n", 1, 3, "'pi' is a constant name");
  expect_error("x,sin\n", 1, 3, "'sin' is a function name");
}

BOOST_AUTO_TEST_CASE(message_reads_like_a_compiler) {
  BOOST_TEST(std::string(csv_error("x,y\n1,abc\n").what()) ==
             "t.csv:2:3: 'abc' in column 'y' is not a finite number");
}

BOOST_AUTO_TEST_CASE(a_missing_file) {
  BOOST_CHECK_EXCEPTION(CsvTable::read("/nonexistent/data.csv"), CsvError, [](const CsvError& e) {
    return std::string(e.what()) == "/nonexistent/data.csv: cannot open the file for reading";
  });
}

BOOST_AUTO_TEST_SUITE_END()
