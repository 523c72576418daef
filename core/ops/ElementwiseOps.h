#pragma once

// Front-end helpers for elementwise ops: promote dtypes, broadcast, allocate the output and
// call the device's kernel through the kernel table. In-place forms check that the result
// dtype can be written into self; the public in-place op's InplaceGuard does the autograd
// checks and bumps the version counter.

#include "core/KernelTable.h"
#include "core/Promotion.h"
#include "core/TensorIterator.h"
#include "ember/core/Check.h"
#include "ember/core/Export.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::detail {

/// What dtype an elementwise op's result has.
enum class ResultKind {
  kCommon,    ///< the promoted dtype of the inputs
  kFloating,  ///< the promoted dtype, integers and bool becoming the default float dtype
  kBool,      ///< bool (comparisons, logical ops); computed in the promoted dtype
};

inline Dtype compute_dtype(Dtype common, ResultKind kind) {
  if (kind == ResultKind::kFloating && !is_floating_type(common)) return default_dtype();
  return common;
}

/// Bitwise ops take integer and bool tensors only; says so in the wording of PyTorch's `~`
/// ("only implemented on integer and Boolean-type tensors") rather than as a missing kernel.
inline void check_bitwise(const char* op, Dtype d) {
  EMBER_CHECK(is_integral_type(d, true),
              "{} is only implemented on integer and Boolean-type tensors, got {}", op, d);
}

/// out = kernel(a, b) with broadcasting and promotion. `extra` goes to the kernel.
template <Kernel K, class... Extra>
Tensor binary_op(const char* name, const Tensor& a, const Tensor& b, ResultKind kind,
                 const Extra&... extra) {
  const Dtype common = compute_dtype(result_type(a, b), kind);
  TensorIterator iter = TensorIteratorConfig()
                            .op_name(name)
                            .add_output(Tensor())
                            .add_input(a)
                            .add_input(b)
                            .cast_inputs_to(common)
                            .output_dtype(kind == ResultKind::kBool ? kBool : common)
                            .allow_cpu_scalars()
                            .build();
  get_kernel<K>(iter.device().type())(iter, extra...);
  return iter.output();
}

/// out = kernel(a, s): the number joins as a 0-d "wrapped number" of the promoted dtype.
template <Kernel K, class... Extra>
Tensor binary_op(const char* name, const Tensor& a, const Scalar& s, ResultKind kind,
                 const Extra&... extra) {
  const Dtype common = compute_dtype(result_type(a, s), kind);
  return binary_op<K>(name, a, scalar_to_tensor(s, common), kind, extra...);
}

/// self = kernel(self, b) in place.
template <Kernel K, class... Extra>
Tensor& binary_op_(const char* name, Tensor& self, const Tensor& b, ResultKind kind,
                   const Extra&... extra) {
  const Dtype common = compute_dtype(result_type(self, b), kind);
  EMBER_CHECK(can_cast(common, self.dtype()),
              "{}: result type {} can't be cast to the desired output type {}", name, common,
              self.dtype());
  if (common == self.dtype()) {
    TensorIterator iter = TensorIteratorConfig()
                              .op_name(name)
                              .add_output(self)
                              .add_input(self)
                              .add_input(b)
                              .cast_inputs_to(common)
                              .allow_cpu_scalars()
                              .build();
    get_kernel<K>(iter.device().type())(iter, extra...);
  } else {
    const Tensor result = binary_op<K>(name, self, b, kind, extra...);
    EMBER_CHECK(result.sizes() == self.sizes(),
                "{}: output with shape {} doesn't match the broadcast shape {}", name, self.sizes(),
                result.sizes());
    self.copy_(result);
  }
  return self;
}

template <Kernel K, class... Extra>
Tensor& binary_op_(const char* name, Tensor& self, const Scalar& s, ResultKind kind,
                   const Extra&... extra) {
  const Dtype common = compute_dtype(result_type(self, s), kind);
  return binary_op_<K>(name, self, scalar_to_tensor(s, common), kind, extra...);
}

/// out = kernel(t) for unary ops; `kind` as for binary ops.
template <Kernel K, class... Extra>
Tensor unary_op(const char* name, const Tensor& t, ResultKind kind, const Extra&... extra) {
  const Dtype dtype = compute_dtype(t.dtype(), kind);
  TensorIterator iter = TensorIteratorConfig()
                            .op_name(name)
                            .add_output(Tensor())
                            .add_input(t)
                            .cast_inputs_to(dtype)
                            .output_dtype(kind == ResultKind::kBool ? kBool : dtype)
                            .build();
  get_kernel<K>(iter.device().type())(iter, extra...);
  return iter.output();
}

/// self = kernel(self) in place.
template <Kernel K, class... Extra>
Tensor& unary_op_(const char* name, Tensor& self, ResultKind kind, const Extra&... extra) {
  const Dtype dtype = compute_dtype(self.dtype(), kind);
  EMBER_CHECK(dtype == self.dtype(),
              "{}: result type {} can't be cast to the desired output type {}", name, dtype,
              self.dtype());
  TensorIterator iter =
      TensorIteratorConfig().op_name(name).add_output(self).add_input(self).build();
  get_kernel<K>(iter.device().type())(iter, extra...);
  return self;
}

}  // namespace ember::detail
