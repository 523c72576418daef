// What the graph keeps alive: saved tensors go with backward unless the graph is retained,
// and a long training loop does not grow the CPU allocator's use.

#include <gtest/gtest.h>

#include "ember/ember.h"

namespace {

using ember::Tensor;

TEST(AutogradMemory, SavedTensorsAreFreedAfterBackward) {
  Tensor x = ember::ones({1000}, ember::kDouble).requires_grad_();
  Tensor h = x * 2;
  Tensor y = h * h;  // MulBackward0 keeps h (twice: it is both inputs)
  EXPECT_GT(h.use_count(), 1u);
  y.backward(ember::ones({1000}, ember::kDouble), /*retain_graph=*/true);
  EXPECT_GT(h.use_count(), 1u);
  y.backward(ember::ones({1000}, ember::kDouble));
  EXPECT_EQ(h.use_count(), 1u);
  EXPECT_DOUBLE_EQ(x.grad()[0].item<double>(), 16.0);
}

TEST(AutogradMemory, IntermediatesOnlyTheGraphHoldsAreReleasedByBackward) {
  Tensor x = ember::ones({4096}, ember::kDouble).requires_grad_();
  const auto in_use = [] { return ember::cpu::memory_stats().bytes_in_use; };
  Tensor y = (x * 2) * (x * 3);  // the two products live only in the graph
  const size_t before_backward = in_use();
  y.backward(ember::ones({4096}, ember::kDouble));
  // x.grad() (one 4096-double tensor) was allocated; the two saved products were freed.
  const size_t bytes = 4096 * sizeof(double);
  EXPECT_LE(in_use() + bytes, before_backward)
      << "before " << before_backward << ", after " << in_use();
}

// Under AddressSanitizer the allocator caches nothing (every free is real, so that
// use-after-free is caught): blocks then come from the system on every step.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAllocatorCaches = false;
#else
constexpr bool kAllocatorCaches = true;
#endif

// A step of SGD under NoGradGuard, as libtorch code writes it.
void sgd_step(std::initializer_list<Tensor> params, double lr) {
  ember::NoGradGuard no_grad;
  for (Tensor w : params) {
    w.sub_(w.grad() * lr);
    w.mutable_grad().zero_();
  }
}

// Trains for `steps` steps with `step`, checking that after a warm-up the allocator's counters
// no longer move: no tensor survives a step except the parameters and their gradients.
template <class Step>
void expect_steady_memory(int steps, Step&& step) {
  for (int i = 0; i < 100; ++i) step();
  const ember::cpu::MemoryStats warm = ember::cpu::memory_stats();
  for (int i = 0; i < steps; ++i) step();
  const ember::cpu::MemoryStats end = ember::cpu::memory_stats();
  EXPECT_EQ(end.bytes_in_use, warm.bytes_in_use);
  EXPECT_EQ(end.system_allocations - end.system_frees, warm.system_allocations - warm.system_frees);
  EXPECT_EQ(end.bytes_cached, warm.bytes_cached);
  if (kAllocatorCaches) {
    // Steady state is served from the cache alone: no new block from the system.
    EXPECT_EQ(end.system_allocations, warm.system_allocations);
  }
}

TEST(AutogradMemory, ElementwiseModelTrainsWithSteadyMemory) {
  // A per-feature model in arithmetic ops only: out = s(x * w1 + b1) * w2 + b2, with the
  // squashing s(h) = h / (h * h + 1).
  Tensor x = ember::arange(32, ember::kDouble).view({8, 4}).mul(0.1).sub(1.5);
  Tensor target = x * 0.5 + 0.25;
  Tensor w1 = ember::full({4}, 0.3, ember::kDouble).requires_grad_();
  Tensor b1 = ember::zeros({4}, ember::kDouble).requires_grad_();
  Tensor w2 = ember::full({4}, 0.7, ember::kDouble).requires_grad_();
  Tensor b2 = ember::zeros({4}, ember::kDouble).requires_grad_();
  double first_loss = -1;
  double last_loss = 0;
  auto step = [&] {
    Tensor h = x * w1 + b1;
    Tensor out = h / (h * h + 1) * w2 + b2;
    Tensor err = out - target;
    Tensor loss = err * err;
    loss.backward(ember::ones_like(loss) / 32.0);
    {
      ember::NoGradGuard no_grad;
      last_loss = (loss.sum() / 32.0).item<double>();
    }
    if (first_loss < 0) first_loss = last_loss;
    sgd_step({w1, b1, w2, b2}, 0.1);
  };
  expect_steady_memory(10000, step);
  EXPECT_LT(last_loss, first_loss * 0.5);
}

TEST(AutogradMemory, MlpTrainingLoopKeepsAllocatorCountersSteady) {
  // Two linear layers (mm + add) with a sigmoid between them and a mean squared error.
  Tensor x = ember::arange(32, ember::kFloat).view({8, 4}).mul(0.1).sub(1.5);
  Tensor target = ember::arange(8, ember::kFloat).view({8, 1}).mul(0.1);
  Tensor w1 = ember::arange(64, ember::kFloat).view({4, 16}).mul(0.01).sub(0.3).requires_grad_();
  Tensor b1 = ember::zeros({16}, ember::kFloat).requires_grad_();
  Tensor w2 = ember::arange(16, ember::kFloat).view({16, 1}).mul(0.02).sub(0.15).requires_grad_();
  Tensor b2 = ember::zeros({1}, ember::kFloat).requires_grad_();
  double first_loss = -1;
  double last_loss = 0;
  auto step = [&] {
    Tensor h = (ember::mm(x, w1) + b1).sigmoid();
    Tensor out = ember::mm(h, w2) + b2;
    Tensor loss = (out - target).pow(2).mean();
    loss.backward();
    last_loss = loss.item<double>();
    if (first_loss < 0) first_loss = last_loss;
    sgd_step({w1, b1, w2, b2}, 0.05);
  };
  expect_steady_memory(10000, step);
  EXPECT_LT(last_loss, first_loss);
}

}  // namespace
