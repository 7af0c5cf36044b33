// SPDX-License-Identifier: MIT
// Custom operations: you supply an op's value and its vector-Jacobian product (VJP), and it is
// recorded as one tape entry like the built-in matrix ops. For a function with no rule in the
// table, or a faster hand-derived backward (a fused kernel, a solver's adjoint).
//   CustomScalarOp: inputs are Vars, the output one Var.
//   CustomMatrixOp: inputs are MatrixVars (a Var goes in as MatrixVar(v)), the output a MatrixVar.
// The VJP receives the output's adjoint ȳ and writes ȳ·∂y/∂input_k into input_adjoints[k], which
// arrive zeroed and sized like the inputs; it is called only for sweeps that reach the op.
// Unlike the built-in matrix ops, a custom op allocates on every recording and sweep: its interface
// copies the inputs into Eigen::MatrixXd and calls std::functions.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/matrix_var.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

struct CustomScalarOp {
  std::string name;
  // y = value(inputs)
  std::function<double(std::span<const double> inputs)> value;
  // input_adjoints[k] = ȳ·∂y/∂input_k
  std::function<void(double output_adjoint, std::span<const double> inputs, double output,
                     std::span<double> input_adjoints)>
      vjp;
};

struct CustomMatrixOp {
  std::string name;
  // Y = value(inputs)
  std::function<Eigen::MatrixXd(std::span<const Eigen::MatrixXd> inputs)> value;
  // input_adjoints[k] = Σ_ij Ȳ_ij·∂Y_ij/∂input_k (each the shape of input k, zeroed on entry)
  std::function<void(const Eigen::MatrixXd& output_adjoint, std::span<const Eigen::MatrixXd> inputs,
                     const Eigen::MatrixXd& output, std::span<Eigen::MatrixXd> input_adjoints)>
      vjp;
};

// Records op(inputs) on the active tape as one entry (or computes it as a constant when no input
// is recorded).
inline Var apply(const CustomScalarOp& op, std::span<const Var> inputs) {
  std::vector<double> values;
  values.reserve(inputs.size());
  bool recorded = false;
  for (const Var& v : inputs) {
    values.push_back(v.value());
    if (v.is_recorded()) {
      active_tape<double>().check(v);
      recorded = true;
    }
  }
  const double y = op.value(values);
  std::vector<NodeIndex> nodes;
  for (const Var& v : inputs) nodes.push_back(v.is_recorded() ? v.index() : no_node);
  return MatrixRecorder::record_scalar(
      op.name, y, recorded,
      [op, y, values = std::move(values), nodes = std::move(nodes)](double* adj, NodeIndex first) {
        std::vector<double> input_adjoints(values.size(), 0.0);
        op.vjp(adj[first], values, y, input_adjoints);
        for (std::size_t k = 0; k < nodes.size(); ++k)
          if (nodes[k] != no_node) adj[nodes[k]] += input_adjoints[k];
      });
}
inline Var apply(const CustomScalarOp& op, std::initializer_list<Var> inputs) {
  return apply(op, std::span<const Var>(inputs.begin(), inputs.size()));
}

inline MatrixVar apply(const CustomMatrixOp& op, std::span<const MatrixVar> inputs) {
  std::vector<Eigen::MatrixXd> values;
  values.reserve(inputs.size());
  bool recorded = false;
  for (const MatrixVar& m : inputs) {
    if (m.is_recorded()) {
      active_tape<double>().check(m.first_var());
      recorded = true;
    }
    values.push_back(m.value());
  }
  Eigen::MatrixXd y = op.value(values);
  std::vector<NodeIndex> nodes;
  for (const MatrixVar& m : inputs) nodes.push_back(m.is_recorded() ? m.first() : no_node);
  MatrixRecorder::Result result(recorded, y.rows(), y.cols());
  result.map() = y;
  return result.record(
      op.name,
      [op, y, values = std::move(values), nodes = std::move(nodes)](double* adj, NodeIndex first) {
        std::vector<Eigen::MatrixXd> input_adjoints;
        input_adjoints.reserve(values.size());
        for (const auto& v : values) input_adjoints.push_back(Eigen::MatrixXd::Zero(v.rows(), v.cols()));
        const Eigen::MatrixXd dy = MatrixRecorder::adjoint_block(adj, first, y.rows(), y.cols());
        op.vjp(dy, values, y, input_adjoints);
        for (std::size_t k = 0; k < nodes.size(); ++k) {
          const auto& g = input_adjoints[k];
          if (g.rows() != values[k].rows() || g.cols() != values[k].cols())
            throw ShapeError(op.name + " (custom op VJP, input " + std::to_string(k) + ")",
                             shape_of(g), shape_of(values[k]),
                             "the VJP must leave each input adjoint the shape of its input");
          if (nodes[k] != no_node)
            MatrixRecorder::adjoint_block(adj, nodes[k], g.rows(), g.cols()) += g;
        }
      });
}
inline MatrixVar apply(const CustomMatrixOp& op, std::initializer_list<MatrixVar> inputs) {
  return apply(op, std::span<const MatrixVar>(inputs.begin(), inputs.size()));
}

}  // namespace tapegrad
