#include <algorithm>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/data/samplers/Distributed.h"
#include "ember/distributed/ProcessGroup.h"
#include "nn/data/PythonShuffle.h"

namespace ember::data::samplers {

namespace {

// An argument not given comes from the default process group.
int64_t from_group(std::optional<int64_t> given, const char* name, int (*query)()) {
  if (given) return *given;
  EMBER_CHECK(distributed::is_initialized(),
              "DistributedSampler: {} was not given and the default process group has not been "
              "initialized",
              name);
  return query();
}

}  // namespace

DistributedSampler::DistributedSampler(size_t size, std::optional<int64_t> num_replicas,
                                       std::optional<int64_t> rank, bool shuffle, uint64_t seed,
                                       bool drop_last)
    : size_(size),
      num_replicas_(from_group(num_replicas, "num_replicas", distributed::get_world_size)),
      rank_(from_group(rank, "rank", distributed::get_rank)),
      shuffle_(shuffle),
      seed_(seed),
      drop_last_(drop_last) {
  EMBER_CHECK(num_replicas_ > 0, "DistributedSampler: num_replicas must be positive, got {}",
              num_replicas_);
  EMBER_CHECK(rank_ >= 0 && rank_ < num_replicas_,
              "Invalid rank {}, rank should be in the interval [0, {}]", rank_, num_replicas_ - 1);
  reset();
}

void DistributedSampler::reset(std::optional<size_t> new_size) {
  if (new_size) size_ = *new_size;
  const auto n = static_cast<int64_t>(size_);
  const int64_t replicas = num_replicas_;
  // PyTorch's lengths: with drop_last and an uneven split, the tail is dropped.
  const int64_t per_rank =
      drop_last_ && n % replicas != 0 ? n / replicas : (n + replicas - 1) / replicas;
  num_samples_ = static_cast<size_t>(std::max<int64_t>(per_rank, 0));
  const int64_t total = static_cast<int64_t>(num_samples_) * replicas;
  std::vector<int64_t> order(static_cast<size_t>(n));
  if (shuffle_) {
    const Tensor perm = data::detail::randperm_with_seed(n, seed_ + epoch_);
    const int64_t* p = perm.data_ptr<int64_t>();
    order.assign(p, p + n);
  } else {
    for (int64_t i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
  }
  // Without drop_last the order repeats from its start until the total divides evenly.
  for (int64_t i = n; i < total && n > 0; ++i) order.push_back(order[static_cast<size_t>(i % n)]);
  indices_.clear();
  for (int64_t i = rank_; i < total; i += replicas) {
    indices_.push_back(static_cast<size_t>(order[static_cast<size_t>(i)]));
  }
  position_ = 0;
}

std::optional<std::vector<size_t>> DistributedSampler::next(size_t batch_size) {
  if (position_ >= indices_.size()) return std::nullopt;
  const size_t count = std::min(batch_size, indices_.size() - position_);
  std::vector<size_t> batch(indices_.begin() + static_cast<std::ptrdiff_t>(position_),
                            indices_.begin() + static_cast<std::ptrdiff_t>(position_ + count));
  position_ += count;
  return batch;
}

}  // namespace ember::data::samplers
