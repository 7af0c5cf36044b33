// SPDX-License-Identifier: MIT
// WorkerPool: threads kept between parallel runs, for the reductions over data (reduce.hpp) and
// the command's column-wise sums. Starting a std::jthread costs 40–150 µs on the 2-core VM the
// benchmarks run on, waking a waiting one about 12 µs: a gradient over 10⁶ rows takes ~600 µs, so
// starting threads per gradient ate most of what a second core gave.
//
//     WorkerPool::shared().run(3, [&](std::size_t t) { ... share t of 3 ... });
//
// run(k, job) calls job(0) on the calling thread and job(1) … job(k−1) on pool threads (started
// the first time they are needed, then kept until the program ends), and returns when all are
// done; an exception from a job is rethrown by run() (the first, by share number). One run at a
// time uses the pool: a run that finds it busy (another thread's, or a run inside a job) starts
// threads of its own instead, so runs never wait for each other. Plain mutex and condition
// variable; nothing lock-free.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tapegrad {

class WorkerPool {
 public:
  using Job = std::function<void(std::size_t share)>;

  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // The process's pool.
  static WorkerPool& shared();

  // job(0) here, job(1) … job(shares − 1) on other threads; returns when every share is done.
  void run(std::size_t shares, const Job& job);

  // Threads the pool has started so far (for tests).
  std::size_t threads() const;

 private:
  void work(std::size_t share);
  void run_on_new_threads(std::size_t shares, const Job& job);

  std::mutex busy_;  // held by the run that uses the pool
  mutable std::mutex mutex_;
  std::condition_variable wake_, finished_;
  std::vector<std::jthread> threads_;  // thread k − 1 runs share k
  const Job* job_ = nullptr;
  std::size_t round_ = 0;     // advanced by every run, so a thread takes each run's share once
  std::size_t shares_ = 0;    // this run's shares
  std::size_t pending_ = 0;   // pool shares of this run not finished yet
  std::vector<std::exception_ptr> errors_;
  bool stopping_ = false;
};

}  // namespace tapegrad
