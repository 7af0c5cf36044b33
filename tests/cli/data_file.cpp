// SPDX-License-Identifier: MIT
// --data: the command's header rule on top of the shared reader (each column is a variable), a
// text column the expression never reads, and files that are not CSV files.
#include <boost/test/unit_test.hpp>

#include <string>

#include "cli/data_file.hpp"
#include "tests/cli/run_tool.hpp"

using tapegrad::CsvError;
using tapegrad::CsvTable;
using tapegrad::test::contains;
using tapegrad::test::data_dir;
using tapegrad::test::run_tool;

namespace {

void expect_name_error(const std::string& header, std::size_t column, const std::string& part) {
  std::string row = "1";
  for (char c : header) row += c == ',' ? ",1" : "";
  const CsvTable table = CsvTable::parse(header + "\n" + row + "\n", "t.csv");
  try {
    tapegrad::cli::check_variable_names(table);
  } catch (const CsvError& e) {
    BOOST_TEST_CONTEXT(e.what()) {
      BOOST_TEST(e.line() == 1u);
      BOOST_TEST(e.column() == column);
      BOOST_TEST(contains(e.what(), part));
    }
    return;
  }
  BOOST_FAIL("no error for the header " + header);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(data_file)

BOOST_AUTO_TEST_CASE(column_names_must_be_variable_names) {
  expect_name_error("x,2y", 3, "'2y' is not a variable name");
  expect_name_error("x,pi", 3, "'pi' is a constant name");
  expect_name_error("x,sin", 3, "'sin' is a function name");
}

BOOST_AUTO_TEST_CASE(a_text_column_the_expression_does_not_read_is_fine) {
  const auto r = run_tool({"grad", "(y - w*x)^2", "--data", data_dir + "/text_column.csv", "--at", "w=2"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "the mean over the 2 rows"));
  const auto used = run_tool({"grad", "city * w", "--data", data_dir + "/text_column.csv", "--at", "w=2"});
  BOOST_TEST(used.code == 2);
  BOOST_TEST(contains(used.err, "text_column.csv:2:1: 'Oslo' in column 'city' is not a finite number"));
}

BOOST_AUTO_TEST_CASE(a_missing_column_lists_the_columns_of_the_file) {
  const auto r = run_tool({"grad", "z * w", "--data", data_dir + "/text_column.csv", "--at", "w=2"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "or a column 'z' in " + data_dir + "/text_column.csv (its columns are city, x, y)"));
}

BOOST_AUTO_TEST_CASE(a_directory_or_a_device_is_refused) {
  const auto dir = run_tool({"grad", "x*w", "--data", data_dir, "--at", "w=1"});
  BOOST_TEST(dir.code == 2);
  BOOST_TEST(contains(dir.err, "this is a directory"));
  const auto zero = run_tool({"grad", "x*w", "--data", "/dev/zero", "--at", "w=1"});
  BOOST_TEST(zero.code == 2);
  BOOST_TEST(contains(zero.err, "/dev/zero: this is not a regular file"));
}

BOOST_AUTO_TEST_SUITE_END()
