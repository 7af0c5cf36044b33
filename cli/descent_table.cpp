// SPDX-License-Identifier: MIT
// The descent table (see descent_table.hpp).
#include "cli/descent_table.hpp"

#include <fmt/format.h>

#include "cli/text_table.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

std::string number(double x, int precision) {
  if (x == 0.0) return "0";
  return fmt::format("{:.{}g}", x, precision);
}

// As the lessons write a number inside a formula: the Unicode minus, a negative in parentheses.
std::string operand(double x, int precision) {
  const std::string s = number(x, precision);
  return s.starts_with('-') ? "(\u2212" + s.substr(1) + ")" : s;
}

std::string plain(double x, int precision) {
  const std::string s = number(x, precision);
  return s.starts_with('-') ? "\u2212" + s.substr(1) : s;
}

}  // namespace

std::string count_of(std::size_t n, const char* one, const char* many) {
  return fmt::format(fmt::runtime(trn(one, many, n)), n);
}

DescentTable descent_table(const std::vector<optim::StepRecord>& history, const DescentTableOptions& options) {
  DescentTable t;
  const auto& names = options.names;
  const std::string& L = options.loss_name;
  const int prec = options.precision;
  t.header.push_back(tr("step"));
  for (const auto& n : names) t.header.push_back(n);
  t.header.push_back(L);
  for (const auto& n : names) t.header.push_back("\u2202" + L + "/\u2202" + n);
  if (options.show_update)
    for (const auto& n : names) t.header.push_back(n + " \u2212 \u03b7\u00b7\u2202" + L + "/\u2202" + n);
  const std::size_t last = history.empty() ? 0 : history.back().step;
  for (std::size_t k = 0; k < history.size(); ++k) {
    const optim::StepRecord& r = history[k];
    if (options.every > 1 && r.step % options.every != 0 && r.step != last) continue;
    std::vector<std::string> row{std::to_string(r.step)};
    for (Eigen::Index i = 0; i < r.params.size(); ++i) row.push_back(number(r.params[i], prec));
    row.push_back(number(r.value, prec));
    for (Eigen::Index i = 0; i < r.gradient.size(); ++i) row.push_back(number(r.gradient[i], prec));
    if (options.show_update) {
      // Row k holds x_k = x_{k−1} − η·g_{k−1}: the step that led here, from the record before.
      for (std::size_t i = 0; i < names.size(); ++i) {
        const auto p = static_cast<Eigen::Index>(i);
        // Only when the record before is the step before: a long run's table leaves steps out.
        if (k == 0 || history[k - 1].step + 1 != r.step || history[k - 1].params.size() <= p ||
            history[k - 1].gradient.size() <= p) {
          row.emplace_back();
          continue;
        }
        const optim::StepRecord& before = history[k - 1];
        row.push_back(fmt::format("{} \u2212 {}\u00b7{} = {}", plain(before.params[p], prec),
                                  number(r.learning_rate, prec), operand(before.gradient[p], prec),
                                  plain(r.params[p], prec)));
      }
    }
    t.rows.push_back(std::move(row));
    if (options.gap_after == r.step) {
      std::vector<std::string> gap(t.header.size());
      gap.front() = "\u2026";
      t.rows.push_back(std::move(gap));
    }
  }
  return t;
}

void print_text(const DescentTable& table, std::ostream& out) {
  TextTable text(table.header);
  for (const auto& row : table.rows) text.add_row(row);
  text.print(out);
}

void print_markdown(const DescentTable& table, std::ostream& out) {
  const auto line = [&](const std::vector<std::string>& cells) {
    out << '|';
    for (const auto& c : cells) {
      std::string escaped;
      for (char ch : c) escaped += ch == '|' ? std::string("\\|") : std::string(1, ch);
      out << ' ' << escaped << " |";
    }
    out << '\n';
  };
  line(table.header);
  out << '|';
  for (std::size_t c = 0; c < table.header.size(); ++c) out << "---:|";
  out << '\n';
  for (const auto& row : table.rows) line(row);
}

}  // namespace tapegrad::cli
