#pragma once

// The CPU's elementwise loop driver. cpu_kernel(iter, f) runs a typed lambda
// `R f(A0, A1, ...)` over a TensorIterator: output operand 0 gets R, input i is read as Ai.
// Contiguous runs (and runs where one input is a broadcast scalar) become plain indexed loops
// that the compiler vectorises; anything else takes the strided loop. Large iterations are
// split across the thread pool.

#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "backends/cpu/Parallel.h"
#include "core/TensorIterator.h"
#include "ember/core/Macros.h"

namespace ember::cpu {

template <class F>
struct FunctionTraits : FunctionTraits<decltype(&F::operator())> {};
template <class C, class R, class... Args>
struct FunctionTraits<R (C::*)(Args...) const> {
  using result_type = R;
  using args_tuple = std::tuple<Args...>;
  static constexpr size_t arity = sizeof...(Args);
  template <size_t I>
  using arg = std::tuple_element_t<I, args_tuple>;
};

namespace loops {

template <class F, size_t... I>
EMBER_ALWAYS_INLINE void contiguous_loop(char** data, int64_t n, const F& f,
                                         std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  R* EMBER_RESTRICT out = reinterpret_cast<R*>(data[0]);
  std::tuple<const typename Traits::template arg<I>*...> in{
      reinterpret_cast<const typename Traits::template arg<I>*>(data[I + 1])...};
  for (int64_t i = 0; i < n; ++i) out[i] = f(std::get<I>(in)[i]...);
}

// Input S is a broadcast scalar (stride 0); the others are contiguous.
template <size_t S, class F, size_t... I>
EMBER_ALWAYS_INLINE void scalar_input_loop(char** data, int64_t n, const F& f,
                                           std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  using AS = typename Traits::template arg<S>;
  R* EMBER_RESTRICT out = reinterpret_cast<R*>(data[0]);
  const AS scalar = *reinterpret_cast<const AS*>(data[S + 1]);
  std::tuple<const typename Traits::template arg<I>*...> in{
      reinterpret_cast<const typename Traits::template arg<I>*>(data[I + 1])...};
  auto pick = [&]<size_t J>(std::integral_constant<size_t, J>, int64_t i) {
    if constexpr (J == S) {
      return scalar;
    } else {
      return std::get<J>(in)[i];
    }
  };
  for (int64_t i = 0; i < n; ++i) out[i] = f(pick(std::integral_constant<size_t, I>{}, i)...);
}

template <class F, size_t... I>
EMBER_ALWAYS_INLINE void strided_loop(char** data, const int64_t* strides, int64_t n, const F& f,
                                      std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  char* out = data[0];
  [[maybe_unused]] char* in[sizeof...(I) + 1] = {data[I + 1]...};
  for (int64_t i = 0; i < n; ++i) {
    *reinterpret_cast<R*>(out) =
        f(*reinterpret_cast<const typename Traits::template arg<I>*>(in[I])...);
    out += strides[0];
    ((in[I] += strides[I + 1]), ...);
  }
}

// Runs scalar_input_loop<S> when input S has stride 0 and every other input is contiguous.
template <size_t S, class F, size_t... I>
EMBER_ALWAYS_INLINE bool try_scalar_input(char** data, const int64_t* strides, int64_t n,
                                          const F& f, std::index_sequence<I...> seq) {
  using Traits = FunctionTraits<F>;
  if (strides[S + 1] != 0) return false;
  const bool others_contiguous =
      ((I == S ||
        strides[I + 1] == static_cast<int64_t>(sizeof(typename Traits::template arg<I>))) &&
       ...);
  if (!others_contiguous) return false;
  scalar_input_loop<S>(data, n, f, seq);
  return true;
}

template <class F>
struct Loop1d {
  const F& f;
  void operator()(char** data, const int64_t* strides, int64_t n) const {
    using Traits = FunctionTraits<F>;
    using R = typename Traits::result_type;
    constexpr size_t arity = Traits::arity;
    using Seq = std::make_index_sequence<arity>;
    const bool out_contiguous = strides[0] == static_cast<int64_t>(sizeof(R));
    if (out_contiguous) {
      bool all_contiguous = true;
      [&]<size_t... I>(std::index_sequence<I...>) {
        ((all_contiguous &=
          strides[I + 1] == static_cast<int64_t>(sizeof(typename Traits::template arg<I>))),
         ...);
      }
      (Seq{});
      if (all_contiguous) return contiguous_loop(data, n, f, Seq{});
      if constexpr (arity >= 2) {
        // One broadcast scalar input (a + 1, where(mask, x, 0)), the rest contiguous.
        bool done = false;
        [&]<size_t... S>(std::index_sequence<S...>) {
          ((done = done || try_scalar_input<S>(data, strides, n, f, Seq{})), ...);
        }
        (Seq{});
        if (done) return;
      }
    }
    strided_loop(data, strides, n, f, Seq{});
  }
};

}  // namespace loops

/// Runs `f` elementwise over `iter` (single output), on the thread pool when large.
template <class F>
void cpu_kernel(const detail::TensorIterator& iter, const F& f) {
  loops::Loop1d<F> loop{f};
  parallel_for(0, iter.numel(), kGrainSize,
               [&](int64_t begin, int64_t end) { iter.serial_for_each(loop, begin, end); });
}

/// Runs `f` over `iter` on one thread (kernels whose results depend on visiting order).
template <class F>
void cpu_serial_kernel(const detail::TensorIterator& iter, const F& f) {
  loops::Loop1d<F> loop{f};
  iter.serial_for_each(loop, 0, iter.numel());
}

}  // namespace ember::cpu
