#pragma once

// The default random number generator of each CUDA device: a Philox4x32-10 seed plus an
// offset into its stream. Each random kernel reserves the blocks it will use (advancing the
// offset), so consecutive calls draw disjoint numbers and a seed reproduces a sequence of
// calls exactly, independently of the launch configuration or the GPU model.

#include <cstdint>

#include "core/Generator.h"

namespace ember::cuda::impl {

class CudaGenerator final : public detail::Generator {
 public:
  /// PyTorch's default seed.
  static constexpr uint64_t kDefaultSeed = 67280421310721ULL;

  void set_current_seed(uint64_t seed) override {
    seed_ = seed;
    offset_ = 0;
  }
  uint64_t current_seed() const override { return seed_; }
  /// Reserves `blocks` Philox blocks; returns the first one's index. Call with mutex() held.
  uint64_t reserve(uint64_t blocks) {
    const uint64_t first = offset_;
    offset_ += blocks;
    return first;
  }

 private:
  uint64_t seed_ = kDefaultSeed;
  uint64_t offset_ = 0;
};

/// The default generator of device `index` (validated).
detail::Generator& default_cuda_generator(int8_t index);

}  // namespace ember::cuda::impl
