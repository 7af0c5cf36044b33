// SPDX-License-Identifier: MIT
// --data evaluated column-at-a-time on --threads: the same JSON, to the bit, for 1, 2 and 8 threads
// over a table of several chunks, and the first bad row named whatever the thread count.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::run_tool;

namespace {

// 10007 rows (three chunks of 4096 and a partial one) of a noisy line, in a temporary directory.
const std::string& table() {
  static const std::string path = [] {
    const auto dir = std::filesystem::temp_directory_path() / "tapegrad_data_threads";
    std::filesystem::create_directories(dir);
    const auto file = dir / "line.csv";
    std::ofstream out(file);
    out.precision(17);
    out << "x,y\n";
    for (int i = 0; i < 10007; ++i) {
      const double x = -1.0 + 2.0 * i / 10007.0;
      out << x << ',' << 2.0 * x + 1.0 + 0.1 * std::sin(37.0 * i) << '\n';
    }
    return file.string();
  }();
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(data_threads)

BOOST_AUTO_TEST_CASE(grad_is_the_same_for_one_two_and_eight_threads) {
  const auto run = [](const std::string& threads) {
    return run_tool({"grad", "log(1 + exp(-y*(w1*x + w0))) + (y - w1*x)^2", "--data", table(),
                     "--at", "w0=0.1,w1=-0.4", "--threads", threads, "--json"});
  };
  const auto one = run("1");
  BOOST_TEST_REQUIRE(one.code == 0);
  BOOST_TEST(run("2").out == one.out);
  BOOST_TEST(run("8").out == one.out);
}

BOOST_AUTO_TEST_CASE(descend_is_the_same_for_one_and_two_threads) {
  const auto run = [](const std::string& threads) {
    return run_tool({"descend", "(y - (w1*x + w0))^2", "--data", table(), "--at", "w0=0,w1=0",
                     "--lr", "0.3", "--steps", "20", "--threads", threads, "--json"});
  };
  const auto one = run("1");
  BOOST_TEST_REQUIRE(one.code == 0);
  BOOST_TEST(run("2").out == one.out);
}

BOOST_AUTO_TEST_CASE(the_first_bad_row_is_named_for_any_thread_count) {
  // log(0.5 - x) leaves its domain from x = 0.5 on: row 7507 is the first (x = −1 + 2·7506/10007 ≈ 0.50015).
  for (const std::string threads : {"1", "2", "8"}) {
    const auto r = run_tool({"grad", "log(0.5 - x) * w", "--data", table(), "--at", "w=1",
                             "--threads", threads});
    BOOST_TEST(r.code == 3);
    BOOST_TEST(contains(r.err, "on data row 7507 of"), r.err);
  }
}

BOOST_AUTO_TEST_CASE(threads_must_be_positive) {
  BOOST_TEST(run_tool({"grad", "x^2", "--at", "x=1", "--threads", "0"}).code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
