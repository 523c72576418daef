#pragma once

// torch::autograd's free functions: backward() of several tensors and grad().

#include <optional>
#include <vector>

#include "ember/autograd/Node.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// Accumulates into the leaves' grad() the gradients of `tensors` (weighted by `grad_tensors`,
/// which may be omitted for one-element tensors). Without `retain_graph` (which defaults to
/// `create_graph`) the graph's saved tensors are freed.
EMBER_API void backward(const variable_list& tensors, const variable_list& grad_tensors = {},
                        std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
                        const variable_list& inputs = {});

/// The gradients of `outputs` with respect to `inputs`, returned rather than accumulated.
/// With `create_graph` they have a graph of their own (for higher derivatives). An input the
/// outputs do not depend on is an error unless `allow_unused`, which gives an undefined tensor.
EMBER_API variable_list grad(const variable_list& outputs, const variable_list& inputs,
                             const variable_list& grad_outputs = {},
                             std::optional<bool> retain_graph = std::nullopt,
                             bool create_graph = false, bool allow_unused = false);

}  // namespace ember::autograd
