#pragma once

// Turning random bits into values of a distribution, step for step as PyTorch's
// TransformationHelper.h and DistributionsHelper.h do on the CPU, so that the same bits give
// the same values. Where PyTorch's AVX2 build fuses a multiply and an add into one FMA, so do
// these (std::fma), and the files using them must be compiled without FP contraction of their
// own (see CMakeLists.txt) so that no other operation is fused.

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "ember/core/Half.h"
#include "ember/core/Macros.h"
#include "kernels/Convert.h"

namespace ember::kernels {

/// 2 * pi in double precision, as PyTorch's `2.0 * c10::pi<double>`.
inline constexpr double kTwoPi = 2.0 * 3.14159265358979323846;

/// The type a distribution of T computes in (PyTorch's dist_acctype): float for float, half
/// and bfloat16; double for double.
template <class T>
using dist_acc_t = std::conditional_t<std::is_same_v<T, double>, double, float>;

/// std::numeric_limits<T>::digits, which sets how many random bits a uniform T gets.
template <class T>
inline constexpr int random_mantissa_digits = std::is_same_v<T, double>  ? 53
                                              : std::is_same_v<T, float> ? 24
                                              : std::is_same_v<T, Half>  ? 11
                                                                         : 8;  // BFloat16

/// Whether a uniform T draws 64 random bits (double) or 32 (the others).
template <class T>
inline constexpr bool uniform_uses_random64 = std::is_same_v<T, double>;

/// A uniform value in [from, to) from random bits: the low `digits` bits scaled to [0, 1),
/// then x * (to - from) + from with one rounding. (to - from) is rounded to T first.
template <class T, class V>
EMBER_HOST_DEVICE inline dist_acc_t<T> uniform_real(V bits, T from, T to) {
  using Acc = dist_acc_t<T>;
  constexpr int digits = random_mantissa_digits<T>;
  constexpr uint64_t mask = (uint64_t{1} << digits) - 1;
  constexpr Acc scale = Acc(1) / static_cast<Acc>(uint64_t{1} << digits);
  const Acc x = static_cast<Acc>(static_cast<uint64_t>(bits) & mask) * scale;
  const Acc range = static_cast<Acc>(T(static_cast<Acc>(to) - static_cast<Acc>(from)));
  return std::fma(x, range, static_cast<Acc>(from));
}

/// Whether an integer draw in a range of `range` values takes 64 random bits: only for the
/// types PyTorch lists (int64, double, float, bfloat16) and ranges of 2^32 or more.
template <class T>
EMBER_HOST_DEVICE inline bool random_int_uses_random64(uint64_t range) {
  constexpr bool wide = std::is_same_v<T, int64_t> || std::is_same_v<T, double> ||
                        std::is_same_v<T, float> || std::is_same_v<T, BFloat16>;
  return wide && range >= (uint64_t{1} << 32);
}

/// An integer uniform in [base, base + range) from random bits, converted to T.
template <class T>
EMBER_HOST_DEVICE inline T uniform_int_from_to(uint64_t bits, uint64_t range, int64_t base) {
  // Unsigned arithmetic wraps as PyTorch's does; the int64 result is always in range.
  const uint64_t value = bits % range + static_cast<uint64_t>(base);
  return convert<T>(static_cast<int64_t>(value));
}

/// A standard normal pair by the Box-Muller method from two uniforms in [0, 1), in double
/// precision: `first` is returned by PyTorch's normal_distribution, `second` cached.
struct NormalPair {
  double first;
  double second;
};
EMBER_HOST_DEVICE inline NormalPair box_muller(double u1, double u2) {
  const double r = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = kTwoPi * u1;
  return {r * std::cos(theta), r * std::sin(theta)};
}

/// A standard normal value scaled to (mean, std).
template <class T>
EMBER_HOST_DEVICE inline T normal(T value, T mean, T std) {
  return std::fma(value, std, mean);
}

/// PyTorch's normal_fill_16 for double, half and bfloat16: turns 16 uniforms in [0, 1) into
/// 16 normals (pairs j and j + 8), in T's own precision step by step.
template <class T>
EMBER_HOST_DEVICE inline void normal_fill_16(T* data, T mean, T std) {
  for (int j = 0; j < 8; ++j) {
    if constexpr (std::is_same_v<T, double>) {
      const double u1 = 1.0 - data[j];
      const double u2 = data[j + 8];
      const double radius = std::sqrt(-2.0 * std::log(u1));
      const double theta = kTwoPi * u2;
      data[j] = std::fma(radius * std::cos(theta), std, mean);
      data[j + 8] = std::fma(radius * std::sin(theta), std, mean);
    } else if constexpr (std::is_same_v<T, BFloat16>) {
      // c10 gives bfloat16 its own std::log/sqrt/cos/sin and bfloat16 * bfloat16 returns a
      // bfloat16: every step is rounded to bfloat16, and nothing is fused.
      auto r = [](float v) { return static_cast<float>(BFloat16(v)); };
      const float u1 = r(1.0f - static_cast<float>(data[j]));
      const float u2 = static_cast<float>(data[j + 8]);
      const float radius = r(std::sqrt(r(-2.0f * r(std::log(u1)))));
      const float theta = r(static_cast<float>(kTwoPi * static_cast<double>(u2)));
      const float s = static_cast<float>(std), m = static_cast<float>(mean);
      data[j] = BFloat16(r(r(radius * r(std::cos(theta))) * s) + m);
      data[j + 8] = BFloat16(r(r(radius * r(std::sin(theta))) * s) + m);
    } else {  // Half: float math, rounded to half where PyTorch stores a Half
      const T u1 = T(1.0f - static_cast<float>(data[j]));
      const float u2 = static_cast<float>(data[j + 8]);
      const float radius =
          static_cast<float>(T(std::sqrt(-2.0f * std::log(static_cast<float>(u1)))));
      const float theta =
          static_cast<float>(T(static_cast<float>(kTwoPi * static_cast<double>(u2))));
      const float s = static_cast<float>(std), m = static_cast<float>(mean);
      data[j] = T(std::fma(radius * std::cos(theta), s, m));
      data[j + 8] = T(std::fma(radius * std::sin(theta), s, m));
    }
  }
}

}  // namespace ember::kernels
