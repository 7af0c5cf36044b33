// SPDX-License-Identifier: MIT
// The reader's bounds: a 40,000-column header reads in linear time (ctest gives this suite a
// generous timeout, no timing assertion), and the byte, row and column limits, directories and
// devices are refused with a message that says what to do.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "csv/csv_table.hpp"

using tapegrad::CsvError;
using tapegrad::CsvLimits;
using tapegrad::CsvTable;

namespace {

std::string wide_csv(std::size_t columns) {
  std::string header, row;
  for (std::size_t c = 0; c < columns; ++c) {
    header += (c == 0 ? "c" : ",c") + std::to_string(c);
    row += c == 0 ? "1" : ",1";
  }
  return header + "\n" + row + "\n";
}

bool says(const CsvError& e, const std::string& part) {
  BOOST_TEST_MESSAGE(e.what());
  return std::string(e.what()).find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wide_and_bounded)

BOOST_AUTO_TEST_CASE(a_40000_column_header) {
  const CsvTable t = CsvTable::parse(wide_csv(40'000), "wide.csv");
  BOOST_TEST(t.columns().size() == 40'000u);
  BOOST_TEST(*t.column_index("c39999") == 39'999u);
  BOOST_TEST(t.number(0, 39'999) == 1.0);
  BOOST_CHECK_EXCEPTION((void)t.column("x"), CsvError,
                        [](const CsvError& e) { return says(e, "c19 and 39980 more"); });
  // A duplicate at the end of a wide header is found (with a map, not a scan per name).
  BOOST_CHECK_EXCEPTION(CsvTable::parse(wide_csv(40'000) .insert(0, "c39999,"), "wide.csv"), CsvError,
                        [](const CsvError& e) { return e.line() == 1u && says(e, "appears twice"); });
}

BOOST_AUTO_TEST_CASE(limits_on_bytes_rows_and_columns) {
  const std::string text = "x,y\n1,2\n3,4\n";
  BOOST_CHECK_EXCEPTION(CsvTable::parse(text, "t.csv", {.limits = {.max_bytes = 8}}), CsvError,
                        [](const CsvError& e) { return e.line() == 0u && says(e, "max_bytes"); });
  BOOST_CHECK_EXCEPTION(CsvTable::parse(text, "t.csv", {.limits = {.max_rows = 1}}), CsvError,
                        [](const CsvError& e) { return e.line() == 3u && says(e, "max_rows"); });
  BOOST_CHECK_EXCEPTION(CsvTable::parse(text, "t.csv", {.limits = {.max_columns = 1}}), CsvError,
                        [](const CsvError& e) { return e.line() == 1u && says(e, "max_columns"); });
  BOOST_TEST(CsvTable::parse(text, "t.csv", {.limits = {.max_rows = 2, .max_columns = 2}}).rows() == 2u);
}

BOOST_AUTO_TEST_CASE(a_file_over_the_byte_limit_is_refused_before_it_is_read) {
  const auto path = std::filesystem::temp_directory_path() / "tapegrad_csv_limit_test.csv";
  std::ofstream(path) << "x\n1\n2\n";
  BOOST_CHECK_EXCEPTION(CsvTable::read(path.string(), {.limits = {.max_bytes = 4}}), CsvError,
                        [](const CsvError& e) { return e.line() == 0u && says(e, "6 bytes, more than the limit of 4"); });
  BOOST_TEST(CsvTable::read(path.string()).rows() == 2u);
  std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(a_directory_and_a_device_are_refused) {
  BOOST_CHECK_EXCEPTION(CsvTable::read("/tmp"), CsvError,
                        [](const CsvError& e) { return says(e, "/tmp: this is a directory"); });
  BOOST_CHECK_EXCEPTION(CsvTable::read("/dev/zero"), CsvError,
                        [](const CsvError& e) { return says(e, "/dev/zero: this is not a regular file"); });
}

BOOST_AUTO_TEST_CASE(a_header_without_a_header_option_names_columns_by_position) {
  const CsvTable t = CsvTable::parse("1;2\n3;4\n", "t.csv", {.delimiter = ';', .header = false});
  BOOST_TEST(t.rows() == 2u);
  BOOST_TEST(t.columns()[1] == "x1");
  BOOST_TEST(t.number(1, 0) == 3.0);
}

BOOST_AUTO_TEST_SUITE_END()
