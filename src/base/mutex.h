// Mutex and MutexLock: std::mutex with clang thread-safety annotations, so
// members marked GUARDED_BY(mu_) are checked at compile time (leveldb's
// port::Mutex). Not recursive.
//
// Thread safety: that is its purpose.
#ifndef BLUEHELMET_BASE_MUTEX_H_
#define BLUEHELMET_BASE_MUTEX_H_

#include <mutex>

#include "base/thread_annotations.h"

namespace bh {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds `mu` for its lifetime.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* mu_;
};

}  // namespace bh

#endif  // BLUEHELMET_BASE_MUTEX_H_
