// Sorting and selection beside libtorch, on the same data in the same run: sort and topk of
// 1M float32 values, unique of 1M int64 values, and sort along the last dim of a batch of
// rows. Usage: bench_sorting [rounds] [threads] (or --cpu: one thread, thread CPU time).

#include <ember/ember.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

using ember_bench::compare_row;
using ember_bench::do_not_optimize;

namespace {

constexpr int64_t kN = 1 << 20;

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> numbers;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      numbers.push_back(std::atoi(argv[i]));
    }
  }
  const int rounds = numbers.size() > 0 ? std::max(3, numbers[0]) : 7;
  const int threads =
      ember_bench::use_cpu_clock() ? 1 : (numbers.size() > 1 ? std::max(1, numbers[1]) : 1);
  ember::set_num_threads(threads);

  // The same values on both sides: uniform floats, and int64 drawn from 100k distinct values.
  std::mt19937_64 rng(42);
  std::vector<float> floats(kN);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (float& f : floats) f = uniform(rng);
  std::vector<int64_t> ints(kN);
  std::uniform_int_distribution<int64_t> pick(0, 99999);
  for (int64_t& v : ints) v = pick(rng);
  std::vector<float> rows_data(kN);
  for (float& f : rows_data) f = uniform(rng);

  const ember::Tensor ef = ember::from_blob(floats.data(), {kN}, ember::kFloat);
  const ember::Tensor ei = ember::from_blob(ints.data(), {kN}, ember::kLong);
  const ember::Tensor er = ember::from_blob(rows_data.data(), {1024, 1024}, ember::kFloat);

  std::function<void()> t_sort, t_sort_stable, t_topk, t_topk_large, t_unique, t_unique_inv, t_rows,
      t_argsort_int;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(threads);
  const torch::Tensor tf = torch::from_blob(floats.data(), {kN}, torch::kFloat);
  const torch::Tensor ti = torch::from_blob(ints.data(), {kN}, torch::kLong);
  const torch::Tensor tr = torch::from_blob(rows_data.data(), {1024, 1024}, torch::kFloat);
  t_sort = [&] { do_not_optimize(std::get<0>(tf.sort())); };
  t_sort_stable = [&] { do_not_optimize(std::get<0>(tf.sort(true, -1, false))); };
  t_topk = [&] { do_not_optimize(std::get<0>(tf.topk(100))); };
  t_topk_large = [&] { do_not_optimize(std::get<0>(tf.topk(kN / 2))); };
  t_unique = [&] { do_not_optimize(std::get<0>(torch::_unique2(ti, true, false, false))); };
  t_unique_inv = [&] { do_not_optimize(std::get<1>(torch::_unique2(ti, true, true, true))); };
  t_rows = [&] { do_not_optimize(std::get<0>(tr.sort(-1))); };
  t_argsort_int = [&] { do_not_optimize(ti.argsort()); };
#endif

  std::printf(
      "\nSorting and selection, %d thread(s)\nmedian microseconds per call (%s), %d rounds\n",
      threads, ember_bench::use_cpu_clock() ? "thread CPU time" : "wall time", rounds);
  std::printf("%-44s %10s %10s %8s\n", "op", "ember", "libtorch", "ratio");
  compare_row(
      "sort 1M float32", rounds, 3, [&] { do_not_optimize(std::get<0>(ef.sort())); }, t_sort);
  compare_row(
      "sort 1M float32 (stable)", rounds, 3,
      [&] { do_not_optimize(std::get<0>(ef.sort(true, -1, false))); }, t_sort_stable);
  compare_row(
      "topk k=100 of 1M float32", rounds, 5, [&] { do_not_optimize(std::get<0>(ef.topk(100))); },
      t_topk);
  compare_row(
      "topk k=512K of 1M float32", rounds, 3,
      [&] { do_not_optimize(std::get<0>(ef.topk(kN / 2))); }, t_topk_large);
  compare_row(
      "unique 1M int64 (values)", rounds, 3,
      [&] { do_not_optimize(std::get<0>(ember::unique(ei))); }, t_unique);
  compare_row(
      "unique 1M int64 (+inverse, counts)", rounds, 3,
      [&] { do_not_optimize(std::get<1>(ember::unique(ei, true, true, true))); }, t_unique_inv);
  compare_row(
      "argsort 1M int64", rounds, 3, [&] { do_not_optimize(ei.argsort()); }, t_argsort_int);
  compare_row(
      "sort 1024 rows of 1024 float32", rounds, 3,
      [&] { do_not_optimize(std::get<0>(er.sort(-1))); }, t_rows);
  return 0;
}
