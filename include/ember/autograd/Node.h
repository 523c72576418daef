#pragma once

// The backward graph: a Node per recorded op, Edges to the nodes of its inputs.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/InlineVector.h"
#include "ember/core/SmallVector.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

using variable_list = std::vector<Tensor>;
using Variable = Tensor;

class Node;

/// Where a gradient goes: input `input_nr` of `function`.
struct Edge {
  Edge() noexcept = default;
  Edge(std::shared_ptr<Node> function_, uint32_t input_nr_) noexcept
      : function(std::move(function_)), input_nr(input_nr_) {}
  bool is_valid() const noexcept { return function != nullptr; }
  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;
};
using edge_list = std::vector<Edge>;

/// Drops `fn`. When that destroys the node, its own edges (and the tensors it saved) would
/// destroy the nodes before it recursively, overflowing the stack for long graphs (a loop of a
/// million ops); instead the nodes dying with it are destroyed one after another.
EMBER_API void release_node(std::shared_ptr<Node>&& fn) noexcept;

/// The shape, dtype and device of a gradient a node expects on one of its inputs (one of the
/// forward op's outputs).
struct InputMetadata {
  DimVector sizes;
  Dtype dtype = kFloat;
  Device device = Device(kCPU);
};

/// A function of the backward graph: takes the gradients of a forward op's outputs (its
/// inputs) and returns those of the forward op's inputs, sent along next_edges().
class EMBER_API Node : public std::enable_shared_from_this<Node> {
 public:
  Node();
  explicit Node(edge_list&& next_edges);
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node();

  /// PyTorch's name for the node ("MulBackward0").
  virtual std::string name() const = 0;
  /// Runs the backward function (hooks included).
  variable_list operator()(variable_list&& grads);

  const edge_list& next_edges() const noexcept { return next_edges_; }
  /// The same edges, under the name Python gives them.
  const edge_list& next_functions() const noexcept { return next_edges_; }
  const Edge& next_edge(size_t i) const { return next_edges_.at(i); }
  uint32_t num_outputs() const noexcept { return static_cast<uint32_t>(next_edges_.size()); }
  uint32_t num_inputs() const noexcept { return static_cast<uint32_t>(input_metadata_.size()); }
  const InputMetadata& input_metadata(size_t i) const { return input_metadata_.at(i); }
  /// Creation order: later nodes run first when both are ready.
  uint64_t sequence_nr() const noexcept { return sequence_nr_; }

  /// Room for the edges and input metadata a node will get (saves reallocations).
  void reserve(size_t num_next_edges, size_t num_inputs) {
    next_edges_.reserve(num_next_edges);
    input_metadata_.reserve(num_inputs);
  }
  /// Declares one more input (a forward output) and returns its index.
  uint32_t add_input_metadata(const Tensor& t);
  void add_next_edge(Edge edge) { next_edges_.push_back(std::move(edge)); }
  void set_next_edge(size_t i, Edge edge) { next_edges_.at(i) = std::move(edge); }

  /// Whether input `i` of the forward op needs a gradient (its edge leads somewhere).
  bool should_compute_output(size_t i) const {
    return i < next_edges_.size() && next_edges_[i].is_valid();
  }

  /// Frees the tensors saved for backward (after a pass without retain_graph).
  virtual void release_variables() {}

  /// Hooks on the gradient arriving at input `input_nr`, run before apply(); one may return
  /// a replacement gradient.
  using PreHook = std::function<Tensor(const Tensor&)>;
  unsigned add_pre_hook(uint32_t input_nr, PreHook hook);
  bool remove_pre_hook(unsigned handle);
  /// The hooks that keep grad() of retain_grad() tensors; they run after the other pre-hooks.
  void set_retain_grad_hook(uint32_t input_nr, PreHook hook);
  void clear_retain_grad_hook(uint32_t input_nr);

 protected:
  virtual variable_list apply(variable_list&& grads) = 0;

 private:
  friend class Engine;
  struct PreHookEntry {
    unsigned handle;
    uint32_t input_nr;
    PreHook hook;
  };
  variable_list run_pre_hooks(variable_list&& grads);

  edge_list next_edges_;
  InlineVector<InputMetadata, 1> input_metadata_;
  uint64_t sequence_nr_;
  std::vector<PreHookEntry> pre_hooks_;
  std::vector<std::pair<uint32_t, PreHook>> retain_grad_hooks_;
};

}  // namespace ember::autograd
