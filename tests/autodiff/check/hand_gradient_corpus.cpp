// SPDX-License-Identifier: MIT
// The corpus of hand-derived gradients (hand_gradient_corpus.txt): every planted mistake fails
// with its named diagnosis, naming the piece in the student's symbols and never a data row's
// numbers; every right form written another way passes at every point.
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "autodiff/check/formula_check.hpp"
#include "autodiff/expression/parser.hpp"

using namespace tapegrad;

namespace {

struct Case {
  int line = 0;
  std::string kind, f, parameters, constants, data, hands, piece;
};

std::string trim(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::vector<std::string> split(const std::string& s, const std::string& by) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at = s.find(by); at != std::string::npos; at = s.find(by, start)) {
    out.push_back(trim(s.substr(start, at - start)));
    start = at + by.size();
  }
  out.push_back(trim(s.substr(start)));
  return out;
}

std::vector<Case> read_corpus() {
  std::ifstream in(std::string(TAPEGRAD_TEST_SOURCE_DIR) + "/../check/hand_gradient_corpus.txt");
  std::vector<Case> cases;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (text.empty() || text[0] == '#') continue;
    const auto f = split(text, " | ");
    if (f.size() != 7) throw std::runtime_error(fmt::format("corpus line {}: 7 fields", line));
    cases.push_back({line, f[0], f[1], f[2], f[3], f[4], f[5], f[6]});
  }
  return cases;
}

std::vector<NamedValue> values(const std::string& spec) {
  std::vector<NamedValue> out;
  if (spec == "-") return out;
  for (const auto& b : split(spec, ",")) {
    const auto eq = b.find('=');
    out.push_back({b.substr(0, eq), std::stod(b.substr(eq + 1))});
  }
  return out;
}

FormulaData data_set(const std::string& name) {
  if (name == "icecream")  // tests/cli/data/icecream.csv
    return {{"x", "y"}, {{20, 40}, {25, 70}, {30, 100}, {35, 140}}, false};
  if (name == "logistic")
    return {{"x", "y"}, {{0.5, 1}, {1.5, 0}, {-1.2, 1}, {2.5, 0}, {-0.3, 0}}, false};
  return {};
}

FormulaProblem problem(const Case& c) {
  FormulaProblem p;
  p.f = parse_expression(c.f);
  p.parameters = values(c.parameters);
  p.constants = values(c.constants);
  p.data = data_set(c.data);
  for (const auto& h : split(c.hands, " ; ")) {
    const auto eq = h.find('=');
    p.hands.push_back({h.substr(0, eq), parse_expression(h.substr(eq + 1))});
  }
  return p;
}

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = read_corpus();
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hand_gradient_corpus)

BOOST_AUTO_TEST_CASE(the_corpus_is_large_enough) {
  std::size_t wrong = 0, right = 0;
  for (const auto& c : corpus()) (c.kind == "ok" ? right : wrong) += 1;
  BOOST_TEST(wrong >= 40u);
  BOOST_TEST(right >= 40u);
}

BOOST_AUTO_TEST_CASE(no_planted_mistake_passes_and_each_gets_its_diagnosis) {
  for (const auto& c : corpus()) {
    if (c.kind == "ok") continue;
    BOOST_TEST_CONTEXT("corpus line " << c.line << ": " << c.f << " with " << c.hands) {
      const FormulaProblem p = problem(c);
      const FormulaCheckReport r = check_hand_gradient(p);
      BOOST_TEST(!r.passed());
      const auto& wrt = p.hands[0].wrt;
      const Diagnosis* d = nullptr;
      for (const auto& x : r.gradient.diagnoses)
        if (x.name == wrt) d = &x;
      BOOST_TEST_REQUIRE(d != nullptr);
      BOOST_TEST(std::string(to_string(d->kind)) == c.kind, d->message);
      if (c.piece != "-") {
        const std::string piece = d->kind == DiagnosisKind::constant_factor ? d->factor_text : d->piece;
        BOOST_TEST(piece == c.piece, d->message);
        if (d->kind != DiagnosisKind::constant_factor)
          BOOST_TEST(d->message.find(c.piece) != std::string::npos, d->message);
      }
      // The student's symbols, never a row of the data substituted.
      for (const auto& row : p.data.rows)
        for (double v : row)
          if (std::abs(v) >= 10 || v != std::round(v))
            BOOST_TEST(d->message.find(fmt::format("{}", v)) == std::string::npos, d->message);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_right_form_passes_at_every_point) {
  for (const auto& c : corpus()) {
    if (c.kind != "ok") continue;
    BOOST_TEST_CONTEXT("corpus line " << c.line << ": " << c.f << " with " << c.hands) {
      const FormulaCheckReport r = check_hand_gradient(problem(c));
      BOOST_TEST(r.passed());
      BOOST_TEST(r.gradient.points.size() == 5u);
      BOOST_TEST(r.gradient.diagnoses.empty());
      for (const auto& row : r.gradient.rows) BOOST_TEST(std::string(to_string(row.verdict)) == "ok");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
