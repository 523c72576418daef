#pragma once

// nn::BatchNorm1d / BatchNorm2d, as libtorch's: weight ones and bias zeros (affine), buffers
// running_mean (zeros), running_var (ones) and num_batches_tracked (int64) with
// track_running_stats. In training the batch statistics are used and the running ones
// updated; in eval() the running ones are used.

#include <cstdint>
#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/BatchNorm.h"

namespace ember::nn {

template <size_t D>
class EMBER_API BatchNormImpl : public Cloneable<BatchNormImpl<D>> {
 public:
  /* implicit */ BatchNormImpl(int64_t num_features)  // NOLINT
      : BatchNormImpl(BatchNormOptions(num_features)) {}
  explicit BatchNormImpl(const BatchNormOptions& options_);

  void reset() override;
  /// Running statistics back to zeros / ones and num_batches_tracked to 0.
  void reset_running_stats();
  /// reset_running_stats(), weight ones and bias zeros.
  void reset_parameters();
  /// BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  BatchNormOptions options;
  Tensor weight, bias;
  Tensor running_mean, running_var, num_batches_tracked;
};
/// Input [N, C] or [N, C, L].
using BatchNorm1dImpl = BatchNormImpl<1>;
/// Input [N, C, H, W].
using BatchNorm2dImpl = BatchNormImpl<2>;
EMBER_MODULE(BatchNorm1d);
EMBER_MODULE(BatchNorm2d);

}  // namespace ember::nn
