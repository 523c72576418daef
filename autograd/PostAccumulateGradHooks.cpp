#include <algorithm>
#include <atomic>

#include "autograd/AutogradMeta.h"
#include "ember/autograd/Hooks.h"
#include "ember/core/Check.h"

namespace ember::autograd {

unsigned register_post_accumulate_grad_hook(const Tensor& leaf,
                                            std::function<void(const Tensor&)> hook) {
  EMBER_CHECK(leaf.defined(), "register_post_accumulate_grad_hook: the tensor is undefined");
  EMBER_CHECK(leaf.requires_grad(),
              "cannot register a hook on a tensor that doesn't require gradient");
  EMBER_CHECK(leaf.is_leaf(),
              "post accumulate grad hooks cannot be registered on non-leaf tensors");
  static std::atomic<unsigned> next_handle{1};
  const unsigned handle = next_handle.fetch_add(1);
  ensure_meta(leaf).post_accumulate_hooks_.emplace_back(handle, std::move(hook));
  return handle;
}

void remove_post_accumulate_grad_hook(const Tensor& leaf, unsigned handle) {
  if (AutogradMeta* meta = get_meta(leaf)) {
    std::erase_if(meta->post_accumulate_hooks_, [&](const auto& h) { return h.first == handle; });
  }
}

}  // namespace ember::autograd
