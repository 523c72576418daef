// Reductions and softmax over 16M float32 elements: Ember against a plain C++ loop over the
// same buffer (split over std::threads for 2 threads) and against libtorch when available, on
// 1 and 2 threads. GB/s counts the bytes of the input read once; "read" is the time of an
// AVX2 loop that only reads the buffer (eight independent vector ORs), the read-bandwidth
// limit every whole-tensor reduction is compared with.

#include <ember/ember.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

constexpr int64_t kRows = 4096;
constexpr int64_t kCols = 4096;
constexpr int64_t kN = kRows * kCols;
constexpr int kLanes = 16;

// Runs f(begin, end) over [0, n) split across `threads` std::threads.
void run_split(int threads, int64_t n, const std::function<void(int64_t, int64_t)>& f) {
  if (threads == 1) return f(0, n);
  std::vector<std::thread> pool;
  const int64_t chunk = (n + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    const int64_t b = std::min(n, t * chunk), e = std::min(n, b + chunk);
    pool.emplace_back([&f, b, e] { f(b, e); });
  }
  for (auto& th : pool) th.join();
}

// ---- Plain loops (float accumulators in lanes so the compiler vectorises them) -------------

float plain_sum(const float* p, int64_t b, int64_t e) {
  float lanes[kLanes] = {};
  const int64_t full = b + (e - b) / kLanes * kLanes;
  int64_t i = b;
  for (; i < full; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) lanes[l] += p[i + l];
  }
  float s = 0;
  for (float l : lanes) s += l;
  for (; i < e; ++i) s += p[i];
  return s;
}

float plain_max(const float* p, int64_t b, int64_t e) {
  float lanes[kLanes];
  for (float& l : lanes) l = -INFINITY;
  const int64_t full = b + (e - b) / kLanes * kLanes;
  int64_t i = b;
  for (; i < full; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) lanes[l] = std::max(lanes[l], p[i + l]);
  }
  float m = -INFINITY;
  for (float l : lanes) m = std::max(m, l);
  for (; i < e; ++i) m = std::max(m, p[i]);
  return m;
}

// Reads p[b, e) with eight independent AVX2 ORs (no arithmetic latency to wait for): the
// read bandwidth one thread gets. Falls back to a plain integer loop without AVX2.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) uint32_t read_all(const float* p, int64_t b, int64_t e) {
  const auto* q = reinterpret_cast<const uint32_t*>(p);
  uint32_t lanes[64] = {};
  const int64_t full = b + (e - b) / 64 * 64;
  int64_t i = b;
  for (; i < full; i += 64) {
    for (int l = 0; l < 64; ++l) lanes[l] |= q[i + l];
  }
  uint32_t r = 0;
  for (uint32_t l : lanes) r |= l;
  for (; i < e; ++i) r |= q[i];
  return r;
}
#else
uint32_t read_all(const float* p, int64_t b, int64_t e) {
  const auto* q = reinterpret_cast<const uint32_t*>(p);
  uint32_t r = 0;
  for (int64_t i = b; i < e; ++i) r |= q[i];
  return r;
}
#endif

// Best of `repeats` timed calls after a warm-up: on a machine shared with other work the
// minimum is the figure least disturbed by it.
template <class F>
double best_seconds(F&& f, int repeats) {
  f();
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

struct Row {
  std::string name;
  double ember[2], plain[2], torch[2];
  bool whole = false;  // a whole-tensor reduction: compared with the read time
};

double g_read[2];

void print(const Row& r) {
  const double gb = kN * 4.0 / 1e9;
  for (int t = 0; t < 2; ++t) {
    std::printf("%-22s %d thr  ember %8.2f ms (%5.1f GB/s)  loop %8.2f ms (%5.2fx)", r.name.c_str(),
                t + 1, r.ember[t] * 1e3, gb / r.ember[t], r.plain[t] * 1e3,
                r.ember[t] / r.plain[t]);
    if (r.torch[t] > 0) {
      std::printf("  libtorch %8.2f ms (%5.2fx)", r.torch[t] * 1e3, r.ember[t] / r.torch[t]);
    }
    if (r.whole) std::printf("  read %5.2fx", r.ember[t] / g_read[t]);
    std::printf("\n");
  }
}

}  // namespace

int main() {
  using ember_bench::do_not_optimize;
  const int repeats = 15;
  std::vector<float> data(kN);
  std::mt19937 gen(0);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (float& v : data) v = uniform(gen);
  const ember::Tensor x = ember::from_blob(data.data(), {kRows, kCols});
  const float* px = data.data();
  std::vector<float> col_out(kCols), row_out(kRows), sm_out(kN);
#ifdef EMBER_BENCH_WITH_LIBTORCH
  const torch::Tensor tx = torch::from_blob(const_cast<float*>(px), {kRows, kCols});
#endif
  std::vector<Row> rows(9);
  rows[0].name = "sum (all)";
  rows[1].name = "sum dim 0 [4096,4096]";
  rows[2].name = "sum dim 1 [4096,4096]";
  rows[3].name = "max (all)";
  rows[4].name = "softmax dim 1";
  rows[5].name = "mean (all)";
  rows[6].name = "min (all)";
  rows[7].name = "norm (all)";
  rows[8].name = "read (bandwidth)";
  for (int r : {0, 3, 5, 6, 7, 8}) rows[r].whole = true;
  for (int threads = 1; threads <= 2; ++threads) {
    const int t = threads - 1;
    ember::set_num_threads(threads);
    rows[0].ember[t] = best_seconds([&] { do_not_optimize(x.sum()); }, repeats);
    rows[1].ember[t] = best_seconds([&] { do_not_optimize(x.sum({0})); }, repeats);
    rows[2].ember[t] = best_seconds([&] { do_not_optimize(x.sum({1})); }, repeats);
    rows[3].ember[t] = best_seconds([&] { do_not_optimize(x.max()); }, repeats);
    rows[4].ember[t] = best_seconds([&] { do_not_optimize(x.softmax(1)); }, repeats);
    rows[5].ember[t] = best_seconds([&] { do_not_optimize(x.mean()); }, repeats);
    rows[6].ember[t] = best_seconds([&] { do_not_optimize(x.min()); }, repeats);
    rows[7].ember[t] = best_seconds([&] { do_not_optimize(x.norm()); }, repeats);
    // The read loop in every column, so that its row shows the limit itself.
    const double read = best_seconds(
        [&] {
          uint32_t part[2] = {0, 0};
          run_split(threads, kN,
                    [&](int64_t b, int64_t e) { part[b == 0 ? 0 : 1] = read_all(px, b, e); });
          do_not_optimize(part[0] | part[1]);
        },
        repeats);
    g_read[t] = read;
    rows[8].ember[t] = rows[8].plain[t] = read;
    rows[8].torch[t] = 0;

    rows[0].plain[t] = best_seconds(
        [&] {
          float part[2] = {0, 0};
          run_split(threads, kN,
                    [&](int64_t b, int64_t e) { part[b == 0 ? 0 : 1] = plain_sum(px, b, e); });
          do_not_optimize(part[0] + part[1]);
        },
        repeats);
    rows[1].plain[t] = best_seconds(
        [&] {
          run_split(threads, kCols, [&](int64_t b, int64_t e) {
            std::fill(col_out.begin() + b, col_out.begin() + e, 0.0f);
            for (int64_t r = 0; r < kRows; ++r) {
              const float* p = px + r * kCols;
              for (int64_t c = b; c < e; ++c) col_out[c] += p[c];
            }
          });
          do_not_optimize(col_out[0]);
        },
        repeats);
    rows[2].plain[t] = best_seconds(
        [&] {
          run_split(threads, kRows, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r) row_out[r] = plain_sum(px + r * kCols, 0, kCols);
          });
          do_not_optimize(row_out[0]);
        },
        repeats);
    rows[3].plain[t] = best_seconds(
        [&] {
          float part[2] = {0, 0};
          run_split(threads, kN,
                    [&](int64_t b, int64_t e) { part[b == 0 ? 0 : 1] = plain_max(px, b, e); });
          do_not_optimize(std::max(part[0], part[1]));
        },
        repeats);
    rows[5].plain[t] = rows[0].plain[t];
    rows[6].plain[t] = rows[3].plain[t];
    rows[7].plain[t] = rows[0].plain[t];
    rows[4].plain[t] = best_seconds(
        [&] {
          run_split(threads, kRows, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r) {
              const float* p = px + r * kCols;
              float* o = sm_out.data() + r * kCols;
              const float m = plain_max(p, 0, kCols);
              for (int64_t c = 0; c < kCols; ++c) o[c] = std::exp(p[c] - m);
              const float inv = 1.0f / plain_sum(o, 0, kCols);
              for (int64_t c = 0; c < kCols; ++c) o[c] *= inv;
            }
          });
          do_not_optimize(sm_out[0]);
        },
        repeats);

#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(threads);
    rows[0].torch[t] = best_seconds([&] { do_not_optimize(tx.sum()); }, repeats);
    rows[1].torch[t] = best_seconds([&] { do_not_optimize(tx.sum({0})); }, repeats);
    rows[2].torch[t] = best_seconds([&] { do_not_optimize(tx.sum({1})); }, repeats);
    rows[3].torch[t] = best_seconds([&] { do_not_optimize(tx.max()); }, repeats);
    rows[4].torch[t] = best_seconds([&] { do_not_optimize(tx.softmax(1)); }, repeats);
    rows[5].torch[t] = best_seconds([&] { do_not_optimize(tx.mean()); }, repeats);
    rows[6].torch[t] = best_seconds([&] { do_not_optimize(tx.min()); }, repeats);
    rows[7].torch[t] = best_seconds([&] { do_not_optimize(tx.norm()); }, repeats);
    rows[8].torch[t] = 0;
#else
    for (auto& r : rows) r.torch[t] = 0;
#endif
  }
  std::printf("16M float32 ([4096, 4096]); best of %d runs; (x) = Ember time / reference time\n",
              repeats);
  for (const auto& r : rows) print(r);
  return 0;
}
