// Pooling layers and F:: pooling functions: the options unpacked onto ember::max_pool2d,
// avg_pool2d, adaptive_avg_pool2d and their 1-d forms (core/api/Pooling.cpp).

#include "ember/nn/modules/Pooling.h"

#include <ostream>
#include <string>

#include "ember/core/Functions.h"
#include "ember/nn/functional/Pooling.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

namespace {

// As Python prints the argument: one int when every dim has the same, else a tuple.
template <size_t D>
std::string python_size(const ExpandingArray<D>& values) {
  bool same = true;
  for (int64_t v : *values) same = same && v == (*values)[0];
  if (same) return std::to_string((*values)[0]);
  std::string s = "(";
  for (size_t i = 0; i < D; ++i) s += (i > 0 ? ", " : "") + std::to_string((*values)[i]);
  return s + ")";
}

template <size_t D>
const char* pool_name(const char* one_d, const char* two_d) {
  return D == 1 ? one_d : two_d;
}

}  // namespace

template <size_t D>
void MaxPoolImpl<D>::pretty_print(std::ostream& stream) const {
  stream << pool_name<D>("MaxPool1d", "MaxPool2d")
         << "(kernel_size=" << python_size(options.kernel_size())
         << ", stride=" << python_size(options.stride())
         << ", padding=" << python_size(options.padding())
         << ", dilation=" << python_size(options.dilation())
         << ", ceil_mode=" << detail::python_bool(options.ceil_mode()) << ")";
}

template <size_t D>
Tensor MaxPoolImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::max_pool1d(input, options);
  } else {
    return functional::max_pool2d(input, options);
  }
}

template <size_t D>
std::tuple<Tensor, Tensor> MaxPoolImpl<D>::forward_with_indices(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::max_pool1d_with_indices(input, options);
  } else {
    return functional::max_pool2d_with_indices(input, options);
  }
}

template class MaxPoolImpl<1>;
template class MaxPoolImpl<2>;

template <size_t D>
void AvgPoolImpl<D>::pretty_print(std::ostream& stream) const {
  stream << pool_name<D>("AvgPool1d", "AvgPool2d")
         << "(kernel_size=" << python_size(options.kernel_size())
         << ", stride=" << python_size(options.stride())
         << ", padding=" << python_size(options.padding()) << ")";
}

template <size_t D>
Tensor AvgPoolImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::avg_pool1d(input, options);
  } else {
    return functional::avg_pool2d(input, options);
  }
}

template class AvgPoolImpl<1>;
template class AvgPoolImpl<2>;

template <size_t D>
void AdaptiveAvgPoolImpl<D>::pretty_print(std::ostream& stream) const {
  stream << pool_name<D>("AdaptiveAvgPool1d", "AdaptiveAvgPool2d")
         << "(output_size=" << python_size(options.output_size()) << ")";
}

template <size_t D>
Tensor AdaptiveAvgPoolImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::adaptive_avg_pool1d(input, options);
  } else {
    return functional::adaptive_avg_pool2d(input, options);
  }
}

template class AdaptiveAvgPoolImpl<1>;
template class AdaptiveAvgPoolImpl<2>;

namespace functional {

Tensor max_pool1d(const Tensor& input, const MaxPool1dFuncOptions& o) {
  return ember::max_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(),
                           o.ceil_mode());
}

Tensor max_pool2d(const Tensor& input, const MaxPool2dFuncOptions& o) {
  return ember::max_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.dilation(),
                           o.ceil_mode());
}

std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input,
                                                   const MaxPool1dFuncOptions& o) {
  return ember::max_pool1d_with_indices(input, o.kernel_size(), o.stride(), o.padding(),
                                        o.dilation(), o.ceil_mode());
}

std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input,
                                                   const MaxPool2dFuncOptions& o) {
  return ember::max_pool2d_with_indices(input, o.kernel_size(), o.stride(), o.padding(),
                                        o.dilation(), o.ceil_mode());
}

Tensor avg_pool1d(const Tensor& input, const AvgPool1dFuncOptions& o) {
  return ember::avg_pool1d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(),
                           o.count_include_pad());
}

Tensor avg_pool2d(const Tensor& input, const AvgPool2dFuncOptions& o) {
  return ember::avg_pool2d(input, o.kernel_size(), o.stride(), o.padding(), o.ceil_mode(),
                           o.count_include_pad(), o.divisor_override());
}

Tensor adaptive_avg_pool1d(const Tensor& input, const AdaptiveAvgPool1dFuncOptions& o) {
  return ember::adaptive_avg_pool1d(input, o.output_size());
}

Tensor adaptive_avg_pool2d(const Tensor& input, const AdaptiveAvgPool2dFuncOptions& o) {
  return ember::adaptive_avg_pool2d(input, o.output_size());
}

}  // namespace functional
}  // namespace ember::nn
