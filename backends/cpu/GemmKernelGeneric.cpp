// The blocked GEMM's portable micro-kernels: 16-byte GCC/Clang vector extensions (SSE2 on
// x86-64, NEON on AArch64), a 4 x 8 float tile and a 4 x 4 double tile. Used when the CPU has
// neither AVX2 nor AVX-512, and on other architectures. A second set with the AVX-512 tile
// shape lets tests run that geometry on any CPU.

#include <cstdint>
#include <cstring>

#include "backends/cpu/Gemm.h"
#include "ember/core/Macros.h"

namespace ember::cpu {
namespace {

#define EMBER_GEMM_TARGET

// Element-type generic 16-byte vector; `a * b + c` lets the compiler fuse where it can.
template <class T>
struct Vec16 {
  typedef T type __attribute__((vector_size(16)));
  static constexpr int kWidth = static_cast<int>(16 / sizeof(T));
  static type zero() { return type{}; }
  static type loadu(const T* p) {
    type v;
    std::memcpy(&v, p, sizeof(v));
    return v;
  }
  static void storeu(T* p, type v) { std::memcpy(p, &v, sizeof(v)); }
  static type broadcast(const T* p) { return set1(*p); }
  static type set1(T x) { return type{} + x; }
  static type fma(type a, type b, type c) { return a * b + c; }
  static type mul(type a, type b) { return a * b; }
};

#include "backends/cpu/GemmMacroKernel.inc"

#undef EMBER_GEMM_TARGET

}  // namespace

bool gemm_specs_generic(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64) {
  *f32 = make_spec<float, Vec16<float>, 4, 2>(/*mc=*/96, /*kc=*/256, /*nc=*/2048);
  *f64 = make_spec<double, Vec16<double>, 4, 2>(/*mc=*/96, /*kc=*/256, /*nc=*/2048);
  return true;
}

bool gemm_specs_generic_wide(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64) {
  // GemmKernelAvx512.cpp's geometry (12 x 32 float, 12 x 16 double tiles, same blocks).
  *f32 = make_spec<float, Vec16<float>, 12, 8>(/*mc=*/144, /*kc=*/192, /*nc=*/2048);
  *f64 = make_spec<double, Vec16<double>, 12, 8>(/*mc=*/144, /*kc=*/192, /*nc=*/2048);
  return true;
}

}  // namespace ember::cpu
