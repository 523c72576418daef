// nn::Conv1d/Conv2d/ConvTranspose2d and F::conv1d/conv2d/conv_transpose2d: the options
// unpacked onto ember::conv*d (core/api/Convolution.cpp).

#include "ember/nn/modules/Conv.h"

#include <cctype>
#include <cmath>
#include <ostream>
#include <string>
#include <variant>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/nn/Init.h"
#include "ember/nn/functional/Conv.h"

namespace ember::nn {

namespace {

// A Python tuple: (3,) or (3, 3).
template <size_t D>
std::string tuple_string(const ExpandingArray<D>& values) {
  std::string s = "(";
  for (size_t i = 0; i < D; ++i) s += (i > 0 ? ", " : "") + std::to_string((*values)[i]);
  return s + (D == 1 ? ",)" : ")");
}

template <size_t D>
bool all_equal(const ExpandingArray<D>& values, int64_t v) {
  for (int64_t x : *values) {
    if (x != v) return false;
  }
  return true;
}

// The name PyTorch gives a padding mode ("zeros", "reflect", ...), which ember::pad takes too:
// the enum's name without its "k", in lower case.
std::string padding_mode_name(const ConvPaddingMode& mode) {
  std::string name = enumtype::get_enum_name(mode).substr(1);
  name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

// PyTorch's _reversed_padding_repeated_twice: (left, right) per spatial dim, the last dim
// first, as ember::pad takes them; 'same' splits each dim's total padding with the smaller
// half on the left.
template <size_t D>
DimVector reversed_padding_repeated_twice(const ConvOptions<D>& options) {
  DimVector pad;
  for (size_t i = D; i-- > 0;) {
    int64_t left = 0, right = 0;
    if (std::holds_alternative<enumtype::kSame>(options.padding())) {
      const int64_t total = (*options.dilation())[i] * ((*options.kernel_size())[i] - 1);
      left = total / 2;
      right = total - left;
    } else if (const auto* sizes = std::get_if<ExpandingArray<D>>(&options.padding())) {
      left = right = (**sizes)[i];
    }
    pad.push_back(left);
    pad.push_back(right);
  }
  return pad;
}

void check_channels(int64_t in_channels, int64_t out_channels, int64_t groups, const char* layer) {
  EMBER_CHECK(groups > 0, "{}: groups must be a positive integer (got groups={})", layer, groups);
  EMBER_CHECK(in_channels >= 0 && out_channels >= 0,
              "{}: in_channels and out_channels must be non-negative (got {} and {})", layer,
              in_channels, out_channels);
  EMBER_CHECK(in_channels % groups == 0, "in_channels must be divisible by groups");
  EMBER_CHECK(out_channels % groups == 0, "out_channels must be divisible by groups");
}

// PyTorch's _ConvNd.reset_parameters().
void reset_conv_parameters(Tensor& weight, Tensor& bias) {
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    auto [fan_in, fan_out] = init::_calculate_fan_in_and_fan_out(weight);
    (void)fan_out;
    if (fan_in != 0) {
      const double bound = 1 / std::sqrt(static_cast<double>(fan_in));
      init::uniform_(bias, -bound, bound);
    }
  }
}

template <size_t D>
DimVector weight_shape(int64_t first, int64_t second, const ExpandingArray<D>& kernel) {
  DimVector shape{first, second};
  for (int64_t k : *kernel) shape.push_back(k);
  return shape;
}

// Registers `weight` ([first, second, *kernel]) and `bias` ([out_channels], undefined when
// absent) on a convolution layer and initialises them as PyTorch's _ConvNd does.
template <size_t D>
void register_conv_parameters(Module& module, Tensor& weight, Tensor& bias, int64_t first,
                              int64_t second, const ExpandingArray<D>& kernel, int64_t out_channels,
                              bool with_bias) {
  weight = module.register_parameter("weight", ember::empty(weight_shape(first, second, kernel)));
  bias = module.register_parameter("bias", with_bias ? ember::empty({out_channels}) : Tensor(),
                                   with_bias);
  reset_conv_parameters(weight, bias);
}

}  // namespace

template <size_t D>
ConvImpl<D>::ConvImpl(const ConvOptions<D>& options_) : options(options_) {
  reset();
}

template <size_t D>
void ConvImpl<D>::reset() {
  const char* layer = D == 1 ? "Conv1d" : "Conv2d";
  check_channels(options.in_channels(), options.out_channels(), options.groups(), layer);
  if (std::holds_alternative<enumtype::kSame>(options.padding())) {
    EMBER_CHECK(all_equal(options.stride(), 1),
                "padding='same' is not supported for strided convolutions");
  }
  register_conv_parameters(*this, weight, bias, options.out_channels(),
                           options.in_channels() / options.groups(), options.kernel_size(),
                           options.out_channels(), options.bias());
}

template <size_t D>
void ConvImpl<D>::reset_parameters() {
  reset_conv_parameters(weight, bias);
}

template <size_t D>
void ConvImpl<D>::pretty_print(std::ostream& stream) const {
  stream << (D == 1 ? "Conv1d(" : "Conv2d(") << options.in_channels() << ", "
         << options.out_channels() << ", kernel_size=" << tuple_string(options.kernel_size())
         << ", stride=" << tuple_string(options.stride());
  if (std::holds_alternative<enumtype::kSame>(options.padding())) {
    stream << ", padding=same";
  } else if (std::holds_alternative<enumtype::kValid>(options.padding())) {
    stream << ", padding=valid";
  } else {
    const auto& padding = std::get<ExpandingArray<D>>(options.padding());
    if (!all_equal(padding, 0)) stream << ", padding=" << tuple_string(padding);
  }
  if (!all_equal(options.dilation(), 1)) {
    stream << ", dilation=" << tuple_string(options.dilation());
  }
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=False";
  if (!std::holds_alternative<enumtype::kZeros>(options.padding_mode())) {
    stream << ", padding_mode=" << padding_mode_name(options.padding_mode());
  }
  stream << ")";
}

template <size_t D>
Tensor ConvImpl<D>::forward(const Tensor& input) {
  functional::ConvFuncOptions<D> f;
  f.bias(bias).stride(options.stride()).padding(options.padding()).dilation(options.dilation());
  f.groups(options.groups());
  Tensor x = input;
  if (!std::holds_alternative<enumtype::kZeros>(options.padding_mode())) {
    // As PyTorch's _conv_forward: the input padded by the mode, then an unpadded convolution.
    x = ember::pad(input, reversed_padding_repeated_twice(options),
                   padding_mode_name(options.padding_mode()));
    f.padding(ExpandingArray<D>(0));
  }
  if constexpr (D == 1) {
    return functional::conv1d(x, weight, f);
  } else {
    return functional::conv2d(x, weight, f);
  }
}

template class ConvImpl<1>;
template class ConvImpl<2>;

template <size_t D>
ConvTransposeImpl<D>::ConvTransposeImpl(const ConvTransposeOptions<D>& options_)
    : options(options_) {
  reset();
}

template <size_t D>
void ConvTransposeImpl<D>::reset() {
  check_channels(options.in_channels(), options.out_channels(), options.groups(),
                 "ConvTranspose2d");
  EMBER_CHECK(std::holds_alternative<enumtype::kZeros>(options.padding_mode()),
              "Only `zeros` padding mode is supported for ConvTranspose2d");
  register_conv_parameters(*this, weight, bias, options.in_channels(),
                           options.out_channels() / options.groups(), options.kernel_size(),
                           options.out_channels(), options.bias());
}

template <size_t D>
void ConvTransposeImpl<D>::reset_parameters() {
  reset_conv_parameters(weight, bias);
}

template <size_t D>
void ConvTransposeImpl<D>::pretty_print(std::ostream& stream) const {
  stream << "ConvTranspose2d(" << options.in_channels() << ", " << options.out_channels()
         << ", kernel_size=" << tuple_string(options.kernel_size())
         << ", stride=" << tuple_string(options.stride());
  if (!all_equal(options.padding(), 0)) stream << ", padding=" << tuple_string(options.padding());
  if (!all_equal(options.output_padding(), 0)) {
    stream << ", output_padding=" << tuple_string(options.output_padding());
  }
  if (!all_equal(options.dilation(), 1)) {
    stream << ", dilation=" << tuple_string(options.dilation());
  }
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=False";
  stream << ")";
}

template <size_t D>
Tensor ConvTransposeImpl<D>::forward(const Tensor& input) {
  return functional::conv_transpose2d(input, weight,
                                      functional::ConvTranspose2dFuncOptions()
                                          .bias(bias)
                                          .stride(options.stride())
                                          .padding(options.padding())
                                          .output_padding(options.output_padding())
                                          .groups(options.groups())
                                          .dilation(options.dilation()));
}

template class ConvTransposeImpl<2>;

namespace functional {

namespace {

// The padding option: explicit sizes, or "same" / "valid".
template <size_t D, class Explicit, class Named>
Tensor with_padding(const typename ConvFuncOptions<D>::padding_t& padding, Explicit&& explicit_,
                    Named&& named) {
  if (std::holds_alternative<enumtype::kSame>(padding)) return named("same");
  if (std::holds_alternative<enumtype::kValid>(padding)) return named("valid");
  return explicit_(IntArrayRef(std::get<ExpandingArray<D>>(padding)));
}

}  // namespace

Tensor conv1d(const Tensor& input, const Tensor& weight, const Conv1dFuncOptions& o) {
  return with_padding<1>(
      o.padding(),
      [&](IntArrayRef padding) {
        return ember::conv1d(input, weight, o.bias(), o.stride(), padding, o.dilation(),
                             o.groups());
      },
      [&](std::string_view padding) {
        return ember::conv1d(input, weight, o.bias(), o.stride(), padding, o.dilation(),
                             o.groups());
      });
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Conv2dFuncOptions& o) {
  return with_padding<2>(
      o.padding(),
      [&](IntArrayRef padding) {
        return ember::conv2d(input, weight, o.bias(), o.stride(), padding, o.dilation(),
                             o.groups());
      },
      [&](std::string_view padding) {
        return ember::conv2d(input, weight, o.bias(), o.stride(), padding, o.dilation(),
                             o.groups());
      });
}

Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                        const ConvTranspose2dFuncOptions& o) {
  return ember::conv_transpose2d(input, weight, o.bias(), o.stride(), o.padding(),
                                 o.output_padding(), o.groups(), o.dilation());
}

}  // namespace functional
}  // namespace ember::nn
