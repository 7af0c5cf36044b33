// SPDX-License-Identifier: MIT
// The data of each run (its records; the curve of f or the grid of f around its path) as CSV, and
// one gnuplot script that draws every panel from those files: a teacher restyles the picture by
// editing FILE.gp and running `gnuplot FILE.gp` in its folder.
#include "cli/descent_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "cli/number_format.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

namespace fs = std::filesystem;
using plot::quote;

// Okabe and Ito's colours, told apart with colour blindness too: run i draws in colour i.
constexpr const char* run_colors[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                      "#e69f00", "#56b4e9", "#999999", "#000000"};
std::string color(std::size_t run) { return run_colors[run % std::size(run_colors)]; }

// At most this many update arrows (and tangents) per panel; every step is a point.
constexpr std::size_t drawn_updates = 30;
// The most points labelled with their step number.
constexpr std::size_t numbered_points = 12;
// Samples of the curve of one parameter.
constexpr int curve_samples = 401;

std::string num(double x) { return plot::csv_number(x); }

// A sentence of the picture in the language of --lang (its words are translated with the output's).
template <class... Args>
std::string say(const char* translated, const Args&... args) {
  return fmt::format(fmt::runtime(translated), args...);
}

// A title as a gnuplot string expression: a long one is broken in two after the expression, at
// its " — ", so it stays inside the picture.
std::string title_text(const std::string& text) {
  const std::size_t dash = text.find(" — ");
  if (text.size() <= 80 || dash == std::string::npos) return quote(text);
  return quote(text.substr(0, dash)) + ".\"\\n\"." + quote(text.substr(dash + 5));
}

// A tic spacing of 1, 2 or 5 times a power of ten that cuts `span` into about five parts, so the
// numbers of a narrow panel never run into each other.
double tic_step(double span) {
  if (!(span > 0) || !std::isfinite(span)) return 1.0;
  const double raw = span / 5, power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

struct Range {
  double lo = -1.0, hi = 1.0;
  double span() const { return hi - lo; }
};

// Values beyond this are left out of a panel's range: a run that diverged to 1e300 cannot be
// drawn, and the spans of such ranges would overflow.
constexpr double drawable = 1e150;

// The drawable `values` with `margin` of their span on each side; a single value gets ±1, or
// ± half its size.
Range padded(const std::vector<double>& values, double margin) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::abs(v) <= drawable) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) return {};
  const double span = hi - lo;
  if (!(span > 1e-12 * std::max(1.0, std::max(std::abs(lo), std::abs(hi))))) {
    const double half = std::max(1.0, 0.5 * std::abs(lo));
    return {lo - half, hi + half};
  }
  return {lo - margin * span, hi + margin * span};
}

// Whether a y axis of these values reads better on a log scale: all the finite ones are positive
// and they span more than two decades.
bool wants_log(const std::vector<double>& values) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    if (v <= 0.0) return false;
    lo = std::min(lo, v), hi = std::max(hi, v);
  }
  return std::isfinite(lo) && hi / lo > 100.0;
}

// The record with the lowest finite value (the first, when none is finite).
std::size_t best_record(const std::vector<optim::StepRecord>& records) {
  std::size_t best = 0;
  for (std::size_t k = 0; k < records.size(); ++k)
    if (std::isfinite(records[k].value) && !(records[best].value <= records[k].value)) best = k;
  return best;
}

// Contour levels spaced geometrically above the lowest value on the grid, so that both the floor
// of a valley and its steep walls show; each rounded to two significant digits of its height above
// the floor, so the labels stay short. `digits` gets the significant digits the labels need.
std::vector<double> contour_levels(double lo, double hi, int& digits) {
  std::vector<double> levels;
  digits = 2;
  if (!(hi > lo) || !std::isfinite(hi - lo)) return levels;
  const int count = 11;
  for (int i = 0; i < count; ++i) {
    const double offset = 0.75 * (hi - lo) * std::pow(10.0, -2.5 * (count - 1 - i) / (count - 1));
    if (!(offset > 0)) continue;  // a span of a few denormals
    const double level = lo + offset;
    const int above = level == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(std::abs(level))));
    const int d = std::clamp(2 + above - static_cast<int>(std::floor(std::log10(offset))), 2, 17);
    const double rounded = std::stod(fmt::format("{:.{}g}", level, d));
    if (levels.empty() || rounded > levels.back()) {
      levels.push_back(rounded);
      digits = std::max(digits, d);
    }
  }
  if (levels.empty()) return levels;
  // Enough digits for the integer part too, so %g writes 9600 rather than 9.6e+03.
  const double largest = std::max(std::abs(levels.front()), std::abs(levels.back()));
  if (largest >= 1.0 && largest < 1e7) digits = std::max(digits, 1 + static_cast<int>(std::floor(std::log10(largest))));
  digits = std::min(digits, 17);
  return levels;
}

// What one run's panel draws, computed before anything is written.
struct RunData {
  std::string stem;         // the run's files: <stem>.csv, <stem>_curve.csv or <stem>_grid.csv
  Range x, y;               // the panel's axes (one or two parameters)
  std::vector<std::vector<double>> curve;  // one parameter: (w, f) samples
  std::vector<std::vector<double>> grid;   // two parameters: (a, b, f), grid_side per a
  int grid_side = 0;
  std::vector<double> levels;
  int level_digits = 2;
  std::size_t best = 0;  // the record with the lowest f
  // Steps as gnuplot looks them up, " 0 1 2 5 ": the updates drawn as arrows (by the step they
  // leave from) and the points numbered.
  std::string updates, numbered;
};

std::string records_file(const RunData& d) { return d.stem + ".csv"; }
std::string curve_file(const RunData& d) { return d.stem + "_curve.csv"; }
std::string grid_file(const RunData& d) { return d.stem + "_grid.csv"; }

// A step list as the scripts write it: " 0 1 2 5 ".
std::string step_list(const std::vector<std::size_t>& steps) {
  std::string out = " ";
  for (std::size_t k : steps) out += std::to_string(k) + " ";
  return out;
}

// Where record k sits in the panel, in fractions of its axes.
std::pair<double, double> in_panel(const optim::StepRecord& r, const Range& x, const Range& y, bool two) {
  return {(r.params[0] - x.lo) / x.span(), ((two ? r.params[1] : r.value) - y.lo) / y.span()};
}

// The updates drawn as arrows: those at least 1.5 % of the panel long (shorter ones, near a
// minimum, would pile up on one spot), at most drawn_updates of them — the longest: the first ones
// of a run that settles, the last ones of a run that diverges.
std::vector<std::size_t> drawn_steps(const std::vector<optim::StepRecord>& records, const Range& x, const Range& y,
                                     bool two) {
  std::vector<std::pair<double, std::size_t>> long_enough;  // (length, step)
  for (std::size_t k = 0; k + 1 < records.size(); ++k) {
    const auto [x0, y0] = in_panel(records[k], x, y, two);
    const auto [x1, y1] = in_panel(records[k + 1], x, y, two);
    const double length = two ? std::hypot(x1 - x0, y1 - y0) : std::abs(x1 - x0);
    if (length >= 0.015 && std::isfinite(length)) long_enough.emplace_back(length, k);
  }
  if (long_enough.size() > drawn_updates) {
    std::stable_sort(long_enough.begin(), long_enough.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    long_enough.resize(drawn_updates);
  }
  std::vector<std::size_t> steps;
  for (const auto& [length, k] : long_enough) steps.push_back(k);
  std::sort(steps.begin(), steps.end());
  return steps;
}

// The points numbered: the start, and the ends of the arrows drawn, each at least 5 % of the panel
// away from every point numbered before, so that the numbers never overprint each other.
std::vector<std::size_t> numbered_steps(const std::vector<optim::StepRecord>& records,
                                        const std::vector<std::size_t>& drawn, const Range& x, const Range& y,
                                        bool two) {
  std::vector<std::size_t> candidates{0};
  for (std::size_t k : drawn) candidates.push_back(k), candidates.push_back(k + 1);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::pair<double, double>> taken;
  std::vector<std::size_t> steps;
  for (std::size_t k : candidates) {
    if (k >= records.size() || steps.size() >= numbered_points) break;
    const auto [px, py] = in_panel(records[k], x, y, two);
    if (!std::isfinite(px) || !std::isfinite(py)) continue;
    if (std::any_of(taken.begin(), taken.end(),
                    [&](const auto& t) { return std::hypot(px - t.first, py - t.second) < 0.05; }))
      continue;
    taken.emplace_back(px, py);
    steps.push_back(records[k].step);
  }
  return steps;
}

RunData one_parameter_data(const DescentPlotRequest& rq, const PlottedRun& run) {
  RunData d;
  d.best = best_record(run.records);
  std::vector<double> ws;
  for (const optim::StepRecord& r : run.records) ws.push_back(r.params[0]);
  const Range path = padded(ws, 0.0);
  // A run that settled is shown with room beyond its end too: towards the start's mirror image
  // about the lowest point reached, by at most half the path's width, so both walls of the valley
  // show.
  const double end = run.records[d.best].params[0];
  if (!run.diverged && std::isfinite(end)) {
    const double mirror = 2 * end - ws.front(), reach = 0.5 * path.span();
    ws.push_back(std::clamp(mirror, end - reach, end + reach));
  }
  d.x = padded(ws, 0.12);
  // The y axis runs from the lowest f on the curve to the highest f along the path (the curve may
  // leave the picture beyond the path, as on a board).
  std::vector<double> fs;
  Eigen::VectorXd w(1);
  for (int i = 0; i < curve_samples; ++i) {
    w[0] = d.x.lo + d.x.span() * i / (curve_samples - 1);
    const double f = rq.loss(w);
    d.curve.push_back({w[0], f});
    if (w[0] >= path.lo && w[0] <= path.hi) fs.push_back(f);
  }
  double floor = std::numeric_limits<double>::infinity();
  for (const std::vector<double>& c : d.curve)
    if (std::isfinite(c[1])) floor = std::min(floor, c[1]);
  fs.push_back(floor);
  for (const optim::StepRecord& r : run.records) fs.push_back(r.value);
  d.y = padded(fs, 0.08);
  // Headroom above the start (the path's highest point, usually) for the key.
  d.y.hi += 0.3 * d.y.span();
  const std::vector<std::size_t> drawn = drawn_steps(run.records, d.x, d.y, false);
  d.updates = step_list(drawn);
  d.numbered = step_list(numbered_steps(run.records, drawn, d.x, d.y, false));
  return d;
}

RunData two_parameter_data(const DescentPlotRequest& rq, const PlottedRun& run) {
  RunData d;
  d.best = best_record(run.records);
  std::vector<double> as, bs;
  for (const optim::StepRecord& r : run.records) as.push_back(r.params[0]), bs.push_back(r.params[1]);
  if (!run.diverged && !as.empty() && run.records[d.best].params.allFinite()) {
    as.push_back(2 * run.records[d.best].params[0] - as.front());
    bs.push_back(2 * run.records[d.best].params[1] - bs.front());
  }
  // A square around the path: with `set size ratio -1` a unit is as long on both axes, so a narrow
  // valley looks as narrow as it is.
  const Range a = padded(as, 0.0), b = padded(bs, 0.0);
  const double half = 0.575 * std::max(a.span(), b.span());
  const double ca = (a.lo + a.hi) / 2, cb = (b.lo + b.hi) / 2;
  d.x = {ca - half, ca + half};
  d.y = {cb - half, cb + half};
  d.grid_side = std::max(rq.grid_points, 2);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  Eigen::VectorXd p(2);
  for (int i = 0; i < d.grid_side; ++i) {
    p[0] = d.x.lo + d.x.span() * i / (d.grid_side - 1);
    for (int j = 0; j < d.grid_side; ++j) {
      p[1] = d.y.lo + d.y.span() * j / (d.grid_side - 1);
      const double f = rq.loss(p);
      if (std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
      d.grid.push_back({p[0], p[1], f});
    }
  }
  d.levels = contour_levels(lo, hi, d.level_digits);
  const std::vector<std::size_t> drawn = drawn_steps(run.records, d.x, d.y, true);
  d.updates = step_list(drawn);
  d.numbered = step_list(numbered_steps(run.records, drawn, d.x, d.y, true));
  return d;
}

std::vector<std::string> records_header(const DescentPlotRequest& rq) {
  std::vector<std::string> h{"step"};
  for (const std::string& n : rq.names) h.push_back(n);
  h.push_back(rq.loss_name);
  for (const std::string& n : rq.names) h.push_back("d" + rq.loss_name + "/d" + n);
  h.push_back("grad_norm");
  return h;
}

std::vector<std::vector<double>> records_rows(const PlottedRun& run) {
  std::vector<std::vector<double>> rows;
  for (const optim::StepRecord& r : run.records) {
    std::vector<double> row{static_cast<double>(r.step)};
    for (Eigen::Index i = 0; i < r.params.size(); ++i) row.push_back(r.params[i]);
    row.push_back(r.value);
    for (Eigen::Index i = 0; i < r.gradient.size(); ++i) row.push_back(r.gradient[i]);
    row.push_back(r.gradient_norm);
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_grid(const RunData& d, const DescentPlotRequest& rq) {
  std::ofstream out = plot::open_for_writing(grid_file(d));
  out << rq.names[0] << ',' << rq.names[1] << ',' << rq.loss_name << '\n';
  // a blank line after each row of constant a: gnuplot reads the grid as a surface
  for (std::size_t k = 0; k < d.grid.size(); ++k) {
    out << num(d.grid[k][0]) << ',' << num(d.grid[k][1]) << ',' << num(d.grid[k][2]) << '\n';
    if ((k + 1) % static_cast<std::size_t>(d.grid_side) == 0) out << '\n';
  }
  out.flush();
  if (!out) throw plot::PlotError(trf("could not finish writing '{}': is the disk full?", grid_file(d)));
}

// ---- the script ----

// A data file as the script names it: without its folder (the script runs in that folder).
std::string file_ref(const std::string& path) { return quote(plot::file_name(path)); }

// Undoes what a panel set, so the next one starts clean.
const char* const panel_reset =
    "unset arrow; unset label; unset logscale; unset title; unset key; set datafile separator ','\n"
    "set autoscale; set size noratio; set format y '% h'; set grid; set key default\n"
    "set xtics autofreq; set ytics autofreq\n";

// Places a panel of a multiplot (screen fractions).
std::string place(double x, double y, double w, double h) {
  return fmt::format("set origin {:.4f},{:.4f}\nset size {:.4f},{:.4f}\n", x, y, w, h);
}

std::string eta(double learning_rate) { return "η = " + format_number(learning_rate); }

// A run's panel: its η and where it ended.
// `schedule` is "" for a constant η, else " (its description)", as the text output writes it.
std::string run_title(const PlottedRun& run, const std::string& loss_name, const std::string& schedule) {
  const std::string rate = eta(run.learning_rate) + schedule;
  if (run.records.empty()) return rate;
  const optim::StepRecord& last = run.records.back();
  if (run.diverged) return rate + ": " + say(tr("diverged at step {}"), last.step);
  return rate + ": " +
         say(trn("{} = {} after {} step", "{} = {} after {} steps", last.step), loss_name,
             fmt::format("{:.3g}", last.value), last.step);
}

// The panel of one parameter: the curve, the tangents, the update arrows, the numbered points.
std::string one_parameter_panel(const DescentPlotRequest& rq, const RunData& d, std::size_t run,
                                const std::string& title, bool key) {
  const std::string& w = rq.names[0];
  const std::string& f = rq.loss_name;
  const std::string recs = file_ref(records_file(d));
  std::string s = fmt::format(
      "set title {} noenhanced\nset xlabel {} noenhanced\nset ylabel {} noenhanced\n"
      "set xrange [{}:{}]\nset yrange [{}:{}]\nset xtics {}\n{}\n"
      "# a tangent is the segment ±dw(g) around its point, about L of the axes long whatever its slope\n"
      "X = {}; Y = {}; L = 0.07\n"
      "dw(g) = L / sqrt((1/X)**2 + (g/Y)**2)\n"
      "# the updates drawn (by the step they leave from) and the steps numbered\n"
      "updates = '{}'\nnumbered = '{}'\nlisted(list, k) = strstrt(list, sprintf(' %d ', k)) > 0\n",
      title_text(title), quote(w), quote(f), num(d.x.lo), num(d.x.hi), num(d.y.lo), num(d.y.hi),
      num(tic_step(d.x.span())), key ? "set key top center opaque box samplen 2 spacing 1.1" : "unset key",
      num(d.x.span()), num(d.y.span()), d.updates, d.numbered);
  s += fmt::format("plot {} skip 1 using 1:2 with lines lw 2 lc rgb '#444444' title {} noenhanced, \\\n",
                   file_ref(curve_file(d)), quote(f + "(" + w + ")"));
  // columns of the records: 1 step, 2 w, 3 f, 4 ∂f/∂w
  s += fmt::format(
      "     {} skip 1 using (listed(updates, $1) || $1 == 0 ? $2 - dw($4) : NaN):($3 - $4*dw($4)):(2*dw($4)):"
      "(2*$4*dw($4)) with vectors nohead lw 2.5 lc rgb '#e69f00' title {} noenhanced, \\\n",
      recs, quote(say(tr("tangent, slope {}"), "∂" + f + "/∂" + w)));
  // The update moves w only: an arrow at the height of f(w_k) from w_k to w_{k+1} = w_k − η·∂f/∂w,
  // then a dashed drop (or rise) to f(w_{k+1}) on the curve. Each row's arrow starts at the row
  // before: qx, qy carry the previous point from row to row.
  s += fmt::format(
      "     qx = NaN, qy = NaN, {} skip 1 using (px = qx, qx = $2, listed(updates, $1 - 1) ? px : NaN):"
      "(py = qy, qy = $3, py):(qx - px):(0) with vectors head filled size screen 0.012,25 lw 2 lc rgb '{}' "
      "title {} noenhanced, \\\n",
      recs, color(run), quote(say(tr("update {}"), w + " − η·∂" + f + "/∂" + w)));
  s += fmt::format(
      "     qx = NaN, qy = NaN, {} skip 1 using (px = qx, qx = $2, listed(updates, $1 - 1) ? qx : NaN):"
      "(py = qy, qy = $3, py):(0):(qy - py) with vectors nohead dt 2 lw 1 lc rgb '{}' notitle, \\\n",
      recs, color(run));
  s += fmt::format("     {} skip 1 using 2:3 with points pt 7 ps 0.8 lc rgb '{}' title {} noenhanced, \\\n",
                   recs, color(run), quote(say(tr("{}, numbered by the step k"), w + "_k")));
  // A step's number sits below its point, on the side the update leaves from (the arrow and the
  // drop take the other side and the top).
  s += fmt::format("     {} skip 1 using (listed(numbered, $1) ? $2 + sgn($4)*0.022*X : NaN):($3 - 0.035*Y):"
                   "(sprintf('%d', $1)) with labels font ',9' tc rgb '{}' notitle\n",
                   recs, color(run));
  return s;
}

// The panel of two parameters: labelled contours, the path with its arrows, start and best point.
std::string two_parameter_panel(const DescentPlotRequest& rq, const RunData& d, const PlottedRun& r,
                                std::size_t run, const std::string& title, bool key) {
  // gnuplot writes the contour table with blanks between the fields, and one plot reads all its
  // data with one separator: the records are copied into a table of the same kind first.
  const std::string contours = fmt::format("$contours{}", run + 1), recs = fmt::format("$records{}", run + 1);
  std::string s = "set datafile separator ','\n";
  if (!d.levels.empty()) {
    std::string levels;
    for (std::size_t i = 0; i < d.levels.size(); ++i) levels += (i ? "," : "") + num(d.levels[i]);
    s += fmt::format(
        "# the contour lines of {}, traced by gnuplot into a table (x, y, level)\n"
        "set contour base; unset surface; set view map\nset cntrparam levels discrete {}\n"
        "set table {}\nsplot {} skip 1 using 1:2:3 with lines notitle\nunset table\n"
        "unset contour; set surface\n",
        rq.loss_name, levels, contours, file_ref(grid_file(d)));
  }
  std::string columns = "1";
  for (std::size_t c = 2; c <= 2 * rq.names.size() + 3; ++c) columns += ":" + std::to_string(c);
  s += fmt::format("set table {}\nplot {} skip 1 using {} with table\nunset table\n"
                   "set datafile separator whitespace\n",
                   recs, file_ref(records_file(d)), columns);
  const std::string best = say(tr("lowest {} reached: {} at step {}"), rq.loss_name,
                               fmt::format("{:.3g}", r.records[d.best].value), r.records[d.best].step);
  s += fmt::format(
      "set title {} noenhanced\nset xlabel {} noenhanced\nset ylabel {} noenhanced\n"
      "unset grid\nset size ratio -1\nset xrange [{}:{}]\nset yrange [{}:{}]\nset xtics {}\nset ytics {}\n"
      "{}\nset style textbox opaque noborder margins 0.5,0.2\n"
      "# the updates drawn (by the step they leave from) and the steps numbered\n"
      "updates = '{}'\nnumbered = '{}'\nlisted(list, k) = strstrt(list, sprintf(' %d ', k)) > 0\n",
      title_text(title), quote(rq.names[0]), quote(rq.names[1]), num(d.x.lo), num(d.x.hi), num(d.y.lo),
      num(d.y.hi), num(tic_step(d.x.span())), num(tic_step(d.y.span())),
      key ? "set key outside below center horizontal samplen 2" : "unset key", d.updates, d.numbered);
  s += "plot ";
  if (!d.levels.empty()) {
    // A label every E points along a contour line ($0 counts them, column(-2) is the line's level),
    // shifted from one level to the next so that the labels of close lines do not stack up.
    s = fmt::format("E = {}\n", std::max(d.grid_side * 3 / 4, 15)) + s;
    s += fmt::format(
        "{} using 1:2 with lines lc rgb '#9aa9b8' title {} noenhanced, \\\n"
        "     {} using ($0 >= 4 && (int($0) + int(0.3*E)*int(column(-2))) % E == int(E/3) ? $1 : NaN):2:"
        "(sprintf('%.{}g', $3)) with labels boxed font ',8' tc rgb '#4a5a6a' notitle, \\\n     ",
        contours, quote(say(tr("contours of {}"), rq.loss_name)), contours, d.level_digits);
  }
  s += fmt::format("{} using 2:3 with lines lw 1 lc rgb '{}' notitle, \\\n", recs, color(run));
  s += fmt::format(
      "     qx = NaN, qy = NaN, {} using (px = qx, qx = $2, listed(updates, $1 - 1) ? px : NaN):"
      "(py = qy, qy = $3, py):(qx - px):(qy - py) with vectors head filled size screen 0.012,25 lw 1.5 "
      "lc rgb '{}' title {} noenhanced, \\\n",
      recs, color(run), quote(tr("update, numbered by the step")));
  s += fmt::format("     {} using 2:3 with points pt 7 ps 0.6 lc rgb '{}' notitle, \\\n", recs, color(run));
  s += fmt::format("     {} using (listed(numbered, $1) ? $2 : NaN):3:(sprintf('%d', $1)) with labels "
                   "offset 0.8,0.6 font ',8' tc rgb '{}' notitle, \\\n",
                   recs, color(run));
  s += fmt::format("     {} every ::0::0 using 2:3 with points pt 9 ps 2 lc rgb '#1b7837' title {} noenhanced, \\\n",
                   recs, quote(tr("start")));
  s += fmt::format("     {} every ::{}::{} using 2:3 with points pt 3 ps 2.5 lw 2 lc rgb '#000000' "
                   "title {} noenhanced\n",
                   recs, d.best, d.best, quote(best));
  return s;
}

// A panel of one column of every run's records against the step.
std::string per_step_panel(const std::vector<RunData>& data_of, const std::vector<PlottedRun>& runs,
                           int column, const std::string& title, const std::string& y_label,
                           const std::vector<double>& values, bool several) {
  std::string s = fmt::format("set title {} noenhanced\nset xlabel {} noenhanced\nset ylabel {} noenhanced\n{}\n",
                              title_text(title), quote(tr("step")), quote(y_label),
                              several ? "set key outside right top box" : "unset key");
  if (wants_log(values)) s += "set logscale y\nset format y '10^{%L}'\n";
  s += "plot ";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::size_t steps = runs[i].records.empty() ? 0 : runs[i].records.back().step;
    // Dashes and point shapes differ too, so runs with the same curve (η = 0.1 and 0.9 on
    // (w − 3)²) both show.
    constexpr int points[] = {7, 4, 8, 12, 6, 2};
    s += fmt::format("{}{} skip 1 using 1:{} with linespoints lw 2 dt {} pt {} ps {} pi {} lc rgb '{}' title {} "
                     "noenhanced",
                     i ? ", \\\n     " : "", file_ref(records_file(data_of[i])), column, i % 5 + 1, points[i % 6],
                     i == 0 ? "1.1" : "0.8",
                     std::max<std::size_t>(1, steps / 20), color(i),
                     quote(several ? eta(runs[i].learning_rate) : y_label));
  }
  return s + "\n";
}

}  // namespace

plot::ImageFormat descent_plot_format(const std::string& path) {
  if (const auto format = plot::format_of(path)) return *format;
  throw UsageError(trf("--plot {}: the picture's file name must end in .svg or .png", path));
}

void check_plot_writable(const std::string& path) {
  const bool existed = fs::exists(path);
  const fs::path p(path);
  std::error_code ignored;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ignored);
  if (!std::ofstream(path, std::ios::app))
    throw UsageError(trf("--plot {}: cannot write there: check that the folder exists and is writable", path));
  if (!existed) fs::remove(path, ignored);
}

std::string with_learning_rate(const std::string& path, double learning_rate) {
  fs::path p(path);
  const std::string ext = p.extension().string();
  p.replace_extension();
  return p.string() + "_lr" + fmt::format("{}", learning_rate) + ext;
}

DescentPlotFiles plot_descent(const DescentPlotRequest& rq, const std::vector<PlottedRun>& runs) {
  const std::size_t n = rq.names.size();
  const bool several = runs.size() > 1;
  fs::path stem_path(rq.path);
  stem_path.replace_extension();
  const std::string stem = stem_path.string();

  std::vector<RunData> data_of;
  for (const PlottedRun& run : runs) {
    RunData d = n == 1 && !run.records.empty()   ? one_parameter_data(rq, run)
                : n == 2 && !run.records.empty() ? two_parameter_data(rq, run)
                                                 : RunData{};
    d.stem = several ? stem + "_lr" + fmt::format("{}", run.learning_rate) : stem;
    data_of.push_back(std::move(d));
  }
  DescentPlotFiles files;
  files.script = stem + ".gp";
  files.image = rq.path;
  if (!rq.write) return files;

  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunData& d = data_of[i];
    plot::write_csv(records_file(d), records_header(rq), records_rows(runs[i]));
    files.data.push_back(records_file(d));
    if (!d.curve.empty()) {
      plot::write_csv(curve_file(d), {rq.names[0], rq.loss_name}, d.curve);
      files.data.push_back(curve_file(d));
    }
    if (!d.grid.empty()) {
      write_grid(d, rq);
      files.data.push_back(grid_file(d));
    }
  }

  const std::string schedule = rq.schedule == "constant" ? "" : " (" + rq.schedule + ")";
  const std::string subject = rq.loss_name + " = " + rq.expression + " — " + rq.optimizer;
  const bool by_step = n > 2;  // more than two parameters: f and ‖∇f‖ per step
  std::vector<double> values, norms;
  for (const PlottedRun& run : runs)
    for (const optim::StepRecord& r : run.records) values.push_back(r.value), norms.push_back(r.gradient_norm);
  const int value_column = static_cast<int>(n) + 2, norm_column = 2 * static_cast<int>(n) + 3;
  const std::string per_step = say(tr("{} per step"), rq.loss_name);
  const std::string norm_label = "‖∇" + rq.loss_name + "‖";

  std::string s = fmt::format(
      "# {} — drawn by `tapegrad descend --plot`. Run `gnuplot {}` in this folder to draw it again.\n"
      "# The data: {}.\n",
      subject, plot::file_name(files.script),
      several ? fmt::format("one run per learning rate, {}_lr<η>.csv (step, parameters, {}, its partials, "
                            "‖∇{}‖){}",
                            plot::file_name(stem), rq.loss_name, rq.loss_name,
                            n == 1 ? " and the curve <run>_curve.csv" : n == 2 ? " and the grid <run>_grid.csv" : "")
              : fmt::format("{}.csv (step, parameters, {}, its partials, ‖∇{}‖){}", plot::file_name(stem),
                            rq.loss_name, rq.loss_name,
                            n == 1 ? ", the curve " + plot::file_name(stem) + "_curve.csv"
                            : n == 2 ? ", the grid " + plot::file_name(stem) + "_grid.csv" : ""));
  // With several runs only the first panel of one parameter has the key (the others draw the
  // same things); every panel of two has it, as it says the lowest value reached.
  const auto panel = [&](std::size_t i, const std::string& title) {
    return n == 1 ? one_parameter_panel(rq, data_of[i], i, title, i == 0)
                  : two_parameter_panel(rq, data_of[i], runs[i], i, title, true);
  };

  int width = 0, height = 0;
  std::string body;
  if (by_step) {
    width = 820, height = 760;
    body += fmt::format("set multiplot layout 2,1 title {} noenhanced\n{}",
                        title_text(subject + (several ? "" : ", " + eta(runs[0].learning_rate) + schedule)),
                        panel_reset);
    body += per_step_panel(data_of, runs, value_column, per_step, rq.loss_name, values, several);
    body += panel_reset;
    body += per_step_panel(data_of, runs, norm_column, say(tr("{} per step"), norm_label), norm_label, norms,
                           several);
    body += "unset multiplot\n";
  } else if (!several) {
    width = n == 1 ? 860 : 760, height = n == 1 ? 620 : 760;
    body += "set datafile separator ','\nset grid\n";
    body += panel(0, subject + ", " + run_title(runs[0], rq.loss_name, schedule));
  } else {
    // The runs side by side, at most four to a row, and below them f per step of every run.
    const std::size_t cols = std::min<std::size_t>(runs.size(), 4);
    const std::size_t rows = (runs.size() + cols - 1) / cols;
    const int panel_w = n == 1 ? 470 : 460, panel_h = n == 1 ? 440 : 540, bottom_h = 340, title_h = 40;
    width = std::max<int>(static_cast<int>(cols) * panel_w, 900);
    height = static_cast<int>(rows) * panel_h + bottom_h + title_h;
    body += fmt::format("set multiplot title {} noenhanced\nset datafile separator ','\n",
                        title_text(subject));
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const std::size_t r = i / cols, c = i % cols;
      body += fmt::format("\n# run {}: {}\n", i + 1, eta(runs[i].learning_rate));
      body += panel_reset;
      body += place(static_cast<double>(c) / static_cast<double>(cols),
                    static_cast<double>(bottom_h + (rows - 1 - r) * panel_h) / height,
                    1.0 / static_cast<double>(cols), static_cast<double>(panel_h) / height);
      if (runs[i].records.empty()) continue;
      body += panel(i, run_title(runs[i], rq.loss_name, schedule));
    }
    body += "\n# every run's loss per step\n";
    body += panel_reset;
    body += place(0, 0, 1, static_cast<double>(bottom_h) / height);
    body += per_step_panel(data_of, runs, value_column, say(tr("{} per step, every run"), rq.loss_name),
                           rq.loss_name, values, true);
    body += "unset multiplot\n";
  }
  s += plot::terminal_lines(rq.format, width, height, rq.path) + body;
  files.drawing = plot::draw_script(files.script, s, files.image);
  return files;
}

}  // namespace tapegrad::cli
