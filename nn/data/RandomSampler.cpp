#include "ember/core/Functions.h"
#include "ember/data/samplers/Random.h"

namespace ember::data::samplers {

RandomSampler::RandomSampler(int64_t size, Dtype index_dtype)
    : indices_(ember::randperm(size, index_dtype)) {}

RandomSampler::~RandomSampler() = default;

void RandomSampler::reset(std::optional<size_t> new_size) {
  const int64_t size = new_size ? static_cast<int64_t>(*new_size) : indices_.numel();
  indices_ = ember::randperm(size, indices_.options());
  index_ = 0;
}

std::optional<std::vector<size_t>> RandomSampler::next(size_t batch_size) {
  const int64_t remaining = indices_.numel() - index_;
  if (remaining == 0) return std::nullopt;
  const int64_t count =
      batch_size >= static_cast<size_t>(remaining) ? remaining : static_cast<int64_t>(batch_size);
  const Tensor slice = indices_.slice(0, index_, index_ + count).to(kInt64).contiguous();
  const int64_t* data = slice.data_ptr<int64_t>();
  std::vector<size_t> batch(data, data + count);
  index_ += count;
  return batch;
}

}  // namespace ember::data::samplers
