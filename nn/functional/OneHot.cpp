// F::one_hot: each index compared with 0..num_classes-1 (a composite; no gradient, as
// PyTorch's int64 result has none).

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/nn/functional/Embedding.h"

namespace ember::nn::functional {

Tensor one_hot(const Tensor& tensor, int64_t num_classes) {
  EMBER_CHECK(tensor.dtype() == kLong,
              "one_hot is only applicable to index tensor of type LongTensor.");
  EMBER_CHECK(num_classes >= -1, "Class values must be smaller than num_classes.");
  if (tensor.numel() == 0) {
    EMBER_CHECK(num_classes > 0, "Can not infer total number of classes from empty tensor.");
  } else {
    EMBER_CHECK(tensor.min().item<int64_t>() >= 0, "Class values must be non-negative.");
    const int64_t largest = tensor.max().item<int64_t>();
    if (num_classes == -1) num_classes = largest + 1;
    EMBER_CHECK(largest < num_classes, "Class values must be smaller than num_classes.");
  }
  const Tensor classes =
      ember::arange(num_classes, TensorOptions().dtype(kLong).device(tensor.device()));
  return ember::eq(tensor.unsqueeze(-1), classes).to(kLong);
}

}  // namespace ember::nn::functional
