#pragma once

// TensorIterator: the one place elementwise kernels get their loop structure from. It
// broadcasts the inputs, allocates missing outputs, converts inputs to a common dtype when
// asked, orders dimensions by memory layout and coalesces the ones that are contiguous
// together, so a kernel usually runs a single flat loop. Strides are in bytes, dimension 0 is
// the fastest-moving one.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

class TensorIterator;

class EMBER_INTERNAL_API TensorIteratorConfig {
 public:
  /// An output; an undefined tensor is allocated with the broadcast shape.
  TensorIteratorConfig& add_output(const Tensor& t);
  TensorIteratorConfig& add_input(const Tensor& t);
  /// dtype of allocated outputs (default: the common dtype, else the first input's).
  TensorIteratorConfig& output_dtype(Dtype d) {
    output_dtype_ = d;
    return *this;
  }
  /// Inputs whose dtype differs are converted to `d` before the loop.
  TensorIteratorConfig& cast_inputs_to(Dtype d) {
    common_dtype_ = d;
    return *this;
  }
  /// Lets 0-d CPU inputs join operands on another device (wrapped numbers, as PyTorch).
  TensorIteratorConfig& allow_cpu_scalars(bool allow = true) {
    allow_cpu_scalars_ = allow;
    return *this;
  }
  /// Name used in error messages.
  TensorIteratorConfig& op_name(const char* name) {
    op_name_ = name;
    return *this;
  }
  TensorIterator build();

 private:
  friend class TensorIterator;
  static constexpr int kMaxOperands = 6;
  std::array<Tensor, kMaxOperands> tensors_;
  int num_outputs_ = 0;
  int num_inputs_ = 0;
  std::optional<Dtype> output_dtype_;
  std::optional<Dtype> common_dtype_;
  bool allow_cpu_scalars_ = false;
  const char* op_name_ = "op";
};

class EMBER_INTERNAL_API TensorIterator {
 public:
  static constexpr int kMaxOperands = TensorIteratorConfig::kMaxOperands;

  int ntensors() const { return ntensors_; }
  int noutputs() const { return noutputs_; }
  int ninputs() const { return ntensors_ - noutputs_; }
  /// Operand i: outputs first, then inputs.
  const Tensor& tensor(int i) const { return operands_[i].tensor; }
  const Tensor& output(int i = 0) const { return operands_[i].tensor; }
  const Tensor& input(int i = 0) const { return operands_[noutputs_ + i].tensor; }
  Dtype dtype(int i = 0) const { return operands_[i].tensor.dtype(); }
  Dtype input_dtype(int i = 0) const { return dtype(noutputs_ + i); }
  Device device() const { return device_; }
  /// The broadcast shape in original (outermost-first) order.
  IntArrayRef shape() const { return broadcast_shape_; }
  int64_t numel() const { return numel_; }

  /// Iteration structure (dimension 0 fastest).
  int ndim() const { return static_cast<int>(shape_.size()); }
  IntArrayRef iter_shape() const { return shape_; }
  IntArrayRef strides(int i) const { return operands_[i].strides; }
  char* data(int i) const { return operands_[i].data; }
  /// Operand i is a 0-d tensor on the CPU while the iterator runs on another device.
  bool is_cpu_scalar(int i) const { return operands_[i].is_cpu_scalar; }
  /// Every operand walks memory contiguously in one flat loop.
  bool is_contiguous() const;

  /// Calls loop(char** data, const int64_t* strides, int64_t n) for each innermost run of the
  /// flat index range [begin, end). `strides` are the innermost strides (bytes).
  template <class Loop>
  void serial_for_each(Loop&& loop, int64_t begin, int64_t end) const;

 private:
  friend class TensorIteratorConfig;
  struct Operand {
    Tensor tensor;
    char* data = nullptr;
    DimVector strides;
    bool is_output = false;
    bool is_cpu_scalar = false;
  };
  void build(TensorIteratorConfig& config);
  void compute_shape(const TensorIteratorConfig& config);
  void allocate_outputs(const TensorIteratorConfig& config);
  void check_overlap(const TensorIteratorConfig& config) const;
  bool fast_setup();
  void compute_strides();
  void reorder_dimensions();
  void coalesce_dimensions();

  std::array<Operand, kMaxOperands> operands_;
  int ntensors_ = 0;
  int noutputs_ = 0;
  Device device_ = Device(kCPU);
  DimVector broadcast_shape_;
  DimVector shape_;  // iteration order
  int64_t numel_ = 0;
};

template <class Loop>
void TensorIterator::serial_for_each(Loop&& loop, int64_t begin, int64_t end) const {
  if (begin >= end) return;
  char* ptrs[kMaxOperands];
  int64_t inner[kMaxOperands];
  const int n = ntensors_;
  const int nd = ndim();
  for (int i = 0; i < n; ++i) inner[i] = nd > 0 ? operands_[i].strides[0] : 0;
  if (nd <= 1) {
    for (int i = 0; i < n; ++i) ptrs[i] = operands_[i].data + begin * inner[i];
    loop(ptrs, inner, end - begin);
    return;
  }
  DimVector index(static_cast<size_t>(nd), 0);
  int64_t rest = begin;
  for (int d = 0; d < nd; ++d) {
    index[d] = rest % shape_[d];
    rest /= shape_[d];
  }
  int64_t remaining = end - begin;
  while (remaining > 0) {
    for (int i = 0; i < n; ++i) {
      char* p = operands_[i].data;
      const int64_t* s = operands_[i].strides.data();
      for (int d = 0; d < nd; ++d) p += index[d] * s[d];
      ptrs[i] = p;
    }
    const int64_t run = std::min(shape_[0] - index[0], remaining);
    loop(ptrs, inner, run);
    remaining -= run;
    index[0] += run;
    for (int d = 0; d < nd - 1 && index[d] == shape_[d]; ++d) {
      index[d] = 0;
      ++index[d + 1];
    }
  }
}

}  // namespace ember::detail
