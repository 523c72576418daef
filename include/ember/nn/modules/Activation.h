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

class EMBER_API SoftplusImpl : public Cloneable<SoftplusImpl> {
 public:
  explicit SoftplusImpl(const SoftplusOptions& options_ = {});
  Tensor forward(const Tensor& input);
  void reset() override;
  /// Softplus(beta=1.0, threshold=20.0)
  void pretty_print(std::ostream& stream) const override;
  SoftplusOptions options;
};
EMBER_MODULE(Softplus);

class EMBER_API SiLUImpl : public Cloneable<SiLUImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(SiLU);

class EMBER_API MishImpl : public Cloneable<MishImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(Mish);

class EMBER_API ELUImpl : public Cloneable<ELUImpl> {
 public:
  explicit ELUImpl(const ELUOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override;
  /// ELU(alpha=1.0), with ", inplace=True" when in place
  void pretty_print(std::ostream& stream) const override;
  ELUOptions options;
};
EMBER_MODULE(ELU);

class EMBER_API SELUImpl : public Cloneable<SELUImpl> {
 public:
  explicit SELUImpl(const SELUOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override;
  /// SELU() or SELU(inplace=True)
  void pretty_print(std::ostream& stream) const override;
  SELUOptions options;
};
EMBER_MODULE(SELU);

class EMBER_API HardtanhImpl : public Cloneable<HardtanhImpl> {
 public:
  explicit HardtanhImpl(const HardtanhOptions& options_ = {});
  Tensor forward(Tensor input);
  /// Checks min_val <= max_val, as PyTorch's constructor.
  void reset() override;
  /// Hardtanh(min_val=-1.0, max_val=1.0), with ", inplace=True" when in place
  void pretty_print(std::ostream& stream) const override;
  HardtanhOptions options;
};
EMBER_MODULE(Hardtanh);

class EMBER_API LogSigmoidImpl : public Cloneable<LogSigmoidImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(LogSigmoid);

}  // namespace ember::nn
