// F::embedding_bag as a composite of public ops: the rows are looked up (index_select, whose
// gradient is an index-add; through F::embedding for max_norm and scale_grad_by_freq), laid
// out as a (bags, longest bag, embedding_dim) block with the missing and padding entries masked,
// and reduced along the bag. The layout is computed on the CPU from the indices and offsets, which
// are read there anyway for PyTorch's range checks.

#include <algorithm>
#include <limits>
#include <variant>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/functional/Embedding.h"

namespace ember::nn::functional {
namespace {

std::vector<int64_t> values_on_cpu(const Tensor& t) {
  const Tensor flat = t.reshape({-1}).to(kLong).cpu().contiguous();
  const int64_t* data = flat.data_ptr<int64_t>();
  return std::vector<int64_t>(data, data + flat.numel());
}

void check_index_dtype(const Tensor& t, const char* name) {
  EMBER_CHECK(t.dtype() == kLong || t.dtype() == kInt,
              "Expected tensor for argument #1 '{}' to have one of the following scalar types: "
              "Long, Int; but got {} instead (while checking arguments for embedding_bag)",
              name, dtype_name(t.dtype()));
}

/// Where each bag starts and ends in the flat input.
struct BagBounds {
  std::vector<int64_t> begin, end;
};

BagBounds bag_bounds(const Tensor& offsets, int64_t count, bool include_last_offset) {
  const std::vector<int64_t> starts = values_on_cpu(offsets);
  BagBounds bounds;
  if (starts.empty()) return bounds;
  EMBER_CHECK(starts.front() == 0,
              "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start "
              "from position 0. However, got {}",
              starts.front());
  EMBER_CHECK(starts.back() <= count,
              "offsets[-1] can not be greater than input's length {} but got offsets[-1] of {}",
              count, starts.back());
  const size_t bags = include_last_offset ? starts.size() - 1 : starts.size();
  for (size_t b = 0; b < bags; ++b) {
    const int64_t end = b + 1 < starts.size() ? starts[b + 1] : count;
    EMBER_CHECK(starts[b] <= end,
                "offsets must be non-decreasing, but got offsets[{}] = {} and offsets[{}] = {}", b,
                starts[b], b + 1, end);
    bounds.begin.push_back(starts[b]);
    bounds.end.push_back(end);
  }
  return bounds;
}

}  // namespace

Tensor embedding_bag(const Tensor& input, const Tensor& weight,
                     const EmbeddingBagFuncOptions& options) {
  const Tensor& per_sample_weights = options.per_sample_weights();
  EMBER_CHECK(!per_sample_weights.defined() || per_sample_weights.sizes() == input.sizes(),
              "embedding_bag: If per_sample_weights ({}) is not None, then it must have the same "
              "shape as the input ({})",
              per_sample_weights.sizes().vec(), input.sizes().vec());
  EMBER_CHECK(weight.dim() == 2, "weight has to be a 2D Tensor, but got Tensor of dimension {}",
              weight.dim());
  check_index_dtype(input, "indices");
  const Tensor& offsets = options.offsets();
  if (input.dim() == 2) {
    EMBER_CHECK(!offsets.defined(),
                "if input is 2D, then offsets has to be None, as input is treated is a mini-batch "
                "of fixed length sequences. However, found offsets of type Tensor");
  } else {
    EMBER_CHECK(input.dim() == 1, "input has to be 1D or 2D Tensor, but got Tensor of dimension {}",
                input.dim());
    EMBER_CHECK(offsets.defined(), "offsets has to be a 1D Tensor but got None");
    EMBER_CHECK(offsets.dim() == 1, "offsets has to be a 1D Tensor");
    check_index_dtype(offsets, "offsets");
  }
  const bool is_max = std::holds_alternative<enumtype::kMax>(options.mode());
  const bool is_mean = std::holds_alternative<enumtype::kMean>(options.mode());
  EMBER_CHECK(!is_max || !options.scale_grad_by_freq(),
              "max mode does not support scaling the gradient by the frequency");
  EMBER_CHECK(!options.sparse(),
              "embedding_bag: sparse gradients are not supported (Ember has no sparse tensors); "
              "use sparse(false)");
  EMBER_CHECK(!per_sample_weights.defined() || (!is_max && !is_mean),
              "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
              "supported for mode='sum' (got mode='{}'). Please open a feature request on GitHub.",
              is_max ? "max" : "mean");
  EMBER_CHECK(!per_sample_weights.defined() || per_sample_weights.dtype() == weight.dtype(),
              "Expected tensor for argument #1 'weight' to have the same type as tensor for "
              "argument #1 'per_sample_weights'; but type {} does not equal {} (while checking "
              "arguments for embedding_bag)",
              weight.dtype(), per_sample_weights.dtype());
  const int64_t num_embeddings = weight.size(0);
  std::optional<int64_t> padding_idx = options.padding_idx();
  if (padding_idx) {
    EMBER_CHECK(*padding_idx >= -num_embeddings && *padding_idx < num_embeddings,
                "padding_idx must be within the number of embeddings, {} through {}, but got {}",
                -num_embeddings, num_embeddings - 1, *padding_idx);
    if (*padding_idx < 0) *padding_idx += num_embeddings;
  }
  const std::vector<int64_t> indices = values_on_cpu(input);
  const auto count = static_cast<int64_t>(indices.size());
  for (int64_t i = 0; i < count; ++i) {
    const int64_t value = indices[static_cast<size_t>(i)];
    EMBER_CHECK(value >= 0 && value < num_embeddings,
                "Index {} of input takes value {} which is not in the valid range [0, {})", i,
                value, num_embeddings);
  }
  BagBounds bounds;
  if (input.dim() == 2) {
    for (int64_t b = 0; b < input.size(0); ++b) {
      bounds.begin.push_back(b * input.size(1));
      bounds.end.push_back((b + 1) * input.size(1));
    }
  } else {
    bounds = bag_bounds(offsets, count, options.include_last_offset());
  }
  const auto bags = static_cast<int64_t>(bounds.begin.size());
  int64_t longest = 0;
  for (int64_t b = 0; b < bags; ++b) {
    longest = std::max(longest,
                       bounds.end[static_cast<size_t>(b)] - bounds.begin[static_cast<size_t>(b)]);
  }

  const int64_t dim = weight.size(1);
  if (longest == 0) return ember::zeros({bags, dim}, weight.options().requires_grad(false));

  // position[b][j]: the entry of the flat input at place j of bag b, or `count` (past the
  // input's end) beyond the bag's end; kept[b][j]: whether that entry counts (not missing,
  // not padding).
  std::vector<int64_t> position(static_cast<size_t>(bags * longest), count);
  std::vector<int64_t> kept(static_cast<size_t>(bags * longest), 0);
  std::vector<int64_t> kept_per_bag(static_cast<size_t>(bags), 0);
  bool all_kept = true;
  for (int64_t b = 0; b < bags; ++b) {
    const int64_t begin = bounds.begin[static_cast<size_t>(b)];
    for (int64_t i = begin; i < bounds.end[static_cast<size_t>(b)]; ++i) {
      const auto at = static_cast<size_t>(b * longest + (i - begin));
      position[at] = i;
      kept[at] = !padding_idx || indices[static_cast<size_t>(i)] != *padding_idx;
      kept_per_bag[static_cast<size_t>(b)] += kept[at];
    }
    all_kept = all_kept && kept_per_bag[static_cast<size_t>(b)] == longest;
  }
  const Device device = weight.device();
  const Tensor position_t = ember::tensor(position, kLong).to(device);
  const Tensor kept_t = ember::tensor(kept, kLong).view({bags, longest}).to(device).to(kBool);

  // The (bags, longest, dim) block of rows. Without max_norm and scale_grad_by_freq, straight
  // from the weight (entries past a bag's end read row 0 and are masked); else through
  // F::embedding, which renormalises and scales the gradient, with a zero row appended for
  // those entries.
  Tensor block;
  if (!options.max_norm() && !options.scale_grad_by_freq()) {
    std::vector<int64_t> row_of(position.size(), 0);
    for (size_t at = 0; at < position.size(); ++at) {
      if (position[at] < count) row_of[at] = indices[static_cast<size_t>(position[at])];
    }
    block =
        weight.index_select(0, ember::tensor(row_of, kLong).to(device)).view({bags, longest, dim});
  } else {
    const Tensor rows = embedding(input.reshape({-1}), weight,
                                  EmbeddingFuncOptions()
                                      .max_norm(options.max_norm())
                                      .norm_type(options.norm_type())
                                      .scale_grad_by_freq(options.scale_grad_by_freq()));
    const Tensor padded_rows = ember::cat({rows, ember::zeros({1, dim}, rows.options())});
    block = padded_rows.index_select(0, position_t).view({bags, longest, dim});
  }
  const Tensor kept_column = kept_t.unsqueeze(-1);
  if (is_max) {
    if (all_kept) return std::get<0>(block.max(1));
    const Tensor masked =
        block.masked_fill(kept_column.logical_not(), -std::numeric_limits<double>::infinity());
    const Tensor largest = std::get<0>(masked.max(1));
    return ember::where(kept_t.any(1, /*keepdim=*/true), largest, 0.0);
  }
  Tensor sums;
  if (per_sample_weights.defined()) {
    const Tensor padded_weights = ember::cat(
        {per_sample_weights.reshape({-1}), ember::zeros({1}, per_sample_weights.options())});
    const Tensor scale = padded_weights.index_select(0, position_t).view({bags, longest, 1});
    sums = (block * (scale * kept_column.to(weight.dtype()))).sum({1});
  } else {
    sums = all_kept ? block.sum({1}) : (block * kept_column.to(weight.dtype())).sum({1});
  }
  if (!is_mean) return sums;
  const Tensor sizes =
      ember::tensor(kept_per_bag, kLong).clamp_min(1).to(weight.dtype()).to(device).unsqueeze(1);
  return sums / sizes;
}

}  // namespace ember::nn::functional
