#include "ember/nn/parallel/DistributedDataParallel.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/GradMode.h"
#include "ember/distributed/ProcessGroup.h"
#include "nn/parallel/Reducer.h"

namespace ember::nn::parallel {

namespace {

// PyTorch's dist._DEFAULT_FIRST_BUCKET_BYTES: a small first bucket starts communication early.
constexpr int64_t kFirstBucketBytes = int64_t{1} << 20;

void broadcast_from_rank0(const std::vector<Tensor>& tensors) {
  NoGradGuard no_grad;
  std::vector<std::shared_ptr<distributed::Work>> works;
  for (const Tensor& t : tensors) {
    works.push_back(distributed::broadcast(t, /*src=*/0, /*async_op=*/true));
  }
  for (const auto& work : works) work->wait();
}

}  // namespace

DistributedDataParallelImpl::DistributedDataParallelImpl(
    std::shared_ptr<Module> module, std::function<Tensor(const Tensor&)> forward,
    DistributedDataParallelOptions options)
    : Module("DistributedDataParallel"),
      module_(std::move(module)),
      forward_(std::move(forward)),
      options_(options) {
  EMBER_CHECK(distributed::is_initialized(),
              "DistributedDataParallel: Default process group has not been initialized, please "
              "make sure to call init_process_group.");
  EMBER_CHECK(options_.bucket_cap_mb() > 0,
              "DistributedDataParallel: bucket_cap_mb must be positive, got {}",
              options_.bucket_cap_mb());
  register_module("module", module_);
  std::vector<Tensor> params = module_->parameters();
  for (const Tensor& p : params) {
    EMBER_CHECK(p.device() == params.front().device(),
                "DistributedDataParallel: every parameter must be on one device, got {} and {}",
                params.front().device(), p.device());
  }
  std::vector<Tensor> state = params;
  for (const Tensor& b : module_->buffers()) state.push_back(b);
  broadcast_from_rank0(state);
  std::vector<Tensor> trained;
  for (const Tensor& p : params) {
    if (p.requires_grad()) trained.push_back(p);
  }
  const auto cap = static_cast<int64_t>(options_.bucket_cap_mb() * 1024 * 1024);
  reducer_ =
      std::make_unique<detail::Reducer>(std::move(trained), std::min(kFirstBucketBytes, cap), cap);
}

DistributedDataParallelImpl::~DistributedDataParallelImpl() = default;

Tensor DistributedDataParallelImpl::forward(const Tensor& input) {
  if (options_.broadcast_buffers()) {
    std::vector<Tensor> buffers = module_->buffers();
    if (!buffers.empty()) broadcast_from_rank0(buffers);
  }
  return forward_(input);
}

size_t DistributedDataParallelImpl::num_buckets() const {
  return reducer_->bucket_indices().size();
}

std::vector<std::vector<size_t>> DistributedDataParallelImpl::bucket_indices() const {
  return reducer_->bucket_indices();
}

void DistributedDataParallelImpl::pretty_print(std::ostream& stream) const {
  stream << "DistributedDataParallel";
}

DistributedDataParallelImpl::NoSyncGuard::NoSyncGuard(DistributedDataParallelImpl& ddp)
    : ddp_(ddp), previous_(ddp.reducer_->sync()) {
  ddp_.reducer_->set_sync(false);
}

DistributedDataParallelImpl::NoSyncGuard::~NoSyncGuard() { ddp_.reducer_->set_sync(previous_); }

}  // namespace ember::nn::parallel
