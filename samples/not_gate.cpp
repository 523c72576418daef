// A NOT gate learnt by one sigmoid neuron, three ways, as the tutorials build up to nn:
// by hand (tensors, backward, updates under no_grad), as a Module with its own parameters and
// an optimiser, and with nn::Linear + nn::Sigmoid. Each prints its truth table before and
// after training.
//
// Usage: not_gate [--epochs N] [--seed S] [--device D]

#include <ember/ember.h>

#include <cstdio>
#include <functional>
#include <iostream>

#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;

namespace {

void truth_table(const char* title, const std::function<Tensor(const Tensor&)>& model,
                 const Tensor& inputs) {
  ember::NoGradGuard no_grad;
  const Tensor out = model(inputs).cpu();
  std::printf("%s\n  input  output  rounded\n", title);
  for (int64_t i = 0; i < inputs.size(0); ++i) {
    const double v = out[i][0].item<double>();
    std::printf("  %5.0f  %6.4f  %7d\n", inputs[i][0].item<double>(), v, v >= 0.5 ? 1 : 0);
  }
}

// The neuron as a Module that registers its own parameters (PyTorch: nn.Parameter members).
struct NotNeuronImpl : nn::Module {
  NotNeuronImpl() {
    weight = register_parameter("weight", ember::randn({1, 1}));
    bias = register_parameter("bias", ember::randn({1}));
  }
  Tensor forward(const Tensor& x) { return ember::sigmoid(x.matmul(weight) + bias); }
  Tensor weight, bias;
};
EMBER_MODULE(NotNeuron);

}  // namespace

int main(int argc, char** argv) {
  const auto options =
      ember_samples::parse_options(argc, argv, "A NOT gate learnt by one sigmoid neuron", 500);
  ember::manual_seed(options.seed);
  const ember::Device device = ember_samples::choose_device(options.device);
  const Tensor x = ember::tensor({{0.f}, {1.f}}).to(device);
  const Tensor y = ember::tensor({{1.f}, {0.f}}).to(device);
  const double lr = 1.0;

  std::printf("\n== 1. By hand\n");
  Tensor w = ember::randn({1, 1}).to(device).requires_grad_();
  Tensor b = ember::randn({1}).to(device).requires_grad_();
  auto neuron = [&](const Tensor& in) { return ember::sigmoid(in.matmul(w) + b); };
  truth_table("before training:", neuron, x);
  Tensor loss;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    loss = (neuron(x) - y).pow(2).mean();
    loss.backward();
    {
      ember::NoGradGuard no_grad;
      w -= lr * w.grad();
      b -= lr * b.grad();
    }
    w.mutable_grad().zero_();
    b.mutable_grad().zero_();
  }
  std::printf("mean squared error after %d epochs: %.6f\n", options.epochs, loss.item<double>());
  truth_table("after training:", neuron, x);

  std::printf("\n== 2. As a Module with its parameters, optim::SGD and nn::BCELoss\n");
  NotNeuron module;
  module->to(device);
  std::printf("parameters: ");
  for (const auto& p : module->named_parameters()) std::printf("%s ", p.key().c_str());
  std::printf("\n");
  truth_table(
      "before training:", [&](const Tensor& in) { return module(in); }, x);
  ember::optim::SGD sgd(module->parameters(), lr);
  nn::BCELoss bce;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    sgd.zero_grad();
    loss = bce(module(x), y);
    loss.backward();
    sgd.step();
  }
  std::printf("binary cross-entropy after %d epochs: %.6f\n", options.epochs, loss.item<double>());
  truth_table(
      "after training:", [&](const Tensor& in) { return module(in); }, x);

  std::printf("\n== 3. With nn::Linear and nn::Sigmoid\n");
  nn::Sequential model(nn::Linear(1, 1), nn::Sigmoid());
  model->to(device);
  std::cout << model << "\n";
  truth_table(
      "before training:", [&](const Tensor& in) { return model->forward(in); }, x);
  ember::optim::SGD optimizer(model->parameters(), lr);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    optimizer.zero_grad();
    loss = bce(model->forward(x), y);
    loss.backward();
    optimizer.step();
  }
  std::printf("binary cross-entropy after %d epochs: %.6f\n", options.epochs, loss.item<double>());
  truth_table(
      "after training:", [&](const Tensor& in) { return model->forward(in); }, x);
  return 0;
}
