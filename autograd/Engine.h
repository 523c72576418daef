#pragma once

#include <optional>

#include "ember/autograd/Node.h"

namespace ember::autograd {

/// Runs the backward graph from `roots` (with their gradients) in dependency order, on the
/// calling thread. Without `inputs` it runs every node, leaves accumulating into grad();
/// with them it runs only what the inputs' gradients need and returns those gradients
/// (undefined where no gradient arrived).
class Engine {
 public:
  static variable_list execute(const edge_list& roots, const variable_list& root_grads,
                               bool keep_graph, bool create_graph, const edge_list& inputs = {});
};

/// Reduces a gradient to `sizes` by summing the dims broadcasting added or expanded.
Tensor sum_to(const Tensor& grad, IntArrayRef sizes);

}  // namespace ember::autograd
