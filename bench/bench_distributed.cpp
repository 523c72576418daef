// Data-parallel training speed: a 784-512-512-10 ReLU MLP (cross-entropy, SGD) under
// DistributedDataParallel on the ranks of mpirun at per-rank batch 128, against one process
// training the same model at batch 256 (the same examples per step), and how much of the
// gradient all-reduce is hidden behind the backward pass.
//
// Method (timestamps within one backward pass, on the machine-wide monotonic clock that all
// ranks of one machine share):
//   compute end  = the moment the last gradient was accumulated, on the slower rank (hooks on
//                  the first layer's parameters, whose gradients come last; the ranks' times
//                  are compared directly, so time spent waiting for a rank that is behind is
//                  not counted as communication)
//   exposed      = end of backward (DDP has waited for every all-reduce and written the
//                  averages) - compute end, less the same tail inside no_sync() (the engine's
//                  own work after the last gradient, with no communication)
//   all-reduce alone = the same buckets all-reduced back to back, with nothing to overlap,
//                  from the later rank's launch to this rank's last completion
//   hidden share = 1 - exposed / all-reduce alone
// The last bucket is launched by the last gradient's hook, so its all-reduce cannot overlap
// backward's compute; its time alone is printed beside the exposed time. (The compute-end
// stamp is taken after DDP's hooks, i.e. once that bucket has been flattened and started: the
// exposed time counts waiting for the all-reduces and writing the averages back.)
// The ranks start each measured backward together (a barrier). Each rank computes with one
// thread (ranks share the cores); the single-process baseline is timed with 1 thread and with
// as many threads as there are ranks, while the other ranks wait.
//
// Usage: mpirun -np 2 bench_distributed [steps]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "ember/distributed.h"
#include "ember/ember.h"
#include "ember/nn.h"
#include "ember/optim.h"

namespace {

namespace dist = ember::distributed;
namespace nn = ember::nn;
using ember::Tensor;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// The slowest rank's value (a step is as slow as its slowest rank).
double max_over_ranks(double seconds) {
  Tensor t = ember::full({1}, seconds, ember::kDouble);
  dist::all_reduce(t, dist::ReduceOp::MAX);
  return t.item<double>();
}

nn::Sequential make_mlp() {
  ember::manual_seed(0);
  return nn::Sequential(nn::Linear(784, 512), nn::ReLU(), nn::Linear(512, 512), nn::ReLU(),
                        nn::Linear(512, 10));
}

struct StepTimes {
  double step = 0;      // forward + backward + optimiser step
  double backward = 0;  // backward alone
  double tail = 0;      // backward after the last gradient (of the slower rank, when aligned)
};

double since_epoch(Clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

// When backward accumulated its latest gradient (set by hooks on the first layer's
// parameters, whose gradients come last): what follows is DDP's wait for the all-reduces.
Clock::time_point g_last_gradient;

// Median times of `steps` training steps of `forward` on batches of `batch` examples.
// With `synchronise` the ranks start backward together (a barrier); with `aligned` the tail
// starts at the latest rank's last gradient (one more all-reduce per step, outside backward).
template <class Forward>
StepTimes time_steps(const std::vector<Tensor>& params, Forward forward, int64_t batch, int steps,
                     bool synchronise = false, bool aligned = false) {
  ember::optim::SGD opt(params, 0.01);
  const Tensor x = ember::randn({batch, 784});
  const Tensor y = ember::randint(0, 10, {batch});
  std::vector<double> step_times, backward_times, tails;
  for (int i = 0; i < steps + 3; ++i) {  // 3 warm-up steps
    const auto t0 = Clock::now();
    opt.zero_grad();
    Tensor loss = nn::functional::cross_entropy(forward(x), y);
    // The ranks start backward together, so that its time does not include waiting for a rank
    // that is behind (the machine's other load makes their pace uneven).
    if (synchronise) dist::barrier();
    const auto t1 = Clock::now();
    loss.backward();
    const auto t2 = Clock::now();
    const double backward = std::chrono::duration<double>(t2 - t1).count();
    const double compute_end =
        aligned ? max_over_ranks(since_epoch(g_last_gradient)) : since_epoch(g_last_gradient);
    const double tail = since_epoch(t2) - compute_end;
    opt.step();
    if (i >= 3) {
      step_times.push_back(seconds_since(t0));
      backward_times.push_back(backward);
      tails.push_back(tail);
    }
  }
  return {median(step_times), median(backward_times), median(tails)};
}

}  // namespace

int main(int argc, char** argv) {
  if (!dist::is_available("mpi")) {
    std::printf("bench_distributed: Ember was built without MPI; nothing to time\n");
    return 0;
  }
  const int steps = argc > 1 ? std::atoi(argv[1]) : 20;
  dist::init_process_group("mpi");
  const int rank = dist::get_rank();
  const int world = dist::get_world_size();
  const int64_t per_rank = 128;
  const int64_t full_batch = per_rank * world;

  // The single-process baseline, on rank 0 while the others wait.
  StepTimes single_1, single_n;
  if (rank == 0) {
    ember::set_num_threads(1);
    nn::Sequential model = make_mlp();
    single_1 = time_steps(
        model->parameters(), [&](const Tensor& x) { return model->forward(x); }, full_batch, steps);
    ember::set_num_threads(world);
    single_n = time_steps(
        model->parameters(), [&](const Tensor& x) { return model->forward(x); }, full_batch, steps);
  }
  dist::barrier();

  ember::set_num_threads(1);
  nn::Sequential model = make_mlp();
  nn::parallel::DDP ddp(model);
  auto forward = [&](const Tensor& x) { return ddp->forward(x); };
  for (size_t i = 0; i < 2; ++i) {  // registered after DDP's own hooks: they run after them
    ember::autograd::register_post_accumulate_grad_hook(
        model->parameters()[i], [](const Tensor&) { g_last_gradient = Clock::now(); });
  }
  const StepTimes ddp_steps = time_steps(ddp->parameters(), forward, per_rank, steps);
  const StepTimes synced = time_steps(ddp->parameters(), forward, per_rank, steps, true, true);
  StepTimes local;
  {
    auto no_sync = ddp->no_sync();
    local = time_steps(ddp->parameters(), forward, per_rank, steps, true);
  }

  // The same buckets all-reduced one after another, with nothing to overlap.
  std::vector<Tensor> buckets;
  const std::vector<Tensor> params = model->parameters();
  for (const auto& members : ddp->bucket_indices()) {
    int64_t numel = 0;
    for (size_t i : members) numel += params[i].numel();
    buckets.push_back(ember::ones({numel}));
  }
  // Median time of all-reducing buckets [first, buckets.size()) back to back.
  auto time_allreduce = [&](size_t first) {
    std::vector<double> times;
    for (int i = 0; i < steps + 3; ++i) {
      dist::barrier();
      const auto t0 = Clock::now();
      std::vector<std::shared_ptr<dist::Work>> works;
      for (size_t b = first; b < buckets.size(); ++b) {
        works.push_back(dist::all_reduce(buckets[b], dist::ReduceOp::SUM, true));
      }
      for (const auto& w : works) w->wait();
      const double end = since_epoch(Clock::now());
      // From the later rank's launch, as for the exposed time: not the wait for a rank that
      // left the barrier later.
      const double start = max_over_ranks(since_epoch(t0));
      if (i >= 3) times.push_back(end - start);
    }
    return median(times);
  };
  const double allreduce_all = time_allreduce(0);
  const double allreduce_last = time_allreduce(buckets.size() - 1);

  const double ddp_step = max_over_ranks(ddp_steps.step);
  const double tail_ddp = max_over_ranks(synced.tail);
  const double tail_local = max_over_ranks(local.tail);
  const double exposed = std::max(0.0, tail_ddp - tail_local);
  const double allreduce = max_over_ranks(allreduce_all);
  const double last_bucket = max_over_ranks(allreduce_last);
  const double backward_local = max_over_ranks(local.backward);
  const double backward_synced = max_over_ranks(synced.backward);
  if (rank == 0) {
    double mib = 0;
    for (const Tensor& p : params) mib += static_cast<double>(p.nbytes()) / (1 << 20);
    std::printf("784-512-512-10 MLP, %.2f MiB of gradients in %zu bucket(s), %d steps (medians)\n",
                mib, buckets.size(), steps);
    std::printf("single process, batch %lld, 1 thread:   %8.2f ms/step\n",
                static_cast<long long>(full_batch), 1e3 * single_1.step);
    std::printf("single process, batch %lld, %d threads:  %8.2f ms/step\n",
                static_cast<long long>(full_batch), world, 1e3 * single_n.step);
    std::printf("DDP, %d ranks x batch %lld, 1 thread each: %8.2f ms/step\n", world,
                static_cast<long long>(per_rank), 1e3 * ddp_step);
    std::printf("backward with DDP (ranks start it together): %8.2f ms\n", 1e3 * backward_synced);
    std::printf("backward without communication (no_sync): %8.2f ms\n", 1e3 * backward_local);
    std::printf("backward after the last gradient, DDP:    %8.2f ms\n", 1e3 * tail_ddp);
    std::printf("backward after the last gradient, no_sync: %7.2f ms\n", 1e3 * tail_local);
    std::printf("all-reduce of the buckets alone:          %8.2f ms\n", 1e3 * allreduce);
    std::printf(
        "all-reduce of the last bucket alone:      %8.2f ms (starts with the last gradient)\n",
        1e3 * last_bucket);
    std::printf("all-reduce time left exposed in backward: %8.2f ms\n", 1e3 * exposed);
    std::printf("share of the all-reduce hidden behind backward: %.0f%%\n",
                100.0 * std::clamp(1.0 - exposed / allreduce, 0.0, 1.0));
  }
  dist::destroy_process_group();
  return 0;
}
