// SPDX-License-Identifier: MIT
// The formula check (see formula_check.hpp): the points, the per-row and whole-objective
// comparison of each hand formula with the tape, finite differences, and the notes that say
// when an agreement at the user's point may be an accident.
#include "autodiff/check/formula_check.hpp"
#include "i18n/i18n.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "autodiff/check/detail/compare.hpp"
#include "autodiff/check/formula_diagnosis.hpp"
#include "autodiff/expression/subexpression.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/tape.hpp"

namespace tapegrad {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// 0, ±1, ±2, ±3 (within 0.05): values at which a missing factor or term can hide.
bool special(double v) {
  const double r = std::round(v);
  return std::abs(r) <= 3.0 && std::abs(v - r) < 0.05;
}

double uniform(std::mt19937_64& engine) {  // [0, 1), the same on every platform
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

double moved(double v, double r, std::mt19937_64& engine) {
  double c = v + r * 0.37;
  for (int attempt = 0; attempt < 50; ++attempt) {
    c = v + r * (2.0 * uniform(engine) - 1.0);
    if (!special(c)) break;
  }
  return c;
}

std::string num(double v) { return fmt::format("{:.6g}", v); }

// An expression with its variables looked up in the problem's layout once.
struct Bound {
  const Expression* e = nullptr;
  std::vector<std::size_t> index;  // per variable of e: its place in the layout
  double operator()(const std::vector<double>& values, std::vector<double>& scratch) const {
    scratch.resize(index.size());
    for (std::size_t k = 0; k < index.size(); ++k) scratch[k] = values[index[k]];
    return e->evaluate(scratch);
  }
};

// One point: the parameters and constants ("fixed"), and the rows (moved or not).
struct Setting {
  std::vector<double> fixed;
  std::vector<std::vector<double>> rows;
  bool data_moved = false;
};

void require_finite(double v, const char* option, bool positive) {
  if (!std::isfinite(v) || v < 0.0 || (positive && v == 0.0))
    throw Error(fmt::format("check_hand_gradient: {} is {}; give a finite number {}", option, v,
                            positive ? "> 0" : "≥ 0"));
}

class FormulaChecker {
 public:
  FormulaChecker(const FormulaProblem& p, const FormulaCheckOptions& o) : p_(p), o_(o) {}
  FormulaCheckReport run();

 private:
  void validate_and_bind();
  std::vector<double> values(const Setting& s, std::size_t row) const {
    std::vector<double> v = s.fixed;
    if (!s.rows.empty()) v.insert(v.end(), s.rows[row].begin(), s.rows[row].end());
    return v;
  }
  std::size_t row_count(const Setting& s) const { return s.rows.empty() ? 1 : s.rows.size(); }
  double objective(const Setting& s, const Eigen::VectorXd& x) const;
  bool defined(const Setting& s) const;
  std::vector<Setting> settings();
  std::vector<std::string> notes(const std::vector<Setting>& settings,
                                 const FormulaCheckReport& report) const;

  const FormulaProblem& p_;
  const FormulaCheckOptions& o_;
  std::vector<std::string> names_;
  std::size_t k_ = 0, c_ = 0;  // parameters, constants
  Bound f_;
  std::vector<std::optional<Bound>> hands_;  // per parameter
};

void FormulaChecker::validate_and_bind() {
  require_finite(o_.radius, "radius", true);
  require_finite(o_.hand.rtol, "rtol", false);
  require_finite(o_.hand.atol, "atol", false);
  require_finite(o_.hand.norm_rtol, "norm_rtol", false);
  if (o_.points == 0) throw Error("check_hand_gradient: points is 0; give at least 1");
  if (p_.parameters.empty())
    throw Error("check_hand_gradient: no parameters; give the point to differentiate at");
  k_ = p_.parameters.size();
  c_ = p_.constants.size();
  for (const auto& v : p_.parameters) names_.push_back(v.name);
  for (const auto& v : p_.constants) names_.push_back(v.name);
  for (const auto& c : p_.data.columns) names_.push_back(c);
  std::set<std::string> seen;
  for (const auto& n : names_)
    if (!seen.insert(n).second)
      throw Error(fmt::format("check_hand_gradient: '{}' is named twice (as a parameter, a "
                              "constant or a data column); give each name once",
                              n));
  for (const auto& v : p_.parameters)
    if (!std::isfinite(v.value))
      throw Error(fmt::format("check_hand_gradient: parameter {} = {} is not a finite number",
                              v.name, v.value));
  for (const auto& v : p_.constants)
    if (!std::isfinite(v.value))
      throw Error(fmt::format("check_hand_gradient: constant {} = {} is not a finite number",
                              v.name, v.value));
  for (std::size_t r = 0; r < p_.data.rows.size(); ++r)
    if (p_.data.rows[r].size() != p_.data.columns.size())
      throw Error(fmt::format("check_hand_gradient: data row {} has {} values for {} columns",
                              r + 1, p_.data.rows[r].size(), p_.data.columns.size()));
  auto bind = [&](const Expression& e, const std::string& what) {
    Bound b{&e, {}};
    for (const auto& v : e.variables()) {
      const auto it = std::find(names_.begin(), names_.end(), v);
      if (it == names_.end())
        throw Error(fmt::format("check_hand_gradient: {} uses '{}', which is not a parameter, a "
                                "constant or a data column; give it a value",
                                what, v));
      b.index.push_back(static_cast<std::size_t>(it - names_.begin()));
    }
    return b;
  };
  f_ = bind(p_.f, "f");
  hands_.assign(k_, std::nullopt);
  for (const auto& h : p_.hands) {
    const auto it = std::find(names_.begin(), names_.begin() + static_cast<std::ptrdiff_t>(k_), h.wrt);
    if (it == names_.begin() + static_cast<std::ptrdiff_t>(k_))
      throw Error(fmt::format("check_hand_gradient: a hand partial for '{}', which is not a "
                              "parameter",
                              h.wrt));
    const auto j = static_cast<std::size_t>(it - names_.begin());
    if (hands_[j]) throw Error(fmt::format("check_hand_gradient: ∂/∂{} is given twice", h.wrt));
    hands_[j] = bind(h.expression, fmt::format("the hand partial for {}", h.wrt));
  }
}

double FormulaChecker::objective(const Setting& s, const Eigen::VectorXd& x) const {
  std::vector<double> scratch;
  double total = 0.0;
  for (std::size_t r = 0; r < row_count(s); ++r) {
    std::vector<double> v = values(s, r);
    for (std::size_t j = 0; j < k_; ++j) v[j] = x[static_cast<Eigen::Index>(j)];
    total += f_(v, scratch);
  }
  return p_.data.sum || s.rows.empty() ? total : total / static_cast<double>(s.rows.size());
}

bool FormulaChecker::defined(const Setting& s) const {
  std::vector<double> scratch;
  for (std::size_t r = 0; r < std::min(row_count(s), o_.max_rows); ++r) {
    const auto v = values(s, r);
    if (!std::isfinite(f_(v, scratch))) return false;
    for (const auto& h : hands_)
      if (h && !std::isfinite((*h)(v, scratch))) return false;
  }
  return true;
}

std::vector<Setting> FormulaChecker::settings() {
  Setting user;
  for (const auto& v : p_.parameters) user.fixed.push_back(v.value);
  for (const auto& v : p_.constants) user.fixed.push_back(v.value);
  user.rows = p_.data.rows;
  std::vector<Setting> out{user};
  std::mt19937_64 engine(o_.seed);
  for (std::size_t p = 1; p < o_.points; ++p) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      Setting s = user;
      for (double& v : s.fixed) v = moved(v, o_.radius, engine);
      if (o_.vary_data && !s.rows.empty()) {
        s.data_moved = true;
        for (auto& row : s.rows)
          for (double& v : row) v = moved(v, std::max(o_.radius, std::abs(v) / 10.0), engine);
      }
      if (defined(s)) {
        out.push_back(std::move(s));
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> FormulaChecker::notes(const std::vector<Setting>& settings,
                                               const FormulaCheckReport& report) const {
  std::vector<std::string> out;
  auto others = [&](std::size_t index, bool column) {
    std::vector<std::string> v;
    for (std::size_t p = 1; p < settings.size() && v.size() < 2; ++p) {
      if (column && !settings[p].rows.empty() && settings[p].data_moved)
        v.push_back(num(settings[p].rows[0][index - k_ - c_]));
      else if (!column)
        v.push_back(num(settings[p].fixed[index]));
    }
    return v;
  };
  auto why = [](const std::string& name, double v) {
    if (v == 0.0) return trf("every term with the factor {} vanishes", name);
    if (std::abs(v) == 1.0) return trf("a missing factor {} cannot be seen", name);
    return trf("a factor {} looks like the constant {}", name, num(v));
  };
  auto add = [&](const std::string& where, const std::string& name, double v,
                 std::vector<std::string> also) {
    // "at x = 1" and "a missing factor x cannot be seen": Chinese joins them with a comma.
    std::string note = trf("{} {}", where, why(name, v));
    if (also.empty())
      note += tr("; check at more points to see it (only this point was checked)");
    else
      note += trf("; checked also at {} = {}", name, fmt::join(also, ", "));
    out.push_back(std::move(note));
  };
  for (std::size_t i = 0; i < k_ + c_; ++i) {
    const double v = settings[0].fixed[i];
    if (special(v) && v == std::round(v))
      add(trf("at {} = {}", names_[i], num(v)), names_[i], v, others(i, false));
  }
  for (std::size_t c = 0; c < p_.data.columns.size() && !p_.data.rows.empty(); ++c) {
    const double v = p_.data.rows[0][c];
    bool all = special(v) && v == std::round(v);
    for (const auto& row : p_.data.rows) all = all && row[c] == v;
    if (all)
      add(trf("with {} = {} in every row", names_[k_ + c_ + c], num(v)),
          names_[k_ + c_ + c], v, others(k_ + c_ + c, true));
  }
  // A hand formula right at the user's point but wrong elsewhere.
  const auto& g = report.gradient;
  for (const auto& d : g.diagnoses) {
    bool right_here = g.row(0, d.component).verdict == Verdict::ok ||
                      g.row(0, d.component).verdict == Verdict::fd_mismatch;
    if (right_here && settings.size() > 1)
      out.push_back(trf("the formula for ∂/∂{} agrees at your point by accident: it is "
                                "wrong at the other points checked",
                                d.name));
  }
  return out;
}

FormulaCheckReport FormulaChecker::run() {
  validate_and_bind();
  const std::vector<Setting> all = settings();
  FormulaCheckReport report;
  GradientCheckReport& g = report.gradient;
  g.function_name = o_.function_name;
  g.fd_scheme = o_.finite_differences ? "central" : "";
  g.names.assign(names_.begin(), names_.begin() + static_cast<std::ptrdiff_t>(k_));
  report.rows = p_.data.rows.size();
  report.hand_texts.assign(k_, "");
  for (const auto& h : p_.hands)
    for (std::size_t j = 0; j < k_; ++j)
      if (names_[j] == h.wrt) report.hand_texts[j] = h.expression.text();

  FormulaEvidence evidence;
  evidence.f = &p_.f;
  // The diagnoses read a hand formula as a tree: named values inlined (none when too large).
  std::vector<std::optional<Expression>> trees;
  trees.reserve(hands_.size());
  for (const auto& h : hands_)
    trees.push_back(h ? with_names_inlined(*h->e) : std::nullopt);
  for (const auto& t : trees) evidence.hands.push_back(t ? &*t : nullptr);
  evidence.names = names_;
  evidence.parameters = k_;
  evidence.constants = c_;
  if (!p_.data.rows.empty() && !p_.data.sum)
    evidence.sample_count = static_cast<double>(p_.data.rows.size());

  GradientCheckSummary& s = g.summary;
  s.points = all.size();
  s.components = k_;
  s.hand_checked = !p_.hands.empty();
  s.fd_checked = o_.finite_differences;
  std::vector<bool> wrong(k_, false), fd_wrong(k_, false);
  Tape tape;
  std::vector<double> scratch;
  for (std::size_t p = 0; p < all.size(); ++p) {
    const Setting& setting = all[p];
    std::vector<NamedValue> constants;
    for (std::size_t c = 0; c < c_; ++c) constants.push_back({names_[k_ + c], setting.fixed[k_ + c]});
    report.constants.push_back(std::move(constants));
    report.data_varied.push_back(setting.data_moved);
    Eigen::VectorXd x(static_cast<Eigen::Index>(k_));
    for (std::size_t j = 0; j < k_; ++j) x[static_cast<Eigen::Index>(j)] = setting.fixed[j];
    g.points.push_back(x);

    // Per row: the tape's partials and the hand formulas.
    Eigen::VectorXd ad = Eigen::VectorXd::Zero(x.size()), hand = ad;
    double value = 0.0;
    const std::size_t rows = row_count(setting);
    const std::size_t first_sample = evidence.samples.size();
    for (std::size_t r = 0; r < rows; ++r) {
      const auto v = values(setting, r);
      tape.rewind();
      Var y;
      std::vector<Var> parameters;
      {
        auto scope = tape.activate();
        for (std::size_t j = 0; j < k_; ++j) parameters.push_back(tape.input(v[j], names_[j]));
        std::vector<Var> bound;
        for (std::size_t index : f_.index)
          bound.push_back(index < k_ ? parameters[index] : Var(v[index]));
        y = p_.f.record(bound);
      }
      FormulaSample sample{v, std::vector<double>(k_, 0.0), std::vector<double>(k_, nan),
                           std::vector<double>(k_, 0.0)};
      if (y.is_recorded()) {
        const auto adjoints = tape.backward(y);
        for (std::size_t j = 0; j < k_; ++j) sample.ad[j] = adjoints[parameters[j]];
      }
      value += y.value();
      for (std::size_t j = 0; j < k_; ++j) {
        if (hands_[j]) sample.hand[j] = (*hands_[j])(v, scratch);
        ad[static_cast<Eigen::Index>(j)] += sample.ad[j];
        hand[static_cast<Eigen::Index>(j)] += sample.hand[j];
      }
      if (r < o_.max_rows) {
        double norm = 0.0;
        for (double a : sample.ad) norm = std::max(norm, std::abs(a));
        for (std::size_t j = 0; j < k_; ++j)
          sample.allowed[j] =
              check_detail::allowed_error(o_.hand, sample.hand[j], sample.ad[j], norm);
        evidence.samples.push_back(std::move(sample));
      }
    }
    if (!setting.rows.empty() && !p_.data.sum) {
      ad /= static_cast<double>(rows);
      hand /= static_cast<double>(rows);
      value /= static_cast<double>(rows);
    }
    g.values.push_back(value);
    // A hand formula wrong on some row is wrong, even where the mean hides it.
    for (std::size_t k = first_sample; k < evidence.samples.size(); ++k)
      for (std::size_t j = 0; j < k_; ++j)
        if (hands_[j] && !(std::abs(evidence.samples[k].hand[j] - evidence.samples[k].ad[j]) <=
                           evidence.samples[k].allowed[j]))
          wrong[j] = true;

    FdGradient fd;
    if (o_.finite_differences)
      fd = fd_gradient_with_noise([&](const Eigen::VectorXd& xs) { return objective(setting, xs); },
                                  x);
    const double norm = k_ > 0 ? ad.cwiseAbs().maxCoeff() : 0.0;
    for (std::size_t j = 0; j < k_; ++j) {
      const auto i = static_cast<Eigen::Index>(j);
      GradientCheckRow row{.point = p,
                           .component = j,
                           .name = names_[j],
                           .ad = ad[i],
                           .hand = hands_[j] ? hand[i] : nan};
      const check_detail::Mismatches bad = check_detail::compare_component(
          row, hands_[j].has_value(), o_.finite_differences ? &fd : nullptr, i, norm, o_, s);
      if (bad.hand) wrong[j] = true;
      if (bad.fd) fd_wrong[j] = true;
      g.rows.push_back(std::move(row));
    }
  }
  for (std::size_t j = 0; j < k_; ++j) {
    if (wrong[j]) s.wrong_components.push_back(names_[j]);
    if (fd_wrong[j]) s.fd_disagreeing_components.push_back(names_[j]);
  }
  s.passed = s.wrong_components.empty() && s.fd_mismatches == 0;
  for (std::size_t j = 0; j < k_; ++j) {
    if (!wrong[j]) continue;
    if (auto d = diagnose_formula(evidence, j)) {
      g.diagnoses.push_back(std::move(*d));
    } else {
      // Wrong in the whole objective although every row checked agrees (rows past max_rows).
      Diagnosis none;
      none.component = j;
      none.name = names_[j];
      none.points = all.size();
      none.message = p_.data.sum ? trf("the formula for ∂/∂{} disagrees with the tape in the sum over the "
                                       "rows, though not on the first {} rows",
                                       names_[j], o_.max_rows)
                                 : trf("the formula for ∂/∂{} disagrees with the tape in the mean over the "
                                       "rows, though not on the first {} rows",
                                       names_[j], o_.max_rows);
      g.diagnoses.push_back(std::move(none));
    }
  }
  report.notes = notes(all, report);
  return report;
}

}  // namespace

FormulaCheckReport check_hand_gradient(const FormulaProblem& problem,
                                       const FormulaCheckOptions& options) {
  return FormulaChecker(problem, options).run();
}

}  // namespace tapegrad
