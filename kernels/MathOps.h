#pragma once

// The math family's functors (erf, the inverse and hyperbolic trigonometric functions, atan2,
// hypot, remainder / fmod / floor_divide, lerp, nan_to_num, xor and shifts), shared by the CPU
// and CUDA backends. Floating functors take and return the op-math type (float for half and
// bfloat16); the formulas are PyTorch's (aten/src/ATen/native/cpu/BinaryOpsKernel.cpp,
// UnaryOpsKernel.cpp, Lerp.h, c10/util/math_compat.h, ATen/native/Math.h), so results agree
// to the rounding of the underlying libm.

#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/OpMath.h"

namespace ember::kernels {

#define EMBER_STD_UNARY_FUNCTOR(Name, fn)       \
  struct Name {                                 \
    template <class T>                          \
    EMBER_HOST_DEVICE T operator()(T x) const { \
      return std::fn(x);                        \
    }                                           \
  };
EMBER_STD_UNARY_FUNCTOR(Erf, erf)
EMBER_STD_UNARY_FUNCTOR(Erfc, erfc)
EMBER_STD_UNARY_FUNCTOR(Asin, asin)
EMBER_STD_UNARY_FUNCTOR(Acos, acos)
EMBER_STD_UNARY_FUNCTOR(Atan, atan)
EMBER_STD_UNARY_FUNCTOR(Sinh, sinh)
EMBER_STD_UNARY_FUNCTOR(Cosh, cosh)
EMBER_STD_UNARY_FUNCTOR(Asinh, asinh)
EMBER_STD_UNARY_FUNCTOR(Acosh, acosh)
EMBER_STD_UNARY_FUNCTOR(Atanh, atanh)
EMBER_STD_UNARY_FUNCTOR(Tan, tan)
EMBER_STD_UNARY_FUNCTOR(Expm1, expm1)
EMBER_STD_UNARY_FUNCTOR(Log2, log2)
EMBER_STD_UNARY_FUNCTOR(Log10, log10)
EMBER_STD_UNARY_FUNCTOR(Exp2, exp2)
EMBER_STD_UNARY_FUNCTOR(Trunc, trunc)
#undef EMBER_STD_UNARY_FUNCTOR

/// x - trunc(x): keeps x's sign, NaN for +-inf.
struct Frac {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return x - std::trunc(x);
  }
};

/// The inverse error function: PyTorch's calc_erfinv (a rational first guess refined by
/// Newton steps) in double for every floating type. Beyond |y| = 0.7 the Newton steps solve
/// erfc(x) = 1 - |y| instead of erf(x) = y: 1 - |y| is exact there, while erf(x) rounds to 1
/// in the tails and would stall the steps (PyTorch's vectorised build reaches the exact
/// tails through fused multiply-adds). +-1 give +-inf, |y| > 1 NaN.
struct Erfinv {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T y_in) const {
    const double y = static_cast<double>(y_in);
    const double a[4] = {0.886226899, -1.645349621, 0.914624893, -0.140543331};
    const double b[4] = {-2.118377725, 1.442710462, -0.329097515, 0.012229801};
    const double c[4] = {-1.970840454, -1.624906493, 3.429567803, 1.641345311};
    const double d[2] = {3.543889200, 1.637067800};
    const double two_over_sqrt_pi = 1.12837916709551257390;
    const double y_abs = std::fabs(y);
    if (y_abs > 1.0) return std::numeric_limits<T>::quiet_NaN();
    if (y_abs == 1.0)
      return static_cast<T>(std::copysign(std::numeric_limits<double>::infinity(), y));
    if (y_abs <= 0.7) {
      const double z = y * y;
      const double num = ((a[3] * z + a[2]) * z + a[1]) * z + a[0];
      const double dem = (((b[3] * z + b[2]) * z + b[1]) * z + b[0]) * z + 1.0;
      double x = y * num / dem;
      x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
      x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
      return static_cast<T>(x);
    }
    const double q = 1.0 - y_abs;  // exact: y_abs > 0.5
    const double z = std::sqrt(-std::log(q / 2.0));
    const double num = ((c[3] * z + c[2]) * z + c[1]) * z + c[0];
    const double dem = (d[1] * z + d[0]) * z + 1.0;
    double x = num / dem;
    // Newton converges as e' = x e^2 here (x up to 6): a third step reaches double precision.
    for (int step = 0; step < 3; ++step) {
      x = x + (std::erfc(x) - q) / (two_over_sqrt_pi * std::exp(-x * x));
    }
    return static_cast<T>(std::copysign(x, y));
  }
};

struct Atan2 {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    return std::atan2(a, b);
  }
};

struct Hypot {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    return std::hypot(a, b);
  }
};

/// C's a % b for integers, fmod for floating types (the result has a's sign). An integer
/// divisor of 0 gives 0 here: the CPU front end rejects it first ("ZeroDivisionError"), and
/// x % -1 is 0 (INT_MIN % -1 would trap).
struct Fmod {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (b == T(0)) return T(0);
      if constexpr (std::is_signed_v<T>) {
        if (b == T(-1)) return T(0);
      }
      return static_cast<T>(a % b);
    } else {
      return std::fmod(a, b);
    }
  }
};

/// Python's a % b: the result has b's sign.
struct Remainder {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    T mod = Fmod{}(a, b);
    if constexpr (std::is_unsigned_v<T>) {
      return mod;
    } else {
      if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) mod += b;
      return mod;
    }
  }
};

/// Python's a // b: floor division. Floating operands follow PyTorch's div_floor (fmod based,
/// rounded to the nearest integer, signed zero from a / b; IEEE results when b is 0);
/// integers round towards -inf (b = 0 gives 0: see Fmod; INT_MIN // -1 wraps to INT_MIN).
struct FloorDivide {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (b == T(0)) return T(0);
      if constexpr (std::is_signed_v<T>) {
        if (b == T(-1)) return wrapping_sub(T(0), a);
        if ((a < T(0)) != (b < T(0))) {
          const T quot = static_cast<T>(a / b);
          const T rem = static_cast<T>(a % b);
          return rem != T(0) ? static_cast<T>(quot - T(1)) : quot;
        }
      }
      return static_cast<T>(a / b);
    } else {
      if (b == T(0)) return a / b;
      const T mod = std::fmod(a, b);
      T div = (a - mod) / b;
      if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) div -= T(1);
      if (div == T(0)) return std::copysign(T(0), a / b);
      T floordiv = std::floor(div);
      if (div - floordiv > T(0.5)) floordiv += T(1);
      return floordiv;
    }
  }
};

struct LogicalXor {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return (a != T(0)) != (b != T(0));
  }
};

/// Integers and bool only.
struct BitwiseXor {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a != b;
    } else {
      return static_cast<T>(a ^ b);
    }
  }
};

/// a << b on the unsigned bits; a shift below 0 or of at least the width gives 0.
struct LeftShift {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    using U = std::make_unsigned_t<T>;
    constexpr T kWidth = static_cast<T>(sizeof(T) * 8);
    if (static_cast<std::make_signed_t<T>>(b) < 0 || b >= kWidth) return T(0);
    return static_cast<T>(static_cast<U>(static_cast<U>(a) << b));
  }
};

/// a >> b (arithmetic for signed types); a shift below 0 or past the width keeps only the
/// sign (0 or -1).
struct RightShift {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    constexpr T kMaxShift = static_cast<T>(sizeof(T) * 8 - (std::is_signed_v<T> ? 1 : 0));
    if (static_cast<std::make_signed_t<T>>(b) < 0 || b >= kMaxShift) {
      return static_cast<T>(a >> kMaxShift);
    }
    return static_cast<T>(a >> b);
  }
};

/// start + weight * (end - start), computed from the nearer end so that weights 0 and 1 give
/// start and end exactly; one fused multiply-add, as PyTorch's vectorised lerp.
struct Lerp {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T start, T end, T weight) const {
    const bool small = std::fabs(weight) < T(0.5);
    return std::fma(small ? weight : weight - T(1), end - start, small ? start : end);
  }
};

/// NaN, +inf and -inf replaced by the given values.
template <class T>
struct NanToNum {
  T nan;
  T posinf;
  T neginf;
  EMBER_HOST_DEVICE T operator()(T x) const {
    if (x != x) return nan;
    if (x == std::numeric_limits<T>::infinity()) return posinf;
    if (x == -std::numeric_limits<T>::infinity()) return neginf;
    return x;
  }
};

// ---- Activations ---------------------------------------------------------------------------

/// x * sigmoid(x), written x / (1 + exp(-x)) as PyTorch's kernel.
struct Silu {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return x / (T(1) + std::exp(-x));
  }
};

/// x * tanh(softplus(x)).
struct Mish {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return x * std::tanh(std::log1p(std::exp(x)));
  }
};

/// log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), which neither overflows nor cancels.
struct LogSigmoid {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    const T lower = x < T(0) ? x : T(0);
    return lower - std::log1p(std::exp(-std::fabs(x)));
  }
};

/// log(1 + exp(beta x)) / beta, linear (x) where beta x > threshold.
template <class T>
struct Softplus {
  T beta;
  T threshold;
  EMBER_HOST_DEVICE T operator()(T x) const {
    return x * beta > threshold ? x : std::log1p(std::exp(x * beta)) / beta;
  }
};

/// scale * x for x > 0, alpha * scale * (exp(input_scale * x) - 1) otherwise (elu, selu).
template <class T>
struct Elu {
  T negcoef;     // alpha * scale
  T poscoef;     // scale
  T negiptcoef;  // input_scale
  EMBER_HOST_DEVICE T operator()(T x) const {
    return x <= T(0) ? std::expm1(x * negiptcoef) * negcoef : x * poscoef;
  }
};

}  // namespace ember::kernels
