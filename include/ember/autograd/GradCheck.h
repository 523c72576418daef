#pragma once

// Finite-difference checks of gradients, as torch.autograd.gradcheck / gradgradcheck.

#include <functional>

#include "ember/autograd/Node.h"
#include "ember/core/Export.h"

namespace ember::autograd {

/// The function being checked: inputs to outputs.
using GradCheckFn = std::function<variable_list(const variable_list&)>;

/// Compares the gradients autograd computes for `fn` at `inputs` (the ones that require grad,
/// which should be float64) with central finite differences of step `eps`: each element of
/// the Jacobian must satisfy |analytical - numerical| <= atol + rtol * |numerical|. Returns
/// true when it holds; otherwise throws an ember::Error naming the output, the input and both
/// Jacobians (or returns false when `raise_exception` is false).
EMBER_API bool gradcheck(const GradCheckFn& fn, const variable_list& inputs, double eps = 1e-6,
                         double atol = 1e-5, double rtol = 1e-3, bool raise_exception = true);

/// gradcheck of the gradient itself: checks the second derivatives of `fn` at `inputs` by
/// differentiating grad(fn(inputs), inputs, grad_outputs, create_graph) with respect to the
/// inputs and `grad_outputs` (random float64 ones when empty).
EMBER_API bool gradgradcheck(const GradCheckFn& fn, const variable_list& inputs,
                             const variable_list& grad_outputs = {}, double eps = 1e-6,
                             double atol = 1e-5, double rtol = 1e-3, bool raise_exception = true);

}  // namespace ember::autograd
