// SPDX-License-Identifier: MIT
// What sum_over / mean_over promise beyond the numbers: the same bits for every thread count,
// tape memory independent of the number of rows, correct fallbacks (a loss that records Vars per
// row, a branch on data that differs between lanes), and clear errors (no rows, columns of
// different lengths, a domain error on a checked tape naming its row).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "reduce_data.hpp"

using namespace tapegrad;
using namespace tapegrad::testing;

namespace {
using std::pow;

struct Result {
  double value, d0, d1;
};

template <class MakeLoss>
Result reduce_with(const MakeLoss& make, const std::vector<double>& x, const std::vector<double>& y,
                   ReduceOptions options) {
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.3), w1 = tape.input(-1.2);
  const Var r = mean_over(columns(x, y), make(w0, w1), options);
  const auto g = tape.backward(r);
  return {r.value(), g[w0], g[w1]};
}

auto mse = [](const Var& w0, const Var& w1) {
  return [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); };
};
auto logistic = [](const Var& w0, const Var& w1) {
  return [&](auto x, auto y) {
    const auto z = w1 * x + w0;
    return softplus(z) - y * z;
  };
};
}  // namespace

BOOST_AUTO_TEST_SUITE(reduce_semantics)

BOOST_AUTO_TEST_CASE(one_two_and_eight_threads_give_identical_bits) {
  const auto x = uniform_data(100003, -1, 1, 11), y = uniform_data(100003, -1, 1, 12);
  for (std::size_t chunk : {64u, 4096u}) {
    const Result one = reduce_with(mse, x, y, {.threads = 1, .chunk_rows = chunk});
    for (unsigned threads : {2u, 3u, 8u}) {
      const ReduceOptions options{.threads = threads, .chunk_rows = chunk, .min_thread_work = {}};
      const Result r = reduce_with(mse, x, y, options);
      BOOST_TEST(r.value == one.value);
      BOOST_TEST(r.d0 == one.d0);
      BOOST_TEST(r.d1 == one.d1);
      const Result l1 = reduce_with(logistic, x, y, {.threads = 1, .chunk_rows = chunk});
      const Result l = reduce_with(logistic, x, y, options);
      BOOST_TEST(l.value == l1.value);
      BOOST_TEST(l.d0 == l1.d0);
      BOOST_TEST(l.d1 == l1.d1);
    }
  }
}

// A second thread starts only when the work after the first chunk is worth it (min_thread_work).
BOOST_AUTO_TEST_CASE(threads_start_only_for_enough_work) {
  const auto x = uniform_data(10000, -1, 1, 17);
  auto threads_used = [&](std::chrono::microseconds min_work) {
    std::mutex m;
    std::set<std::thread::id> seen;
    Tape tape;
    auto scope = tape.activate();
    const Var w = tape.input(0.5);
    (void)sum_over(columns(x), [&](auto xi) {
      const std::lock_guard lock(m);
      seen.insert(std::this_thread::get_id());
      return w * xi;
    }, {.threads = 2, .chunk_rows = 1024, .min_thread_work = min_work});
    return seen.size();
  };
  BOOST_TEST(threads_used(std::chrono::hours(1)) == 1u);
  BOOST_TEST(threads_used({}) == 2u);
}

BOOST_AUTO_TEST_CASE(tape_memory_does_not_grow_with_the_rows) {
  TapeStats stats[2];
  int k = 0;
  for (std::size_t n : {100u, 200000u}) {
    const auto x = uniform_data(n, -1, 1, 13), y = uniform_data(n, -1, 1, 14);
    Tape tape;
    auto scope = tape.activate();
    const Var w0 = tape.input(0.3), w1 = tape.input(-1.2);
    const Var r = mean_over(columns(x, y), mse(w0, w1), {.threads = 2, .min_thread_work = {}});
    BOOST_TEST(r.is_recorded());
    stats[k++] = tape.stats();
  }
  BOOST_TEST(stats[0].nodes == 3u);  // two parameters and the reduction
  BOOST_TEST(stats[1].nodes == stats[0].nodes);
  BOOST_TEST(stats[1].arguments == stats[0].arguments);
  BOOST_TEST(stats[1].bytes_used == stats[0].bytes_used);
}

BOOST_AUTO_TEST_CASE(a_loss_recording_vars_per_row_falls_back_correctly) {
  const auto x = uniform_data(5003, -1, 1, 15), y = uniform_data(5003, -1, 1, 16);
  const Result fast = reduce_with(mse, x, y, {.threads = 2, .min_thread_work = {}});
  // `Var t` records a node per row: the reduction's node then has those nodes as inputs.
  const auto recording = [](const Var& w0, const Var& w1) {
    return [&](double xi, double yi) {
      const Var t = w1 * xi + w0;
      return pow(yi - t, 2);
    };
  };
  const Result slow = reduce_with(recording, x, y, {.threads = 2, .min_thread_work = {}});
  BOOST_TEST(close(slow.value, fast.value));
  BOOST_TEST(close(slow.d0, fast.d0));
  BOOST_TEST(close(slow.d1, fast.d1));
}

BOOST_AUTO_TEST_CASE(a_loss_recording_vars_only_for_some_rows_on_worker_threads) {
  const auto x = uniform_data(20000, -1, 1, 17), y = uniform_data(20000, -1, 1, 18);
  const Result fast = reduce_with(mse, x, y, {.threads = 1, .chunk_rows = 1024});
  // A few rows (x > 0.99) record a Var: chunks without one record nothing, the others need the
  // tape, which only the calling thread has.
  const auto sometimes = [](const Var& w0, const Var& w1) {
    return [&](double xi, double yi) -> Var {
      if (xi > 0.99) {
        const Var t = w1 * xi + w0;
        return pow(yi - t, 2);
      }
      return pow(yi - (w1 * xi + w0), 2);
    };
  };
  const Result r =
      reduce_with(sometimes, x, y, {.threads = 2, .chunk_rows = 1024, .min_thread_work = {}});
  BOOST_TEST(close(r.value, fast.value));
  BOOST_TEST(close(r.d0, fast.d0));
  BOOST_TEST(close(r.d1, fast.d1));
}

BOOST_AUTO_TEST_CASE(a_branch_on_data_that_differs_between_lanes_is_taken_row_by_row) {
  const auto x = uniform_data(1001, -1, 1, 19), y = uniform_data(1001, -1, 1, 20);
  const auto branchy = [](const Var& w0, const Var& w1) {
    return [&](auto xi, auto yi) {
      if (xi > 0.0) return pow(yi - w1 * xi, 2);
      return pow(yi - w0 * xi, 2);
    };
  };
  const Result r = reduce_with(branchy, x, y, {.threads = 1});
  double v = 0, d0 = 0, d1 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double w = x[i] > 0 ? -1.2 : 0.3, e = y[i] - w * x[i];
    v += e * e;
    (x[i] > 0 ? d1 : d0) += -2 * e * x[i];
  }
  const double n = double(x.size());
  BOOST_TEST(close(r.value, v / n));
  BOOST_TEST(close(r.d0, d0 / n));
  BOOST_TEST(close(r.d1, d1 / n));
}

BOOST_AUTO_TEST_CASE(a_loss_that_uses_no_parameter_is_a_constant) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  Tape tape;
  auto scope = tape.activate();
  const Var r = sum_over(columns(x), [](auto xi) { return xi * xi; });
  BOOST_TEST(!r.is_recorded());
  BOOST_TEST(r.value() == 91.0);
}

BOOST_AUTO_TEST_CASE(no_rows_is_a_data_error) {
  const std::vector<double> x;
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(1.0);
  BOOST_CHECK_THROW((void)mean_over(columns(x), [&](auto xi) { return w * xi; }), DataError);
  try {
    (void)sum_over(columns(x), [&](auto xi) { return w * xi; });
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).find("no rows") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(columns_of_different_lengths_are_a_data_error) {
  const std::vector<double> x = {1, 2, 3}, y = {1, 2};
  try {
    (void)columns(x, y);
    BOOST_FAIL("no error");
  } catch (const DataError& e) {
    const std::string m = e.what();
    BOOST_TEST(m.find("column 1 has 2 rows but column 0 has 3") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_shard_is_a_smaller_set_of_columns) {
  const auto x = uniform_data(1000, -1, 1, 21), y = uniform_data(1000, -1, 1, 22);
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.3), w1 = tape.input(-1.2);
  const auto data = columns(x, y);
  const Var all = sum_over(data, mse(w0, w1));
  const Var a = sum_over(data.shard(0, 400), mse(w0, w1));
  const Var b = sum_over(data.shard(400, 600), mse(w0, w1));
  BOOST_TEST(close(all.value(), a.value() + b.value()));
  BOOST_CHECK_THROW((void)data.shard(900, 200), DataError);
}

BOOST_AUTO_TEST_CASE(a_domain_error_on_a_checked_tape_names_its_row) {
  std::vector<double> x = uniform_data(50, 0.5, 2, 23);
  x[37] = -1.0;
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var w = tape.input(2.0);
  const NodeIndex nodes = tape.size();
  try {
    (void)sum_over(columns(x), [&](auto xi) { return log(w * xi); });
    BOOST_FAIL("no error");
  } catch (const DataDomainError& e) {
    BOOST_TEST(e.row() == 37u);
    BOOST_TEST(std::string(e.what()).find("data row 37") != std::string::npos);
    BOOST_TEST((e.op() == Op::log));
  }
  // Rows 0 … 36 were recorded op by op before row 37 failed; the reduction takes them off again.
  BOOST_TEST(tape.size() == nodes);
  const Var again = sum_over(columns(std::vector<double>{1.0, 2.0}), [&](auto xi) { return log(w * xi); });
  BOOST_TEST(tape.backward(again)[w] == 1.0);  // ∂/∂w Σ log(w·x) = 2/w
}

// A loss that records Vars per row and throws half way leaves the tape as it was.
BOOST_AUTO_TEST_CASE(a_loss_that_throws_leaves_the_tape_as_it_was) {
  const auto x = uniform_data(300, -1, 1, 26);
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(0.5);
  const NodeIndex nodes = tape.size();
  struct Thrown {};
  std::size_t calls = 0;
  const auto loss = [&](double xi) {
    if (++calls == 200) throw Thrown{};
    const Var t = w * xi;  // a node per row
    return t * t;
  };
  BOOST_CHECK_THROW((void)sum_over(columns(x), loss), Thrown);
  BOOST_TEST(tape.size() == nodes);
  BOOST_TEST(tape.stats().blocks == 0u);
}

BOOST_AUTO_TEST_CASE(a_checked_tape_gives_the_same_gradient) {
  const auto x = uniform_data(300, -1, 1, 24), y = uniform_data(300, -1, 1, 25);
  const Result plain = reduce_with(mse, x, y, {});
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var w0 = tape.input(0.3), w1 = tape.input(-1.2);
  const Var r = mean_over(columns(x, y), mse(w0, w1));
  const auto g = tape.backward(r);
  BOOST_TEST(close(r.value(), plain.value));
  BOOST_TEST(close(g[w0], plain.d0));
  BOOST_TEST(close(g[w1], plain.d1));
}

BOOST_AUTO_TEST_SUITE_END()
