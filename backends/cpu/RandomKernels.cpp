// The CPU random kernels: uniform_, normal_, random integers and randperm, drawing from the
// CPU generator in PyTorch's order and transforming the bits with PyTorch's arithmetic, so a
// seed gives PyTorch's CPU values. Draws are serial (the stream order is the contract); the
// normal transform of large float tensors is vectorised.
//
// This file is compiled with -ffp-contract=off (CMakeLists.txt): the transforms fuse exactly
// the multiply-adds PyTorch's build fuses, by explicit std::fma, and no others.

#include <mutex>

#include "backends/cpu/CephesBoxMuller.h"
#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/CpuGenerator.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Convert.h"
#include "kernels/RandomTransforms.h"

namespace ember::cpu {

using namespace detail;

namespace {

// One uniform T in [0, 1) from the generator, as at::uniform_real_distribution<T>(0, 1):
// kernels::uniform_real's x * (1 - 0) + 0 is exactly its x (never -0), so the fused
// multiply-add, a library call without hardware FMA, is skipped.
template <class T>
EMBER_ALWAYS_INLINE T uniform01(CpuGenerator& g) {
  using Acc = kernels::dist_acc_t<T>;
  constexpr int digits = kernels::random_mantissa_digits<T>;
  constexpr uint64_t mask = (uint64_t{1} << digits) - 1;
  constexpr Acc scale = Acc(1) / static_cast<Acc>(uint64_t{1} << digits);
  uint64_t bits;
  if constexpr (kernels::uniform_uses_random64<T>) {
    bits = g.random64();
  } else {
    bits = g.random();
  }
  return T(static_cast<Acc>(bits & mask) * scale);
}

// One sample of at::normal_distribution<double>(mean, std): Box-Muller pairs, the second
// value of a pair cached in the generator for the next call (even a later kernel's).
double normal_sample(CpuGenerator& g, double mean, double std) {
  std::optional<double>& cached = g.next_double_normal_sample();
  if (cached) {
    const double value = *cached;
    cached.reset();
    return kernels::normal(value, mean, std);
  }
  const double u1 = uniform01<double>(g);
  const double u2 = uniform01<double>(g);
  const kernels::NormalPair pair = kernels::box_muller(u1, u2);
  cached = pair.second;
  return kernels::normal(pair.first, mean, std);
}

// ---- float32 normals: the AVX2 Box-Muller on 16-element blocks ---------------------------
void box_muller_blocks_generic(float* data, int64_t blocks, float mean, float std) {
  for (int64_t b = 0; b < blocks; ++b) cephes::box_muller_16(data + 16 * b, mean, std);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define EMBER_HAVE_AVX2_CLONE 1
// The same code compiled for AVX2 + FMA (selected at run time): the vectorised loop runs
// the 8 lanes at once, and std::fma becomes one instruction instead of a libm call.
__attribute__((target("avx2,fma"))) void box_muller_blocks_avx2(float* data, int64_t blocks,
                                                                float mean, float std) {
  for (int64_t b = 0; b < blocks; ++b) cephes::box_muller_16(data + 16 * b, mean, std);
}
#endif

void box_muller_blocks(float* data, int64_t blocks, float mean, float std) {
#ifdef EMBER_HAVE_AVX2_CLONE
  if (use_avx2()) return box_muller_blocks_avx2(data, blocks, mean, std);
#endif
  box_muller_blocks_generic(data, blocks, mean, std);
}

// PyTorch's normal_fill: uniforms for every element first, then the transform in blocks of
// 16; a partial last block is redone on the last 16 elements with 16 fresh uniforms.
template <class T, class Transform>
void normal_fill(CpuGenerator& g, T* data, int64_t n, Transform&& transform) {
  for (int64_t i = 0; i < n; ++i) data[i] = uniform01<T>(g);
  transform(data, n / 16);
  if (n % 16 != 0) {
    T* last = data + n - 16;
    for (int i = 0; i < 16; ++i) last[i] = uniform01<T>(g);
    transform(last, 1);
  }
}

template <class T>
void randperm_typed(const Tensor& out, CpuGenerator& g) {
  const int64_t n = out.numel();
  const int64_t stride = n > 0 ? out.stride(0) : 1;
  T* data = out.data_ptr<T>();
  for (int64_t i = 0; i < n; ++i) data[i * stride] = kernels::convert<T>(i);
  for (int64_t i = 0; i < n - 1; ++i) {
    const int64_t z = static_cast<int64_t>(g.random()) % (n - i);
    std::swap(data[i * stride], data[(z + i) * stride]);
  }
}

}  // namespace

void uniform_kernel(const Tensor& out, Generator& gen, double from, double to) {
  CpuGenerator& g = as_cpu_generator(gen);
  auto iter = TensorIteratorConfig().add_output(out).op_name("uniform_").build();
  dispatch_dtype<types::kFloating>(out.dtype(), "uniform_", kCPU, [&]<class T>() {
    const T lo = kernels::convert<T>(from), hi = kernels::convert<T>(to);
    std::lock_guard<std::mutex> lock(g.mutex());
    if (from == 0.0 && to == 1.0) {  // rand(): the same values without the multiply-add
      cpu_serial_kernel(iter, [&]() -> T { return uniform01<T>(g); });
    } else if constexpr (kernels::uniform_uses_random64<T>) {
      cpu_serial_kernel(iter,
                        [&]() -> T { return T(kernels::uniform_real<T>(g.random64(), lo, hi)); });
    } else {
      cpu_serial_kernel(iter,
                        [&]() -> T { return T(kernels::uniform_real<T>(g.random(), lo, hi)); });
    }
  });
}

void normal_kernel(const Tensor& out, Generator& gen, double mean, double std) {
  CpuGenerator& g = as_cpu_generator(gen);
  const int64_t n = out.numel();
  // PyTorch fills contiguous tensors of 16+ elements in blocks, anything else one sample at
  // a time through at::normal_distribution<double>; the two give different values.
  const bool block_fill = n >= 16 && out.is_contiguous();
  dispatch_dtype<types::kFloating>(out.dtype(), "normal_", kCPU, [&]<class T>() {
    if (block_fill) {
      const T m = kernels::convert<T>(mean), s = kernels::convert<T>(std);
      std::lock_guard<std::mutex> lock(g.mutex());
      if constexpr (std::is_same_v<T, float>) {
        normal_fill(g, out.data_ptr<float>(), n,
                    [m, s](float* data, int64_t blocks) { box_muller_blocks(data, blocks, m, s); });
      } else {
        normal_fill(g, out.data_ptr<T>(), n, [m, s](T* data, int64_t blocks) {
          for (int64_t b = 0; b < blocks; ++b) kernels::normal_fill_16(data + 16 * b, m, s);
        });
      }
      return;
    }
    auto iter = TensorIteratorConfig().add_output(out).op_name("normal_").build();
    std::lock_guard<std::mutex> lock(g.mutex());
    cpu_serial_kernel(iter,
                      [&]() -> T { return kernels::convert<T>(normal_sample(g, mean, std)); });
  });
}

void random_int_kernel(const Tensor& out, Generator& gen, uint64_t range, int64_t base) {
  CpuGenerator& g = as_cpu_generator(gen);
  auto iter = TensorIteratorConfig().add_output(out).op_name("random_").build();
  dispatch_dtype<types::kAll>(out.dtype(), "random_", kCPU, [&]<class T>() {
    std::lock_guard<std::mutex> lock(g.mutex());
    if (kernels::random_int_uses_random64<T>(range)) {
      cpu_serial_kernel(
          iter, [&]() -> T { return kernels::uniform_int_from_to<T>(g.random64(), range, base); });
    } else {
      cpu_serial_kernel(
          iter, [&]() -> T { return kernels::uniform_int_from_to<T>(g.random(), range, base); });
    }
  });
}

void randperm_kernel(const Tensor& out, Generator& gen) {
  CpuGenerator& g = as_cpu_generator(gen);
  dispatch_dtype<types::kNumeric>(out.dtype(), "randperm", kCPU, [&]<class T>() {
    std::lock_guard<std::mutex> lock(g.mutex());
    randperm_typed<T>(out, g);
  });
}

}  // namespace ember::cpu
