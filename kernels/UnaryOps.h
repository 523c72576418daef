#pragma once

// Unary elementwise functors shared by the CPU and CUDA backends. Each takes and returns the
// op-math type (float for half/bfloat16); integer overloads wrap around instead of
// overflowing, as PyTorch's kernels do in practice.

#include <cmath>
#include <type_traits>

#include "kernels/FastMath.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

/// -x; unsigned and signed integers wrap (neg of INT_MIN is INT_MIN).
struct Neg {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    if constexpr (is_wrapping_integer_v<T>) {
      return wrapping_sub(T(0), x);
    } else {
      return -x;
    }
  }
};

/// |x|; abs of the most negative integer is itself, as in two's complement.
struct Abs {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    if constexpr (std::is_unsigned_v<T>) {
      return x;
    } else if constexpr (is_wrapping_integer_v<T>) {
      return x < 0 ? wrapping_sub(T(0), x) : x;
    } else {
      return std::fabs(x);
    }
  }
};

struct Sqrt {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::sqrt(x);
  }
};

/// 1 / sqrt(x): rsqrt(0) = inf, rsqrt(-0) = -inf as IEEE division gives.
struct Rsqrt {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return T(1) / std::sqrt(x);
  }
};

struct Exp {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return fast_exp(x);
  }
};

struct Log {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::log(x);
  }
};

struct Log1p {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::log1p(x);
  }
};

struct Sin {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::sin(x);
  }
};

struct Cos {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::cos(x);
  }
};

struct Tanh {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return fast_tanh(x);
  }
};

/// 1 / (1 + exp(-x)); saturates to exactly 0 and 1 without producing NaN.
struct Sigmoid {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return T(1) / (T(1) + fast_exp(-x));
  }
};

/// max(x, 0) with NaN propagated (relu is clamp_min(x, 0) in PyTorch).
struct Relu {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return x > T(0) ? x : T(0);
    } else {
      return x < T(0) ? T(0) : x;  // NaN fails the comparison and passes through
    }
  }
};

struct Reciprocal {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return T(1) / x;
  }
};

/// -1, 0 or 1; sign(NaN) is 0 and sign(-0.0) is +0.0, as PyTorch's CPU kernel gives.
struct Sign {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool>) {
      return x;
    } else if constexpr (std::is_unsigned_v<T>) {
      return x > T(0) ? T(1) : T(0);
    } else {
      return T((T(0) < x) - (x < T(0)));
    }
  }
};

struct Floor {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::floor(x);
  }
};

struct Ceil {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::ceil(x);
  }
};

/// Round half to even (the default floating-point rounding mode), as torch.round.
struct Round {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return std::nearbyint(x);
  }
};

/// x != x: true only for NaN.
struct IsNan {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return false;
    } else {
      return x != x;
    }
  }
};

struct LogicalNot {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T x) const {
    return !(x != T(0));
  }
};

/// ~x for integers, logical not for bool.
struct BitwiseNot {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool>) {
      return !x;
    } else {
      return static_cast<T>(~x);
    }
  }
};

}  // namespace ember::kernels
