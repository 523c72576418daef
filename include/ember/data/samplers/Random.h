#pragma once

// RandomSampler: the indices 0..size-1 in a random order, drawn with ember::randperm from the
// default generator when constructed and again at each reset() (each epoch), as libtorch's
// RandomSampler: reshuffled every epoch and reproducible after ember::manual_seed.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/data/samplers/Base.h"

namespace ember::data::samplers {

class EMBER_API RandomSampler : public Sampler<> {
 public:
  /// `index_dtype` is the integer dtype the permutation is kept in (int64 by default).
  explicit RandomSampler(int64_t size, Dtype index_dtype = kInt64);
  ~RandomSampler() override;

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;

  /// How many indices this epoch has handed out.
  size_t index() const noexcept { return static_cast<size_t>(index_); }

 private:
  Tensor indices_;
  int64_t index_ = 0;
};

}  // namespace ember::data::samplers
