// SPDX-License-Identifier: MIT
// The `tapegrad` binary as a user meets it: help, usage errors, parse and domain errors, their
// exit codes and messages, and inputs that must not crash it.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::run_tool;
using tapegrad::test::contains;
using tapegrad::test::shell_quote;

BOOST_AUTO_TEST_SUITE(command_line)

BOOST_AUTO_TEST_CASE(help_lists_the_commands_and_exit_codes) {
  const auto r = run_tool({"--help"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "grad"));
  BOOST_TEST(contains(r.out, "Exit codes"));
  BOOST_TEST(contains(r.out, "tapegrad grad 'x^2 - 4*x + 3' --at x=5"));
}

BOOST_AUTO_TEST_CASE(each_command_has_help) {
  for (const char* command : {"grad", "explain", "check", "descend"}) {
    BOOST_TEST_CONTEXT(command) {
      const auto r = run_tool({command, "--help"});
      BOOST_TEST(r.code == 0);
      BOOST_TEST(contains(r.out, "--at NAME=VALUE"));
      BOOST_TEST(contains(r.out, "--json"));
      BOOST_TEST(contains(r.out, "Example"));
    }
  }
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_with_2) {
  BOOST_TEST(run_tool({}).code == 2);
  BOOST_TEST(run_tool({"frobnicate"}).code == 2);
  BOOST_TEST(run_tool({"grad"}).code == 2);
  BOOST_TEST(run_tool({"grad", "x", "--at", "x=1", "--bogus"}).code == 2);
  BOOST_TEST(run_tool({"grad", "x", "--at", "x=1", "--reduce", "median"}).code == 2);
}

BOOST_AUTO_TEST_CASE(parse_error_shows_a_caret_and_exits_2) {
  const auto r = run_tool({"grad", "sinn(x) + 1", "--at", "x=1"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(contains(r.err, "unknown function 'sinn': did you mean 'sin'? (column 1)"));
  BOOST_TEST(contains(r.err, "\n  sinn(x) + 1\n  ^~~~\n"));
}

BOOST_AUTO_TEST_CASE(parse_error_as_json) {
  const auto r = run_tool({"grad", "x + * 2", "--at", "x=1", "--json"});
  BOOST_TEST(r.code == 2);
  const auto j = r.json();
  BOOST_TEST(j["error"]["kind"] == "parse");
  BOOST_TEST(j["error"]["column"] == 5);
}

BOOST_AUTO_TEST_CASE(a_variable_without_a_value_is_named) {
  const auto r = run_tool({"grad", "x + y", "--at", "x=1"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "the variable 'y' has no value: give it one with --at y=VALUE"));
}

BOOST_AUTO_TEST_CASE(malformed_at) {
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "x"}).err, "'x' has no '='"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "x=1,x=2"}).err, "'x' is given a value twice"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "x=abc"}).err, "uses the variable 'abc'"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "x=1+"}).err, "is not a number"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "pi=3"}).err, "'pi' is a constant"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "2x=3"}).err, "not a variable name"));
  BOOST_TEST(contains(run_tool({"grad", "x", "--at", "x=1/0"}).err, "not a finite number"));
  BOOST_TEST(run_tool({"grad", "x", "--at", "x="}).code == 2);
  BOOST_TEST(contains(run_tool({"grad", "x*y", "--at", "x=1;y=2"}).err, "separate the bindings with commas"));
}

BOOST_AUTO_TEST_CASE(domain_error_exits_3_and_names_the_op_and_argument) {
  const auto r = run_tool({"grad", "log(x - 2)", "--at", "x=1"});
  BOOST_TEST(r.code == 3);
  BOOST_TEST(contains(r.err, "domain error in log(a = -1): outside the domain a > 0"));
  const auto s = run_tool({"grad", "sqrt(x)", "--at", "x=-4", "--json"});
  BOOST_TEST(s.code == 3);
  BOOST_TEST(s.json()["error"]["kind"] == "domain");
  BOOST_TEST(contains(s.json()["error"]["message"].get<std::string>(), "sqrt(a = x = -4)"));
  const auto d = run_tool({"grad", "1/x", "--at", "x=0"});
  BOOST_TEST(d.code == 3);
  BOOST_TEST(contains(d.err, "div("));
}

BOOST_AUTO_TEST_CASE(an_expression_may_start_with_a_minus) {
  const auto r = run_tool({"grad", "-x^2", "--at", "x=3", "--json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.json()["value"] == -9.0);
  BOOST_TEST(r.json()["gradient"]["x"] == -6.0);
  BOOST_TEST(run_tool({"grad", "--at", "x=3", "--", "-x"}).code == 0);
}

BOOST_AUTO_TEST_CASE(ten_thousand_nested_parentheses_on_the_command_line) {
  const std::string text = std::string(10000, '(') + "x" + std::string(10000, ')') + "^2";
  const auto r = run_tool({"grad", text, "--at", "x=3", "--json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.json()["gradient"]["x"] == 6.0);
}

BOOST_AUTO_TEST_CASE(a_megabyte_expression_through_stdin) {
  // A shell argument is limited to 128 KiB on Linux, so long expressions come through stdin (-).
  const std::string path = "/tmp/tapegrad_megabyte_expression.txt";
  {
    std::ofstream out(path);
    out << "x";
    for (int i = 1; i < (1 << 19); ++i) out << "+x";
    out << "\n";
  }
  const std::string command = std::string(TAPEGRAD_BINARY) + " grad - --at x=2 --json < " +
                              shell_quote(path);
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  std::remove(path.c_str());
  BOOST_TEST(WEXITSTATUS(status) == 0);
  const auto j = nlohmann::json::parse(out);
  BOOST_TEST(j["value"] == 2.0 * (1 << 19));
  BOOST_TEST(j["gradient"]["x"] == static_cast<double>(1 << 19));
}

BOOST_AUTO_TEST_CASE(nothing_crashes_on_odd_inputs) {
  for (const char* text : {"", " ", "(", ")", "\xff\xfe", "1e999999", "x^^", "pow(", "sin((((",
                           "x²²²²²²²²²²²²²²²²²²²²²²²²", "exp(exp(exp(x)))", "0/0", "e^e^e^e^e"}) {
    BOOST_TEST_CONTEXT(text) {
      const auto r = run_tool({"grad", text, "--at", "x=1"});
      BOOST_TEST((r.code == 0 || r.code == 2 || r.code == 3));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
