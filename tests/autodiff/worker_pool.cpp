// SPDX-License-Identifier: MIT
// WorkerPool (autodiff/worker_pool.hpp): each share of a run runs once, the pool's threads are kept
// between runs, an exception from any share comes out of run(), and a run inside a job or on
// another thread at the same time starts threads of its own instead of waiting.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "autodiff/worker_pool.hpp"

using namespace tapegrad;

BOOST_AUTO_TEST_SUITE(worker_pool)

BOOST_AUTO_TEST_CASE(each_share_runs_once_and_the_threads_are_kept) {
  WorkerPool pool;
  for (int round = 0; round < 50; ++round) {
    std::vector<int> ran(4, 0);
    std::mutex m;
    std::set<std::thread::id> ids;
    pool.run(4, [&](std::size_t share) {
      const std::lock_guard lock(m);
      ++ran[share];
      ids.insert(std::this_thread::get_id());
    });
    BOOST_TEST((ran == std::vector<int>{1, 1, 1, 1}));
    BOOST_TEST(ids.size() == 4u);
    BOOST_TEST(ids.count(std::this_thread::get_id()) == 1u);  // share 0 is the caller's
  }
  BOOST_TEST(pool.threads() == 3u);
  // A run needing fewer shares leaves the other threads waiting.
  std::atomic<int> count{0};
  pool.run(2, [&](std::size_t) { ++count; });
  BOOST_TEST(count == 2);
  BOOST_TEST(pool.threads() == 3u);
  pool.run(1, [&](std::size_t share) { BOOST_TEST(share == 0u); });
}

BOOST_AUTO_TEST_CASE(an_exception_in_any_share_comes_out_of_run) {
  WorkerPool pool;
  for (std::size_t thrower : {0u, 1u, 2u}) {
    std::atomic<int> finished{0};
    BOOST_CHECK_THROW(pool.run(3,
                               [&](std::size_t share) {
                                 if (share == thrower) throw std::runtime_error("share failed");
                                 ++finished;
                               }),
                      std::runtime_error);
    BOOST_TEST(finished == 2);  // the other shares still ran to the end
  }
  std::atomic<int> count{0};
  pool.run(3, [&](std::size_t) { ++count; });  // and the pool still works
  BOOST_TEST(count == 3);
}

BOOST_AUTO_TEST_CASE(a_run_inside_a_job_or_beside_one_does_not_wait_for_the_pool) {
  WorkerPool pool;
  std::atomic<int> inner{0};
  pool.run(2, [&](std::size_t) { pool.run(3, [&](std::size_t) { ++inner; }); });
  BOOST_TEST(inner == 6);
  std::atomic<int> total{0};
  std::vector<std::jthread> callers;
  for (int k = 0; k < 4; ++k)
    callers.emplace_back([&] {
      for (int r = 0; r < 20; ++r) pool.run(2, [&](std::size_t) { ++total; });
    });
  callers.clear();
  BOOST_TEST(total == 4 * 20 * 2);
}

BOOST_AUTO_TEST_SUITE_END()
