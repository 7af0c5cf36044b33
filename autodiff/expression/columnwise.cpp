// SPDX-License-Identifier: MIT
// ColumnwiseSum: the expression's postfix entries become a plan (which entries vary by row, which
// depend on a parameter); each chunk of rows runs the plan forward over columns, then backward
// (adjoints of columns, broadcast entries summing their rows), and the chunks' sums are added in
// chunk order.
#include "autodiff/expression/columnwise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "autodiff/expression/column_kernels.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"
#include "autodiff/worker_pool.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {

RowDomainError::RowDomainError(const DomainError& error, std::string expression_message,
                               std::size_t row)
    : DomainError(error),
      expression_message_(std::move(expression_message)),
      message_(trf("on row {}: {}", row + 1, expression_message_)),
      row_(row) {}

namespace {

// One entry of the plan: an expression entry with its operands resolved to entry indices.
struct Step {
  ExpressionNode::Kind kind;
  Op op = Op::input;
  std::uint32_t a = 0, b = 0;  // the operands' entries (apply)
  std::size_t variable = 0;    // variable
  double number = 0.0;         // number
  bool column = false;         // varies by row
  bool active = false;         // depends on a parameter: its adjoint is needed
};

// Per-thread buffers, reused across calls: a chunk-long column per entry for values and adjoints.
struct Workspace {
  std::vector<double> values, adjoints, scalars, scalar_adjoints;
  std::vector<char> written;      // whether an entry's adjoint column has had a contribution
  std::vector<const double*> at;  // where each entry's value(s) are
  void resize(std::size_t steps, std::size_t chunk) {
    values.resize(steps * chunk);
    adjoints.resize(steps * chunk);
    scalars.resize(steps);
    scalar_adjoints.resize(steps);
    written.resize(steps);
    at.resize(steps);
  }
};

}  // namespace

struct ColumnwiseSum::Plan {
  Expression expression;
  std::vector<ColumnSource> sources;
  std::vector<std::string> names;
  ColumnwiseOptions options;
  std::size_t rows = 1;
  std::vector<Step> steps;
  std::uint32_t root = 0;
  std::mutex mutex;  // guards the workspaces: one sum() at a time per object
  std::vector<Workspace> workspaces;

  // Runs chunk [begin, begin + m): writes Σ f and (with gradient) the p partial sums to out.
  // Returns true when some value or partial is not finite (the chunk must then be checked).
  bool run_chunk(std::span<const double> x, std::size_t begin, std::size_t m, bool gradient,
                 Workspace& w, double* out) const;
  // Records row r on a checked tape, as the per-row objective does; throws its RowDomainError.
  void check_row(std::span<const double> x, std::size_t r) const;
  double run(std::span<const double> x, Eigen::VectorXd* gradient);
};

bool ColumnwiseSum::Plan::run_chunk(std::span<const double> x, std::size_t begin, std::size_t m,
                                    bool gradient, Workspace& w, double* out) const {
  const std::size_t chunk = options.chunk_rows;
  bool bad = false;
  // Forward: each entry's values over the chunk (or its one value, when it does not vary by row).
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const Step& s = steps[k];
    double* column = w.values.data() + k * chunk;
    double* scalar = &w.scalars[k];
    switch (s.kind) {
      case ExpressionNode::Kind::number:
        *scalar = s.number;
        w.at[k] = scalar;
        break;
      case ExpressionNode::Kind::variable: {
        const ColumnSource& src = sources[s.variable];
        if (src.kind == ColumnSource::Kind::column) {
          w.at[k] = src.values.data() + begin;
        } else {
          *scalar = src.kind == ColumnSource::Kind::parameter ? x[src.parameter_index] : src.value;
          w.at[k] = scalar;
        }
        break;
      }
      case ExpressionNode::Kind::define:
      case ExpressionNode::Kind::local:
        break;  // never a step: the plan resolves named values to the entries that define them
      case ExpressionNode::Kind::apply: {
        double* y = s.column ? column : scalar;
        if (info(s.op).arity == 1)
          bad |= detail::column_forward(s.op, w.at[s.a], y, s.column ? m : 1);
        else
          bad |= detail::column_forward(s.op, w.at[s.a], steps[s.a].column, w.at[s.b],
                                        steps[s.b].column, y, m);
        w.at[k] = y;
        break;
      }
    }
  }
  const Step& r = steps[root];
  out[0] = r.column ? detail::column_sum(w.at[root], m) : static_cast<double>(m) * *w.at[root];
  if (!gradient) return bad;

  // Backward: the chain rule entry by entry, last to first; the sum's seed is 1 for every row. An
  // adjoint column is assigned by the first input edge that reaches it and added to by later ones
  // (an entry used twice), so no column is zeroed first; broadcast entries' adjoints are sums.
  const auto adjoint = [&](std::uint32_t k) {
    return steps[k].column ? w.adjoints.data() + k * chunk : &w.scalar_adjoints[k];
  };
  std::fill(w.scalar_adjoints.begin(), w.scalar_adjoints.end(), 0.0);
  std::fill(w.written.begin(), w.written.end(), char{0});
  if (r.column) {
    std::fill_n(adjoint(root), m, 1.0);
    w.written[root] = 1;
  } else {
    w.scalar_adjoints[root] = static_cast<double>(m);
  }
  // Whether input `in` gets its first contribution now (then marked as written).
  const auto first_write = [&](std::uint32_t in) {
    if (!steps[in].column || w.written[in]) return false;
    w.written[in] = 1;
    return true;
  };
  for (std::size_t k = steps.size(); k-- > 0;) {
    const Step& s = steps[k];
    if (s.kind != ExpressionNode::Kind::apply || !s.active) continue;
    if (s.column && !w.written[k]) continue;  // no contribution reached it: its adjoint is 0
    const double* adj_y = adjoint(static_cast<std::uint32_t>(k));
    if (info(s.op).arity == 1) {
      if (!steps[s.a].active) continue;
      const bool assign = first_write(s.a);
      bad |= detail::column_backward(s.op, w.at[s.a], w.at[k], adj_y, adjoint(s.a),
                                     s.column ? m : 1, assign);
      continue;
    }
    for (int j = 0; j < 2; ++j) {
      const std::uint32_t in = j == 0 ? s.a : s.b;
      if (!steps[in].active) continue;
      const bool assign = first_write(in);
      bad |= detail::column_backward(s.op, j, w.at[s.a], steps[s.a].column, w.at[s.b],
                                     steps[s.b].column, w.at[k], adj_y, adjoint(in), m, assign);
    }
  }
  std::fill_n(out + 1, names.size(), 0.0);
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const Step& s = steps[k];
    if (s.kind == ExpressionNode::Kind::variable && s.active)
      out[1 + sources[s.variable].parameter_index] += w.scalar_adjoints[k];
  }
  return bad;
}

void ColumnwiseSum::Plan::check_row(std::span<const double> x, std::size_t row) const {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  std::vector<Var> parameters;
  for (std::size_t k = 0; k < names.size(); ++k) parameters.push_back(tape.input(x[k], names[k]));
  std::vector<Var> values;
  for (const ColumnSource& src : sources) {
    switch (src.kind) {
      case ColumnSource::Kind::parameter: values.push_back(parameters[src.parameter_index]); break;
      case ColumnSource::Kind::constant: values.emplace_back(src.value); break;
      case ColumnSource::Kind::column: values.emplace_back(src.values[row]); break;
    }
  }
  try {
    expression.record(values);
  } catch (const DomainError& e) {
    throw RowDomainError(e, e.what(), row);
  }
}

double ColumnwiseSum::Plan::run(std::span<const double> x, Eigen::VectorXd* gradient) {
  if (x.size() != names.size())
    throw TapeMisuseError(fmt::format("ColumnwiseSum::sum: {} parameter values for {} parameters",
                                      x.size(), names.size()));
  const std::size_t p = names.size();
  const std::size_t chunk = options.chunk_rows;
  const std::size_t chunks = (rows + chunk - 1) / chunk;
  const std::size_t width = 1 + p;
  std::vector<double> results(chunks * width, 0.0);
  std::vector<std::exception_ptr> errors(chunks);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_error{chunks};

  // Each worker takes the next chunk; a chunk past one that failed need not run.
  const auto work = [&](Workspace& w) {
    for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
      if (c > first_error.load()) continue;
      try {
        const std::size_t begin = c * chunk;
        const std::size_t m = std::min(chunk, rows - begin);
        if (run_chunk(x, begin, m, gradient != nullptr, w, results.data() + c * width))
          for (std::size_t r = begin; r < begin + m; ++r) check_row(x, r);
      } catch (...) {
        errors[c] = std::current_exception();
        for (std::size_t seen = first_error.load();
             c < seen && !first_error.compare_exchange_weak(seen, c);) {
        }
      }
    }
  };

  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, chunks));
  if (workspaces.size() < workers) workspaces.resize(workers);
  for (std::size_t t = 0; t < workers; ++t) workspaces[t].resize(steps.size(), chunk);
  WorkerPool::shared().run(workers, [&](std::size_t t) { work(workspaces[t]); });

  // The chunks' sums in chunk order: the same bits for any number of threads.
  double total = 0.0;
  if (gradient != nullptr) gradient->setZero(static_cast<Eigen::Index>(p));
  for (std::size_t c = 0; c < chunks; ++c) {
    if (errors[c]) std::rethrow_exception(errors[c]);
    total += results[c * width];
    if (gradient != nullptr)
      for (std::size_t k = 0; k < p; ++k) (*gradient)[static_cast<Eigen::Index>(k)] += results[c * width + 1 + k];
  }
  return total;
}

ColumnwiseSum::ColumnwiseSum(const Expression& expression, std::vector<ColumnSource> sources,
                             std::vector<std::string> parameter_names, ColumnwiseOptions options)
    : plan_(std::make_unique<Plan>()) {
  Plan& plan = *plan_;
  plan.expression = expression;
  plan.sources = std::move(sources);
  plan.names = std::move(parameter_names);
  plan.options = options;
  if (plan.options.chunk_rows == 0) plan.options.chunk_rows = 1;
  if (plan.sources.size() != expression.variables().size())
    throw TapeMisuseError(fmt::format("ColumnwiseSum: {} sources for {} variables",
                                      plan.sources.size(), expression.variables().size()));
  bool has_column = false;
  for (const ColumnSource& src : plan.sources) {
    if (src.kind == ColumnSource::Kind::parameter && src.parameter_index >= plan.names.size())
      throw TapeMisuseError(fmt::format("ColumnwiseSum: parameter {} of {}", src.parameter_index,
                                        plan.names.size()));
    if (src.kind != ColumnSource::Kind::column) continue;
    if (has_column && src.values.size() != plan.rows)
      throw TapeMisuseError(fmt::format("ColumnwiseSum: columns of {} and {} rows",
                                        plan.rows, src.values.size()));
    plan.rows = src.values.size();
    has_column = true;
  }

  // The postfix entries, with an explicit stack of entry indices (no recursion). A named value
  // (`u := w*x; u^2`) is no entry of its own: each use of u refers to the entry that defined it.
  std::vector<std::uint32_t> stack;
  std::vector<std::uint32_t> named;
  for (const ExpressionNode& node : expression.nodes()) {
    if (node.kind == ExpressionNode::Kind::define) {
      if (named.size() <= node.variable) named.resize(node.variable + 1);
      named[node.variable] = stack.back();
      stack.pop_back();
      continue;
    }
    if (node.kind == ExpressionNode::Kind::local) {
      stack.push_back(named.at(node.variable));
      continue;
    }
    Step s{.kind = node.kind, .op = node.op};
    const auto index = static_cast<std::uint32_t>(plan.steps.size());
    if (node.kind == ExpressionNode::Kind::number) {
      s.number = node.number;
    } else if (node.kind == ExpressionNode::Kind::variable) {
      s.variable = node.variable;
      s.column = plan.sources[node.variable].kind == ColumnSource::Kind::column;
      s.active = plan.sources[node.variable].kind == ColumnSource::Kind::parameter;
    } else if (info(node.op).arity == 1) {
      s.a = stack.back();
      stack.pop_back();
    } else {
      s.b = stack.back();
      stack.pop_back();
      s.a = stack.back();
      stack.pop_back();
      // a^2 as a·a: the same value and (through mul's row, a used twice) the same partial 2a,
      // without a call to pow per row.
      const Step& b = plan.steps[s.b];
      if (s.op == Op::pow && b.kind == ExpressionNode::Kind::number && b.number == 2.0) {
        s.op = Op::mul;
        s.b = s.a;
      }
    }
    if (node.kind == ExpressionNode::Kind::apply) {
      s.column = plan.steps[s.a].column || (info(s.op).arity == 2 && plan.steps[s.b].column);
      s.active = plan.steps[s.a].active || (info(s.op).arity == 2 && plan.steps[s.b].active);
    }
    plan.steps.push_back(s);
    stack.push_back(index);
  }
  if (stack.empty()) {  // an empty expression is 0
    plan.steps.push_back(Step{.kind = ExpressionNode::Kind::number});
    stack.push_back(0);
  }
  plan.root = stack.back();
}

ColumnwiseSum::~ColumnwiseSum() = default;
ColumnwiseSum::ColumnwiseSum(ColumnwiseSum&&) noexcept = default;
ColumnwiseSum& ColumnwiseSum::operator=(ColumnwiseSum&&) noexcept = default;

std::size_t ColumnwiseSum::rows() const noexcept { return plan_->rows; }
std::size_t ColumnwiseSum::parameter_count() const noexcept { return plan_->names.size(); }

double ColumnwiseSum::sum(std::span<const double> parameters, Eigen::VectorXd& gradient) const {
  std::lock_guard lock(plan_->mutex);
  return plan_->run(parameters, &gradient);
}

double ColumnwiseSum::sum(std::span<const double> parameters) const {
  std::lock_guard lock(plan_->mutex);
  return plan_->run(parameters, nullptr);
}

}  // namespace tapegrad
