// SPDX-License-Identifier: MIT
// The lessons' expressions (../shared/lessons/000, examples/explain_0N_*.cpp) as `tapegrad explain`
// arguments: one class page each.
module.exports = [
  { id: "explain_01_square_of_linear", args: ["(3*x + 5)^2", "--at", "x=0"] },
  { id: "explain_02_sine_of_double", args: ["sin(2*x)", "--at", "x=0"] },
  { id: "explain_03_square_of_quadratic", args: ["(2*x^2 + 4*x + 8)^2", "--at", "x=1"] },
  { id: "explain_04_three_layers", args: ["log(sin((x^2 + 1)^3))", "--at", "x=1"] },
  { id: "explain_05_school_parabola", args: ["x^2 - 4*x + 3", "--at", "x=5"] },
  { id: "explain_06_one_sample_regression",
    args: ["(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2"] },
];
