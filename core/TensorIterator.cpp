#include "core/TensorIterator.h"

#include "core/CheckedSize.h"

#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

TensorIteratorConfig& TensorIteratorConfig::add_output(const Tensor& t) {
  EMBER_CHECK(num_inputs_ == 0, "TensorIterator: outputs must be added before inputs");
  EMBER_CHECK(num_outputs_ < kMaxOperands, "TensorIterator: too many operands");
  tensors_[num_outputs_++] = t;
  return *this;
}

TensorIteratorConfig& TensorIteratorConfig::add_input(const Tensor& t) {
  EMBER_CHECK(t.defined(), "{}: expected a defined tensor as input", op_name_);
  EMBER_CHECK(num_outputs_ + num_inputs_ < kMaxOperands, "TensorIterator: too many operands");
  tensors_[num_outputs_ + num_inputs_++] = t;
  return *this;
}

TensorIterator TensorIteratorConfig::build() {
  TensorIterator iter;
  iter.build(*this);
  return iter;
}

void TensorIterator::build(TensorIteratorConfig& config) {
  noutputs_ = config.num_outputs_;
  ntensors_ = config.num_outputs_ + config.num_inputs_;
  for (int i = 0; i < ntensors_; ++i) {
    operands_[i].tensor = std::move(config.tensors_[i]);
    operands_[i].is_output = i < noutputs_;
  }
  compute_shape(config);
  if (config.common_dtype_) {
    for (int i = noutputs_; i < ntensors_; ++i) {
      Tensor& t = operands_[i].tensor;
      if (t.dtype() != *config.common_dtype_) t = t.to(*config.common_dtype_);
    }
  }
  allocate_outputs(config);
  check_overlap(config);
  if (fast_setup()) return;
  compute_strides();
  reorder_dimensions();
  coalesce_dimensions();
}

bool TensorIterator::fast_setup() {
  // The common case, every operand contiguous with the broadcast shape or a single element
  // (a scalar): one flat dimension, no stride sorting. Small ops are dominated by this setup.
  const IntArrayRef shape(broadcast_shape_);
  for (int i = 0; i < ntensors_; ++i) {
    const Tensor& t = operands_[i].tensor;
    const bool whole = t.is_contiguous() && t.sizes() == shape;
    if (!whole && !(i >= noutputs_ && t.numel() == 1)) return false;
  }
  const size_t nd = shape.empty() ? 0 : 1;
  shape_.assign(nd, numel_);
  for (int i = 0; i < ntensors_; ++i) {
    Operand& op = operands_[i];
    op.data = static_cast<char*>(op.tensor.data_ptr());
    const bool whole = op.tensor.is_contiguous() && op.tensor.sizes() == shape;
    op.strides.assign(nd, whole && numel_ > 1 ? op.tensor.element_size() : 0);
  }
  return true;
}

void TensorIterator::compute_shape(const TensorIteratorConfig& config) {
  // The device is that of the first operand that is not a wrapped CPU scalar.
  bool have_device = false;
  for (int i = 0; i < ntensors_; ++i) {
    const Tensor& t = operands_[i].tensor;
    if (!t.defined()) continue;
    const bool cpu_scalar =
        config.allow_cpu_scalars_ && !operands_[i].is_output && t.dim() == 0 && t.is_cpu();
    if (cpu_scalar) continue;
    if (!have_device) {
      device_ = t.device();
      have_device = true;
    } else {
      EMBER_CHECK(t.device() == device_,
                  "{}: Expected all tensors to be on the same device, but found at least two "
                  "devices, {} and {}!",
                  config.op_name_, device_.str(), t.device().str());
    }
  }
  if (!have_device) device_ = Device(kCPU);
  for (int i = noutputs_; i < ntensors_; ++i) {
    const Tensor& t = operands_[i].tensor;
    operands_[i].is_cpu_scalar = device_.is_cuda() && t.is_cpu();
  }

  bool first = true;
  for (int i = noutputs_; i < ntensors_; ++i) {
    const Tensor& t = operands_[i].tensor;
    if (first) {
      broadcast_shape_ = DimVector(t.sizes());
      first = false;
    } else if (t.sizes() != IntArrayRef(broadcast_shape_)) {
      broadcast_shape_ = broadcast_shapes(broadcast_shape_, t.sizes());
    }
  }
  if (first) {  // no inputs: the first defined output gives the shape
    for (int i = 0; i < noutputs_; ++i) {
      if (operands_[i].tensor.defined()) {
        broadcast_shape_ = DimVector(operands_[i].tensor.sizes());
        break;
      }
    }
  }
  for (int i = 0; i < noutputs_; ++i) {
    const Tensor& t = operands_[i].tensor;
    if (!t.defined()) continue;
    EMBER_CHECK(t.sizes() == IntArrayRef(broadcast_shape_),
                "{}: output with shape {} doesn't match the broadcast shape {}", config.op_name_,
                t.sizes(), IntArrayRef(broadcast_shape_));
  }
  numel_ = checked_numel(broadcast_shape_);
}

void TensorIterator::allocate_outputs(const TensorIteratorConfig& config) {
  for (int i = 0; i < noutputs_; ++i) {
    Tensor& t = operands_[i].tensor;
    if (t.defined()) continue;
    Dtype dtype = config.output_dtype_    ? *config.output_dtype_
                  : config.common_dtype_  ? *config.common_dtype_
                  : ntensors_ > noutputs_ ? operands_[noutputs_].tensor.dtype()
                                          : default_dtype();
    t = empty_tensor(broadcast_shape_, dtype, device_);
  }
}

namespace {
// [first, last) byte range an operand's elements span within its storage.
std::pair<const char*, const char*> memory_span(const Tensor& t) {
  const char* base = static_cast<const char*>(t.data_ptr());
  if (t.numel() == 0) return {base, base};
  int64_t lo = 0, hi = 0;
  for (int64_t d = 0; d < t.dim(); ++d) {
    const int64_t extent = (t.sizes()[d] - 1) * t.strides()[d];
    (extent < 0 ? lo : hi) += extent;
  }
  return {base + lo * t.element_size(), base + (hi + 1) * t.element_size()};
}
}  // namespace

void TensorIterator::check_overlap(const TensorIteratorConfig& config) const {
  for (int o = 0; o < noutputs_; ++o) {
    const Tensor& out = operands_[o].tensor;
    if (out.numel() <= 1) continue;
    for (int64_t d = 0; d < out.dim(); ++d) {
      EMBER_CHECK(out.sizes()[d] <= 1 || out.strides()[d] != 0,
                  "{}: unsupported operation: more than one element of the written-to tensor "
                  "refers to a single memory location. Please clone() the tensor before "
                  "performing the operation.",
                  config.op_name_);
    }
    const auto [out_lo, out_hi] = memory_span(out);
    for (int i = noutputs_; i < ntensors_; ++i) {
      const Tensor& in = operands_[i].tensor;
      if (in.is_same(out) || !in.storage().is_alias_of(out.storage())) continue;
      const bool same_layout = in.data_ptr() == out.data_ptr() && in.sizes() == out.sizes() &&
                               in.strides() == out.strides() && in.dtype() == out.dtype();
      if (same_layout) continue;
      const auto [in_lo, in_hi] = memory_span(in);
      EMBER_CHECK(in_hi <= out_lo || out_hi <= in_lo,
                  "{}: unsupported operation: some elements of the input tensor and the "
                  "written-to tensor refer to a single memory location. Please clone() the "
                  "tensor before performing the operation.",
                  config.op_name_);
    }
  }
}

void TensorIterator::compute_strides() {
  const size_t nd = broadcast_shape_.size();
  shape_.resize(nd);
  for (size_t d = 0; d < nd; ++d) shape_[d] = broadcast_shape_[nd - 1 - d];
  for (int i = 0; i < ntensors_; ++i) {
    Operand& op = operands_[i];
    const Tensor& t = op.tensor;
    op.data = static_cast<char*>(t.data_ptr());
    op.strides.assign(nd, 0);
    const int64_t item = t.element_size();
    const int64_t offset = static_cast<int64_t>(nd) - t.dim();
    for (size_t d = 0; d < nd; ++d) {
      const int64_t orig = static_cast<int64_t>(nd - 1 - d) - offset;
      if (orig < 0 || t.sizes()[orig] == 1) continue;  // broadcast: stride 0
      // An empty operand makes the whole iteration empty; its strides, which may be huge,
      // are never used (only a tensor with elements has byte strides known to fit).
      if (t.numel() == 0) continue;
      op.strides[d] = t.strides()[orig] * item;
    }
  }
}

void TensorIterator::reorder_dimensions() {
  // Order dims so that the loop walks memory forwards: fastest (smallest stride) first,
  // judged by the outputs, then the inputs. Broadcast (0) strides do not vote.
  const int nd = ndim();
  if (nd <= 1) return;
  DimVector perm(static_cast<size_t>(nd), 0);
  for (int d = 0; d < nd; ++d) perm[d] = d;
  auto should_swap = [&](int64_t a, int64_t b) {  // is dim a "outer" to dim b?
    for (int i = 0; i < ntensors_; ++i) {
      const int64_t sa = operands_[i].strides[a], sb = operands_[i].strides[b];
      if (sa == 0 || sb == 0) continue;
      if (sa != sb) return sa > sb;
    }
    return false;
  };
  bool identity = true;
  for (int i = 1; i < nd; ++i) {
    for (int j = i; j > 0 && should_swap(perm[j - 1], perm[j]); --j) {
      std::swap(perm[j - 1], perm[j]);
      identity = false;
    }
  }
  if (identity) return;
  DimVector shape(shape_);
  for (int d = 0; d < nd; ++d) shape_[d] = shape[perm[d]];
  for (int i = 0; i < ntensors_; ++i) {
    DimVector s(operands_[i].strides);
    for (int d = 0; d < nd; ++d) operands_[i].strides[d] = s[perm[d]];
  }
}

void TensorIterator::coalesce_dimensions() {
  const int nd = ndim();
  if (nd <= 1) return;
  auto can_coalesce = [&](int d0, int d1) {
    if (shape_[d0] == 1 || shape_[d1] == 1) return true;
    for (int i = 0; i < ntensors_; ++i) {
      if (shape_[d0] * operands_[i].strides[d0] != operands_[i].strides[d1]) return false;
    }
    return true;
  };
  auto take_strides = [&](int to, int from) {
    for (int i = 0; i < ntensors_; ++i) operands_[i].strides[to] = operands_[i].strides[from];
  };
  int prev = 0;
  for (int d = 1; d < nd; ++d) {
    if (can_coalesce(prev, d)) {
      if (shape_[prev] == 1) take_strides(prev, d);
      shape_[prev] *= shape_[d];
    } else {
      ++prev;
      if (prev != d) {
        take_strides(prev, d);
        shape_[prev] = shape_[d];
      }
    }
  }
  shape_.resize(static_cast<size_t>(prev + 1));
  for (int i = 0; i < ntensors_; ++i) operands_[i].strides.resize(static_cast<size_t>(prev + 1));
}

bool TensorIterator::is_contiguous() const {
  if (numel_ <= 1) return true;
  if (ndim() != 1) return false;
  for (int i = 0; i < ntensors_; ++i) {
    if (operands_[i].strides[0] != operands_[i].tensor.element_size()) return false;
  }
  return true;
}

}  // namespace ember::detail
