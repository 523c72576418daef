// The activation layers: each forwards to its nn::functional form; printing as PyTorch's repr.

#include "ember/nn/modules/Activation.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/nn/functional/Activation.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

namespace F = functional;

ReLUImpl::ReLUImpl(const ReLUOptions& options_) : options(options_) {}
Tensor ReLUImpl::forward(Tensor input) { return F::relu(std::move(input), options); }
void ReLUImpl::reset() {}
void ReLUImpl::pretty_print(std::ostream& stream) const {
  stream << "ReLU(" << (options.inplace() ? "inplace=True" : "") << ")";
}

Tensor SigmoidImpl::forward(const Tensor& input) { return F::sigmoid(input); }
void SigmoidImpl::reset() {}
void SigmoidImpl::pretty_print(std::ostream& stream) const { stream << "Sigmoid()"; }

Tensor TanhImpl::forward(const Tensor& input) { return F::tanh(input); }
void TanhImpl::reset() {}
void TanhImpl::pretty_print(std::ostream& stream) const { stream << "Tanh()"; }

GELUImpl::GELUImpl(GELUOptions options_) : options(std::move(options_)) {}
Tensor GELUImpl::forward(const Tensor& input) { return F::gelu(input, options); }
void GELUImpl::reset() {}
void GELUImpl::pretty_print(std::ostream& stream) const {
  stream << "GELU(approximate='" << options.approximate() << "')";
}

LeakyReLUImpl::LeakyReLUImpl(const LeakyReLUOptions& options_) : options(options_) {}
Tensor LeakyReLUImpl::forward(Tensor input) { return F::leaky_relu(std::move(input), options); }
void LeakyReLUImpl::reset() {}
void LeakyReLUImpl::pretty_print(std::ostream& stream) const {
  stream << "LeakyReLU(negative_slope=" << detail::python_float(options.negative_slope())
         << (options.inplace() ? ", inplace=True" : "") << ")";
}

SoftmaxImpl::SoftmaxImpl(const SoftmaxOptions& options_) : options(options_) {}
Tensor SoftmaxImpl::forward(const Tensor& input) { return F::softmax(input, options.dim()); }
void SoftmaxImpl::reset() {}
void SoftmaxImpl::pretty_print(std::ostream& stream) const {
  stream << "Softmax(dim=" << options.dim() << ")";
}

LogSoftmaxImpl::LogSoftmaxImpl(const LogSoftmaxOptions& options_) : options(options_) {}
Tensor LogSoftmaxImpl::forward(const Tensor& input) { return F::log_softmax(input, options.dim()); }
void LogSoftmaxImpl::reset() {}
void LogSoftmaxImpl::pretty_print(std::ostream& stream) const {
  stream << "LogSoftmax(dim=" << options.dim() << ")";
}

SoftplusImpl::SoftplusImpl(const SoftplusOptions& options_) : options(options_) {}
Tensor SoftplusImpl::forward(const Tensor& input) { return F::softplus(input, options); }
void SoftplusImpl::reset() {}
void SoftplusImpl::pretty_print(std::ostream& stream) const {
  stream << "Softplus(beta=" << detail::python_float(options.beta())
         << ", threshold=" << detail::python_float(options.threshold()) << ")";
}

Tensor SiLUImpl::forward(const Tensor& input) { return F::silu(input); }
void SiLUImpl::reset() {}
void SiLUImpl::pretty_print(std::ostream& stream) const { stream << "SiLU()"; }

Tensor MishImpl::forward(const Tensor& input) { return F::mish(input); }
void MishImpl::reset() {}
void MishImpl::pretty_print(std::ostream& stream) const { stream << "Mish()"; }

ELUImpl::ELUImpl(const ELUOptions& options_) : options(options_) {}
Tensor ELUImpl::forward(Tensor input) { return F::elu(std::move(input), options); }
void ELUImpl::reset() {}
void ELUImpl::pretty_print(std::ostream& stream) const {
  stream << "ELU(alpha=" << detail::python_float(options.alpha())
         << (options.inplace() ? ", inplace=True" : "") << ")";
}

SELUImpl::SELUImpl(const SELUOptions& options_) : options(options_) {}
Tensor SELUImpl::forward(Tensor input) { return F::selu(std::move(input), options); }
void SELUImpl::reset() {}
void SELUImpl::pretty_print(std::ostream& stream) const {
  stream << "SELU(" << (options.inplace() ? "inplace=True" : "") << ")";
}

HardtanhImpl::HardtanhImpl(const HardtanhOptions& options_) : options(options_) { reset(); }
Tensor HardtanhImpl::forward(Tensor input) { return F::hardtanh(std::move(input), options); }
void HardtanhImpl::reset() {
  EMBER_CHECK(options.max_val() > options.min_val(), "max_val must be greater than min_val");
}
void HardtanhImpl::pretty_print(std::ostream& stream) const {
  stream << "Hardtanh(min_val=" << detail::python_float(options.min_val())
         << ", max_val=" << detail::python_float(options.max_val())
         << (options.inplace() ? ", inplace=True" : "") << ")";
}

Tensor LogSigmoidImpl::forward(const Tensor& input) { return F::logsigmoid(input); }
void LogSigmoidImpl::reset() {}
void LogSigmoidImpl::pretty_print(std::ostream& stream) const { stream << "LogSigmoid()"; }

}  // namespace ember::nn
