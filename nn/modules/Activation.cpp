// The activation layers: each forwards to its nn::functional form; printing as PyTorch's repr.

#include "ember/nn/modules/Activation.h"

#include <ostream>

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

}  // namespace ember::nn
