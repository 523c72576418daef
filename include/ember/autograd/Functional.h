#pragma once

// Higher-level differentiation of whole functions, as torch.autograd.functional: Jacobians,
// Hessians, vector-Jacobian and Jacobian-vector products, computed with the reverse-mode
// engine (the Jacobian-vector product by the double-backward trick).
//
// Each takes either a function of one tensor or a function of a list of tensors; the function
// returns one tensor. The inputs are not changed: the function is evaluated on fresh tensors
// (detached ones, or differentiable aliases when create_graph is set and an input requires
// grad), and the results have no history unless create_graph is set. With strict, an output
// that does not depend on an input is an error; otherwise its derivative is zeros.

#include <functional>
#include <utility>
#include <vector>

#include "ember/autograd/Node.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::autograd::functional {

using TensorFn = std::function<Tensor(const Tensor&)>;
using TensorListFn = std::function<Tensor(const variable_list&)>;

/// The Jacobian of `func` at `inputs`, of shape output.sizes() + input.sizes().
EMBER_API Tensor jacobian(const TensorFn& func, const Tensor& inputs, bool create_graph = false,
                          bool strict = false);
/// One Jacobian per input: output.sizes() + inputs[i].sizes().
EMBER_API variable_list jacobian(const TensorListFn& func, const variable_list& inputs,
                                 bool create_graph = false, bool strict = false);

/// The Hessian of a function returning one element, of shape input.sizes() + input.sizes().
EMBER_API Tensor hessian(const TensorFn& func, const Tensor& inputs, bool create_graph = false,
                         bool strict = false);
/// The blocks H[i][j] of the Hessian, of shape inputs[i].sizes() + inputs[j].sizes().
EMBER_API std::vector<variable_list> hessian(const TensorListFn& func, const variable_list& inputs,
                                             bool create_graph = false, bool strict = false);

/// (func(inputs), v^T J): `v` has the output's shape (it may be omitted when the output has one
/// element); the product has the input's shape.
EMBER_API std::pair<Tensor, Tensor> vjp(const TensorFn& func, const Tensor& inputs,
                                        const Tensor& v = {}, bool create_graph = false,
                                        bool strict = false);
EMBER_API std::pair<Tensor, variable_list> vjp(const TensorListFn& func,
                                               const variable_list& inputs, const Tensor& v = {},
                                               bool create_graph = false, bool strict = false);

/// (func(inputs), J v): `v` has the input's shape (one per input; it may be omitted when there
/// is one input of one element); the product has the output's shape.
EMBER_API std::pair<Tensor, Tensor> jvp(const TensorFn& func, const Tensor& inputs,
                                        const Tensor& v = {}, bool create_graph = false,
                                        bool strict = false);
EMBER_API std::pair<Tensor, Tensor> jvp(const TensorListFn& func, const variable_list& inputs,
                                        const variable_list& v = {}, bool create_graph = false,
                                        bool strict = false);

}  // namespace ember::autograd::functional
