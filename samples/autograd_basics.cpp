// Autograd basics, as the PyTorch autograd tutorials teach them: a gradient by hand and by
// backward(), the gradient and Hessian of a least-squares loss, the chain rule checked term by
// term with retained intermediate gradients, sigmoid's derivative, and the graph drawn with
// Graphviz.
//
// Usage: autograd_basics [--out DIR]

#include <ember/ember.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "SampleOptions.h"

using ember::Tensor;

namespace {

void section(const char* title) { std::printf("\n== %s\n", title); }

double value(const Tensor& t) { return t.item<double>(); }

}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "Autograd basics: gradients, Hessians and the chain rule", /*default_epochs=*/1);
  ember::manual_seed(options.seed);

  section("y = x^2 at x = 3.5");
  // PyTorch: x = torch.tensor(3.5, requires_grad=True); y = x * x; y.backward()
  Tensor x = ember::tensor(3.5, ember::requires_grad());
  Tensor y = x * x;
  y.backward();
  std::cout << "y = " << y << "\n";
  std::cout << "dy/dx = 2x = " << x.grad() << "\n";

  section("L = sum((y - w*x)^2): gradient and Hessian with respect to w");
  const Tensor xs = ember::tensor({1.0, 2.0, 3.0});
  const Tensor ys = ember::tensor({2.0, 3.0, 7.0});
  Tensor w = ember::tensor({0.5, 1.0, 1.5}, ember::requires_grad());
  Tensor loss = (ys - w * xs).pow(2).sum();
  loss.backward();
  std::cout << "L = " << loss << "\n";
  std::cout << "dL/dw = -2 x (y - w x) = " << w.grad() << "\n";
  const Tensor hessian = ember::autograd::functional::hessian(
      [&](const Tensor& v) { return (ys - v * xs).pow(2).sum(); }, w.detach());
  std::cout << "Hessian (2 x_i^2 on the diagonal):\n" << hessian << "\n";

  section("f(x, y) = 6 exp(-y) / (1 + x^2 + y^2) + 2 x^3 at x = 2, y = 4");
  Tensor fx = ember::tensor(2.0, ember::dtype(ember::kDouble).requires_grad(true));
  Tensor fy = ember::tensor(4.0, ember::dtype(ember::kDouble).requires_grad(true));
  // The intermediate results keep their gradients (retain_grad), to check the chain rule.
  Tensor a = ember::exp(-fy);
  Tensor b = 1 + fx * fx + fy * fy;
  Tensor c = 6 * a / b;
  Tensor d = 2 * fx.pow(3);
  Tensor f = c + d;
  for (Tensor* t : {&a, &b, &c, &d}) t->retain_grad();
  f.backward();
  // By hand: df/da = 6/b, df/db = -6a/b^2, then through a = exp(-y), b = 1 + x^2 + y^2,
  // d = 2x^3.
  const double av = value(a), bv = value(b), xv = 2, yv = 4;
  const double df_da = 6 / bv, df_db = -6 * av / (bv * bv);
  const double chain_dx = df_db * 2 * xv + 6 * xv * xv;
  const double chain_dy = df_da * -av + df_db * 2 * yv;
  const double exact_dx = 6 * xv * xv - 12 * xv * std::exp(-yv) / (bv * bv);
  const double exact_dy = -6 * std::exp(-yv) * (bv + 2 * yv) / (bv * bv);
  std::printf("f = %.6f\n", value(f));
  std::printf("%-10s %14s %14s %14s\n", "", "autograd", "chain rule", "analytical");
  std::printf("%-10s %14.7g %14.7g %14s\n", "df/da", value(a.grad()), df_da, "");
  std::printf("%-10s %14.7g %14.7g %14s\n", "df/db", value(b.grad()), df_db, "");
  std::printf("%-10s %14.7g %14.7g %14.7g\n", "df/dx", value(fx.grad()), chain_dx, exact_dx);
  std::printf("%-10s %14.7g %14.7g %14.7g\n", "df/dy", value(fy.grad()), chain_dy, exact_dy);

  section("sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))");
  Tensor z = ember::linspace(-4, 4, 9, ember::kDouble).requires_grad_();
  Tensor s = ember::sigmoid(z);
  s.sum().backward();
  std::cout << "z                 = " << z.detach() << "\n";
  std::cout << "autograd          = " << z.grad() << "\n";
  std::cout << "s (1 - s)         = " << (s * (1 - s)).detach() << "\n";

  section("The graph of f");
  const std::string dot = ember::autograd::to_dot(f, {{"x", fx}, {"y", fy}});
  const std::string dot_path = ember_samples::output_path(options.out, "autograd_graph.dot");
  std::ofstream(dot_path) << dot;
  std::cout << "DOT written to " << dot_path << "\n";
  const std::string svg_path = ember_samples::output_path(options.out, "autograd_graph.svg");
  if (std::system("command -v dot > /dev/null 2>&1") == 0 &&
      std::system(("dot -Tsvg '" + dot_path + "' -o '" + svg_path + "'").c_str()) == 0) {
    std::cout << "SVG written to " << svg_path << " (Graphviz)\n";
  } else {
    std::cout << "Graphviz's dot is not installed: no SVG (apt-get install graphviz)\n";
  }
  return 0;
}
