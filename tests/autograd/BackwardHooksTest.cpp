// Post-accumulate-grad hooks and end-of-backward callbacks: when they run relative to the
// gradients (what a data-parallel reducer relies on) and the errors they give.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ember/autograd/Hooks.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;

TEST(BackwardHooks, PostAccumulateHookSeesTheAccumulatedGradient) {
  Tensor w = ember::ones({3}, ember::kDouble).requires_grad_();
  std::vector<double> seen;
  const unsigned handle = ember::autograd::register_post_accumulate_grad_hook(
      w, [&](const Tensor& p) { seen.push_back(p.grad().sum().item<double>()); });
  (w * 2).sum().backward();
  (w * 3).sum().backward();  // accumulates onto the first gradient
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_DOUBLE_EQ(seen[0], 6.0);
  EXPECT_DOUBLE_EQ(seen[1], 15.0);
  ember::autograd::remove_post_accumulate_grad_hook(w, handle);
  (w * 1).sum().backward();
  EXPECT_EQ(seen.size(), 2u);
}

TEST(BackwardHooks, PostAccumulateHookRunsOncePerBackwardForALeafUsedTwice) {
  Tensor w = ember::ones({2}).requires_grad_();
  int calls = 0;
  ember::autograd::register_post_accumulate_grad_hook(w, [&](const Tensor&) { ++calls; });
  (w * w + w).sum().backward();
  EXPECT_EQ(calls, 1);
}

TEST(BackwardHooks, PostAccumulateHookNeedsALeafThatRequiresGrad) {
  Tensor plain = ember::ones({2});
  EXPECT_THROW(ember::autograd::register_post_accumulate_grad_hook(plain, [](const Tensor&) {}),
               ember::Error);
  Tensor w = ember::ones({2}).requires_grad_();
  Tensor nonleaf = w * 2;
  try {
    ember::autograd::register_post_accumulate_grad_hook(nonleaf, [](const Tensor&) {});
    FAIL() << "expected an ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("non-leaf"), std::string::npos) << e.what();
  }
}

TEST(BackwardHooks, QueuedCallbackRunsAfterEveryNodeInOrder) {
  Tensor a = ember::ones({2}).requires_grad_();
  Tensor b = ember::ones({2}).requires_grad_();
  std::vector<std::string> events;
  ember::autograd::register_post_accumulate_grad_hook(a, [&](const Tensor&) {
    events.push_back("a");
    ember::autograd::queue_callback([&] {
      // Every gradient is in place when the callback runs.
      events.push_back(b.grad().defined() ? "first(b ready)" : "first(b missing)");
      ember::autograd::queue_callback([&] { events.push_back("queued by a callback"); });
    });
  });
  ember::autograd::register_post_accumulate_grad_hook(
      b, [&](const Tensor&) { events.push_back("b"); });
  ((a * 2).sum() + (b * 3).exp().sum()).backward();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2], "first(b ready)");
  EXPECT_EQ(events[3], "queued by a callback");
  // A callback belongs to one pass: the next backward starts with none.
  events.clear();
  (b * 1).sum().backward();
  EXPECT_EQ(events, std::vector<std::string>{"b"});
}

TEST(BackwardHooks, QueueCallbackOutsideBackwardIsAnError) {
  try {
    ember::autograd::queue_callback([] {});
    FAIL() << "expected an ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_EQ(std::string(e.what()), "Final callbacks can only be installed during backward pass.");
  }
}

}  // namespace
