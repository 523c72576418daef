#pragma once

// float32 loops compiled for AVX2, chosen at run time. The baseline build targets plain
// x86-64 (SSE2), where the compute-heavy functors (exp, sigmoid, tanh) are far from memory
// bandwidth; AVX2 doubles the vector width. No FMA is used, so results are bitwise those of
// the baseline loops.

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

}  // namespace ember::cpu
