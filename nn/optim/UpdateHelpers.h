#pragma once

// Shared pieces of the optimisers' updates (internal to libember).
//
// Every optimiser has two paths:
//  - a fused CPU path for float32/float64 where the parameter, its gradient and every state
//    tensor are contiguous: one loop over raw pointers (threaded for large tensors) applies the
//    whole update per element, in the order of PyTorch's single-tensor formulas with its
//    scalars rounded to the element type, so results agree with PyTorch to float rounding and
//    a steady-state step allocates nothing;
//  - a general path for everything else (CUDA, half precision, non-contiguous tensors) that
//    writes the same formulas with public in-place ops: correct, slower (temporaries per term).

#include <cmath>
#include <functional>
#include <initializer_list>
#include <string>

#include "backends/cpu/Parallel.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/Tensor.h"

namespace ember::optim::detail {

/// True when the fused CPU loop may update `param` with `grad` and the given state tensors:
/// all on the CPU, float32 or float64 of one dtype, contiguous, with the same element count.
inline bool use_fused_cpu_loop(const Tensor& param, const Tensor& grad,
                               std::initializer_list<const Tensor*> state) {
  const Dtype dtype = param.dtype();
  if (!param.is_cpu() || (dtype != kFloat32 && dtype != kFloat64)) return false;
  auto fits = [&](const Tensor& t) {
    return t.is_cpu() && t.dtype() == dtype && t.is_contiguous() && t.numel() == param.numel();
  };
  if (!fits(param) || !fits(grad)) return false;
  for (const Tensor* t : state)
    if (t->defined() && !fits(*t)) return false;
  return true;
}

/// Runs `body(begin, end)` over [0, n), split across the CPU pool for large tensors.
template <class Body>
inline void for_each_range(int64_t n, Body&& body) {
  cpu::parallel_for(0, n, cpu::kGrainSize, body);
}

/// Calls `body(i)` for every i in [0, n), split across the CPU pool for large tensors. Each
/// range runs on a local copy of `body` (capture the pointers and scalars by value): its members
/// then cannot alias the elements the loop stores, so they stay in registers and the loop
/// vectorises (a scalar captured by reference could be one of those elements, as far as the
/// compiler knows).
template <class Body>
inline void for_each_element(int64_t n, const Body& body) {
  for_each_range(n, [&body](int64_t begin, int64_t end) {
    const Body local = body;
    for (int64_t i = begin; i < end; ++i) local(i);
  });
}

/// Pointer to the elements of a tensor that may be undefined (then null).
template <class T>
inline T* data_or_null(const Tensor& t) {
  return t.defined() ? t.data_ptr<T>() : nullptr;
}

/// Marks tensors written through raw pointers as modified, as an in-place op would (autograd
/// checks saved tensors against these versions).
inline void bump_versions(std::initializer_list<const Tensor*> tensors) {
  for (const Tensor* t : tensors)
    if (t->defined()) t->unsafeGetTensorImpl()->bump_version();
}

/// Calls f(std::true_type{}) or f(std::false_type{}): a runtime flag as a compile-time one, so
/// the fused loops carry no per-element branches on options.
template <class F>
inline decltype(auto) with_flag(bool flag, F&& f) {
  if (flag) return f(std::true_type{});
  return f(std::false_type{});
}

/// Calls f with the element type of a float32 or float64 tensor (as a null pointer of it).
template <class F>
inline void with_float_type(Dtype dtype, F&& f) {
  if (dtype == kFloat64) {
    f(static_cast<double*>(nullptr));
  } else {
    f(static_cast<float*>(nullptr));
  }
}

/// PyTorch's lerp: `start + w * (end - start)` for |w| < 0.5, else `end - (end - start) * (1 - w)`
/// (the form that is exact at w = 1).
template <class T>
inline T lerp(T start, T end, T weight) {
  return std::abs(weight) < T(0.5) ? start + weight * (end - start)
                                   : end - (end - start) * (T(1) - weight);
}

/// PyTorch's maximum: NaN in either operand gives NaN.
template <class T>
inline T maximum(T a, T b) {
  return (a != a || a > b) ? a : b;
}

// ---- The general path's building blocks: PyTorch's in-place ops written with public ops ----

inline void lerp_(Tensor& self, const Tensor& end, double weight) {
  if (std::abs(weight) < 0.5) {
    self.add_(end - self, weight);
  } else {
    self.copy_(end - (end - self) * (1.0 - weight));
  }
}

inline void addcmul_(Tensor& self, const Tensor& a, const Tensor& b, double value) {
  self.add_(a * b, value);
}

inline void addcdiv_(Tensor& self, const Tensor& a, const Tensor& b, double value) {
  self.add_(a / b, value);
}

/// The gradient an update uses: negated when maximising, plus weight_decay * param.
inline Tensor effective_grad(const Tensor& param, const Tensor& grad, bool maximize,
                             double weight_decay) {
  Tensor g = maximize ? grad.neg() : grad;
  if (weight_decay != 0) g = g.add(param, weight_decay);
  return g;
}

// ---- State dict helpers --------------------------------------------------------------------

/// A step count as PyTorch 2.x stores it: a 0-d float32 tensor.
inline Tensor step_tensor(int64_t step) { return full({}, static_cast<double>(step), kFloat32); }

/// The tensor saved under `key`; absent is an error naming the key.
inline Tensor require_state(const std::function<Tensor(const std::string&)>& find,
                            const std::string& key) {
  Tensor t = find(key);
  EMBER_CHECK(t.defined(), "load_state_dict: the saved state of a parameter has no \"{}\"", key);
  return t;
}

/// The step count saved under "step".
inline int64_t require_step(const std::function<Tensor(const std::string&)>& find) {
  const Tensor t = require_state(find, "step");
  EMBER_CHECK(t.numel() == 1, "load_state_dict: \"step\" must hold one value, got {} values",
              t.numel());
  return static_cast<int64_t>(t.item<double>());
}

}  // namespace ember::optim::detail
