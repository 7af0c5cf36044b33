// SPDX-License-Identifier: MIT
// The expression parser: Dijkstra's shunting-yard algorithm with an explicit operator stack, so
// that nesting depth costs heap, never call stack. Output is postfix, which Expression records
// with an operand stack. Every error names the problem and the column.
#include "autodiff/expression/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <numbers>
#include <string>
#include <unordered_map>

#include "autodiff/expression/lexer.hpp"
#include "autodiff/op_rules.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

struct Alias {
  std::string_view name;
  Op op;
};
constexpr std::array aliases{Alias{"ln", Op::log}};

// Callable ops: every op of arity 1 or 2 written with call syntax in the rule table, and pow,
// which is both `^` and pow(a, b). The infix ops (+ - * / and unary -) are operators only.
bool is_callable(const OpInfo& row) {
  return row.arity >= 1 && (row.symbol.empty() || row.op == Op::pow);
}

struct FunctionTable {
  std::unordered_map<std::string_view, Op> by_name;
  std::vector<std::string_view> names;
  FunctionTable() {
    for (const OpInfo& row : op_infos)
      if (is_callable(row)) by_name.emplace(row.name, row.op);
    for (const Alias& alias : aliases) by_name.emplace(alias.name, alias.op);
    for (const auto& [name, op] : by_name) names.push_back(name);
    std::sort(names.begin(), names.end());
  }
};

const FunctionTable& functions() {
  static const FunctionTable table;
  return table;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Binding strengths; a higher number binds tighter.
constexpr int sum_precedence = 1;
constexpr int product_precedence = 2;
constexpr int prefix_precedence = 3;
constexpr int power_precedence = 4;

std::uint32_t clamp32(std::size_t n) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

// An entry of the operator stack.
struct Pending {
  enum class Kind : std::uint8_t {
    binary,  // an infix operator waiting for its right operand
    prefix,  // unary minus (op = neg) or plus (op = input: emits nothing)
    group,   // an open parenthesis
    call,    // a function's open parenthesis
  };
  Kind kind;
  Op op;
  int precedence;
  std::uint32_t column;
  std::uint32_t length;
  int arguments = 1;  // call: the arguments seen so far (commas + 1)
  std::string_view name;  // call: the function's name

  static Pending at(Kind kind, Op op, int precedence, const Token& token) {
    return {kind, op, precedence, clamp32(token.column), clamp32(token.length), 1, token.text};
  }
};


std::string show(const Token& t) {
  if (t.kind == TokenKind::end) return tr("the end of the expression");
  return fmt::format("'{}'", t.text);
}


class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits)
      : text_(text), lexer_(text), limits_(limits) {}

  Expression parse() {
    if (text_.size() > limits_.max_length)
      throw ParseError(trf("the expression is {} bytes long, more than the limit of {} "
                                   "(ParseLimits::max_length)",
                                   text_.size(), limits_.max_length),
                       text_, 1);
    bool expect_operand = true;
    Token previous{};  // kind end: nothing read yet
    bool have_previous = false;
    Token token = lexer_.next();
    while (true) {
      std::optional<Token> lookahead;
      if (expect_operand) {
        switch (token.kind) {
          case TokenKind::number:
            emit_number(token.number, token);
            expect_operand = false;
            break;
          case TokenKind::identifier: {
            lookahead = lexer_.next();
            if (lookahead->kind == TokenKind::define) {
              begin_definition(token, *lookahead, have_previous ? &previous : nullptr);
              previous = *lookahead;
              lookahead.reset();
              token = lexer_.next();
              have_previous = true;
              continue;
            }
            if (lookahead->kind == TokenKind::open) {
              open_call(token, *lookahead);
              previous = *lookahead;
              lookahead.reset();
              token = lexer_.next();
              have_previous = true;
              continue;
            }
            name_operand(token);
            expect_operand = false;
            break;
          }
          case TokenKind::open:
            push(Pending::at(Pending::Kind::group, Op::input, 0, token));
            break;
          case TokenKind::minus:
            push(Pending::at(Pending::Kind::prefix, Op::neg, prefix_precedence, token));
            break;
          case TokenKind::plus:
            push(Pending::at(Pending::Kind::prefix, Op::input, prefix_precedence, token));
            break;
          default:
            missing_operand(token, have_previous ? &previous : nullptr);
        }
      } else {
        switch (token.kind) {
          case TokenKind::plus: push_binary(Op::add, sum_precedence, token); expect_operand = true; break;
          case TokenKind::minus: push_binary(Op::sub, sum_precedence, token); expect_operand = true; break;
          case TokenKind::times: push_binary(Op::mul, product_precedence, token); expect_operand = true; break;
          case TokenKind::divide: push_binary(Op::div, product_precedence, token); expect_operand = true; break;
          case TokenKind::power: push_binary(Op::pow, power_precedence, token); expect_operand = true; break;
          case TokenKind::superscript:
            // x² is x^2 applied at once: nothing binds tighter than a superscript.
            emit_number(token.number, token);
            emit_apply(Op::pow, token.column, token.length);
            break;
          case TokenKind::close: close(token); break;
          case TokenKind::comma: comma(token); expect_operand = true; break;
          case TokenKind::semicolon: end_definition(token); expect_operand = true; break;
          case TokenKind::define:
            throw ParseError(tr("':=' names a value at the start of a part only, as in "
                             "u := 3*x + 5; u^2"),
                             text_, token.column, token.length);
          case TokenKind::end: return finish();
          default:
            throw ParseError(trf("missing operator between {} and {} (for a product, write "
                                         "'*' between them)",
                                         show(previous), show(token)),
                             text_, token.column, token.length);
        }
      }
      previous = token;
      have_previous = true;
      token = lookahead ? *lookahead : lexer_.next();
    }
  }

 private:
  void emit_number(double value, const Token& at) {
    output_.push_back({ExpressionNode::Kind::number, Op::input, 0, value, clamp32(at.column),
                       clamp32(at.length)});
  }
  void emit_apply(Op op, std::size_t column, std::size_t length) {
    output_.push_back({ExpressionNode::Kind::apply, op, 0, 0.0, clamp32(column), clamp32(length)});
  }
  // Moves a finished operator from the stack to the output.
  void emit(const Pending& p) {
    if (p.kind == Pending::Kind::prefix && p.op == Op::input) return;  // unary plus
    emit_apply(p.op, p.column, p.length);
  }

  // A name not followed by '(': a constant or a variable.
  void name_operand(const Token& token) {
    if (const auto value = find_constant(token.text)) {
      emit_number(*value, token);
      return;
    }
    if (find_function(token.text))
      throw ParseError(trf("'{}' is a function: write {}(...) with its argument in "
                                   "parentheses",
                                   token.text, token.text),
                       text_, token.column, token.length);
    const std::string name(token.text);
    if (defining_ && defining_->name == name)
      throw ParseError(trf("'{}' is used in its own definition: a name stands for a value "
                                   "computed before it",
                                   name),
                       text_, token.column, token.length);
    if (const auto local = name_index_.find(name); local != name_index_.end()) {
      output_.push_back({ExpressionNode::Kind::local, Op::input, clamp32(local->second), 0.0,
                         clamp32(token.column), clamp32(token.length)});
      return;
    }
    auto [it, added] = variable_index_.try_emplace(name, variables_.size());
    if (added) variables_.push_back(name);
    output_.push_back({ExpressionNode::Kind::variable, Op::input, clamp32(it->second), 0.0,
                       clamp32(token.column), clamp32(token.length)});
  }

  void open_call(const Token& name, const Token& open) {
    (void)open;
    const auto op = find_function(name.text);
    if (!op) unknown_function(name);
    push(Pending::at(Pending::Kind::call, *op, 0, name));
  }

  [[noreturn]] void unknown_function(const Token& name) {
    if (find_constant(name.text))
      throw ParseError(trf("'{}' is a constant, not a function (for a product, write "
                                   "{}*(...))",
                                   name.text, name.text),
                       text_, name.column, name.length);
    const std::string_view near = nearest_function(name.text);
    if (!near.empty())
      throw ParseError(trf("unknown function '{}': did you mean '{}'?", name.text, near),
                       text_, name.column, name.length);
    throw ParseError(trf("unknown function '{}' (for a product, write {}*(...)); the "
                                 "functions are: {}",
                                 name.text, name.text, fmt::join(function_names(), " ")),
                     text_, name.column, name.length);
  }

  // Pops the operators that bind at least as tightly as the incoming one, then pushes it.
  void push_binary(Op op, int precedence, const Token& token) {
    const bool right_assoc = precedence == power_precedence;
    while (!stack_.empty()) {
      const Pending& top = stack_.back();
      if (top.kind != Pending::Kind::binary && top.kind != Pending::Kind::prefix) break;
      if (top.precedence < precedence || (top.precedence == precedence && right_assoc)) break;
      emit(top);
      stack_.pop_back();
    }
    push(Pending::at(Pending::Kind::binary, op, precedence, token));
  }

  // Pops operators down to the nearest parenthesis; returns it (still on the stack), or nullptr.
  Pending* unwind_to_parenthesis() {
    while (!stack_.empty()) {
      Pending& top = stack_.back();
      if (top.kind == Pending::Kind::group || top.kind == Pending::Kind::call) return &top;
      emit(top);
      stack_.pop_back();
    }
    return nullptr;
  }

  void close(const Token& token) {
    Pending* open = unwind_to_parenthesis();
    if (open == nullptr)
      throw ParseError(tr("unmatched ')': there is no '(' before it to close"), text_, token.column);
    if (open->kind == Pending::Kind::call) {
      const int arity = info(open->op).arity;
      if (open->arguments != arity)
        throw ParseError(open->arguments == 1
                             ? trf(trn("'{}' takes {} argument, but {} was given", "'{}' takes {} arguments, but {} was given",
                                       arity),
                                   open->name, arity, open->arguments)
                             : trf(trn("'{}' takes {} argument, but {} were given",
                                       "'{}' takes {} arguments, but {} were given", arity),
                                   open->name, arity, open->arguments),
                         text_, open->column, open->length);
      emit_apply(open->op, open->column, open->length);
    }
    stack_.pop_back();
  }

  void comma(const Token& token) {
    Pending* open = unwind_to_parenthesis();
    if (open == nullptr || open->kind != Pending::Kind::call)
      throw ParseError(tr("',' outside a function's argument list (only functions such as "
                       "pow(a, b) take several arguments)"),
                       text_, token.column);
    ++open->arguments;
    const int arity = info(open->op).arity;
    if (open->arguments > arity)
      throw ParseError(trf(trn("'{}' takes {} argument, but more were given",
                               "'{}' takes {} arguments, but more were given", arity),
                           open->name, arity),
                       text_, token.column);
  }

  // `u :=` at the start of a part: the part's value will be called u.
  void begin_definition(const Token& name, const Token& define, const Token* previous) {
    const bool part_start = previous == nullptr || previous->kind == TokenKind::semicolon;
    if (!part_start || !stack_.empty())
      throw ParseError(tr("':=' names a value at the start of a part only, as in u := 3*x + 5; u^2"),
                       text_, define.column, define.length);
    if (find_function(name.text) || find_constant(name.text))
      throw ParseError(trf("'{}' is a function or constant name: choose another name for "
                                   "the value",
                                   name.text),
                       text_, name.column, name.length);
    const std::string n(name.text);
    if (name_index_.contains(n))
      throw ParseError(trf("'{}' is already named before: give each value its own name", n),
                       text_, name.column, name.length);
    if (variable_index_.contains(n))
      throw ParseError(trf("'{}' is used as a variable before this line names it: name a "
                                   "value before its first use",
                                   n),
                       text_, name.column, name.length);
    defining_ = Defining{n, clamp32(name.column), clamp32(name.length)};
  }

  // The ';' after a part: the part must have named its value.
  void end_definition(const Token& semicolon) {
    if (!defining_)
      throw ParseError(tr("only the last part may be left without a name: write u := ... before ';' "
                       "(as in u := 3*x + 5; u^2)"),
                       text_, semicolon.column, semicolon.length);
    unwind_all();
    const auto slot = names_.size();
    name_index_.emplace(defining_->name, slot);
    names_.push_back(defining_->name);
    output_.push_back({ExpressionNode::Kind::define, Op::input, clamp32(slot), 0.0,
                       defining_->column, defining_->length});
    defining_.reset();
  }

  // Moves every pending operator to the output; an open parenthesis is an error.
  void unwind_all() {
    while (!stack_.empty()) {
      const Pending& top = stack_.back();
      if (top.kind == Pending::Kind::group || top.kind == Pending::Kind::call)
        throw ParseError(tr("unclosed '(': add a ')' to close it"), text_,
                         top.kind == Pending::Kind::call ? top.column + top.length : top.column);
      emit(top);
      stack_.pop_back();
    }
  }

  Expression finish() {
    if (defining_)
      throw ParseError(trf("the last part names '{}', but the expression itself must come "
                                   "last: add '; ' and the expression that uses it",
                                   defining_->name),
                       text_, defining_->column, defining_->length);
    while (!stack_.empty()) {
      const Pending& top = stack_.back();
      if (top.kind == Pending::Kind::group || top.kind == Pending::Kind::call)
        throw ParseError(tr("unclosed '(': add a ')' to close it"), text_,
                         top.kind == Pending::Kind::call ? top.column + top.length : top.column);
      emit(top);
      stack_.pop_back();
    }
    return Expression(std::string(text_), std::move(output_), std::move(variables_),
                      std::move(names_));
  }

  // A token that cannot start an operand, where one is needed.
  [[noreturn]] void missing_operand(const Token& token, const Token* previous) {
    if (previous == nullptr && token.kind == TokenKind::end)
      throw ParseError(tr("empty expression: write a formula such as x^2 - 4*x + 3"), text_, 1);
    if (token.kind == TokenKind::superscript)
      throw ParseError(trf("the power {} must follow a value, as in x{}", show(token),
                                   token.text),
                       text_, token.column, token.length);
    if (previous == nullptr)
      throw ParseError(trf("the expression cannot start with {}", show(token)), text_,
                       token.column, token.length);
    if (previous->kind == TokenKind::open && token.kind == TokenKind::close) {
      if (!stack_.empty() && stack_.back().kind == Pending::Kind::call) {
        const Pending& call = stack_.back();
        const int arity = info(call.op).arity;
        throw ParseError(trf(trn("'{}' takes {} argument, but none were given",
                                 "'{}' takes {} arguments, but none were given", arity),
                             call.name, arity),
                         text_, call.column, call.length);
      }
      throw ParseError(tr("empty parentheses: write an expression between '(' and ')'"), text_,
                       previous->column, 2);
    }
    if (previous->kind == TokenKind::semicolon && token.kind == TokenKind::end)
      throw ParseError(tr("nothing after the last ';': end with the expression to differentiate, as "
                       "in u := 3*x + 5; u^2"),
                       text_, token.column, token.length);
    if (previous->kind == TokenKind::define)
      throw ParseError(trf("missing the value to name after ':=' (found {})", show(token)),
                       text_, token.column, token.length);
    if (previous->kind == TokenKind::comma)
      throw ParseError(trf("missing argument after ',' (found {})", show(token)), text_,
                       token.column, token.length);
    if (previous->kind == TokenKind::open)
      throw ParseError(trf("missing operand after '(' (found {})", show(token)), text_,
                       token.column, token.length);
    throw ParseError(trf("missing operand after {} (found {})", show(*previous), show(token)),
                     text_, token.column, token.length);
  }

  std::string_view text_;
  // Every pending operator, call or parenthesis goes through here, so nesting has a bound.
  void push(const Pending& pending) {
    if (stack_.size() >= limits_.max_nesting)
      throw ParseError(trf("the expression nests more than {} levels of parentheses, "
                                   "calls and pending operators (ParseLimits::max_nesting)",
                                   limits_.max_nesting),
                       text_, pending.column, pending.length);
    stack_.push_back(pending);
  }

  ExpressionLexer lexer_;
  ParseLimits limits_;
  std::vector<ExpressionNode> output_;
  std::vector<Pending> stack_;
  std::vector<std::string> variables_;
  std::unordered_map<std::string, std::size_t> variable_index_;
  struct Defining {
    std::string name;
    std::uint32_t column;
    std::uint32_t length;
  };
  std::optional<Defining> defining_;  // the name of the part being read, after `u :=`
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> name_index_;
};

}  // namespace

Expression parse_expression(std::string_view text, const ParseLimits& limits) {
  return Parser(text, limits).parse();
}

std::optional<Op> find_function(std::string_view name) {
  const auto& table = functions().by_name;
  const auto it = table.find(name);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

std::optional<double> find_constant(std::string_view name) {
  if (name == "pi") return std::numbers::pi;
  if (name == "e") return std::numbers::e;
  return std::nullopt;
}

const std::vector<std::string_view>& function_names() { return functions().names; }

std::string_view nearest_function(std::string_view name) {
  // Long names are not compared (a megabyte identifier would make the table quadratic).
  if (name.size() > 32) return {};
  std::string_view best;
  std::size_t best_distance = 3;
  for (const std::string_view candidate : function_names()) {
    const std::size_t d = edit_distance(name, candidate);
    // A suggestion must keep something of the name: `f` is not a typo of `erf`.
    if (d < best_distance && d < name.size()) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace tapegrad
