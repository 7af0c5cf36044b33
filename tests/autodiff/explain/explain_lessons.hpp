// SPDX-License-Identifier: MIT
// The lessons' expressions (../shared/lessons/000), recorded and explained, shared by the explain
// tests. Each records on its own traced tape and also keeps the tape's own reverse pass, so tests
// can check that explain's replayed adjoints are the tape's. Sub-expressions that C++ could
// evaluate in either order get their own statements, so the recording order (and the golden
// text) is the same with every compiler.
#pragma once

#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"

namespace tapegrad::test {

struct ExplainedLesson {
  Explanation ex;
  std::vector<double> adjoints;  // tape.backward(loss), indexed by node
};

template <class Build>
ExplainedLesson explain_lesson(Build build, const ExplainOptions& options = {}) {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const Var loss = build(tape);
  const Adjoints<double> adjoints = tape.backward(loss);
  const auto all = adjoints.all();
  return {explain(tape, loss, options), std::vector<double>(all.begin(), all.end())};
}

// (3x + 5)²: d/dx = 2(3x + 5)·3, 30 at x = 0 and 210 at x = 10.
inline ExplainedLesson square_of_linear(double x0) {
  return explain_lesson([&](Tape& t) {
    const Var x = t.input(x0, "x");
    return pow(3 * x + 5, 2);
  });
}

// sin(2x): d/dx = cos(2x)·2, 2 at x = 0.
inline ExplainedLesson sine_of_double(double x0 = 0.0) {
  return explain_lesson(
      [&](Tape& t) {
        const Var x = t.input(x0, "x");
        return sin(2 * x);
      },
      {.loss_name = "f"});
}

// (2x² + 4x + 8)²: d/dx = 2(2x² + 4x + 8)(4x + 4), 2·14·8 = 224 at x = 1.
inline ExplainedLesson square_of_quadratic(double x0 = 1.0) {
  return explain_lesson(
      [&](Tape& t) {
        const Var x = t.input(x0, "x");
        const Var two_x_sq = 2 * pow(x, 2);
        const Var u = label(two_x_sq + 4 * x + 8, "u");
        return pow(u, 2);
      },
      {.loss_name = "f"});
}

// ln(sin((x² + 1)³)): d/dx = cos(u³)/sin(u³)·3u²·2x with u = x² + 1, 24·cot(8) at x = 1.
inline ExplainedLesson three_layers(double x0 = 1.0) {
  return explain_lesson(
      [&](Tape& t) {
        const Var x = t.input(x0, "x");
        return log(sin(pow(pow(x, 2) + 1, 3)));
      },
      {.loss_name = "f"});
}

// x² − 4x + 3: d/dx = 2x − 4, 6 at x = 5 (the sum of the paths 10 and −4).
inline ExplainedLesson school_parabola(double x0 = 5.0) {
  return explain_lesson(
      [&](Tape& t) {
        const Var x = t.input(x0, "x");
        const Var x_sq = pow(x, 2);
        return x_sq - 4 * x + 3;
      },
      {.loss_name = "f"});
}

// (y − ŷ)², ŷ = w1·x + w0 at x = 1, y = 2, w0 = w1 = 0: ∂L/∂w0 = ∂L/∂w1 = −4.
inline ExplainedLesson one_sample_regression() {
  return explain_lesson([](Tape& t) {
    const Var w0 = t.input(0.0, "w0");
    const Var w1 = t.input(0.0, "w1");
    const Var y_hat = label(w1 * 1.0 + w0, "ŷ");
    const Var r = label(2.0 - y_hat, "r");
    return pow(r, 2);
  });
}

// The same sample in the lesson's words: x and y are given values (named, not differentiated),
// ŷ and r named, so explain writes ∂ŷ/∂w1 = x = 1 and ∂L/∂r = 2·r.
inline ExplainedLesson one_sample_regression_named() {
  return explain_lesson(
      [](Tape& t) {
        const Var w0 = t.input(0.0, "w0");
        const Var w1 = t.input(0.0, "w1");
        const Var x = t.input(1.0, "x");  // node 2
        const Var y = t.input(2.0, "y");  // node 3
        const Var y_hat = label(w1 * x + w0, "ŷ");
        const Var r = label(y - y_hat, "r");
        return pow(r, 2);
      },
      {.expression = "(y − (w1·x + w0))²", .given = {2, 3}});
}

// (3x + 5)² with the inner expression named u, as lesson 000's nested dolls: outer 2u, inner 3.
inline ExplainedLesson square_of_named_inner(double x0 = 0.0) {
  return explain_lesson(
      [&](Tape& t) {
        const Var x = t.input(x0, "x");
        const Var u = label(3 * x + 5, "u");
        return pow(u, 2);
      },
      {.loss_name = "f", .expression = "u := 3x + 5; u²"});
}

}  // namespace tapegrad::test
