// Classification of two interleaved half-moons with nn::CrossEntropyLoss: a small MLP trained
// with Adam, accuracy printed as it learns, and the points plotted by predicted class.
//
// Usage: classification [--epochs N] [--seed S] [--device D] [--out DIR]

#include <ember/ember.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

#include "Plot.h"
#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;

namespace {

// Two half-moons, as scikit-learn's make_moons: class 0 on the upper arc, class 1 on the lower
// one shifted right, plus Gaussian noise.
std::pair<Tensor, Tensor> make_moons(int64_t n, double noise) {
  const Tensor t = ember::rand({n}) * M_PI;
  const Tensor label = ember::arange(n).ge(n / 2).to(ember::kLong);  // half of each class
  const Tensor lower = label.to(ember::kFloat);
  const Tensor px = ember::cos(t) * (1 - 2 * lower) + lower;
  const Tensor py = ember::sin(t) * (1 - 2 * lower) + 0.5 * lower;
  Tensor points = ember::stack({px, py}, 1) + noise * ember::randn({n, 2});
  return {points, label};
}

double accuracy(const Tensor& logits, const Tensor& labels) {
  return std::get<1>(logits.max(1)).eq(labels).to(ember::kFloat).mean().item<double>();
}

std::vector<double> column(const Tensor& points, int64_t c, const Tensor& mask) {
  const Tensor v = points.index({mask}).select(1, c).to(ember::kDouble).contiguous();
  return {v.data_ptr<double>(), v.data_ptr<double>() + v.numel()};
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "Two-class classification with nn::CrossEntropyLoss", 300);
  ember::manual_seed(options.seed);
  const ember::Device device = ember_samples::choose_device(options.device);

  auto [points, labels] = make_moons(400, 0.1);
  nn::Linear hidden(2, 16);
  nn::Linear hidden2(16, 16);
  nn::Linear output(16, 2);
  nn::Sequential model(hidden, nn::ReLU(), hidden2, nn::ReLU(), output);
  model->to(device);
  std::cout << model << "\n";
  ember::optim::Adam optimizer(model->parameters(), ember::optim::AdamOptions(0.01));
  nn::CrossEntropyLoss criterion;
  const Tensor x = points.to(device), y = labels.to(device);

  std::printf("accuracy before training: %.3f (chance: 0.5)\n",
              accuracy(model->forward(x).detach(), y));
  ember_samples::Progress progress(options.epochs);
  double first_loss = 0, last_loss = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    optimizer.zero_grad();
    Tensor logits = model->forward(x);
    Tensor loss = criterion(logits, y);
    loss.backward();
    optimizer.step();
    last_loss = loss.item<double>();
    if (epoch == 1) first_loss = last_loss;
    progress.update(epoch, last_loss);
  }
  progress.finish();
  model->eval();
  Tensor predicted;
  {
    ember::NoGradGuard no_grad;
    const Tensor logits = model->forward(x);
    std::printf("accuracy after training: %.3f\n", accuracy(logits, y));
    predicted = std::get<1>(logits.max(1)).cpu();
  }
  std::printf("loss: first %.4f, last %.4f\n", first_loss, last_loss);

  const std::string plot = ember_samples::output_path(options.out, "classification.svg");
  const Tensor zero = predicted.eq(0), one = predicted.eq(1);
  ember_samples::Plot("Two moons classified by a 2-16-16-2 MLP", "x1", "x2")
      .scatter(column(points, 0, zero), column(points, 1, zero), "predicted class 0")
      .scatter(column(points, 0, one), column(points, 1, one), "predicted class 1")
      .save(plot);
  std::cout << "plot written to " << plot << "\n";
  return 0;
}
