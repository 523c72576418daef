#include "nn/parallel/Reducer.h"

#include <algorithm>

#include "ember/autograd/Hooks.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/distributed/ProcessGroup.h"

namespace ember::nn::parallel::detail {

namespace {

// PyTorch's bucket assignment: walk the parameters from last to first (the order backward
// produces their gradients), closing a bucket when it reaches its byte cap; parameters of
// another dtype or device go into buckets of their own.
std::vector<std::vector<size_t>> assign_buckets(const std::vector<Tensor>& params,
                                                int64_t first_cap, int64_t cap) {
  struct Open {
    Dtype dtype;
    Device device;
    std::vector<size_t> members;
    int64_t bytes = 0;
  };
  std::vector<std::vector<size_t>> buckets;
  std::vector<Open> open;
  for (size_t i = params.size(); i-- > 0;) {
    const Tensor& p = params[i];
    auto it = std::find_if(open.begin(), open.end(), [&](const Open& o) {
      return o.dtype == p.dtype() && o.device == p.device();
    });
    if (it == open.end()) it = open.insert(open.end(), Open{p.dtype(), p.device(), {}, 0});
    it->members.push_back(i);
    it->bytes += static_cast<int64_t>(p.nbytes());
    if (it->bytes >= (buckets.empty() ? first_cap : cap)) {
      buckets.push_back(std::move(it->members));
      open.erase(it);
    }
  }
  for (Open& o : open) buckets.push_back(std::move(o.members));
  return buckets;
}

}  // namespace

Reducer::Reducer(std::vector<Tensor> parameters, int64_t first_bucket_cap, int64_t bucket_cap)
    : params_(std::move(parameters)), world_size_(distributed::get_world_size()) {
  bucket_params_ = assign_buckets(params_, first_bucket_cap, bucket_cap);
  bucket_of_.resize(params_.size());
  ready_.assign(params_.size(), false);
  for (size_t b = 0; b < bucket_params_.size(); ++b) {
    Bucket bucket;
    int64_t numel = 0;
    for (size_t p : bucket_params_[b]) {
      bucket_of_[p] = b;
      bucket.offsets.push_back(numel);
      numel += params_[p].numel();
    }
    const Tensor& first = params_[bucket_params_[b].front()];
    bucket.flat = ember::empty({numel}, first.options());
    bucket.pending = bucket_params_[b].size();
    buckets_.push_back(std::move(bucket));
  }
  for (size_t i = 0; i < params_.size(); ++i) {
    hook_handles_.push_back(autograd::register_post_accumulate_grad_hook(
        params_[i], [this, i](const Tensor&) { on_gradient_ready(i); }));
  }
}

Reducer::~Reducer() {
  for (size_t i = 0; i < params_.size(); ++i) {
    autograd::remove_post_accumulate_grad_hook(params_[i], hook_handles_[i]);
  }
}

void Reducer::on_gradient_ready(size_t param) {
  if (!sync_ || ready_[param]) return;
  if (!callback_queued_) {
    callback_queued_ = true;
    autograd::queue_callback([this] { finish_backward(); });
  }
  ready_[param] = true;
  --buckets_[bucket_of_[param]].pending;
  launch_ready_buckets();
}

void Reducer::launch_ready_buckets() {
  while (next_bucket_ < buckets_.size() && buckets_[next_bucket_].pending == 0) {
    launch(next_bucket_++);
  }
}

void Reducer::launch(size_t b) {
  NoGradGuard no_grad;
  Bucket& bucket = buckets_[b];
  const std::vector<size_t>& members = bucket_params_[b];
  for (size_t k = 0; k < members.size(); ++k) {
    const Tensor& grad = params_[members[k]].grad();
    Tensor slot =
        bucket.flat.slice(0, bucket.offsets[k], bucket.offsets[k] + params_[members[k]].numel());
    if (grad.defined()) {
      slot.copy_(grad.reshape({-1}));
    } else {
      slot.zero_();
    }
  }
  // Divided before the sum, as PyTorch's reducer, so the sum of large gradients cannot
  // overflow where their average would not.
  if (world_size_ > 1) bucket.flat.div_(world_size_);
  bucket.work = distributed::all_reduce(bucket.flat, distributed::ReduceOp::SUM,
                                        /*async_op=*/true);
}

void Reducer::finish_backward() {
  // Buckets with a parameter that got no gradient on this rank launch now, in order (the
  // other ranks launch them in the same order, sooner or later).
  for (Bucket& bucket : buckets_) bucket.pending = 0;
  launch_ready_buckets();
  NoGradGuard no_grad;
  std::exception_ptr failure;
  for (size_t b = 0; b < buckets_.size(); ++b) {
    Bucket& bucket = buckets_[b];
    try {
      bucket.work->wait();
    } catch (...) {
      if (!failure) failure = std::current_exception();
      continue;
    }
    const std::vector<size_t>& members = bucket_params_[b];
    for (size_t k = 0; k < members.size(); ++k) {
      Tensor& param = params_[members[k]];
      Tensor averaged = bucket.flat.slice(0, bucket.offsets[k], bucket.offsets[k] + param.numel())
                            .view(param.sizes());
      Tensor& grad = param.mutable_grad();
      if (grad.defined()) {
        grad.copy_(averaged);
      } else {
        grad = averaged.clone();
      }
    }
  }
  reset();
  if (failure) std::rethrow_exception(failure);
}

void Reducer::reset() {
  for (size_t b = 0; b < buckets_.size(); ++b) {
    buckets_[b].pending = bucket_params_[b].size();
    buckets_[b].work.reset();
  }
  ready_.assign(params_.size(), false);
  next_bucket_ = 0;
  callback_queued_ = false;
}

}  // namespace ember::nn::parallel::detail
