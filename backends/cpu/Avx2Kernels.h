#pragma once

// float32 loops compiled for AVX2, chosen at run time. The baseline build targets plain
// x86-64 (SSE2), where the compute-heavy functors (exp, sigmoid, tanh) are far from memory
// bandwidth; AVX2 doubles the vector width. No FMA contraction is used, so results are bitwise
// those of the baseline loops (functors that call std::fma explicitly get the instruction).

#include <cstdint>

#include "core/TensorIterator.h"

namespace ember::cpu {

/// out[i] = f(in[i]) for i in [0, n), both contiguous float32.
using FloatUnaryLoop = void (*)(float* out, const float* in, int64_t n);

enum class FloatUnaryOp { kExp, kSigmoid, kTanh, kGeluTanh };

/// The AVX2 loop for `op` when this CPU has AVX2, else nullptr.
FloatUnaryLoop avx2_float_unary_loop(FloatUnaryOp op);

/// Runs `op` over a contiguous float32 unary iterator with the AVX2 loop (threaded like
/// cpu_kernel); false, doing nothing, when the iterator or the CPU does not qualify.
bool try_avx2_float_unary(const detail::TensorIterator& iter, FloatUnaryOp op);

/// out[i] = f(a[i], b[i]), all contiguous float32.
using FloatBinaryLoop = void (*)(float* out, const float* a, const float* b, int64_t n);

/// Binary ops whose functor calls std::fma (compiled for AVX2 + FMA so that it is one
/// instruction; the values are those of the scalar std::fma either way).
enum class FloatBinaryOp { kTanhBackward };

/// As try_avx2_float_unary, for a contiguous float32 binary iterator.
bool try_avx2_float_binary(const detail::TensorIterator& iter, FloatBinaryOp op);

}  // namespace ember::cpu
