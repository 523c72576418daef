#pragma once

// parallel_for over an index range on Ember's CPU thread pool. Ranges smaller than `grain`
// run inline on the calling thread, so small tensors pay no threading cost.

#include <cstdint>
#include <utility>

namespace ember::cpu {

/// A non-owning reference to a callable `void(int64_t begin, int64_t end)`.
class RangeFn {
 public:
  template <class F>
  RangeFn(F& f)  // NOLINT
      : object_(&f), call_([](void* o, int64_t b, int64_t e) { (*static_cast<F*>(o))(b, e); }) {}
  void operator()(int64_t b, int64_t e) const { call_(object_, b, e); }

 private:
  void* object_;
  void (*call_)(void*, int64_t, int64_t);
};

/// Runs f over [begin, end) split across the pool's threads (the caller takes one share).
void parallel_for_impl(int64_t begin, int64_t end, int64_t grain, RangeFn f);

/// Elements per task below which work stays on one thread (a few microseconds of work).
inline constexpr int64_t kGrainSize = 32768;

template <class F>
inline void parallel_for(int64_t begin, int64_t end, int64_t grain, F&& f) {
  if (end - begin <= grain) {
    if (begin < end) f(begin, end);
    return;
  }
  parallel_for_impl(begin, end, grain, RangeFn(f));
}

/// True inside a pool task (nested parallel_for calls run inline).
bool in_parallel_region();

}  // namespace ember::cpu
