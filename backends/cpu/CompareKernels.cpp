// CPU drivers of comparisons, logical and bitwise ops, and where. Comparison and logical
// kernels read operands of the promoted dtype and write bool.

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Comparison.h"

namespace ember::cpu {

using namespace detail;

namespace {

template <class F>
void bool_result_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<types::kAll>(iter.input_dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> bool { return F{}(M(a), M(b)); });
  });
}

template <class F>
void bitwise_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<types::kIntegral | types::kBool>(iter.dtype(), name, kCPU, [&]<class T>() {
    cpu_kernel(iter, [](T a, T b) -> T { return F{}(a, b); });
  });
}

}  // namespace

void eq_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Eq>(iter, "eq"); }
void ne_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Ne>(iter, "ne"); }
void lt_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Lt>(iter, "lt"); }
void le_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Le>(iter, "le"); }
void gt_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Gt>(iter, "gt"); }
void ge_kernel(TensorIterator& iter) { bool_result_kernel<kernels::Ge>(iter, "ge"); }
void logical_and_kernel(TensorIterator& iter) {
  bool_result_kernel<kernels::LogicalAnd>(iter, "logical_and");
}
void logical_or_kernel(TensorIterator& iter) {
  bool_result_kernel<kernels::LogicalOr>(iter, "logical_or");
}
void bitwise_and_kernel(TensorIterator& iter) {
  bitwise_kernel<kernels::BitwiseAnd>(iter, "bitwise_and");
}
void bitwise_or_kernel(TensorIterator& iter) {
  bitwise_kernel<kernels::BitwiseOr>(iter, "bitwise_or");
}

// Inputs: a bool condition, then the two value operands (output's dtype). The condition is
// read as uint8_t: the compiler does not vectorise loads of bool.
void where_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kAll>(iter.dtype(), "where", kCPU, [&]<class T>() {
    cpu_kernel(iter, [](uint8_t c, T a, T b) -> T { return kernels::Where{}(c != 0, a, b); });
  });
}

}  // namespace ember::cpu
