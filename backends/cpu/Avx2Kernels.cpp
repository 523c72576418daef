// AVX2 versions of the compute-bound float32 unary loops. Only the loop functions carry the
// target attribute: the shared functors are included (and emitted, if ever out of line) for
// the baseline ISA and inlined into the AVX2 loops, so no AVX2 code can leak into baseline
// callers through the linker.

#include "backends/cpu/Avx2Kernels.h"

#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/Parallel.h"
#include "kernels/Activation.h"
#include "kernels/ActivationBackward.h"
#include "kernels/UnaryOps.h"

namespace ember::cpu {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

namespace {

#define EMBER_AVX2_LOOP(name, functor)                                                \
  __attribute__((target("avx2"))) void name(float* out, const float* in, int64_t n) { \
    float* __restrict o = out;                                                        \
    const float* __restrict x = in;                                                   \
    for (int64_t i = 0; i < n; ++i) o[i] = functor{}(x[i]);                           \
  }

EMBER_AVX2_LOOP(exp_loop, kernels::Exp)
EMBER_AVX2_LOOP(sigmoid_loop, kernels::Sigmoid)
EMBER_AVX2_LOOP(tanh_loop, kernels::Tanh)
EMBER_AVX2_LOOP(gelu_tanh_loop, kernels::GeluTanh)
#undef EMBER_AVX2_LOOP

// Only the explicit std::fma of the functor becomes an FMA: its other operations are a single
// multiply, which nothing can contract.
__attribute__((target("avx2,fma"))) void tanh_backward_loop(float* out, const float* a,
                                                            const float* b, int64_t n) {
  float* __restrict o = out;
  const float* __restrict x = a;
  const float* __restrict y = b;
  for (int64_t i = 0; i < n; ++i) o[i] = kernels::TanhBackward{}(x[i], y[i]);
}

}  // namespace

FloatBinaryLoop avx2_float_binary_loop(FloatBinaryOp op) {
  if (!use_avx2()) return nullptr;  // use_avx2() implies FMA too
  switch (op) {
    case FloatBinaryOp::kTanhBackward:
      return &tanh_backward_loop;
  }
  return nullptr;
}

FloatUnaryLoop avx2_float_unary_loop(FloatUnaryOp op) {
  if (!use_avx2()) return nullptr;
  switch (op) {
    case FloatUnaryOp::kExp:
      return &exp_loop;
    case FloatUnaryOp::kSigmoid:
      return &sigmoid_loop;
    case FloatUnaryOp::kTanh:
      return &tanh_loop;
    case FloatUnaryOp::kGeluTanh:
      return &gelu_tanh_loop;
  }
  return nullptr;
}

#else

FloatUnaryLoop avx2_float_unary_loop(FloatUnaryOp /*op*/) { return nullptr; }
FloatBinaryLoop avx2_float_binary_loop(FloatBinaryOp /*op*/) { return nullptr; }

#endif

bool try_avx2_float_unary(const detail::TensorIterator& iter, FloatUnaryOp op) {
  if (iter.ntensors() != 2 || iter.dtype(0) != kFloat || iter.dtype(1) != kFloat ||
      !iter.is_contiguous()) {
    return false;
  }
  const FloatUnaryLoop loop = avx2_float_unary_loop(op);
  if (loop == nullptr) return false;
  float* out = reinterpret_cast<float*>(iter.data(0));
  const float* in = reinterpret_cast<const float*>(iter.data(1));
  parallel_for(0, iter.numel(), kGrainSize,
               [&](int64_t begin, int64_t end) { loop(out + begin, in + begin, end - begin); });
  return true;
}

bool try_avx2_float_binary(const detail::TensorIterator& iter, FloatBinaryOp op) {
  if (iter.ntensors() != 3 || iter.dtype(0) != kFloat || iter.dtype(1) != kFloat ||
      iter.dtype(2) != kFloat || !iter.is_contiguous()) {
    return false;
  }
  const FloatBinaryLoop loop = avx2_float_binary_loop(op);
  if (loop == nullptr) return false;
  float* out = reinterpret_cast<float*>(iter.data(0));
  const float* a = reinterpret_cast<const float*>(iter.data(1));
  const float* b = reinterpret_cast<const float*>(iter.data(2));
  parallel_for(0, iter.numel(), kGrainSize, [&](int64_t begin, int64_t end) {
    loop(out + begin, a + begin, b + begin, end - begin);
  });
  return true;
}

}  // namespace ember::cpu
