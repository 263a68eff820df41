// File: base/mutex.h
// Mutex, SharedMutex and their scoped locks: the standard ones, annotated
// for clang's thread-safety analysis (base/thread_annotations.h), and a
// CondVar that waits on a base::Mutex.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "base/thread_annotations.h"

namespace ordertrack::base {

class OT_CAPABILITY("mutex") Mutex {
 public:
  void Lock() OT_ACQUIRE() { mu_.lock(); }
  void Unlock() OT_RELEASE() { mu_.unlock(); }
  bool TryLock() OT_TRY_ACQUIRE(true) { return mu_.try_lock(); }
  // Tells the analysis the caller holds it, where the lock was taken in a
  // way it cannot follow (in another function of the same object).
  void AssertHeld() const OT_ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

class OT_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) OT_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~MutexLock() OT_RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

class OT_CAPABILITY("shared_mutex") SharedMutex {
 public:
  void Lock() OT_ACQUIRE() { mu_.lock(); }
  void Unlock() OT_RELEASE() { mu_.unlock(); }
  void LockShared() OT_ACQUIRE_SHARED() { mu_.lock_shared(); }
  void UnlockShared() OT_RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

class OT_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) OT_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~WriterLock() OT_RELEASE() { mu_.Unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

class OT_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) OT_ACQUIRE_SHARED(mu) : mu_(mu) { mu_.LockShared(); }
  ~ReaderLock() OT_RELEASE_GENERIC() { mu_.UnlockShared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Waits are written as loops, `while (!ready) cv.Wait(mu);`, so that the
// analysis sees the guarded condition read with the mutex held.
class CondVar {
 public:
  void Wait(Mutex& mu) OT_REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // still held, by the caller
  }
  // Returns at `deadline` at the latest: false when it has passed.
  template <typename Clock, typename Duration>
  bool WaitUntil(Mutex& mu, std::chrono::time_point<Clock, Duration> deadline) OT_REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    const bool notified = cv_.wait_until(lock, deadline) == std::cv_status::no_timeout;
    lock.release();
    return notified;
  }
  void NotifyAll() { cv_.notify_all(); }
  void NotifyOne() { cv_.notify_one(); }

 private:
  std::condition_variable cv_;
};

}  // namespace ordertrack::base
