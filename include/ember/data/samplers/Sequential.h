#pragma once

// SequentialSampler: the indices 0, 1, ..., size - 1 in order (libtorch's).

#include <cstddef>
#include <optional>
#include <vector>

#include "ember/core/Export.h"
#include "ember/data/samplers/Base.h"

namespace ember::data::samplers {

class EMBER_API SequentialSampler : public Sampler<> {
 public:
  explicit SequentialSampler(size_t size);

  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;

  /// How many indices this epoch has handed out.
  size_t index() const noexcept { return index_; }

 private:
  size_t size_;
  size_t index_ = 0;
};

}  // namespace ember::data::samplers
