// Gradient descent, as the PyTorch tutorials first show it: minimise f(x) = x^2 + 2x + 1 from
// x = 5 with learning rate 0.1, once by hand (x -= lr * x.grad under no_grad) and once with
// optim::SGD; both print the tutorial's sequence 3.8 36.0, 2.84 23.04, ... and the path is
// plotted over the curve.
//
// Usage: gradient_descent [--epochs N] [--out DIR]

#include <ember/ember.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "Plot.h"
#include "SampleOptions.h"

using ember::Tensor;

namespace {

Tensor f(const Tensor& x) { return x * x + 2 * x + 1; }

// A float32 value as the tutorial shows it: six significant digits, and "36.0" rather than
// "36" (Python prints a float with its decimal point).
std::string shown(const Tensor& t) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", t.item<double>());
  std::string text = buffer;
  if (text.find_first_of(".eni") == std::string::npos) text += ".0";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "Gradient descent on x^2 + 2x + 1, by hand and with optim::SGD", 20);
  const double lr = 0.1;

  std::printf("== By hand: x -= lr * x.grad\n");
  // PyTorch:
  //   x = torch.tensor(5.0, requires_grad=True)
  //   for _ in range(epochs):
  //       loss = x**2 + 2*x + 1; loss.backward()
  //       with torch.no_grad(): x -= lr * x.grad
  //       x.grad.zero_(); print(x.item(), loss.item())
  Tensor x = ember::tensor(5.0, ember::requires_grad());
  std::vector<double> path_x = {x.item<double>()}, path_f;
  for (int step = 0; step < options.epochs; ++step) {
    Tensor loss = f(x);
    loss.backward();
    {
      ember::NoGradGuard no_grad;
      x -= lr * x.grad();
    }
    x.mutable_grad().zero_();
    std::printf("%s %s\n", shown(x).c_str(), shown(loss).c_str());
    path_f.push_back(loss.item<double>());
    path_x.push_back(x.item<double>());
  }
  path_x.pop_back();  // the last x has no loss computed at it

  std::printf("\n== With optim::SGD\n");
  // PyTorch: optimizer = torch.optim.SGD([x], lr=0.1); ... optimizer.zero_grad();
  //          loss.backward(); optimizer.step()
  Tensor y = ember::tensor(5.0, ember::requires_grad());
  ember::optim::SGD optimizer({y}, ember::optim::SGDOptions(lr));
  for (int step = 0; step < options.epochs; ++step) {
    optimizer.zero_grad();
    Tensor loss = f(y);
    loss.backward();
    optimizer.step();
    std::printf("%s %s\n", shown(y).c_str(), shown(loss).c_str());
  }
  std::printf("minimum at x = %.4f (exactly -1)\n", y.item<double>());

  std::vector<double> curve_x, curve_f;
  for (int i = 0; i <= 120; ++i) {
    const double v = -4 + 10.0 * i / 120;
    curve_x.push_back(v);
    curve_f.push_back(v * v + 2 * v + 1);
  }
  const std::string plot = ember_samples::output_path(options.out, "gradient_descent.svg");
  ember_samples::Plot("Gradient descent on f(x) = x^2 + 2x + 1 (lr = 0.1)", "x", "f(x)")
      .line(curve_x, curve_f, "f(x)")
      .scatter(path_x, path_f, "steps from x = 5")
      .save(plot);
  std::cout << "plot written to " << plot << "\n";
  return 0;
}
