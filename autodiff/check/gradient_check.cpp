// SPDX-License-Identifier: MIT
// The gradient check (see gradient_check.hpp): per point the tape's gradient, the hand-derived
// one and finite differences, compared component by component; then, for each component the
// hand derivation gets wrong, the evidence across points handed to the diagnosis.
#include "autodiff/check/gradient_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "autodiff/check/detail/compare.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/gradient.hpp"
#include "autodiff/tape.hpp"

namespace tapegrad {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string_view scheme_name(FdScheme s) {
  switch (s) {
    case FdScheme::central: return "central";
    case FdScheme::forward: return "forward";
    case FdScheme::richardson: return "richardson";
  }
  return "central";
}

VectorXv<> constants(const Eigen::VectorXd& x) {
  return x.unaryExpr([](double v) { return Var(v); });
}

// The inputs of one recording of f at x, named for the expression texts.
struct Recording {
  Tape tape{TapeOptions{.trace = true}};
  std::vector<NodeIndex> inputs;
  NodeIndex output = no_node;
};

void record_at(const RecordFunction& f, const Eigen::VectorXd& x,
               const std::vector<std::string>& names, Recording& r) {
  r.tape.rewind();
  auto scope = r.tape.activate();
  VectorXv<> xv(x.size());
  r.inputs.clear();
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    xv[i] = r.tape.input(x[i], names[static_cast<std::size_t>(i)]);
    r.inputs.push_back(xv[i].index());
  }
  const Var y = f(std::as_const(xv));
  r.output = y.is_recorded() ? y.index() : no_node;
}

// Inner-expression candidates for component i: every recorded node other than the inputs and
// the output, with ∂node/∂x_i at each point. Needs the same graph at every point (same node
// count); a function whose control flow changes between points gives none.
std::vector<InnerCandidate> inner_candidates(const RecordFunction& f,
                                             const std::vector<Eigen::VectorXd>& points,
                                             const std::vector<std::string>& names,
                                             std::size_t i) {
  Recording r;
  std::vector<InnerCandidate> out;
  NodeIndex size = 0;
  std::vector<NodeIndex> kept;
  for (std::size_t p = 0; p < points.size(); ++p) {
    record_at(f, points[p], names, r);
    if (p == 0) {
      size = r.tape.size();
      const auto texts = expression_texts(r.tape);
      for (NodeIndex node = 0; node < size; ++node) {
        if (r.tape.op(node) == Op::input || node == r.output) continue;
        kept.push_back(node);
        out.push_back({texts[node], {}});
      }
    } else if (r.tape.size() != size) {
      return {};
    }
    const auto tangent = forward_tangents(r.tape, r.inputs[i]);
    for (std::size_t k = 0; k < kept.size(); ++k) out[k].derivative.push_back(tangent[kept[k]]);
  }
  return out;
}

}  // namespace

std::vector<Eigen::VectorXd> random_points(const RandomPoints& box) {
  if (box.lower.size() != box.upper.size())
    throw Error(fmt::format("random_points: lower has {} entries and upper {}; they must match",
                            box.lower.size(), box.upper.size()));
  std::mt19937_64 engine(box.seed);
  std::vector<Eigen::VectorXd> points;
  for (std::size_t p = 0; p < box.count; ++p) {
    Eigen::VectorXd x(box.lower.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      // The top 53 bits as a double in [0, 1).
      const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
      x[i] = box.lower[i] + u * (box.upper[i] - box.lower[i]);
    }
    points.push_back(std::move(x));
  }
  return points;
}

GradientCheckReport check_gradient(const CheckedFunction& f, const CheckPoints& at,
                                   const GradientCheckOptions& options) {
  const auto& points = at.points;
  if (points.empty()) throw Error("check_gradient: no points to check at; give at least one");
  if (!f.record && !f.value_and_gradient)
    throw Error(
        "check_gradient: CheckedFunction has neither `record` nor `value_and_gradient`; give one "
        "of them so that the tape's gradient can be computed");
  const auto n = static_cast<std::size_t>(points[0].size());
  for (std::size_t p = 1; p < points.size(); ++p)
    if (static_cast<std::size_t>(points[p].size()) != n)
      throw Error(fmt::format("check_gradient: point {} has {} components but point 1 has {}",
                              p + 1, points[p].size(), n));
  if (!f.hand_partials.empty() && f.hand_partials.size() != n)
    throw Error(fmt::format(
        "check_gradient: {} hand partials for {} components; give one per component (an empty "
        "std::function leaves a component unchecked)",
        f.hand_partials.size(), n));

  GradientCheckReport report;
  report.function_name = options.function_name;
  report.points = points;
  report.names = options.names;
  if (report.names.empty())
    for (std::size_t i = 0; i < n; ++i) report.names.push_back(fmt::format("x{}", i));
  if (report.names.size() != n)
    throw Error(fmt::format("check_gradient: {} names for {} components; give one per component",
                            report.names.size(), n));
  report.fd_scheme = options.finite_differences ? scheme_name(options.fd_options.scheme) : "";

  // f on doubles for finite differences.
  ScalarFunction value = f.value;
  if (!value && f.record)
    value = [&f](const Eigen::VectorXd& x) { return f.record(constants(x)).value(); };
  if (!value)
    value = [&f](const Eigen::VectorXd& x) {
      Eigen::VectorXd g;
      return f.value_and_gradient(x, g);
    };

  const bool hand_given = static_cast<bool>(f.hand) || !f.hand_partials.empty();
  std::vector<bool> hand_present(n, static_cast<bool>(f.hand));
  for (std::size_t i = 0; i < f.hand_partials.size(); ++i)
    hand_present[i] = static_cast<bool>(f.hand_partials[i]);

  GradientCheckSummary& s = report.summary;
  s.points = points.size();
  s.components = n;
  s.hand_checked = hand_given;
  s.fd_checked = options.finite_differences;
  std::vector<bool> wrong(n, false), fd_wrong(n, false);
  // Per component, per point: for the diagnosis.
  std::vector<ComponentEvidence> evidence(n);

  Tape tape;
  Eigen::VectorXd ad;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const Eigen::VectorXd& x = points[p];
    const double fx = f.record ? value_and_gradient(f.record, x, ad, tape)
                               : f.value_and_gradient(x, ad);
    if (static_cast<std::size_t>(ad.size()) != n)
      throw Error(fmt::format("check_gradient: the gradient source returned {} components for a "
                              "point with {}",
                              ad.size(), n));
    report.values.push_back(fx);

    Eigen::VectorXd hand = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(n), nan);
    if (f.hand) {
      hand = f.hand(x);
      if (static_cast<std::size_t>(hand.size()) != n)
        throw Error(fmt::format(
            "check_gradient: the hand-derived gradient has {} components but x has {}",
            hand.size(), n));
    }
    for (std::size_t i = 0; i < f.hand_partials.size(); ++i)
      if (f.hand_partials[i]) hand[static_cast<Eigen::Index>(i)] = f.hand_partials[i](x);

    FdGradient fd;
    if (options.finite_differences) fd = fd_gradient_with_noise(value, x, options.fd_options);

    const double norm = n > 0 ? ad.cwiseAbs().maxCoeff() : 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto k = static_cast<Eigen::Index>(i);
      GradientCheckRow row{
          .point = p, .component = i, .name = report.names[i], .ad = ad[k], .hand = hand[k]};
      const check_detail::Mismatches bad = check_detail::compare_component(
          row, hand_present[i], options.finite_differences ? &fd : nullptr, k, norm, options, s);
      if (hand_present[i]) {
        auto& e = evidence[i];
        e.ad.push_back(row.ad);
        e.hand.push_back(row.hand);
        e.allowed.push_back(row.allowed);
        e.zero.push_back(options.hand.atol + options.hand.norm_rtol * norm);
      }
      if (bad.hand) wrong[i] = true;
      if (bad.fd) fd_wrong[i] = true;
      report.rows.push_back(std::move(row));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (wrong[i]) s.wrong_components.push_back(report.names[i]);
    if (fd_wrong[i]) s.fd_disagreeing_components.push_back(report.names[i]);
  }
  s.passed = s.hand_mismatches == 0 && s.fd_mismatches == 0;

  if (options.diagnose) {
    const DiagnosisOptions diagnosis_options{.ratio_rtol = options.ratio_rtol,
                                             .sample_count = options.sample_count};
    for (std::size_t i = 0; i < n; ++i) {
      if (!wrong[i]) continue;
      auto& e = evidence[i];
      e.component = i;
      e.name = report.names[i];
      if (f.record) e.inner = inner_candidates(f.record, points, report.names, i);
      if (auto d = diagnose_component(e, diagnosis_options)) report.diagnoses.push_back(*d);
    }
  }
  return report;
}

}  // namespace tapegrad
