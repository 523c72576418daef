#pragma once

// Two hooks into the backward pass for code that reacts to gradients as they are produced (a
// data-parallel reducer starting communication while the rest of backward runs):
// torch.Tensor.register_post_accumulate_grad_hook and the engine's queue_callback.

#include <functional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// Calls `hook(leaf)` each time backward has accumulated a gradient into leaf.grad() (after
/// the leaf's tensor hooks). `leaf` must be a leaf that requires grad. Returns a handle for
/// remove_post_accumulate_grad_hook.
EMBER_API unsigned register_post_accumulate_grad_hook(const Tensor& leaf,
                                                      std::function<void(const Tensor&)> hook);
EMBER_API void remove_post_accumulate_grad_hook(const Tensor& leaf, unsigned handle);

/// Runs `callback` once the backward pass now running has finished every node (PyTorch's
/// Variable._execution_engine.queue_callback); callbacks run in the order queued, and may queue
/// more. An ember::Error outside a backward pass.
EMBER_API void queue_callback(std::function<void()> callback);

}  // namespace ember::autograd
