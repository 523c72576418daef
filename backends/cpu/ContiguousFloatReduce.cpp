// Blocked float sums of contiguous float32 data (see ContiguousFloatReduce.h), with an AVX2
// copy of the loop chosen at run time.

#include "backends/cpu/ContiguousFloatReduce.h"

#include <algorithm>
#include <memory>

#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/Parallel.h"
#include "ember/core/Macros.h"

namespace ember::cpu {

namespace {

// 32 float lanes (four AVX2 registers, eight SSE ones) of 16 elements each per block; the
// block sum is folded to 8 lanes and added to 8 double accumulators.
constexpr int kLanes = 32;
constexpr int kDoubleLanes = 8;
constexpr int64_t kBlock = 512;
// Elements per parallel chunk (a multiple of kBlock): its double result is added in order.
constexpr int64_t kChunk = int64_t{1} << 18;

struct Identity {
  EMBER_ALWAYS_INLINE float operator()(float x) const { return x; }
};
struct Square {
  EMBER_ALWAYS_INLINE float operator()(float x) const { return x * x; }
};

template <class Map>
EMBER_ALWAYS_INLINE double blocked_sum_body(const float* EMBER_RESTRICT p, int64_t n, Map map) {
  double wide[kDoubleLanes] = {};
  int64_t i = 0;
  for (; i + kBlock <= n; i += kBlock) {
    float lanes[kLanes] = {};
    for (int64_t r = 0; r < kBlock; r += kLanes) {
      for (int l = 0; l < kLanes; ++l) lanes[l] += map(p[i + r + l]);
    }
    for (int l = 0; l < kDoubleLanes; ++l) {
      const float folded = (lanes[l] + lanes[l + 8]) + (lanes[l + 16] + lanes[l + 24]);
      wide[l] += static_cast<double>(folded);
    }
  }
  double tail = 0;
  for (; i < n; ++i) tail += static_cast<double>(map(p[i]));
  const double w =
      ((wide[0] + wide[4]) + (wide[2] + wide[6])) + ((wide[1] + wide[5]) + (wide[3] + wide[7]));
  return w + tail;
}

template <class Map>
double blocked_sum_baseline(const float* p, int64_t n, Map map) {
  return blocked_sum_body(p, n, map);
}
#if EMBER_HAVE_AVX2_TARGET
// No FMA: the square is rounded before it is added, as in the baseline loop, so both give
// the same bits.
template <class Map>
__attribute__((target("avx2"))) double blocked_sum_avx2(const float* p, int64_t n, Map map) {
  return blocked_sum_body(p, n, map);
}
#endif

template <class Map>
double chunked_sum(const float* p, int64_t n, Map map) {
  auto leaf = &blocked_sum_baseline<Map>;
#if EMBER_HAVE_AVX2_TARGET
  if (use_avx2()) leaf = &blocked_sum_avx2<Map>;
#endif
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  if (chunks <= 1) return leaf(p, n, map);
  auto partial = std::make_unique<double[]>(static_cast<size_t>(chunks));
  parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      const int64_t begin = c * kChunk;
      partial[c] = leaf(p + begin, std::min(kChunk, n - begin), map);
    }
  });
  double total = 0;
  for (int64_t c = 0; c < chunks; ++c) total += partial[c];
  return total;
}

}  // namespace

bool is_whole_contiguous_reduction(const detail::ReductionPlan& plan) {
  return plan.kept_numel == 1 && plan.red_sizes.size() == 1 && plan.red_in_strides[0] == 1;
}

double contiguous_float_sum(const float* p, int64_t n) { return chunked_sum(p, n, Identity{}); }

double contiguous_float_sum_of_squares(const float* p, int64_t n) {
  return chunked_sum(p, n, Square{});
}

}  // namespace ember::cpu
