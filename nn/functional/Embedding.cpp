// F::embedding as a composite of public ops: index_select of the weight's rows (which records
// the scatter-add gradient), with padding_idx and scale_grad_by_freq shaping that gradient as
// PyTorch's embedding_backward does, and max_norm renormalising rows in place first.

#include "ember/nn/functional/Embedding.h"

#include <algorithm>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::nn::functional {

namespace {

/// The indices as int64 values on the CPU (for range checks and renormalisation).
std::vector<int64_t> index_values(const Tensor& input) {
  const Tensor flat = input.reshape({-1}).to(kLong).cpu().contiguous();
  const int64_t* data = flat.data_ptr<int64_t>();
  return std::vector<int64_t>(data, data + flat.numel());
}

/// PyTorch's embedding_renorm_: every distinct row looked up whose norm exceeds max_norm is
/// scaled in place by max_norm / (norm + 1e-7), computed in double as PyTorch's CPU kernel does.
void renorm_rows(const Tensor& weight, std::vector<int64_t> indices, double max_norm,
                 double norm_type) {
  NoGradGuard no_grad;
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  for (const int64_t i : indices) {
    Tensor row = weight.select(0, i);
    const double norm = row.norm(norm_type).item<double>();
    if (norm > max_norm) row.mul_(max_norm / (norm + 1e-7));
  }
}

}  // namespace

Tensor embedding(const Tensor& input, const Tensor& weight, const EmbeddingFuncOptions& options) {
  EMBER_CHECK(input.dtype() == kLong || input.dtype() == kInt,
              "Expected tensor for argument #1 'indices' to have one of the following scalar "
              "types: Long, Int; but got {} instead (while checking arguments for embedding)",
              dtype_name(input.dtype()));
  EMBER_CHECK(weight.dim() == 2, "'weight' must be 2-D, but got a weight of {} dims", weight.dim());
  EMBER_CHECK(!options.sparse(),
              "embedding: sparse gradients are not supported (Ember has no sparse tensors); use "
              "sparse(false)");
  const int64_t num_embeddings = weight.size(0);
  std::optional<int64_t> padding_idx = options.padding_idx();
  if (padding_idx) {
    EMBER_CHECK(*padding_idx < num_embeddings && *padding_idx >= -num_embeddings,
                "Padding_idx must be within num_embeddings (got padding_idx {} for {} embeddings)",
                *padding_idx, num_embeddings);
    if (*padding_idx < 0) *padding_idx += num_embeddings;
  }
  const std::vector<int64_t> indices = index_values(input);
  for (const int64_t i : indices) {
    EMBER_CHECK(i >= 0 && i < num_embeddings,
                "index out of range in self: index {} is not in [0, {}) (the number of embeddings)",
                i, num_embeddings);
  }
  if (options.max_norm()) renorm_rows(weight, indices, *options.max_norm(), options.norm_type());

  const Tensor flat = input.reshape({-1});
  Tensor rows = weight.index_select(0, flat);
  if (rows.requires_grad() && options.scale_grad_by_freq()) {
    // Each row's gradient divided by how often its index occurs in the input.
    const TensorOptions constant = weight.options().requires_grad(false);
    const Tensor counts = ember::zeros({num_embeddings}, constant)
                              .scatter_add(0, flat.to(kLong), ember::ones_like(flat, constant));
    const Tensor inverse_frequency = counts.index_select(0, flat).reciprocal().unsqueeze(1);
    rows.register_hook(
        [inverse_frequency](const Tensor& grad) { return grad * inverse_frequency; });
  }
  if (rows.requires_grad() && padding_idx) {
    // Same values, but the rows read at padding_idx pass no gradient back to the weight.
    rows = ember::where(flat.eq(*padding_idx).unsqueeze(1), rows.detach(), rows);
  }
  std::vector<int64_t> sizes = input.sizes().vec();
  sizes.push_back(weight.size(1));
  return rows.view(sizes);
}

}  // namespace ember::nn::functional
