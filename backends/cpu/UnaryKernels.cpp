// CPU drivers of the unary elementwise ops: one dtype dispatch, then the shared functor in
// cpu_kernel's loops. Front ends have already promoted integer inputs of floating ops.

#include "backends/cpu/Avx2Kernels.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/UnaryOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

// out = F(x) in the op-math type, out and x of the same dtype.
template <class F, uint32_t Types>
void unary_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<Types>(iter.dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T x) -> T { return T(F{}(M(x))); });
  });
}

// out (bool) = F(x) for an input of any dtype.
template <class F>
void predicate_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<types::kAll>(iter.input_dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T x) -> bool { return F{}(M(x)); });
  });
}

}  // namespace

void neg_kernel(TensorIterator& iter) { unary_kernel<kernels::Neg, types::kNumeric>(iter, "neg"); }
void abs_kernel(TensorIterator& iter) { unary_kernel<kernels::Abs, types::kNumeric>(iter, "abs"); }
void sqrt_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Sqrt, types::kFloating>(iter, "sqrt");
}
void rsqrt_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Rsqrt, types::kFloating>(iter, "rsqrt");
}
void exp_kernel(TensorIterator& iter) {
  if (try_avx2_float_unary(iter, FloatUnaryOp::kExp)) return;
  unary_kernel<kernels::Exp, types::kFloating>(iter, "exp");
}
void log_kernel(TensorIterator& iter) { unary_kernel<kernels::Log, types::kFloating>(iter, "log"); }
void log1p_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Log1p, types::kFloating>(iter, "log1p");
}
void sin_kernel(TensorIterator& iter) { unary_kernel<kernels::Sin, types::kFloating>(iter, "sin"); }
void cos_kernel(TensorIterator& iter) { unary_kernel<kernels::Cos, types::kFloating>(iter, "cos"); }
void tanh_kernel(TensorIterator& iter) {
  if (try_avx2_float_unary(iter, FloatUnaryOp::kTanh)) return;
  unary_kernel<kernels::Tanh, types::kFloating>(iter, "tanh");
}
void sigmoid_kernel(TensorIterator& iter) {
  if (try_avx2_float_unary(iter, FloatUnaryOp::kSigmoid)) return;
  unary_kernel<kernels::Sigmoid, types::kFloating>(iter, "sigmoid");
}
void relu_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Relu, types::kNumeric>(iter, "relu");
}
void reciprocal_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Reciprocal, types::kFloating>(iter, "reciprocal");
}
void sign_kernel(TensorIterator& iter) { unary_kernel<kernels::Sign, types::kAll>(iter, "sign"); }
void floor_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Floor, types::kFloating>(iter, "floor");
}
void ceil_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Ceil, types::kFloating>(iter, "ceil");
}
void round_kernel(TensorIterator& iter) {
  unary_kernel<kernels::Round, types::kFloating>(iter, "round");
}
void bitwise_not_kernel(TensorIterator& iter) {
  unary_kernel<kernels::BitwiseNot, types::kIntegral | types::kBool>(iter, "bitwise_not");
}
void isnan_kernel(TensorIterator& iter) { predicate_kernel<kernels::IsNan>(iter, "isnan"); }
void logical_not_kernel(TensorIterator& iter) {
  predicate_kernel<kernels::LogicalNot>(iter, "logical_not");
}

}  // namespace ember::cpu
