// Linear regression, as the tutorials teach it: nn::Linear(1, 1) and nn::MSELoss, with the
// parameters updated by hand under NoGradGuard (p -= lr * p.grad). Fits y = 2x + 1 + noise and
// plots the data with the fitted line.
//
// Usage: linear_regression [--epochs N] [--seed S] [--device D] [--out DIR]

#include <ember/ember.h>

#include <cstdio>
#include <iostream>
#include <vector>

#include "Plot.h"
#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;

namespace {}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "Linear regression with nn::Linear, nn::MSELoss and manual updates", 200);
  ember::manual_seed(options.seed);
  const ember::Device device = ember_samples::choose_device(options.device);

  // y = 2x + 1 plus noise, 100 points in [0, 5].
  const Tensor x = ember::linspace(0, 5, 100).unsqueeze(1);
  const Tensor y = 2 * x + 1 + 0.5 * ember::randn({100, 1});

  nn::Linear model(1, 1);
  model->to(device);
  nn::MSELoss criterion;
  const double lr = 0.05;
  const Tensor xd = x.to(device), yd = y.to(device);

  std::cout << "model: " << model << "\n";
  ember_samples::Progress progress(options.epochs);
  std::vector<double> losses;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // PyTorch: loss = criterion(model(x), y); model.zero_grad(); loss.backward()
    //          with torch.no_grad(): for p in model.parameters(): p -= lr * p.grad
    Tensor loss = criterion(model(xd), yd);
    model->zero_grad();
    loss.backward();
    {
      ember::NoGradGuard no_grad;
      for (auto& p : model->parameters()) p -= lr * p.grad();
    }
    losses.push_back(loss.item<double>());
    progress.update(epoch, losses.back());
  }
  progress.finish();
  std::printf("fitted: y = %.4f x + %.4f (data made with y = 2x + 1 + noise)\n",
              model->weight.item<double>(), model->bias.item<double>());

  const std::string plot = ember_samples::output_path(options.out, "linear_regression.svg");
  Tensor fitted;
  {
    ember::NoGradGuard no_grad;
    fitted = model(xd);
  }
  ember_samples::Plot("Linear regression: nn::Linear(1, 1) fitted with MSE", "x", "y")
      .scatter(ember_samples::to_vector(x), ember_samples::to_vector(y), "data")
      .line(ember_samples::to_vector(x), ember_samples::to_vector(fitted), "fitted line")
      .save(plot);
  std::cout << "plot written to " << plot << "\n";
  std::printf("loss: first %.4f, last %.4f\n", losses.front(), losses.back());
  return 0;
}
