// SPDX-License-Identifier: MIT
// The CSV grammar (RFC 4180 plus BOM, blank lines and spaces around fields) as one pass over the
// text, and the typed access to its fields. Positions are found only when an error needs one, by
// scanning the record that holds the field, so reading stays linear in the file size.
#include "csv/csv_table.hpp"

#include <fmt/format.h>

#include <limits>

#include "autodiff/decimal.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// A plural form from trn() with its count filled in: "3 fields", "3 поля", "3 个字段".
std::string with_count(const char* form, std::size_t n) { return fmt::format(fmt::runtime(form), n); }

}  // namespace

// One pass over text_: records are split into cells (byte ranges of the text), the first record
// becomes the header. Every malformed spot is reported where it is.
class CsvTable::Parser {
 public:
  Parser(CsvTable& table, const CsvReadOptions& options) : t_(table), options_(options) {}

  void run() {
    const std::string& text = t_.text_;
    if (text.size() > options_.limits.max_bytes || text.size() >= std::numeric_limits<std::uint32_t>::max())
      throw CsvError(t_.source_, 0, 0, 0,
                     trf("the data is {} bytes, more than the limit of {}", text.size(),
                         std::min<std::uint64_t>(options_.limits.max_bytes,
                                                 std::numeric_limits<std::uint32_t>::max() - 1)),
                     tr("raise CsvLimits::max_bytes (at most 4 GiB − 1), or use a smaller file"));
    if (std::string_view(text).starts_with(bom)) pos_ = line_start_ = bom.size();
    bool header_done = !options_.header;
    while (pos_ < text.size()) {
      const Line record_line{line_, line_start_};
      read_record();
      if (record_.size() == 1 && record_[0].begin == record_[0].end) continue;  // a blank line
      if (!header_done) {
        take_header(record_line);
        header_done = true;
        continue;
      }
      if (t_.columns_.empty()) name_columns(record_line);  // no header: x0, x1, ...
      take_row(record_line);
    }
    if (t_.columns_.empty())
      throw CsvError(t_.source_, 1, 0, 0, tr("the file is empty"),
                     options_.header ? tr("it needs a header row such as x,y and rows of numbers")
                                     : tr("it needs rows of numbers"));
    if (t_.rows_ == 0)
      throw CsvError(t_.source_, line_ + (pos_ > line_start_ ? 1 : 0), 0, 0,
                     tr("no data rows after the header"), tr("add rows with one value per column"));
  }

 private:
  bool blank(char c) const { return (c == ' ' || c == '\t') && c != options_.delimiter; }

  CsvError error_here(std::size_t offset, std::string problem, std::string fix) const {
    return CsvError(t_.source_, line_, t_.locate({line_, line_start_}, offset).column, field_ + 1,
                    std::move(problem), std::move(fix));
  }

  // Reads the record that starts at pos_ into record_, through its line end.
  void read_record() {
    const std::string& text = t_.text_;
    const std::size_t n = text.size();
    record_.clear();
    field_ = 0;
    while (true) {
      while (pos_ < n && blank(text[pos_])) ++pos_;
      Cell cell{static_cast<std::uint32_t>(pos_), static_cast<std::uint32_t>(pos_)};
      if (pos_ < n && text[pos_] == '"') {
        const std::size_t open = pos_;
        const Line open_line{line_, line_start_};
        ++pos_;
        while (true) {
          const std::size_t q = text.find_first_of("\"\n", pos_);
          if (q == std::string::npos)
            throw CsvError(t_.source_, open_line.number, t_.locate(open_line, open).column,
                           field_ + 1, tr("a quoted field is never closed"),
                           tr("end it with a \" (a quote inside a quoted field is written \"\")"));
          if (text[q] == '\n') {  // a line end inside quotes belongs to the field
            ++line_;
            line_start_ = pos_ = q + 1;
            continue;
          }
          if (q + 1 < n && text[q + 1] == '"') {
            pos_ = q + 2;
            continue;
          }
          pos_ = q + 1;
          break;
        }
        cell.end = static_cast<std::uint32_t>(pos_);
        while (pos_ < n && (blank(text[pos_]) || text[pos_] == '\r')) ++pos_;
        if (pos_ < n && text[pos_] != options_.delimiter && text[pos_] != '\n')
          throw error_here(pos_, tr("text after the closing quote of a quoted field"),
                           tr("write a quote inside a quoted field as \"\", or quote the whole field"));
      } else {
        while (pos_ < n && text[pos_] != options_.delimiter && text[pos_] != '\n') {
          if (text[pos_] == '"')
            throw error_here(pos_, tr("a quote inside an unquoted field"),
                             tr("quote the whole field and double the quote: \"a \"\"b\"\" c\""));
          ++pos_;
        }
        std::size_t end = pos_;
        while (end > cell.begin && (blank(text[end - 1]) || text[end - 1] == '\r')) --end;
        cell.end = static_cast<std::uint32_t>(end);
      }
      record_.push_back(cell);
      if (pos_ < n && text[pos_] == options_.delimiter) {
        ++pos_;
        ++field_;
        continue;
      }
      if (pos_ < n) {  // '\n'
        ++pos_;
        ++line_;
        line_start_ = pos_;
      }
      return;
    }
  }

  void check_columns(const Line& line) {
    if (record_.size() > options_.limits.max_columns)
      throw CsvError(t_.source_, line.number, 0, 0,
                     trf("{} columns, more than the limit of {}", record_.size(), options_.limits.max_columns),
                     tr("raise CsvLimits::max_columns, or drop columns you do not need"));
  }

  void take_header(const Line& line) {
    check_columns(line);
    t_.header_line_ = line;
    t_.header_cells_ = record_;
    t_.columns_.reserve(record_.size());
    t_.index_.reserve(record_.size());
    for (std::size_t c = 0; c < record_.size(); ++c) {
      std::string name = unquote(t_.text_, record_[c]);
      if (name.empty())
        throw t_.header_error(c, tr("empty column name in the header"), tr("give every column a name"));
      if (!t_.index_.emplace(name, c).second)
        throw t_.header_error(c, trf("the column name '{}' appears twice in the header", name),
                              tr("rename one of the two columns"));
      t_.columns_.push_back(std::move(name));
    }
  }

  void name_columns(const Line& line) {
    check_columns(line);
    for (std::size_t c = 0; c < record_.size(); ++c) {
      t_.columns_.push_back(fmt::format("x{}", c));
      t_.index_.emplace(t_.columns_.back(), c);
    }
  }

  void take_row(const Line& line) {
    const std::size_t width = t_.columns_.size();
    if (record_.size() != width) {
      const std::size_t n = record_.size();
      const std::string fields = with_count(trn("{} field", "{} fields", n), n);
      const std::string columns = with_count(trn("{} column", "{} columns", width), width);
      const std::string problem = options_.header ? trf("{}, but the header has {}", fields, columns)
                                                  : trf("{}, but the first line has {}", fields, columns);
      const std::string fix = tr("every line needs the same number of fields (quote a field that holds a comma)");
      if (record_.size() > width)
        throw CsvError(t_.source_, line.number, t_.locate(line, record_[width].begin).column, width + 1,
                       problem, fix);
      throw CsvError(t_.source_, line.number, t_.locate(line, record_.back().end).column, 0,
                     problem, fix);
    }
    if (t_.rows_ == options_.limits.max_rows)
      throw CsvError(t_.source_, line.number, 0, 0,
                     trf("more than {} data rows, the limit", options_.limits.max_rows),
                     tr("raise CsvLimits::max_rows, or use a smaller file"));
    t_.cells_.insert(t_.cells_.end(), record_.begin(), record_.end());
    t_.row_lines_.push_back(line);
    ++t_.rows_;
  }

 public:
  // The text of a cell: quotes removed and "" turned into ".
  static std::string unquote(const std::string& text, Cell cell) {
    std::string_view raw(text.data() + cell.begin, cell.end - cell.begin);
    if (raw.empty() || raw[0] != '"') return std::string(raw);
    raw = raw.substr(1, raw.size() - 2);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      out += raw[i];
      if (raw[i] == '"') ++i;  // the second quote of ""
    }
    return out;
  }

 private:
  CsvTable& t_;
  const CsvReadOptions& options_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t field_ = 0;
  std::vector<Cell> record_;
};

CsvTable CsvTable::parse(std::string text, std::string source, const CsvReadOptions& options) {
  CsvTable table;
  table.source_ = std::move(source);
  table.text_ = std::move(text);
  Parser(table, options).run();
  return table;
}

std::optional<std::size_t> CsvTable::column_index(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t CsvTable::column(std::string_view name) const {
  if (const auto c = column_index(name)) return *c;
  throw CsvError(source_, header_line_.number, 0, 0,
                 trf("no column named '{}'; the columns are {}", name, column_list()),
                 tr("check the spelling, or add the column to the header"));
}

std::string CsvTable::column_list(std::size_t shown) const {
  std::string list;
  for (std::size_t c = 0; c < columns_.size() && c < shown; ++c)
    list += fmt::format("{}{}", c == 0 ? "" : ", ", columns_[c]);
  if (columns_.size() > shown) list = trf("{} and {} more", list, columns_.size() - shown);
  return list;
}

std::string_view CsvTable::raw(std::size_t row, std::size_t column) const {
  const Cell cell = cells_.at(row * columns_.size() + column);
  return std::string_view(text_).substr(cell.begin, cell.end - cell.begin);
}

std::string CsvTable::text(std::size_t row, std::size_t column) const {
  return Parser::unquote(text_, cells_.at(row * columns_.size() + column));
}

double CsvTable::number(std::size_t row, std::size_t column) const {
  std::string_view field = raw(row, column);
  if (field.size() >= 2 && field.front() == '"') {  // "1.5": a number may be quoted
    field = field.substr(1, field.size() - 2);
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  }
  const Decimal d = read_decimal(field);
  if (d.status == Decimal::Status::ok) return d.value;
  const std::string& name = columns_[column];
  const std::string shown = text(row, column);
  if (field.empty())
    throw error_at(row, column, trf("empty field in column '{}'", name), tr("write a number, or remove the row"));
  if (d.status == Decimal::Status::not_finite)
    throw error_at(row, column,
                   trf("'{}' in column '{}' is not a finite number", shown, name),
                   tr("NaN and infinities are refused: remove the row or write a finite value"));
  if (d.status == Decimal::Status::too_large)
    throw error_at(row, column,
                   trf("'{}' in column '{}' is too large for a double (at most about 1.8e308)", shown, name),
                   tr("rescale the column"));
  throw error_at(row, column, trf("'{}' in column '{}' is not a finite number", shown, name),
                 tr("write a number such as -1.5, 2 or 3e-4 (one sign at most, '.' for the decimals)"));
}

std::vector<double> CsvTable::numbers(std::size_t column) const {
  std::vector<double> out(rows_);
  for (std::size_t r = 0; r < rows_; ++r) out[r] = number(r, column);
  return out;
}

// Walks from the start of `line` to `offset`: line ends inside a quoted field move to the next
// line; the column counts UTF-8 characters (bytes that do not continue a character).
CsvPosition CsvTable::locate(Line line, std::size_t offset) const {
  CsvPosition p{line.number, 1};
  for (std::size_t i = line.start; i < offset && i < text_.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text_[i]);
    if (byte == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

CsvPosition CsvTable::position(std::size_t row, std::size_t column) const {
  return locate(row_lines_.at(row), cells_.at(row * columns_.size() + column).begin);
}

CsvPosition CsvTable::header_position(std::size_t column) const {
  if (header_cells_.empty()) return {0, 0};
  return locate(header_line_, header_cells_.at(column).begin);
}

CsvError CsvTable::error_at(std::size_t row, std::size_t column, std::string problem,
                            std::string fix) const {
  const CsvPosition p = position(row, column);
  return CsvError(source_, p.line, p.column, column + 1, std::move(problem), std::move(fix));
}

CsvError CsvTable::header_error(std::size_t column, std::string problem, std::string fix) const {
  const CsvPosition p = header_position(column);
  return CsvError(source_, p.line, p.column, column + 1, std::move(problem), std::move(fix));
}

}  // namespace tapegrad
