// Data-parallel training with DistributedDataParallel: the sine-wave model (1-32-32-1, Tanh)
// learns sin(x) from 2000 noisy samples. Each rank trains on its own shard of every epoch
// (DistributedSampler, reshuffled each epoch by set_epoch), DDP averages the gradients during
// backward, and every rank ends with the same weights; rank 0 prints the progress (the loss
// averaged over all ranks) and the test loss. Started without mpirun it trains alone (a world
// of one).
//
// PyTorch:
//   dist.init_process_group("mpi"); model = DDP(SineModel())
//   sampler = DistributedSampler(dataset, shuffle=True, seed=seed)
//   for epoch in range(epochs): sampler.set_epoch(epoch); for batch in BatchSampler(sampler, 32):
//   ...
//
// Usage: mpirun -np 2 ddp_train [--epochs N] [--seed S]

#include <ember/distributed.h>
#include <ember/ember.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;
namespace dist = ember::distributed;
namespace data = ember::data;

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "Data-parallel training of the sine model with DistributedDataParallel", 30,
      /*default_seed=*/42);
  if (!dist::is_available("mpi")) {
    std::fprintf(stderr,
                 "ddp_train: this Ember was built without MPI (install libopenmpi-dev "
                 "openmpi-bin and reconfigure)\n");
    return 1;
  }
  // The ranks of one machine share its cores: one compute thread each.
  ember::set_num_threads(1);
  dist::init_process_group("mpi");
  const int rank = dist::get_rank();
  const int world = dist::get_world_size();
  const bool lead = rank == 0;

  // Every rank makes the same data from the same seed; the sampler gives each its shard.
  ember::manual_seed(options.seed);
  const Tensor x_train = (ember::rand({2000, 1}) * 4 - 2) * M_PI;
  const Tensor y_train = ember::sin(x_train) + 0.1 * ember::randn({2000, 1});
  const Tensor x_test = ember::linspace(-2 * M_PI, 2 * M_PI, 200).unsqueeze(1);
  const Tensor y_test = ember::sin(x_test);

  // The ranks' initial weights differ on purpose: DDP starts every rank from rank 0's.
  ember::manual_seed(options.seed + static_cast<uint64_t>(rank));
  nn::Sequential model(nn::Linear(1, 32), nn::Tanh(), nn::Linear(32, 32), nn::Tanh(),
                       nn::Linear(32, 1));
  nn::parallel::DDP ddp(model);
  if (lead) std::cout << "training on " << world << " rank(s)\n" << model << "\n";

  data::samplers::DistributedSampler sampler(2000, world, rank, /*shuffle=*/true, options.seed);
  ember::optim::Adam optimizer(ddp->parameters(), ember::optim::AdamOptions(0.01));

  ember_samples::Progress progress(options.epochs);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    sampler.set_epoch(static_cast<uint64_t>(epoch));  // the same new order on every rank
    sampler.reset();
    Tensor total = ember::zeros({2}, ember::kDouble);  // loss sum, batches
    while (auto indices = sampler.next(32)) {
      const Tensor rows = ember::tensor(std::vector<int64_t>(indices->begin(), indices->end()));
      optimizer.zero_grad();
      Tensor loss = nn::functional::mse_loss(ddp->forward(x_train.index_select(0, rows)),
                                             y_train.index_select(0, rows));
      loss.backward();
      optimizer.step();
      total[0] += loss.item<double>();
      total[1] += 1;
    }
    dist::all_reduce(total);
    if (lead) progress.update(epoch, (total[0] / total[1]).item<double>());
  }
  if (lead) progress.finish();

  // Every rank holds the same weights: their sum over ranks is world times rank 0's.
  bool identical = true;
  for (const Tensor& p : model->parameters()) {
    Tensor mine = p.detach().clone();
    Tensor from_lead = mine.clone();
    dist::broadcast(from_lead, 0);
    identical = identical && ember::equal(mine, from_lead);
  }
  Tensor all_identical = ember::full({1}, identical ? 1 : 0, ember::kInt32);
  dist::all_reduce(all_identical, dist::ReduceOp::MIN);
  if (lead) {
    ember::NoGradGuard no_grad;
    const double test_loss =
        nn::functional::mse_loss(model->forward(x_test), y_test).item<double>();
    std::printf("test loss: %.6f\n", test_loss);
    std::printf("parameters identical on all %d ranks: %s\n", world,
                all_identical.item<int>() == 1 ? "yes" : "NO");
  }
  dist::destroy_process_group();
  return all_identical.item<int>() == 1 ? 0 : 1;
}
