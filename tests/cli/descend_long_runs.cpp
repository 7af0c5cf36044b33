// SPDX-License-Identifier: MIT
// Long runs of `descend`: Ctrl-C (SIGINT) stops after the current step with the history file
// complete, the result printed and exit code 130; with --history the output shows the first and
// last records only; the progress line is drawn on a terminal's stderr, erased at the end, and
// never reaches a stderr that is not a terminal.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cerrno>
#include <fstream>
#include <pty.h>
#include <spawn.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "tests/cli/run_tool.hpp"
#include "tests/test_files.hpp"

using tapegrad::test::contains;
using tapegrad::test::read_file;
using tapegrad::test::run_tool;

extern char** environ;

namespace {

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == by) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) parts.push_back(part);
  return parts;
}

// The tool as a child process with stdout and stderr in files, so the test can signal it.
pid_t spawn_tool(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_text{TAPEGRAD_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, TAPEGRAD_BINARY, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  return failed == 0 ? pid : -1;
}

bool wait_for_lines(const std::string& path, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  struct stat info {};
  while (std::chrono::steady_clock::now() < until) {
    if (::stat(path.c_str(), &info) == 0 && info.st_size > 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// 20000 rows of y = 2x + 1: each step evaluates every row, so a million steps take minutes.
std::string big_data() {
  const std::string path = "/tmp/tapegrad_long_run_data.csv";
  std::ofstream out(path);
  out << "x,y\n";
  for (int i = 0; i < 20000; ++i) out << (i % 100) * 0.01 << ',' << 2 * (i % 100) * 0.01 + 1 << '\n';
  return path;
}

struct Interrupted {
  int code = -1;
  std::string out, err;
  std::vector<std::string> history;  // the file's lines
};

// Starts a long descend, waits until its history file has records, sends SIGINT, waits for it.
Interrupted interrupt_descend(const std::vector<std::string>& extra, const std::string& tag) {
  const std::string history = "/tmp/tapegrad_interrupt_" + tag + ".csv";
  const std::string out = history + ".out", err = history + ".err";
  std::remove(history.c_str());
  std::vector<std::string> args{"descend", "(y - (w*x + b))^2", "--at", "w=0,b=0", "--data",
                                big_data(), "--lr", "0.01", "--steps", "1000000", "--history",
                                history, "--time-limit", "60"};  // the limit only guards a failure
  args.insert(args.end(), extra.begin(), extra.end());
  Interrupted r;
  const pid_t pid = spawn_tool(args, out, err);
  BOOST_REQUIRE(pid > 0);
  BOOST_REQUIRE(wait_for_lines(history, std::chrono::seconds(30)));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  const std::string text = read_file(history);
  BOOST_TEST(text.ends_with('\n'));  // no half-written last line
  r.history = split(text, '\n');
  for (const auto& p : {history, out, err}) std::remove(p.c_str());
  return r;
}

// Every line of the history has all the columns, and the steps run 0, 1, 2, ... without a gap.
std::size_t check_history_complete(const std::vector<std::string>& lines) {
  BOOST_REQUIRE(lines.size() >= 2u);
  BOOST_TEST(lines.front().starts_with("step,value,"));
  const std::size_t columns = split(lines.front(), ',').size();
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const std::vector<std::string> fields = split(lines[k], ',');
    BOOST_REQUIRE(fields.size() == columns);
    BOOST_REQUIRE(std::stoul(fields[0]) == k - 1);
    for (const auto& f : fields) (void)std::stod(f);  // every field reads as a number
  }
  return lines.size() - 2;  // the last step
}

}  // namespace

BOOST_AUTO_TEST_SUITE(descend_long_runs)

BOOST_AUTO_TEST_CASE(sigint_stops_after_the_step_writes_history_and_exits_130) {
  const Interrupted r = interrupt_descend({}, "text");
  BOOST_TEST(r.code == 130);
  const std::size_t last = check_history_complete(r.history);
  BOOST_TEST(last > 0u);
  BOOST_TEST(last < 1000000u);
  BOOST_TEST(contains(r.out, "stopped (interrupted): asked to stop after step " + std::to_string(last) + " "));
  BOOST_TEST(contains(r.out, "every record is in"));
  BOOST_TEST(r.err.empty());  // no progress line: stderr is a file
}

BOOST_AUTO_TEST_CASE(sigint_with_json_prints_the_result_so_far) {
  const Interrupted r = interrupt_descend({"--json"}, "json");
  BOOST_TEST(r.code == 130);
  const std::size_t last = check_history_complete(r.history);
  const auto j = nlohmann::ordered_json::parse(r.out);
  BOOST_TEST(j["stop"]["kind"] == "interrupted");
  BOOST_TEST(j["steps"].back()["step"] == last);
  BOOST_TEST(j["result"]["params"]["w"] == j["steps"].back()["params"]["w"]);
}

BOOST_AUTO_TEST_CASE(with_history_the_output_shows_the_first_and_last_records) {
  const std::string history = "/tmp/tapegrad_long_run_history.csv";
  const auto text = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps",
                              "5000", "--history", history});
  BOOST_TEST(text.code == 0);
  BOOST_TEST(contains(text.out, "\u2026"));
  BOOST_TEST(contains(text.out, "(4981 records not shown; every record is in " + history + ")"));
  BOOST_TEST(contains(text.out, "\n5000 "));
  BOOST_TEST(check_history_complete(split(read_file(history), '\n')) == 5000u);

  const auto json = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps",
                              "5000", "--history", history, "--json"});
  const auto j = json.json();
  BOOST_TEST(j["steps"].size() == 20u);
  BOOST_TEST(j["steps_omitted"] == 4981);
  BOOST_TEST(j["steps"][9]["step"] == 9);
  BOOST_TEST(j["steps"][10]["step"] == 4991);
  std::remove(history.c_str());
}

BOOST_AUTO_TEST_CASE(without_history_every_record_is_printed) {
  const auto j = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "100",
                           "--json"}).json();
  BOOST_TEST(j["steps"].size() == 101u);
  BOOST_TEST(j["steps_omitted"] == 0);
}

BOOST_AUTO_TEST_CASE(every_keeps_the_worked_update_of_each_printed_row) {
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "4",
                           "--every", "2"});
  // Row 2 works out the update from record 1: 0.6 − 0.1·(−4.8) = 1.08.
  BOOST_TEST(contains(r.out, "0.6 \u2212 0.1\u00b7(\u22124.8) = 1.08"));
  BOOST_TEST(!contains(r.out, "\n1 "));
}

BOOST_AUTO_TEST_CASE(every_prints_each_row_once_when_the_last_step_is_not_selected) {
  // Steps 0, 2, 4 are selected and 5 is the last: row 4 is both a selected row and the record
  // that row 5's update is worked out from, and is printed once.
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "5",
                           "--every", "2"});
  BOOST_TEST(r.code == 0);
  std::size_t rows_4 = 0;
  for (const auto& line : split(r.out, '\n'))
    if (line.find_first_not_of(' ') != std::string::npos && line.substr(line.find_first_not_of(' ')).starts_with("4 "))
      ++rows_4;
  BOOST_TEST(rows_4 == 1u);
  BOOST_TEST(contains(r.out, "1.7712 \u2212 0.1\u00b7(\u22122.4576) = 2.01696"));
}

BOOST_AUTO_TEST_CASE(a_long_run_with_history_prints_a_bounded_output) {
  // 10⁵ steps: the output (what the command holds to print) stays at the first and last ten.
  const std::string history = "/tmp/tapegrad_long_run_bounded.csv";
  const auto j = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps",
                           "100000", "--history", history, "--json"}).json();
  BOOST_TEST(j["steps"].size() == 20u);
  BOOST_TEST(j["steps_omitted"] == 100001 - 20);
  BOOST_TEST(j["steps"].back()["step"] == 100000);
  std::remove(history.c_str());
}

BOOST_AUTO_TEST_CASE(no_progress_line_when_stderr_is_not_a_terminal) {
  // Runs for about 1.5 s (the time limit stops it), longer than the second after which a
  // terminal would see progress.
  const auto r = run_tool({"descend", "(y - (w*x + b))^2", "--at", "w=0,b=0", "--data", big_data(),
                           "--lr", "0.01", "--steps", "1000000", "--time-limit", "1.5", "--every",
                           "1000000"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "used the time budget"));
  BOOST_TEST(r.err.empty());
  BOOST_TEST(!contains(r.out, "\r"));
}

BOOST_AUTO_TEST_CASE(the_progress_line_is_drawn_on_a_terminal_and_erased_at_the_end) {
  // stderr on a pseudo-terminal, stdout in a file; the run lasts about 1.6 s, so the line
  // (drawn from the first second on) appears a few times, whatever the machine's load.
  const std::string out_path = "/tmp/tapegrad_progress_pty.out";
  std::vector<std::string> argv_text{TAPEGRAD_BINARY, "descend", "(y - (w*x + b))^2", "--at",
                                     "w=0,b=0", "--data", big_data(), "--lr", "0.01", "--steps",
                                     "1000000", "--time-limit", "1.6", "--every", "1000000"};
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  int terminal = -1;
  const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || ::dup2(out, 1) < 0) ::_exit(127);
    ::execv(TAPEGRAD_BINARY, argv.data());
    ::_exit(127);
  }
  std::string err;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(terminal, buffer, sizeof buffer);
    if (n > 0) err.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;  // EIO: the child closed the terminal's last descriptor
  }
  ::close(terminal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(contains(err, "\rstep "));
  BOOST_TEST(contains(err, " of 1000000  loss "));
  BOOST_TEST(err.ends_with("\r\x1b[K"), "the line is not erased at the end: " + err);
  const std::string out = read_file(out_path);
  BOOST_TEST(contains(out, "stopped (rule): used the time budget"));
  BOOST_TEST(!contains(out, "\r"));
  std::remove(out_path.c_str());
}

BOOST_AUTO_TEST_CASE(the_omitted_count_is_translated) {
  const std::string history = "/tmp/tapegrad_long_run_lang.csv";
  const std::vector<std::string> args{"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps",
                                      "5000", "--history", history, "--lang"};
  auto ru = args, zh = args;
  ru.push_back("ru");
  zh.push_back("zh");
  // 4981 takes the singular in Russian (as 1, 21, 31, ...).
  BOOST_TEST(contains(run_tool(ru).out, "(не показано: 4981 запись; все записи — в " + history + ")"));
  BOOST_TEST(contains(run_tool(zh).out, "（未显示 4981 条记录；全部记录见 " + history + "）"));
  std::remove(history.c_str());
}

BOOST_AUTO_TEST_SUITE_END()
