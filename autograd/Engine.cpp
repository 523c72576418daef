#include "autograd/Engine.h"

#include <functional>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "core/ShapeUtils.h"
#include "ember/autograd/Hooks.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::autograd {

Tensor sum_to(const Tensor& grad, IntArrayRef sizes) {
  if (grad.sizes() == sizes) return grad;
  const int64_t lead = grad.dim() - static_cast<int64_t>(sizes.size());
  DimVector dims;
  for (int64_t d = 0; d < lead; ++d) dims.push_back(d);
  for (int64_t d = lead; d < grad.dim(); ++d) {
    if (sizes[d - lead] == 1 && grad.sizes()[d] != 1) dims.push_back(d);
  }
  Tensor out = dims.empty() ? grad : grad.sum(dims, /*keepdim=*/true);
  if (lead > 0 || out.sizes() != sizes) out = out.view(sizes);
  return out;
}

namespace {

// A gradient on its way to an edge gets the shape, dtype and device of the tensor it is the
// gradient of: broadcasting summed away, promotion undone (PyTorch's validate_outputs).
Tensor validate_gradient(Tensor grad, const Node& producer, size_t index,
                         const InputMetadata& meta) {
  if (grad.sizes() != IntArrayRef(meta.sizes)) {
    const DimVector target = detail::broadcast_shapes(meta.sizes, grad.sizes());
    EMBER_CHECK(IntArrayRef(target) == grad.sizes(),
                "Function {} returned an invalid gradient at index {} - got {} but expected "
                "shape compatible with {}",
                producer.name(), index, grad.sizes(), IntArrayRef(meta.sizes));
    grad = sum_to(grad, meta.sizes);
  }
  if (grad.dtype() != meta.dtype) grad = grad.to(meta.dtype);
  if (grad.device() != meta.device) grad = grad.to(meta.device);
  return grad;
}

// The callbacks queued during the backward pass running on this thread (null outside one; a
// nested pass, run from a hook, has its own list).
thread_local std::vector<std::function<void()>>* t_final_callbacks = nullptr;

struct FinalCallbacksScope {
  std::vector<std::function<void()>> callbacks;
  std::vector<std::function<void()>>* outer = t_final_callbacks;
  FinalCallbacksScope() { t_final_callbacks = &callbacks; }
  ~FinalCallbacksScope() { t_final_callbacks = outer; }
  FinalCallbacksScope(const FinalCallbacksScope&) = delete;
  FinalCallbacksScope& operator=(const FinalCallbacksScope&) = delete;
};

struct ReadyOrder {
  bool operator()(const Node* a, const Node* b) const {
    return a->sequence_nr() < b->sequence_nr();
  }
};

}  // namespace

variable_list Engine::execute(const edge_list& roots, const variable_list& root_grads,
                              bool keep_graph, bool create_graph, const edge_list& inputs) {
  // Dependencies: how many edges lead into each node reachable from the roots.
  std::unordered_map<Node*, int> dependencies;
  std::vector<Node*> order;  // every reachable node (the DFS keeps them alive via the graph)
  {
    std::vector<Node*> stack;
    std::unordered_set<Node*> seen;
    for (const Edge& e : roots) {
      if (e.is_valid() && seen.insert(e.function.get()).second) stack.push_back(e.function.get());
    }
    while (!stack.empty()) {
      Node* node = stack.back();
      stack.pop_back();
      order.push_back(node);
      for (const Edge& next : node->next_edges()) {
        if (!next.is_valid()) continue;
        ++dependencies[next.function.get()];
        if (seen.insert(next.function.get()).second) stack.push_back(next.function.get());
      }
    }
  }

  // With inputs (grad()), only nodes on a path to one of them run; the gradients arriving at
  // the inputs' edges are captured.
  const bool capture = !inputs.empty();
  std::unordered_map<Node*, std::vector<std::pair<uint32_t, size_t>>> captures;
  std::unordered_set<Node*> needed;
  variable_list captured(inputs.size());
  if (capture) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].is_valid())
        captures[inputs[i].function.get()].emplace_back(inputs[i].input_nr, i);
    }
    // A node is needed when one of its edges leads to a captured or needed node; `order` is
    // a DFS pre-order, so walk it until nothing changes (graphs are small next to the ops).
    bool changed = true;
    while (changed) {
      changed = false;
      for (auto it = order.rbegin(); it != order.rend(); ++it) {
        Node* node = *it;
        if (needed.count(node)) continue;
        for (const Edge& next : node->next_edges()) {
          Node* f = next.function.get();
          if (f != nullptr && (captures.count(f) || needed.count(f))) {
            needed.insert(node);
            changed = true;
            break;
          }
        }
      }
    }
  }

  std::unordered_map<Node*, variable_list> buffers;
  std::priority_queue<Node*, std::vector<Node*>, ReadyOrder> ready;
  std::unordered_map<Node*, std::shared_ptr<Node>> keep_alive;

  auto deliver = [&](const Edge& edge, Tensor grad) {
    Node* target = edge.function.get();
    variable_list& buffer = buffers[target];
    if (buffer.size() < target->num_inputs()) buffer.resize(target->num_inputs());
    if (grad.defined()) {
      Tensor& slot = buffer.at(edge.input_nr);
      slot = slot.defined() ? slot + grad : std::move(grad);
    }
  };

  for (size_t i = 0; i < roots.size(); ++i) {
    if (!roots[i].is_valid()) continue;
    Node* node = roots[i].function.get();
    keep_alive.emplace(node, roots[i].function);
    deliver(roots[i], root_grads[i]);
  }
  for (const Edge& e : roots) {
    if (e.is_valid() && dependencies[e.function.get()] == 0) {
      dependencies[e.function.get()] = -1;  // queued
      ready.push(e.function.get());
    }
  }

  FinalCallbacksScope final_callbacks;
  AutoGradMode grad_mode(create_graph);
  while (!ready.empty()) {
    Node* node = ready.top();
    ready.pop();
    variable_list grads = std::move(buffers[node]);
    buffers.erase(node);
    grads.resize(node->num_inputs());

    variable_list outputs;
    const bool run = !capture || needed.count(node) != 0;
    auto cap = capture ? captures.find(node) : captures.end();
    if (cap != captures.end()) {
      grads = node->run_pre_hooks(std::move(grads));
      for (const auto& [input_nr, index] : cap->second) captured[index] = grads.at(input_nr);
      if (run) outputs = node->apply(std::move(grads));
    } else if (run) {
      bool any_defined = false;
      for (const Tensor& g : grads) any_defined = any_defined || g.defined();
      if (any_defined) outputs = (*node)(std::move(grads));
    }
    if (run && !keep_graph) node->release_variables();

    const edge_list& edges = node->next_edges();
    for (size_t i = 0; i < edges.size(); ++i) {
      const Edge& edge = edges[i];
      if (!edge.is_valid()) continue;
      Node* next = edge.function.get();
      if (i < outputs.size() && outputs[i].defined()) {
        deliver(edge, validate_gradient(std::move(outputs[i]), *node, i,
                                        next->input_metadata(edge.input_nr)));
      }
      if (--dependencies[next] == 0) ready.push(next);
    }
  }
  // By index: a callback may queue another.
  for (size_t i = 0; i < final_callbacks.callbacks.size(); ++i) {
    std::function<void()> callback = std::move(final_callbacks.callbacks[i]);
    callback();
  }
  return captured;
}

void queue_callback(std::function<void()> callback) {
  EMBER_CHECK(t_final_callbacks != nullptr,
              "Final callbacks can only be installed during backward pass.");
  t_final_callbacks->push_back(std::move(callback));
}

}  // namespace ember::autograd
