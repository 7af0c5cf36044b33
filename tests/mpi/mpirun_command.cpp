// SPDX-License-Identifier: MIT
// `mpirun -np N tapegrad descend|grad ... --data FILE.csv` against one process: the ranks split the
// rows, rank 0 alone prints, and the numbers equal one process's to 1e-12 (2 and 4 ranks).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace bdata = boost::unit_test::data;
namespace tt = boost::test_tools;
using Json = nlohmann::ordered_json;

namespace {

struct Run {
  int code = -1;
  std::string out;
};

// Runs a shell command; stdout is kept, stderr dropped.
Run run(const std::string& command) {
  Run r;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string tool(int ranks, const std::string& args) {
  const std::string binary = std::string("'") + TAPEGRAD_BINARY + "' ";
  if (ranks == 1) return binary + args;
  return std::string(TAPEGRAD_MPIRUN) + " -np " + std::to_string(ranks) + " --oversubscribe " +
         binary + args;
}

// A CSV of a noisy line, 1003 rows (not a multiple of the ranks), in a temporary directory.
const std::string& data_file() {
  static const std::string path = [] {
    const auto dir = std::filesystem::temp_directory_path() / "tapegrad_mpi_test";
    std::filesystem::create_directories(dir);
    const auto file = dir / "line.csv";
    std::ofstream out(file);
    out << "x,y\n";
    for (int i = 0; i < 1003; ++i) {
      const double x = -1.0 + 2.0 * i / 1003.0;
      out << x << ',' << 2.0 * x + 1.0 + 0.1 * std::sin(37.0 * i) << '\n';
    }
    return file.string();
  }();
  return path;
}

// Every number in `a` equals the one at the same place in `b` to 1e-12 relative.
void expect_close(const Json& a, const Json& b, const std::string& where = "") {
  BOOST_TEST_INFO(where);
  BOOST_TEST_REQUIRE(std::string(a.type_name()) == std::string(b.type_name()));
  if (a.is_number_float()) {
    const double x = a.get<double>(), y = b.get<double>();
    BOOST_TEST(std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)}));
  } else if (a.is_object()) {
    BOOST_TEST_REQUIRE(a.size() == b.size());
    for (auto it = a.begin(); it != a.end(); ++it) expect_close(it.value(), b.at(it.key()), where + "/" + it.key());
  } else if (a.is_array()) {
    BOOST_TEST_REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) expect_close(a[i], b[i], where + "/" + std::to_string(i));
  } else {
    BOOST_TEST(a == b);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mpirun_command)

BOOST_DATA_TEST_CASE(descend_over_ranks_equals_one_process, bdata::make({2, 4}), ranks) {
  const std::string args = "descend '(y - (w1*x + w0))^2' --data '" + data_file() +
                           "' --at w0=0,w1=0 --lr 0.3 --steps 40 --json";
  const Run one = run(tool(1, args));
  const Run many = run(tool(ranks, args));
  BOOST_TEST_REQUIRE(one.code == 0);
  BOOST_TEST_REQUIRE(many.code == 0);
  // Rank 0 alone prints: one JSON document, not one per rank.
  expect_close(Json::parse(many.out), Json::parse(one.out));
}

BOOST_DATA_TEST_CASE(the_text_table_is_printed_once, bdata::make({2, 4}), ranks) {
  const std::string args = "descend '(y - w*x)^2' --data '" + data_file() + "' --at w=0 --steps 3";
  const Run one = run(tool(1, args));
  const Run many = run(tool(ranks, args));
  BOOST_TEST_REQUIRE(many.code == 0);
  BOOST_TEST(many.out == one.out);
}

BOOST_DATA_TEST_CASE(grad_over_ranks_equals_one_process, bdata::make({2, 4}), ranks) {
  const std::string args = "grad 'log(1 + exp(-y*(w1*x + w0)))' --data '" + data_file() +
                           "' --at w0=0.1,w1=-0.4 --reduce sum --json";
  const Run one = run(tool(1, args));
  const Run many = run(tool(ranks, args));
  BOOST_TEST_REQUIRE(many.code == 0);
  expect_close(Json::parse(many.out), Json::parse(one.out));
}

BOOST_DATA_TEST_CASE(a_domain_error_on_the_last_rank_names_the_same_row, bdata::make({2, 4}), ranks) {
  // log(x + 0.99) leaves its domain only on the first rows (x near −1): rank 0 holds them; with
  // log(0.99 - x) the bad rows are the last ones, on the last rank.
  const std::string args = "grad 'log(0.99 - x) * w' --data '" + data_file() + "' --at w=1 --json";
  const Run one = run(tool(1, args));
  const Run many = run(tool(ranks, args));
  BOOST_TEST(one.code == 3);
  BOOST_TEST(many.code == 3);
  BOOST_TEST(Json::parse(many.out) == Json::parse(one.out));
}

BOOST_AUTO_TEST_SUITE_END()
