// Autograd overhead: recording tiny ops and running their backward, where the engine's own
// cost is all there is. Compared with libtorch in the same run when available, in alternating
// rounds so that load from other processes affects both alike.
//
// Usage: bench_autograd [rounds]   (default 15 rounds)

#include <ember/ember.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

using ember_bench::do_not_optimize;

using ember_bench::compare_row;

// f(x, y) = 6 exp(-y) / (1 + x^2 + y^2) + 2 x^3, written the same way for both libraries.
template <class T>
T f_xy(const T& x, const T& y) {
  return 6 * (-y).exp() / (1 + x.pow(2) + y.pow(2)) + 2 * x.pow(3);
}

// The exact gradients at (2, 4), with D = 1 + x^2 + y^2: df/dx = 6x^2 - 12x e^-y / D^2 (23.999)
// and df/dy = -6 e^-y (D + 2y) / D^2 (-0.0072266).
bool check(const char* who, double dx, double dy) {
  const double x = 2, y = 4, d = 1 + x * x + y * y;
  const double want_dx = 6 * x * x - 12 * x * std::exp(-y) / (d * d);
  const double want_dy = -6 * std::exp(-y) * (d + 2 * y) / (d * d);
  const bool ok = std::abs(dx - want_dx) < 1e-12 && std::abs(dy - want_dy) < 1e-12;
  std::printf("%s: df/dx = %.7f, df/dy = %.7f (%s)\n", who, dx, dy, ok ? "ok" : "WRONG");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(3, std::atoi(argv[1])) : 15;
  ember::set_num_threads(1);
  bool all_ok = true;

  // (a) forward and backward of f at x = 2, y = 4 on 0-d double tensors.
  ember::Tensor ex = ember::full({}, 2.0, ember::kDouble).requires_grad_();
  ember::Tensor ey = ember::full({}, 4.0, ember::kDouble).requires_grad_();
  std::function<void()> ember_f;
  try {
    const auto g = ember::autograd::grad({f_xy(ex, ey)}, {ex, ey});
    all_ok = check("ember   ", g[0].item<double>(), g[1].item<double>()) && all_ok;
    ember_f = [&] { do_not_optimize(ember::autograd::grad({f_xy(ex, ey)}, {ex, ey})); };
  } catch (const ember::Error& e) {
    std::printf("ember   : f(x, y) is not differentiable in this build (%s)\n", e.what());
  }
  // (b) one recorded op, (c) a 100-op chain: mul and add only.
  ember::Tensor ea = ember::ones({1}, ember::kFloat).requires_grad_();
  ember::Tensor eb = ember::full({1}, 1.5, ember::kFloat);
  ember::Tensor ec = ember::ones({16}, ember::kFloat).requires_grad_();
  const auto ember_chain = [&] {
    ember::Tensor h = ec;
    for (int i = 0; i < 50; ++i) h = h * 1.001 + 0.5;
    return h;
  };
  const ember::Tensor ember_seed = ember::ones({16}, ember::kFloat);

  std::function<void()> torch_f, torch_mul, torch_chain_fwd, torch_chain_fwd_bwd;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(1);
  torch::Tensor tx = torch::full({}, 2.0, torch::kDouble).requires_grad_();
  torch::Tensor ty = torch::full({}, 4.0, torch::kDouble).requires_grad_();
  {
    const auto g = torch::autograd::grad({f_xy(tx, ty)}, {tx, ty});
    all_ok = check("libtorch", g[0].item<double>(), g[1].item<double>()) && all_ok;
  }
  torch::Tensor ta = torch::ones({1}, torch::kFloat).requires_grad_();
  torch::Tensor tb = torch::full({1}, 1.5, torch::kFloat);
  torch::Tensor tc = torch::ones({16}, torch::kFloat).requires_grad_();
  const torch::Tensor torch_seed = torch::ones({16}, torch::kFloat);
  const auto torch_chain = [&] {
    torch::Tensor h = tc;
    for (int i = 0; i < 50; ++i) h = h * 1.001 + 0.5;
    return h;
  };
  torch_f = [&] { do_not_optimize(torch::autograd::grad({f_xy(tx, ty)}, {tx, ty})); };
  torch_mul = [&] { do_not_optimize(ta * tb); };
  torch_chain_fwd = [&] { do_not_optimize(torch_chain()); };
  torch_chain_fwd_bwd = [&] {
    do_not_optimize(torch::autograd::grad({torch_chain()}, {tc}, {torch_seed}));
  };
#endif

  std::printf("\nAutograd overhead (1 thread), median microseconds per call, %d rounds\n", rounds);
  std::printf("%-44s %10s %10s %8s\n", "op", "ember", "libtorch", "ratio");
  compare_row("f(x, y) forward + grad, 0-d double", rounds, 2000, ember_f, torch_f);
  compare_row(
      "x * y recorded, 1 element (x requires grad)", rounds, 20000,
      [&] { do_not_optimize(ea * eb); }, torch_mul);
  compare_row(
      "100-op mul/add chain forward, 16 floats", rounds, 500,
      [&] { do_not_optimize(ember_chain()); }, torch_chain_fwd);
  compare_row(
      "100-op chain forward + backward (grad)", rounds, 500,
      [&] { do_not_optimize(ember::autograd::grad({ember_chain()}, {ec}, {ember_seed})); },
      torch_chain_fwd_bwd);
  return all_ok ? 0 : 1;
}
