// CPU drivers of the math family: one dtype dispatch, then the shared functor (kernels/
// MathOps.h) in cpu_kernel's loops. Front ends have already promoted the operands.

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/MathOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

// out = F(x) in the op-math type, out and x of the same dtype.
template <class F, uint32_t Types>
void unary_kernel(TensorIterator& iter, const char* name, const F& f = {}) {
  dispatch_dtype<Types>(iter.dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

// out = F(a, b), all of one dtype.
template <class F, uint32_t Types>
void binary_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<Types>(iter.dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(F{}(M(a), M(b))); });
  });
}

constexpr uint32_t kIntegerAndFloating = types::kIntegral | types::kFloating;

}  // namespace

#define EMBER_CPU_FLOATING_UNARY(name, Functor)                    \
  void name##_kernel(TensorIterator& iter) {                       \
    unary_kernel<kernels::Functor, types::kFloating>(iter, #name); \
  }
EMBER_CPU_FLOATING_UNARY(erf, Erf)
EMBER_CPU_FLOATING_UNARY(erfc, Erfc)
EMBER_CPU_FLOATING_UNARY(erfinv, Erfinv)
EMBER_CPU_FLOATING_UNARY(asin, Asin)
EMBER_CPU_FLOATING_UNARY(acos, Acos)
EMBER_CPU_FLOATING_UNARY(atan, Atan)
EMBER_CPU_FLOATING_UNARY(sinh, Sinh)
EMBER_CPU_FLOATING_UNARY(cosh, Cosh)
EMBER_CPU_FLOATING_UNARY(asinh, Asinh)
EMBER_CPU_FLOATING_UNARY(acosh, Acosh)
EMBER_CPU_FLOATING_UNARY(atanh, Atanh)
EMBER_CPU_FLOATING_UNARY(tan, Tan)
EMBER_CPU_FLOATING_UNARY(expm1, Expm1)
EMBER_CPU_FLOATING_UNARY(log2, Log2)
EMBER_CPU_FLOATING_UNARY(log10, Log10)
EMBER_CPU_FLOATING_UNARY(exp2, Exp2)
EMBER_CPU_FLOATING_UNARY(trunc, Trunc)
EMBER_CPU_FLOATING_UNARY(frac, Frac)
EMBER_CPU_FLOATING_UNARY(silu, Silu)
EMBER_CPU_FLOATING_UNARY(mish, Mish)
EMBER_CPU_FLOATING_UNARY(log_sigmoid, LogSigmoid)
#undef EMBER_CPU_FLOATING_UNARY

void atan2_kernel(TensorIterator& iter) {
  binary_kernel<kernels::Atan2, types::kFloating>(iter, "atan2");
}
void hypot_kernel(TensorIterator& iter) {
  binary_kernel<kernels::Hypot, types::kFloating>(iter, "hypot");
}
void remainder_kernel(TensorIterator& iter) {
  binary_kernel<kernels::Remainder, kIntegerAndFloating>(iter, "remainder");
}
void fmod_kernel(TensorIterator& iter) {
  binary_kernel<kernels::Fmod, kIntegerAndFloating>(iter, "fmod");
}
void floor_divide_kernel(TensorIterator& iter) {
  binary_kernel<kernels::FloorDivide, kIntegerAndFloating>(iter, "floor_divide");
}
void bitwise_xor_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kIntegral | types::kBool>(
      iter.dtype(), "bitwise_xor", kCPU, [&]<class T>() {
        cpu_kernel(iter, [](T a, T b) -> T { return kernels::BitwiseXor{}(a, b); });
      });
}
void bitwise_left_shift_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kIntegral>(iter.dtype(), "bitwise_left_shift", kCPU, [&]<class T>() {
    cpu_kernel(iter, [](T a, T b) -> T { return kernels::LeftShift{}(a, b); });
  });
}
void bitwise_right_shift_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kIntegral>(iter.dtype(), "bitwise_right_shift", kCPU, [&]<class T>() {
    cpu_kernel(iter, [](T a, T b) -> T { return kernels::RightShift{}(a, b); });
  });
}
void logical_xor_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kAll>(iter.input_dtype(), "logical_xor", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> bool { return kernels::LogicalXor{}(M(a), M(b)); });
  });
}

void lerp_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "lerp", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T start, T end, T weight) -> T {
      return T(kernels::Lerp{}(M(start), M(end), M(weight)));
    });
  });
}

void nan_to_num_kernel(TensorIterator& iter, const Scalar& nan, const Scalar& posinf,
                       const Scalar& neginf) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "nan_to_num", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    // The replacements are rounded to T first (PyTorch casts them to the tensor's dtype).
    const kernels::NanToNum<M> f{M(nan.to<T>()), M(posinf.to<T>()), M(neginf.to<T>())};
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

void softplus_kernel(TensorIterator& iter, const Scalar& beta, const Scalar& threshold) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "softplus", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const kernels::Softplus<M> f{beta.to<M>(), threshold.to<M>()};
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

void elu_kernel(TensorIterator& iter, const Scalar& alpha, const Scalar& scale,
                const Scalar& input_scale) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "elu", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const kernels::Elu<M> f{alpha.to<M>() * scale.to<M>(), scale.to<M>(), input_scale.to<M>()};
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

}  // namespace ember::cpu
