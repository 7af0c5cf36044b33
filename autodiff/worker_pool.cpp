// SPDX-License-Identifier: MIT
#include "autodiff/worker_pool.hpp"

namespace tapegrad {

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  threads_.clear();  // joins
}

WorkerPool& WorkerPool::shared() {
  static WorkerPool pool;
  return pool;
}

std::size_t WorkerPool::threads() const {
  const std::lock_guard lock(mutex_);
  return threads_.size();
}

void WorkerPool::run(std::size_t shares, const Job& job) {
  if (shares <= 1) {
    if (shares == 1) job(0);
    return;
  }
  std::unique_lock busy(busy_, std::try_to_lock);
  if (!busy.owns_lock()) return run_on_new_threads(shares, job);
  {
    const std::lock_guard lock(mutex_);
    while (threads_.size() + 1 < shares) {
      const std::size_t share = threads_.size() + 1;
      threads_.emplace_back([this, share] { work(share); });
    }
    job_ = &job;
    shares_ = shares;
    pending_ = shares - 1;
    errors_.assign(shares, nullptr);
    ++round_;
  }
  wake_.notify_all();
  try {
    job(0);
  } catch (...) {
    errors_[0] = std::current_exception();  // share 0's slot: no pool thread writes it
  }
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [&] { return pending_ == 0; });
  job_ = nullptr;
  for (const std::exception_ptr& e : errors_)
    if (e) std::rethrow_exception(e);
}

void WorkerPool::work(std::size_t share) {
  std::size_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
    if (stopping_) return;
    seen = round_;
    if (share >= shares_) continue;  // this run needs fewer threads
    const Job* job = job_;
    lock.unlock();
    std::exception_ptr error;
    try {
      (*job)(share);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    errors_[share] = error;
    if (--pending_ == 0) finished_.notify_one();
  }
}

void WorkerPool::run_on_new_threads(std::size_t shares, const Job& job) {
  std::vector<std::exception_ptr> errors(shares);
  {
    std::vector<std::jthread> threads;
    threads.reserve(shares - 1);
    for (std::size_t share = 1; share < shares; ++share)
      threads.emplace_back([&, share] {
        try {
          job(share);
        } catch (...) {
          errors[share] = std::current_exception();
        }
      });
    try {
      job(0);
    } catch (...) {
      errors[0] = std::current_exception();
    }
  }  // joins
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace tapegrad
