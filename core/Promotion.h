#pragma once

// PyTorch's type promotion for op front ends: dimensioned tensors outrank 0-d tensors, which
// outrank plain numbers, unless a lower-ranked operand is of a higher category
// (bool < integer < floating).

#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// Accumulates operands one at a time.
class EMBER_INTERNAL_API ResultTypeState {
 public:
  void add(const Tensor& t);
  void add(const Scalar& s);
  Dtype result() const;

 private:
  Dtype dim_result_ = ScalarType::Undefined;
  Dtype zero_dim_result_ = ScalarType::Undefined;
  Dtype wrapped_result_ = ScalarType::Undefined;
};

/// A 0-d CPU tensor holding `s` as dtype `dtype` ("wrapped number": usable with tensors on
/// any device).
EMBER_INTERNAL_API Tensor scalar_to_tensor(const Scalar& s, Dtype dtype);

}  // namespace ember::detail
