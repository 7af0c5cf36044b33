// SPDX-License-Identifier: MIT
// The C++ blocks of docs/data.md and docs/csv.md, each pasted verbatim (without its #include
// lines, which are gathered here) into a test case that checks what its comments promise. Runs in
// tests/cli/data, where csv.md's block finds icecream.csv.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/reduce.hpp"
#include "csv/csv_table.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(data_snippets)

BOOST_AUTO_TEST_CASE(mean_over_a_data_set) {
using namespace tapegrad;

std::vector<double> x = {1, 2, 3, 4}, y = {3, 5, 7, 9};
Tape tape;
auto scope = tape.activate();
Var w0 = tape.input(0.3), w1 = tape.input(-0.2);
Var loss = mean_over(columns(x, y), [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); });
Adjoints<double> adj = tape.backward(loss);   // adj[w0] = −12.4, adj[w1] = −36.5
  BOOST_TEST(adj[w0] == -12.4, tt::tolerance(1e-12));
  BOOST_TEST(adj[w1] == -36.5, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(csv_reading) {  // run in tests/cli/data, where icecream.csv is
const tapegrad::CsvTable t = tapegrad::CsvTable::read("icecream.csv");
std::vector<double> x = t.numbers(t.column("x"));  // t.column("z"): an error listing x, y
std::string city = t.text(0, 0);                   // a field as text
  BOOST_TEST((x == std::vector<double>{20, 25, 30, 35}));
  BOOST_TEST(city == "20");
  BOOST_CHECK_EXCEPTION((void)t.column("z"), tapegrad::CsvError, [](const tapegrad::CsvError& e) {
    const std::string what = e.what();
    return what.find('x') != std::string::npos && what.find('y') != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
