#pragma once

// DistributedSampler (torch.utils.data.DistributedSampler): each of num_replicas ranks gets a
// disjoint shard of the dataset's indices, the same length on every rank. With shuffle the
// order of epoch e is randperm(size) of a generator seeded seed + e (set_epoch(e) before each
// epoch, on every rank alike), so every rank shuffles identically without communicating and
// the indices equal PyTorch's. Without drop_last the indices wrap around to make the total
// divisible by num_replicas; with it the tail is dropped. Rank r takes every num_replicas-th
// index starting at r. Give it to make_data_loader (the loader keeps a copy: set its epoch
// through loader->sampler()), share it with data::DataLoader (see DataLoader.h), or drive it
// directly:
//
//   data::samplers::DistributedSampler sampler(dataset_size, world, rank);
//   for (uint64_t epoch = 0; ...; ++epoch) {
//     sampler.set_epoch(epoch);
//     sampler.reset();
//     while (auto indices = sampler.next(32)) { ... }
//   }

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ember/core/Export.h"
#include "ember/data/samplers/Base.h"

namespace ember::data::samplers {

class EMBER_API DistributedSampler : public Sampler<> {
 public:
  /// `num_replicas` and `rank` default to the default process group's world size and rank.
  explicit DistributedSampler(size_t size, std::optional<int64_t> num_replicas = std::nullopt,
                              std::optional<int64_t> rank = std::nullopt, bool shuffle = true,
                              uint64_t seed = 0, bool drop_last = false);

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;

  /// The epoch whose order the next reset() draws.
  void set_epoch(uint64_t epoch) { epoch_ = epoch; }
  uint64_t epoch() const noexcept { return epoch_; }
  /// This rank's indices of the current epoch, and how many there are (PyTorch's len()).
  const std::vector<size_t>& indices() const noexcept { return indices_; }
  size_t num_samples() const noexcept { return num_samples_; }
  int64_t num_replicas() const noexcept { return num_replicas_; }
  int64_t rank() const noexcept { return rank_; }

 private:
  size_t size_;
  int64_t num_replicas_;
  int64_t rank_;
  bool shuffle_;
  uint64_t seed_;
  bool drop_last_;
  uint64_t epoch_ = 0;
  size_t num_samples_ = 0;
  std::vector<size_t> indices_;
  size_t position_ = 0;
};

}  // namespace ember::data::samplers
