#pragma once

// The sampler interface of libtorch's data API: a sampler hands out the indices of each batch
// of an epoch, and reset() starts a new epoch. (libtorch's save/load to serialize archives are
// not provided: Ember has no archive type.)

#include <cstddef>
#include <optional>
#include <vector>

namespace ember::data::samplers {

template <typename BatchRequest = std::vector<size_t>>
class Sampler {
 public:
  using BatchRequestType = BatchRequest;

  virtual ~Sampler() = default;

  /// Starts a new epoch, over `new_size` examples when given.
  virtual void reset(std::optional<size_t> new_size) = 0;

  /// The next batch request of at most `batch_size` examples; nullopt once the epoch is over.
  virtual std::optional<BatchRequest> next(size_t batch_size) = 0;
};

}  // namespace ember::data::samplers
