// SPDX-License-Identifier: MIT
// The one CSV reader: good files, RFC 4180 quoting, and every malformed one reported with its
// file, line and column (these cases were the CLI's --data reader's tests).
#include <boost/test/unit_test.hpp>

#include <string>

#include "csv/csv_table.hpp"

using tapegrad::CsvError;
using tapegrad::CsvTable;

namespace {

CsvError csv_error(const std::string& text) {
  try {
    const CsvTable t = CsvTable::parse(text, "t.csv");
    for (std::size_t c = 0; c < t.columns().size(); ++c) (void)t.numbers(c);  // every column as numbers
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
  BOOST_TEST(t.number(2, 0) == 30.0);
  BOOST_TEST(t.number(3, 1) == 140.0);
  BOOST_TEST(*t.column_index("y") == 1u);
  BOOST_TEST((t.numbers(0) == std::vector<double>{20, 25, 30, 35}));
}

BOOST_AUTO_TEST_CASE(spaces_crlf_blank_lines_and_signs) {
  const CsvTable t = CsvTable::parse(" a , b\r\n\r\n -1.5 , +2e3 \r\n\n", "t.csv");
  BOOST_TEST(t.rows() == 1u);
  BOOST_TEST(t.columns()[0] == "a");
  BOOST_TEST(t.number(0, 0) == -1.5);
  BOOST_TEST(t.number(0, 1) == 2000.0);
}

BOOST_AUTO_TEST_CASE(quoted_fields_as_spreadsheets_write_them) {
  const CsvTable t = CsvTable::parse("\"x\",\"y\"\n\"1\",2\n", "t.csv");
  BOOST_TEST(t.columns()[1] == "y");
  BOOST_TEST(t.number(0, 0) == 1.0);
}

BOOST_AUTO_TEST_CASE(rfc_4180_quotes_hold_commas_line_ends_and_doubled_quotes) {
  const CsvTable t = CsvTable::parse("name,x\n\"Smith, J.\",1\n\"two\r\nlines\",2\n\"say \"\"hi\"\"\",3\n", "t.csv");
  BOOST_TEST(t.rows() == 3u);
  BOOST_TEST(t.text(0, 0) == "Smith, J.");
  BOOST_TEST(t.text(1, 0) == "two\r\nlines");
  BOOST_TEST(t.text(2, 0) == "say \"hi\"");
  BOOST_TEST(t.number(2, 1) == 3.0);
  BOOST_TEST(t.position(2, 1).line == 5u);  // the quoted line end moved the rows down one line
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_skipped) {
  const CsvTable t = CsvTable::parse("\xEF\xBB\xBFx,y\n1,2\n", "t.csv");
  BOOST_TEST(t.columns()[0] == "x");
  BOOST_TEST(t.header_position(1).column == 3u);  // columns count after the mark
}

BOOST_AUTO_TEST_CASE(a_text_column_is_fine_until_read_as_numbers) {
  const CsvTable t = CsvTable::parse("city,x\nOslo,1\nLima,2\n", "t.csv");
  BOOST_TEST((t.numbers(t.column("x")) == std::vector<double>{1, 2}));
  BOOST_TEST(t.text(1, 0) == "Lima");
  BOOST_CHECK_THROW((void)t.numbers(0), CsvError);
}

BOOST_AUTO_TEST_CASE(malformed_files_name_line_and_column) {
  expect_error("", 1, 0, "the file is empty");
  expect_error("x,y\n", 2, 0, "no data rows");
  expect_error("x,y\n1,2\n3\n", 3, 2, "1 field, but the header has 2 columns");
  expect_error("x,y\n1,2,3\n", 2, 5, "3 fields, but the header has 2 columns");
  expect_error("x,y\n1,abc\n", 2, 3, "'abc' in column 'y' is not a finite number");
  expect_error("x,y\n1, \n", 2, 4, "empty field in column 'y'");
  expect_error("x,y\n1,nan\n", 2, 3, "not a finite number");
  expect_error("x,y\n1,1e999\n", 2, 3, "too large for a double");
  expect_error("x,x\n", 1, 3, "appears twice");
  expect_error("x,\n", 1, 3, "empty column name");
}

BOOST_AUTO_TEST_CASE(nan_and_infinities_are_refused_where_they_stand) {
  for (const std::string bad : {"nan", "NaN", "inf", "-inf", "+inf", "Infinity", "\"nan\""}) {
    BOOST_TEST_CONTEXT(bad) {
      const CsvError e = csv_error("x,y\n1,2\n3," + bad + "\n");
      BOOST_TEST(e.line() == 3u);
      BOOST_TEST(e.column() == 3u);
      BOOST_TEST(e.field() == 2u);
    }
  }
}

BOOST_AUTO_TEST_CASE(numbers_follow_the_expression_rule) {
  const CsvTable t = CsvTable::parse("a,b,c,d,e\n1e-400,-1e-400,1e-310,.5,5.\n", "t.csv");
  BOOST_TEST(t.number(0, 0) == 0.0);  // underflows to 0, as in a formula
  BOOST_TEST(t.number(0, 1) == 0.0);
  BOOST_TEST(t.number(0, 2) == 1e-310);  // a subnormal is kept
  BOOST_TEST(t.number(0, 3) == 0.5);
  BOOST_TEST(t.number(0, 4) == 5.0);
  for (const std::string bad : {"+-5", "-+5", "--5", "++5", "0x10", "1e5x", "1,5e", "."}) {
    BOOST_TEST_CONTEXT(bad) {
      const CsvError e = csv_error("x\n\"" + bad + "\"\n");
      BOOST_TEST(e.line() == 2u);
      BOOST_TEST(e.column() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(malformed_quoting_is_refused) {
  expect_error("x,y\n1,\"2\n", 2, 3, "never closed");
  expect_error("x,y\n1,\"2\"3\n", 2, 6, "text after the closing quote");
  expect_error("x,y\n1,a\"b\n", 2, 4, "a quote inside an unquoted field");
}

BOOST_AUTO_TEST_CASE(a_missing_column_lists_the_columns) {
  const CsvTable t = CsvTable::parse("x,y\n1,2\n", "t.csv");
  BOOST_CHECK_EXCEPTION((void)t.column("z"), CsvError, [](const CsvError& e) {
    return e.line() == 1u &&
           std::string(e.what()).find("no column named 'z'; the columns are x, y") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(message_reads_like_a_compiler_and_says_how_to_fix) {
  const CsvError e = csv_error("x,y\n1,abc\n");
  BOOST_TEST(e.problem() == "'abc' in column 'y' is not a finite number");
  BOOST_TEST(std::string(e.what()) == "t.csv:2:3: " + e.problem() + "; " + e.fix());
  BOOST_TEST(!e.fix().empty());
}

BOOST_AUTO_TEST_CASE(a_missing_file) {
  BOOST_CHECK_EXCEPTION(CsvTable::read("/nonexistent/data.csv"), CsvError, [](const CsvError& e) {
    return e.line() == 0u && std::string(e.what()).starts_with(
                                 "/nonexistent/data.csv: cannot open the file for reading");
  });
}

BOOST_AUTO_TEST_CASE(every_csv_error_is_a_tapegrad_error) {
  BOOST_CHECK_THROW(CsvTable::parse("x\nabc\n").numbers(0), tapegrad::Error);
  BOOST_CHECK_THROW(CsvTable::read("/nonexistent/data.csv"), tapegrad::Error);
}

BOOST_AUTO_TEST_SUITE_END()
