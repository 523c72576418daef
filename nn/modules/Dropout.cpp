// nn::Dropout: F::dropout in training mode; p is checked when the layer is made.

#include "ember/nn/modules/Dropout.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/nn/functional/Dropout.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

DropoutImpl::DropoutImpl(const DropoutOptions& options_) : options(options_) { reset(); }

void DropoutImpl::reset() {
  EMBER_CHECK(options.p() >= 0. && options.p() <= 1.,
              "dropout probability has to be between 0 and 1, but got {}", options.p());
}

Tensor DropoutImpl::forward(Tensor input) {
  return functional::dropout(std::move(input), functional::DropoutFuncOptions()
                                                   .p(options.p())
                                                   .training(is_training())
                                                   .inplace(options.inplace()));
}

void DropoutImpl::pretty_print(std::ostream& stream) const {
  stream << "Dropout(p=" << detail::python_float(options.p())
         << ", inplace=" << detail::python_bool(options.inplace()) << ")";
}

}  // namespace ember::nn
