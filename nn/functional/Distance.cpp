// cdist, cosine_similarity and pairwise_distance as composites of public ops (autograd, second
// order included, comes from those), computing what PyTorch's kernels compute.

#include "ember/core/functions/Distance.h"

#include <algorithm>

#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/functional/Distance.h"
#include "nn/functional/ClampKeepingGradient.h"

namespace ember {
namespace {

void check_cdist_operand(const Tensor& x, const char* name) {
  EMBER_CHECK(x.dim() >= 2, "cdist only supports at least 2D tensors, {} got: {}D", name, x.dim());
  EMBER_CHECK(is_floating_type(x.dtype()), "cdist only supports floating-point dtypes, {} got: {}",
              name, x.dtype());
}

/// sqrt of the squared distances ||x1||^2 - 2 x1.x2 + ||x2||^2 from one matrix product (as
/// PyTorch's _euclidean_dist), with a zero gradient where the distance is zero.
Tensor euclidean_distances_by_matmul(const Tensor& x1, const Tensor& x2) {
  const Tensor x1_norm = x1.square().sum({-1}, /*keepdim=*/true);
  const Tensor x2_norm = x2.square().sum({-1}, /*keepdim=*/true);
  const Tensor x1_ext = ember::cat({x1 * -2, x1_norm, ember::ones_like(x1_norm)}, -1);
  const Tensor x2_ext = ember::cat({x2, ember::ones_like(x2_norm), x2_norm}, -1);
  const Tensor squared = ember::matmul(x1_ext, x2_ext.transpose(-1, -2));
  const Tensor positive = squared > 0;
  return ember::where(positive, ember::where(positive, squared, 1.0).sqrt(), 0.0);
}

}  // namespace

Tensor cdist(const Tensor& x1, const Tensor& x2, double p, std::optional<int64_t> compute_mode) {
  check_cdist_operand(x1, "X1");
  check_cdist_operand(x2, "X2");
  EMBER_CHECK(x1.size(-1) == x2.size(-1),
              "X1 and X2 must have the same number of columns. X1: {} X2: {}", x1.size(-1),
              x2.size(-1));
  EMBER_CHECK(x1.dtype() == x2.dtype(), "expected scalar type {} but found {}", x1.dtype(),
              x2.dtype());
  EMBER_CHECK(p >= 0, "cdist only supports non-negative p values");
  const int64_t mode = compute_mode.value_or(0);
  EMBER_CHECK(mode >= 0 && mode <= 2, "possible modes: 0, 1, 2, but was: {}", mode);
  const bool use_matmul =
      p == 2 && (mode == 1 || (mode == 0 && (x1.size(-2) > 25 || x2.size(-2) > 25)));
  if (use_matmul) return euclidean_distances_by_matmul(x1, x2);
  // Every pair's difference (.., P, R, M), then its p-norm over M.
  const Tensor differences = x1.unsqueeze(-2) - x2.unsqueeze(-3);
  const int64_t last[] = {-1};
  return ember::norm(differences, Scalar(p), last);
}

Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, int64_t dim, double eps) {
  const Dtype common = result_type(x1, x2);
  EMBER_CHECK(is_floating_type(common),
              "expected common dtype to be floating point, yet common dtype is {}", common);
  const DimVector shape = detail::broadcast_shapes(x1.sizes(), x2.sizes());
  const Tensor a = x1.to(common).expand(shape);
  const Tensor b = x2.to(common).expand(shape);
  // Each input divided by its own norm first (the result stays in [-1, 1]); the norms are
  // clamped to eps as PyTorch's, invisibly to autograd.
  const int64_t dims[] = {dim};
  const Tensor a_norm = ember::norm(a, Scalar(2), dims, /*keepdim=*/true);
  const Tensor b_norm = ember::norm(b, Scalar(2), dims, /*keepdim=*/true);
  return ((a / nn::detail::clamp_min_keeping_gradient(a_norm, eps)) *
          (b / nn::detail::clamp_min_keeping_gradient(b_norm, eps)))
      .sum(dims);
}

Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p, double eps, bool keepdim) {
  const int64_t innermost[] = {std::max(x1.dim(), x2.dim()) - 1};
  return ember::norm(x1 - x2 + eps, Scalar(p), innermost, keepdim);
}

namespace nn::functional {

Tensor cosine_similarity(const Tensor& x1, const Tensor& x2,
                         const CosineSimilarityFuncOptions& options) {
  return ember::cosine_similarity(x1, x2, options.dim(), options.eps());
}

Tensor pairwise_distance(const Tensor& x1, const Tensor& x2,
                         const PairwiseDistanceFuncOptions& options) {
  return ember::pairwise_distance(x1, x2, options.p(), options.eps(), options.keepdim());
}

}  // namespace nn::functional
}  // namespace ember
