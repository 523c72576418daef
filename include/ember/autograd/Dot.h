#pragma once

// The backward graph of a tensor as Graphviz DOT text, drawn as torchviz's make_dot draws it.

#include <string>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// DOT text of the graph that produced `t` (render it with `dot -Tsvg`): one box per node
/// (lightgrey, labelled with the node's name), the leaves that accumulate gradients in
/// lightblue labelled "name\n (sizes)" with their names from `params`, `t` itself in
/// darkolivegreen1, the base of a view in darkolivegreen3 (dotted edge), and an edge from each
/// node to the nodes that use its result.
EMBER_API std::string to_dot(const Tensor& t,
                             const std::vector<std::pair<std::string, Tensor>>& params = {});

}  // namespace ember::autograd
