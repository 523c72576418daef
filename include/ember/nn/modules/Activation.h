#pragma once

// Activation layers, as libtorch's torch/nn/modules/activation.h: ReLU, Sigmoid, Tanh, GELU,
// LeakyReLU, Softmax(dim) and LogSoftmax(dim). They hold no parameters; each forwards to its
// nn::functional form and prints as PyTorch's repr ("LeakyReLU(negative_slope=0.01)").

#include <cstdint>
#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Activation.h"

namespace ember::nn {

class EMBER_API ReLUImpl : public Cloneable<ReLUImpl> {
 public:
  explicit ReLUImpl(const ReLUOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override;
  /// ReLU() or ReLU(inplace=True)
  void pretty_print(std::ostream& stream) const override;
  ReLUOptions options;
};
EMBER_MODULE(ReLU);

class EMBER_API SigmoidImpl : public Cloneable<SigmoidImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(Sigmoid);

class EMBER_API TanhImpl : public Cloneable<TanhImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(Tanh);

class EMBER_API GELUImpl : public Cloneable<GELUImpl> {
 public:
  explicit GELUImpl(GELUOptions options_ = {});
  Tensor forward(const Tensor& input);
  void reset() override;
  /// GELU(approximate='none')
  void pretty_print(std::ostream& stream) const override;
  GELUOptions options;
};
EMBER_MODULE(GELU);

class EMBER_API LeakyReLUImpl : public Cloneable<LeakyReLUImpl> {
 public:
  explicit LeakyReLUImpl(const LeakyReLUOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override;
  /// LeakyReLU(negative_slope=0.01), with ", inplace=True" when in place
  void pretty_print(std::ostream& stream) const override;
  LeakyReLUOptions options;
};
EMBER_MODULE(LeakyReLU);

class EMBER_API SoftmaxImpl : public Cloneable<SoftmaxImpl> {
 public:
  explicit SoftmaxImpl(int64_t dim) : SoftmaxImpl(SoftmaxOptions(dim)) {}
  explicit SoftmaxImpl(const SoftmaxOptions& options_);
  Tensor forward(const Tensor& input);
  void reset() override;
  /// Softmax(dim=1)
  void pretty_print(std::ostream& stream) const override;
  SoftmaxOptions options;
};
EMBER_MODULE(Softmax);

class EMBER_API LogSoftmaxImpl : public Cloneable<LogSoftmaxImpl> {
 public:
  explicit LogSoftmaxImpl(int64_t dim) : LogSoftmaxImpl(LogSoftmaxOptions(dim)) {}
  explicit LogSoftmaxImpl(const LogSoftmaxOptions& options_);
  Tensor forward(const Tensor& input);
  void reset() override;
  /// LogSoftmax(dim=1)
  void pretty_print(std::ostream& stream) const override;
  LogSoftmaxOptions options;
};
EMBER_MODULE(LogSoftmax);

}  // namespace ember::nn
