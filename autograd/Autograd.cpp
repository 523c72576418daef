#include "ember/autograd/Autograd.h"

#include "autograd/AutogradMeta.h"
#include "autograd/Engine.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

// The roots' edges and their starting gradients: ones for one-element outputs without one.
void make_roots(const variable_list& outputs, const variable_list& grad_outputs, edge_list& roots,
                variable_list& grads) {
  EMBER_CHECK(grad_outputs.empty() || grad_outputs.size() == outputs.size(),
              "got {} tensors and {} gradients", outputs.size(), grad_outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& out = outputs[i];
    EMBER_CHECK(out.defined(), "element {} of tensors is undefined", i);
    Edge edge = gradient_edge(out);
    EMBER_CHECK(out.requires_grad() && edge.is_valid(),
                "element {} of tensors does not require grad and does not have a grad_fn", i);
    Tensor grad = grad_outputs.empty() ? Tensor() : grad_outputs[i];
    if (!grad.defined()) {
      EMBER_CHECK(out.numel() == 1, "grad can be implicitly created only for scalar outputs");
      grad = ones_like(out);
    } else {
      EMBER_CHECK(grad.sizes() == out.sizes(),
                  "Mismatch in shape: grad_output[{}] has a shape of {} and output[{}] has a "
                  "shape of {}.",
                  i, grad.sizes(), i, out.sizes());
      EMBER_CHECK(grad.is_floating_point() || !out.is_floating_point(),
                  "For complex Tensors, both grad_output and output are required to have the "
                  "same dtype. Mismatch in dtype: grad_output[{}] has a dtype of {} and "
                  "output[{}] has a dtype of {}.",
                  i, grad.dtype(), i, out.dtype());
    }
    roots.push_back(std::move(edge));
    grads.push_back(std::move(grad));
  }
}

edge_list input_edges(const variable_list& inputs) {
  edge_list edges;
  edges.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& in = inputs[i];
    EMBER_CHECK(in.defined(), "input {} is undefined", i);
    EMBER_CHECK(in.requires_grad(), "One of the differentiated Tensors does not require grad");
    edges.push_back(gradient_edge(in));
  }
  return edges;
}

}  // namespace

void backward(const variable_list& tensors, const variable_list& grad_tensors,
              std::optional<bool> retain_graph, bool create_graph, const variable_list& inputs) {
  edge_list roots;
  variable_list grads;
  make_roots(tensors, grad_tensors, roots, grads);
  const bool keep_graph = retain_graph.value_or(create_graph);
  if (inputs.empty()) {
    (void)Engine::execute(roots, grads, keep_graph, create_graph);
    return;
  }
  // Only the given tensors accumulate.
  const variable_list result =
      Engine::execute(roots, grads, keep_graph, create_graph, input_edges(inputs));
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!result[i].defined()) continue;
    Tensor& g = ensure_meta(inputs[i]).mutable_grad();
    if (!g.defined()) {
      g = create_graph ? result[i] : result[i].detach();
    } else if (create_graph) {
      g = g + result[i];
    } else {
      NoGradGuard no_grad;
      g.add_(result[i]);
    }
  }
}

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs, std::optional<bool> retain_graph,
                   bool create_graph, bool allow_unused) {
  EMBER_CHECK(!inputs.empty(), "grad requires at least one input tensor");
  edge_list roots;
  variable_list grads;
  make_roots(outputs, grad_outputs, roots, grads);
  variable_list result = Engine::execute(roots, grads, retain_graph.value_or(create_graph),
                                         create_graph, input_edges(inputs));
  for (size_t i = 0; i < result.size(); ++i) {
    EMBER_CHECK(allow_unused || result[i].defined(),
                "One of the differentiated Tensors appears to not have been used in the graph. "
                "Set allow_unused=True if this is the desired behavior.");
  }
  return result;
}

}  // namespace ember::autograd
