// SPDX-License-Identifier: MIT
// Prints the benchmark table from tapegrad_bench's JSON output (--benchmark_out): per workload and
// size, the time per gradient of each variant (median over repetitions, CPU time), its ratio to
// the hand-coded gradient (the faster of the scalar loop and Eigen), tapegrad's ratio to each peer,
// tape bytes per scalar operation, peak heap and allocations per gradient in the steady state.
//   tapegrad_bench_report results.json            Markdown tables on stdout
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace {

struct Row {
  std::vector<double> times_ns;  // one per repetition
  std::optional<double> tape_bytes_per_op;
  std::optional<double> tape_bytes;  // the whole tape's, for the reductions (independent of n)
  std::optional<double> peak_bytes;
  std::optional<double> allocs_per_grad;
  std::string error;

  double time() const {  // the median
    std::vector<double> t = times_ns;
    std::sort(t.begin(), t.end());
    const std::size_t m = t.size() / 2;
    return t.size() % 2 == 1 ? t[m] : 0.5 * (t[m - 1] + t[m]);
  }
};

// workload/n → variant → row; workloads in first-seen order.
struct Table {
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, Row>> cases;
};

double to_ns(double t, const std::string& unit) {
  if (unit == "us") return t * 1e3;
  if (unit == "ms") return t * 1e6;
  if (unit == "s") return t * 1e9;
  return t;
}

std::string format_time(double ns) {
  if (ns < 1e3) return fmt::format("{:.0f} ns", ns);
  if (ns < 1e6) return fmt::format("{:.3g} µs", ns / 1e3);
  if (ns < 1e9) return fmt::format("{:.3g} ms", ns / 1e6);
  return fmt::format("{:.3g} s", ns / 1e9);
}
std::string format_bytes(double b) {
  if (b < 1024) return fmt::format("{:.0f} B", b);
  if (b < 1024 * 1024) return fmt::format("{:.1f} KiB", b / 1024);
  return fmt::format("{:.1f} MiB", b / (1024 * 1024));
}
std::string format_ratio(double r) { return r < 10 ? fmt::format("{:.2f}×", r) : fmt::format("{:.0f}×", r); }

Table read(const nlohmann::json& doc) {
  Table table;
  for (const auto& b : doc.at("benchmarks")) {
    if (b.value("run_type", "iteration") != "iteration") continue;
    std::string name = b.at("run_name").get<std::string>();
    // Google Benchmark appends "/real_time" ("/manual_time") to the name of a wall-clock benchmark
    // (one that sets its own times), after "/iterations:N" when the count is fixed.
    for (const std::string suffix : {"/real_time", "/manual_time"})
      if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
    name = std::regex_replace(name, std::regex("/iterations:[0-9]+$"), "");
    const auto cut = name.rfind('/');
    if (cut == std::string::npos) continue;
    const std::string key = name.substr(0, cut), variant = name.substr(cut + 1);
    if (!table.cases.contains(key)) table.order.push_back(key);
    Row& row = table.cases[key][variant];
    if (b.value("error_occurred", false)) {
      row.error = b.value("error_message", "error");
      continue;
    }
    // A variant with threads of its own is timed by the wall clock (the CPU time is its main
    // thread's alone).
    const char* clock = b.contains("wall_clock") ? "real_time" : "cpu_time";
    row.times_ns.push_back(to_ns(b.at(clock).get<double>(), b.at("time_unit")));
    if (b.contains("tape_bytes")) row.tape_bytes = b["tape_bytes"].get<double>();
    if (b.contains("tape_bytes_per_op")) row.tape_bytes_per_op = b["tape_bytes_per_op"].get<double>();
    if (b.contains("max_bytes_used")) row.peak_bytes = b["max_bytes_used"].get<double>();
    if (b.contains("allocs_per_grad")) row.allocs_per_grad = b["allocs_per_grad"].get<double>();
  }
  // Group by workload (in the order first run), then by size.
  std::vector<std::string> workloads;
  auto workload = [](const std::string& key) { return key.substr(0, key.find('/')); };
  auto size = [](const std::string& key) { return std::stod(key.substr(key.find('/') + 1)); };
  for (const auto& key : table.order)
    if (std::find(workloads.begin(), workloads.end(), workload(key)) == workloads.end())
      workloads.push_back(workload(key));
  std::stable_sort(table.order.begin(), table.order.end(), [&](const auto& a, const auto& b) {
    const auto wa = std::find(workloads.begin(), workloads.end(), workload(a));
    const auto wb = std::find(workloads.begin(), workloads.end(), workload(b));
    return wa != wb ? wa < wb : size(a) < size(b);
  });
  return table;
}

// The hand-coded reference of a case: the faster of the scalar loop and the Eigen version; for
// sum(A·B), the three-GEMM chain rule (what any AD tool has to compute), not the O(n²) closed form.
std::optional<double> hand_time(const std::map<std::string, Row>& variants) {
  if (auto it = variants.find("hand_chain_rule"); it != variants.end() && !it->second.times_ns.empty())
    return it->second.time();
  std::optional<double> best;
  for (const char* v : {"hand_loop", "hand_eigen"}) {
    auto it = variants.find(v);
    if (it == variants.end() || it->second.times_ns.empty()) continue;
    best = best ? std::min(*best, it->second.time()) : it->second.time();
  }
  return best;
}

const std::vector<std::string> peers = {"adolc", "sacado", "torch"};
const std::vector<std::string> ours = {"tapegrad", "tapegrad_matrix", "tapegrad_reduce_1t"};

void print_summary(const Table& table) {
  fmt::print("## Summary: time per gradient as a multiple of the hand-coded gradient\n\n");
  fmt::print("| workload | hand-coded | tapegrad | tapegrad matrix | reduce 1 thread "
             "| reduce 2 threads | ADOL-C | Sacado | PyTorch "
             "| tapegrad vs fastest peer | tape B/op | peak heap | allocs/grad |\n");
  fmt::print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
  for (const auto& key : table.order) {
    const auto& variants = table.cases.at(key);
    const auto hand = hand_time(variants);
    auto cell = [&](const std::string& v) -> std::string {
      auto it = variants.find(v);
      if (it == variants.end()) return "—";
      if (!it->second.error.empty()) return "FAILED";
      return hand ? format_ratio(it->second.time() / *hand) : format_time(it->second.time());
    };
    std::optional<double> fastest_peer;
    for (const auto& p : peers) {
      auto it = variants.find(p);
      if (it == variants.end() || it->second.times_ns.empty()) continue;
      fastest_peer = fastest_peer ? std::min(*fastest_peer, it->second.time()) : it->second.time();
    }
    std::optional<double> best_ours;
    const Row* ours_row = nullptr;
    for (const auto& v : ours) {
      auto it = variants.find(v);
      if (it == variants.end() || it->second.times_ns.empty()) continue;
      if (!best_ours || it->second.time() < *best_ours) {
        best_ours = it->second.time();
        ours_row = &it->second;
      }
    }
    const Row* scalar = variants.contains("tapegrad") ? &variants.at("tapegrad") : ours_row;
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", key,
               hand ? format_time(*hand) : "—", cell("tapegrad"), cell("tapegrad_matrix"),
               cell("tapegrad_reduce_1t"), cell("tapegrad_reduce_2t"), cell("adolc"), cell("sacado"), cell("torch"),
               best_ours && fastest_peer ? format_ratio(*best_ours / *fastest_peer) : "—",
               scalar && scalar->tape_bytes_per_op
                   ? fmt::format("{:.1f}", *scalar->tape_bytes_per_op) : "—",
               scalar && scalar->peak_bytes ? format_bytes(*scalar->peak_bytes) : "—",
               scalar && scalar->allocs_per_grad ? fmt::format("{:g}", *scalar->allocs_per_grad)
                                                 : "—");
  }
  fmt::print("\n");
}

// The losses over data sets (issue 14): per workload and size, the library's reduction against the
// hand-coded gradient, what a second thread gains, the command's column-wise step against the
// library's, and what a second MPI rank gains — each with its target.
void print_data_sets(const Table& table) {
  auto time = [&](const std::map<std::string, Row>& v, const char* name) -> std::optional<double> {
    auto it = v.find(name);
    if (it == v.end() || it->second.times_ns.empty()) return std::nullopt;
    return it->second.time();
  };
  auto ratio = [](std::optional<double> a, std::optional<double> b) {
    return a && b ? format_ratio(*a / *b) : std::string("—");
  };
  bool header = false;
  for (const auto& key : table.order) {
    const auto& v = table.cases.at(key);
    const auto reduce1 = time(v, "tapegrad_reduce_1t");
    if (!reduce1) continue;
    if (!header) {
      fmt::print("## Losses over data sets: the targets\n\n");
      fmt::print("| workload | hand-coded | reduction, 1 thread (target ≤ 2× hand-coded) "
                 "| 2 threads faster by (target ≥ 1.8× at 10⁶) | hand-coded, 2 threads faster by "
                 "| command step, 1 thread (target ≤ 3× the reduction) | 2 MPI ranks faster by "
                 "(target ≥ 1.7× at 10⁶) | tape bytes |\n");
      fmt::print("|---|--:|--:|--:|--:|--:|--:|--:|\n");
      header = true;
    }
    const auto hand = hand_time(v);
    auto it = v.find("tapegrad_reduce_1t");
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", key,
               hand ? format_time(*hand) : "—", ratio(reduce1, hand),
               ratio(reduce1, time(v, "tapegrad_reduce_2t")),
               ratio(time(v, "hand_eigen"), time(v, "hand_eigen_2t")),
               ratio(time(v, "tapegrad_command_1t"), reduce1),
               ratio(time(v, "mpi_1rank"), time(v, "mpi_2ranks")),
               it->second.tape_bytes ? fmt::format("{:.0f} B", *it->second.tape_bytes) : "—");
  }
  if (header) fmt::print("\n");
}

void print_details(const Table& table) {
  fmt::print("## Every variant\n\n");
  fmt::print("| workload | variant | time/gradient | × hand-coded | × tapegrad | tape B/op "
             "| peak heap | allocs/grad |\n");
  fmt::print("|---|---|--:|--:|--:|--:|--:|--:|\n");
  for (const auto& key : table.order) {
    const auto& variants = table.cases.at(key);
    const auto hand = hand_time(variants);
    const Row* tg = variants.contains("tapegrad") ? &variants.at("tapegrad") : nullptr;
    for (const auto& [variant, row] : variants) {
      if (!row.error.empty()) {
        fmt::print("| {} | {} | FAILED: {} | | | | | |\n", key, variant, row.error);
        continue;
      }
      const double t = row.time();
      fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", key, variant, format_time(t),
                 hand ? format_ratio(t / *hand) : "—",
                 tg && !tg->times_ns.empty() ? format_ratio(t / tg->time()) : "—",
                 row.tape_bytes_per_op ? fmt::format("{:.1f}", *row.tape_bytes_per_op)
                 : row.tape_bytes     ? fmt::format("{:.0f} B in all", *row.tape_bytes)
                                      : "—",
                 row.peak_bytes ? format_bytes(*row.peak_bytes) : "—",
                 row.allocs_per_grad ? fmt::format("{:g}", *row.allocs_per_grad) : "—");
    }
  }
  fmt::print("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: tapegrad_bench_report RESULTS.json (written by tapegrad_bench "
                 "--benchmark_out=RESULTS.json --benchmark_out_format=json)\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "tapegrad_bench_report: cannot open " << argv[1] << "\n";
    return 1;
  }
  try {
    // Google Benchmark writes NaN and inf unquoted (e.g. the variation of a constant counter),
    // which is not JSON; they only occur in aggregates, which the table does not read.
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::regex non_json(R"(: (-?inf|NaN)\b)");
    const auto doc = nlohmann::json::parse(std::regex_replace(text, non_json, ": null"));
    const Table table = read(doc);
    if (doc.contains("context")) {
      const auto& c = doc["context"];
      std::string load = "?";
      if (c.contains("load_avg") && c["load_avg"].is_array() && !c["load_avg"].empty())
        load = fmt::format("{:.1f}", c["load_avg"][0].get<double>());
      fmt::print("Run on {} × {} MHz (load average {} at the start), {} build of Google Benchmark, "
                 "subnormals: {}.\n\n",
                 c.value("num_cpus", 0), c.value("mhz_per_cpu", 0), load,
                 c.value("library_build_type", "?"), c.value("subnormals", "IEEE"));
    }
    print_summary(table);
    print_data_sets(table);
    print_details(table);
  } catch (const std::exception& e) {
    std::cerr << "tapegrad_bench_report: " << argv[1] << " is not Google Benchmark JSON: "
              << e.what() << "\n";
    return 1;
  }
  return 0;
}
