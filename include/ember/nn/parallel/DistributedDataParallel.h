#pragma once

// DistributedDataParallel (torch.nn.parallel.DistributedDataParallel): wraps a module so that
// data-parallel training on every rank of the default process group behaves as training one
// model on all ranks' batches together.
//
//   distributed::init_process_group("mpi");
//   nn::parallel::DDP model(nn::Sequential(...));        // rank 0's weights on every rank
//   optim::SGD opt(model->parameters(), 0.1);
//   loss_fn(model->forward(x_this_rank), y).backward();   // gradients averaged over ranks
//   opt.step();
//
// At construction rank 0's parameters and buffers are broadcast. Gradients are averaged in
// buckets of about bucket_cap_mb MiB (parameters in reverse order, as backward produces their
// gradients; the first bucket is capped at 1 MiB so communication starts early): as soon as
// every gradient of a bucket has been accumulated, its all-reduce starts asynchronously, so
// communication overlaps the rest of backward; backward() returns once all of them are done
// and every parameter's grad() holds the average. A parameter that received no gradient on a
// rank counts as zero there (and its grad() is set). Inside no_sync() gradients accumulate
// locally; the first backward outside it averages the accumulated gradients.

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

#include "ember/core/Arg.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Module.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn::parallel {

struct DistributedDataParallelOptions {
  /// The size of the gradient buckets in MiB (PyTorch's default, 25).
  EMBER_ARG(double, bucket_cap_mb) = 25.0;
  /// Broadcast rank 0's buffers (running statistics) before every forward.
  EMBER_ARG(bool, broadcast_buffers) = true;
};

namespace detail {
class Reducer;
}

class EMBER_API DistributedDataParallelImpl : public Module {
 public:
  /// `module`: a module holder (nn::Sequential) or shared_ptr whose forward takes one tensor
  /// and returns one, with every parameter on one device. (Gradients are averaged whichever
  /// way the module is called: forward(module()) directly works too, without the buffer
  /// broadcast.)
  template <typename ModuleType>
  explicit DistributedDataParallelImpl(ModuleHolder<ModuleType> module,
                                       DistributedDataParallelOptions options = {})
      : DistributedDataParallelImpl(module.ptr(), std::move(options)) {}
  template <typename ModuleType>
  explicit DistributedDataParallelImpl(std::shared_ptr<ModuleType> module,
                                       DistributedDataParallelOptions options = {})
      : DistributedDataParallelImpl(
            std::static_pointer_cast<Module>(module),
            [module](const Tensor& input) -> Tensor { return module->forward(input); },
            std::move(options)) {}
  ~DistributedDataParallelImpl() override;

  /// The wrapped module's forward.
  Tensor forward(const Tensor& input);

  /// The wrapped module (PyTorch's ddp.module).
  const std::shared_ptr<Module>& module() const { return module_; }
  const DistributedDataParallelOptions& options() const { return options_; }

  /// While alive, backward passes accumulate gradients locally without communication.
  class EMBER_API NoSyncGuard {
   public:
    explicit NoSyncGuard(DistributedDataParallelImpl& ddp);
    ~NoSyncGuard();
    NoSyncGuard(const NoSyncGuard&) = delete;
    NoSyncGuard& operator=(const NoSyncGuard&) = delete;

   private:
    DistributedDataParallelImpl& ddp_;
    bool previous_;
  };
  [[nodiscard]] NoSyncGuard no_sync() { return NoSyncGuard(*this); }

  /// How many buckets the gradients are averaged in, and their parameters (indices into the
  /// wrapped module's parameters() that require grad), in launch order.
  size_t num_buckets() const;
  std::vector<std::vector<size_t>> bucket_indices() const;

  void pretty_print(std::ostream& stream) const override;

 private:
  DistributedDataParallelImpl(std::shared_ptr<Module> module,
                              std::function<Tensor(const Tensor&)> forward,
                              DistributedDataParallelOptions options);

  std::shared_ptr<Module> module_;
  std::function<Tensor(const Tensor&)> forward_;
  DistributedDataParallelOptions options_;
  std::unique_ptr<detail::Reducer> reducer_;
};

EMBER_MODULE(DistributedDataParallel);
/// The short name used in PyTorch code (`from torch.nn.parallel import DistributedDataParallel
/// as DDP`).
using DDP = DistributedDataParallel;

}  // namespace ember::nn::parallel
