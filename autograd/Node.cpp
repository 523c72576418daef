#include "ember/autograd/Node.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace ember::autograd {

namespace {
// Nodes made later run first among those ready (the order PyTorch's engine keeps).
thread_local uint64_t t_next_sequence_nr __attribute__((tls_model("initial-exec"))) = 0;
std::atomic<unsigned> g_next_hook_handle{1};
}  // namespace

Node::Node() : sequence_nr_(t_next_sequence_nr++) {}
Node::Node(edge_list&& next_edges)
    : next_edges_(std::move(next_edges)), sequence_nr_(t_next_sequence_nr++) {}
Node::~Node() {
  for (Edge& edge : next_edges_) release_node(std::move(edge.function));
}

void release_node(std::shared_ptr<Node>&& fn) noexcept {
  thread_local std::vector<std::shared_ptr<Node>> dying;
  thread_local bool draining = false;
  if (!fn) return;
  if (fn.use_count() > 1) {
    fn.reset();
    return;
  }
  dying.push_back(std::move(fn));
  if (draining) return;  // the outermost call destroys it
  draining = true;
  while (!dying.empty()) {
    std::shared_ptr<Node> last = std::move(dying.back());
    dying.pop_back();
    last.reset();  // may queue the nodes it held
  }
  draining = false;
}

uint32_t Node::add_input_metadata(const Tensor& t) {
  input_metadata_.push_back(InputMetadata{DimVector(t.sizes()), t.dtype(), t.device()});
  return static_cast<uint32_t>(input_metadata_.size() - 1);
}

unsigned Node::add_pre_hook(uint32_t input_nr, PreHook hook) {
  const unsigned handle = g_next_hook_handle.fetch_add(1, std::memory_order_relaxed);
  pre_hooks_.push_back(PreHookEntry{handle, input_nr, std::move(hook)});
  return handle;
}

bool Node::remove_pre_hook(unsigned handle) {
  auto it = std::find_if(pre_hooks_.begin(), pre_hooks_.end(),
                         [&](const PreHookEntry& e) { return e.handle == handle; });
  if (it == pre_hooks_.end()) return false;
  pre_hooks_.erase(it);
  return true;
}

void Node::set_retain_grad_hook(uint32_t input_nr, PreHook hook) {
  clear_retain_grad_hook(input_nr);
  retain_grad_hooks_.emplace_back(input_nr, std::move(hook));
}

void Node::clear_retain_grad_hook(uint32_t input_nr) {
  std::erase_if(retain_grad_hooks_, [&](const auto& h) { return h.first == input_nr; });
}

variable_list Node::run_pre_hooks(variable_list&& grads) {
  for (const PreHookEntry& entry : pre_hooks_) {
    if (entry.input_nr >= grads.size() || !grads[entry.input_nr].defined()) continue;
    Tensor replaced = entry.hook(grads[entry.input_nr]);
    if (replaced.defined()) grads[entry.input_nr] = std::move(replaced);
  }
  for (const auto& [input_nr, hook] : retain_grad_hooks_) {
    if (input_nr < grads.size() && grads[input_nr].defined()) hook(grads[input_nr]);
  }
  return std::move(grads);
}

variable_list Node::operator()(variable_list&& grads) {
  return apply(run_pre_hooks(std::move(grads)));
}

}  // namespace ember::autograd
