// Multi-layer perceptrons, three ways the tutorials use them:
//  1. y = x1^2 + x2^2 + x3^2 learnt by a 3-10-1 MLP with one SGD step per sample;
//  2. 4 sin(pi x) cos(6 pi x^2) fitted by a Tanh Sequential (plots of the fit and the loss);
//  3. a named Sequential of Linear and Sigmoid layers whose parameter gradients are printed.
//
// Usage: mlp [--epochs N] [--seed S] [--device D] [--out DIR]

#include <ember/ember.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

#include "Plot.h"
#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;

namespace {}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(argc, argv, "Multi-layer perceptrons", 500);
  ember::manual_seed(options.seed);
  const ember::Device device = ember_samples::choose_device(options.device);

  // ---- 1. Sum of squares, per-sample SGD ------------------------------------------------------
  std::printf("\n== 1. y = x1^2 + x2^2 + x3^2, one SGD step per sample\n");
  const Tensor xs = (ember::rand({200, 3}) * 2 - 1).to(device);
  const Tensor ys = xs.pow(2).sum(1, /*keepdim=*/true);
  nn::Linear fc1(3, 10);
  nn::Linear fc2(10, 1);
  nn::Sequential squares(fc1, nn::ReLU(), fc2);
  squares->to(device);
  ember::optim::SGD sgd(squares->parameters(), ember::optim::SGDOptions(0.01));
  nn::MSELoss mse;
  const int sample_epochs = std::max(1, options.epochs / 25);
  for (int epoch = 1; epoch <= sample_epochs; ++epoch) {
    double total = 0;
    for (int64_t i = 0; i < xs.size(0); ++i) {
      sgd.zero_grad();
      Tensor loss = mse(squares->forward(xs[i]), ys[i]);
      loss.backward();
      sgd.step();
      total += loss.item<double>();
    }
    std::printf("epoch %d/%d  mean loss %.5f\n", epoch, sample_epochs, total / xs.size(0));
  }
  {
    ember::NoGradGuard no_grad;
    const Tensor probe = ember::tensor({{0.5f, -0.5f, 0.25f}}).to(device);
    std::printf("f(0.5, -0.5, 0.25) = %.4f (exact 0.5625)\n",
                squares->forward(probe).item<double>());
  }

  // ---- 2. A wiggly function fitted by a Tanh network ------------------------------------------
  std::printf("\n== 2. 4 sin(pi x) cos(6 pi x^2) fitted by a 1-32-32-1 Tanh Sequential\n");
  const Tensor x = ember::linspace(-1, 1, 200).unsqueeze(1);
  const Tensor y = 4 * ember::sin(M_PI * x) * ember::cos(6 * M_PI * x.pow(2));
  nn::Linear l1(1, 32);
  nn::Linear l2(32, 32);
  nn::Linear l3(32, 1);
  nn::Sequential net(l1, nn::Tanh(), l2, nn::Tanh(), l3);
  net->to(device);
  std::cout << net << "\n";
  ember::optim::Adam adam(net->parameters(), ember::optim::AdamOptions(0.01));
  const Tensor xd = x.to(device), yd = y.to(device);
  std::vector<double> epochs, losses;
  ember_samples::Progress progress(options.epochs * 4);
  for (int epoch = 1; epoch <= options.epochs * 4; ++epoch) {
    adam.zero_grad();
    Tensor loss = mse(net->forward(xd), yd);
    loss.backward();
    adam.step();
    epochs.push_back(epoch);
    losses.push_back(loss.item<double>());
    progress.update(epoch, losses.back());
  }
  progress.finish();
  std::printf("loss: first %.4f, last %.4f\n", losses.front(), losses.back());
  Tensor fit;
  {
    ember::NoGradGuard no_grad;
    fit = net->forward(xd);
  }
  const std::string fit_plot = ember_samples::output_path(options.out, "mlp_fit.svg");
  ember_samples::Plot("4 sin(pi x) cos(6 pi x^2) fitted by a Tanh MLP", "x", "y")
      .scatter(ember_samples::to_vector(x), ember_samples::to_vector(y), "data")
      .line(ember_samples::to_vector(x), ember_samples::to_vector(fit), "MLP")
      .save(fit_plot);
  const std::string loss_plot = ember_samples::output_path(options.out, "mlp_loss.svg");
  ember_samples::Plot("Training loss of the Tanh MLP (Adam, lr = 0.01)", "epoch", "MSE loss")
      .line(epochs, losses, "training loss")
      .log_y()
      .save(loss_plot);
  std::cout << "plots written to " << fit_plot << " and " << loss_plot << "\n";

  // ---- 3. A named Sequential and its gradients ------------------------------------------------
  std::printf("\n== 3. A named Sequential and its parameter gradients\n");
  ember::manual_seed(options.seed);
  nn::Linear linear1(3, 3);
  nn::Linear linear2(3, 1);
  nn::Sequential named({{"linear1", linear1},
                        {"sigmoid1", nn::Sigmoid()},
                        {"linear2", linear2},
                        {"sigmoid2", nn::Sigmoid()}});
  std::cout << named << "\n";
  const Tensor input = ember::tensor({{1.f, 2.f, 3.f}});
  Tensor out = named->forward(input);
  out.backward();
  for (const auto& p : named->named_parameters()) {
    std::cout << p.key() << ".grad = " << p.value().grad() << "\n";
  }
  return 0;
}
