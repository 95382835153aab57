// Result<T>: a value or a non-OK Status (C++20 has no std::expected).
//
//   Result<Month> m = Month::Parse("2021-04");
//   if (!m.ok()) return m.status();
//   use(*m);
//
// Thread safety: as for the contained T.
#ifndef BLUEHELMET_BASE_RESULT_H_
#define BLUEHELMET_BASE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "base/status.h"

namespace bh {

template <typename T>
class Result {
 public:
  // REQUIRES: !status.ok(); a failed Result never holds a value.
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT
  Result(T value) : value_(std::move(value)) {}                                  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& operator*() & {
    assert(ok());
    return *value_;
  }
  const T& operator*() const& {
    assert(ok());
    return *value_;
  }
  T&& operator*() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() {
    assert(ok());
    return &*value_;
  }
  const T* operator->() const {
    assert(ok());
    return &*value_;
  }
  T& value() & { return **this; }
  const T& value() const& { return **this; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace bh

// Assigns the value of a Result expression to `lhs`, or returns its Status.
#define BH_CONCAT_INNER(a, b) a##b
#define BH_CONCAT(a, b) BH_CONCAT_INNER(a, b)
#define BH_ASSIGN_OR_RETURN(lhs, expr) BH_ASSIGN_OR_RETURN_IMPL(BH_CONCAT(_bh_result_, __LINE__), lhs, expr)
#define BH_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(*tmp)

#endif  // BLUEHELMET_BASE_RESULT_H_
