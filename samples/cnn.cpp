// A LeNet-style convolutional network learns to tell four kinds of 28x28 images apart:
// a horizontal bar, a vertical bar, a box outline and a diagonal cross, each at a random
// place and size, in noise. The sample draws the images itself (no downloads), trains with
// Adam on batches of 64, prints the test accuracy after every epoch and plots the loss.
//
// Usage: cnn [--epochs N] [--seed S] [--device D] [--out DIR]

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <random>
#include <vector>

#include "Plot.h"
#include "SampleOptions.h"

using ember::Tensor;
namespace nn = ember::nn;
namespace F = ember::nn::functional;

namespace {

constexpr int64_t kSide = 28;
constexpr int64_t kClasses = 4;
const char* const kClassNames[kClasses] = {"horizontal bar", "vertical bar", "box", "cross"};

// `count` images [count, 1, 28, 28] and their labels [count] (int64), drawn from `rng`.
std::pair<Tensor, Tensor> make_images(int64_t count, std::mt19937& rng) {
  std::vector<float> pixels(static_cast<size_t>(count * kSide * kSide));
  std::vector<int64_t> labels(static_cast<size_t>(count));
  std::normal_distribution<float> noise(0.0f, 0.3f);
  for (int64_t i = 0; i < count; ++i) {
    float* image = pixels.data() + i * kSide * kSide;
    for (int64_t p = 0; p < kSide * kSide; ++p) image[p] = noise(rng);
    const int64_t label = static_cast<int64_t>(rng() % kClasses);
    labels[static_cast<size_t>(i)] = label;
    const int64_t size = 8 + static_cast<int64_t>(rng() % 12);  // 8..19 pixels
    const int64_t top = static_cast<int64_t>(rng() % static_cast<uint32_t>(kSide - size));
    const int64_t left = static_cast<int64_t>(rng() % static_cast<uint32_t>(kSide - size));
    auto set = [&](int64_t r, int64_t c) { image[r * kSide + c] = 1.0f; };
    for (int64_t a = 0; a < size; ++a) {
      for (int64_t t = 0; t < 2; ++t) {  // strokes two pixels wide
        switch (label) {
          case 0:
            set(top + size / 2 + t - 1, left + a);
            break;
          case 1:
            set(top + a, left + size / 2 + t - 1);
            break;
          case 2:
            set(top + t, left + a);
            set(top + size - 1 - t, left + a);
            set(top + a, left + t);
            set(top + a, left + size - 1 - t);
            break;
          default:
            set(top + a, left + std::min(a + t, size - 1));
            set(top + a, left + std::max(size - 1 - a - t, int64_t(0)));
            break;
        }
      }
    }
  }
  return {ember::tensor(pixels).view({count, 1, kSide, kSide}), ember::tensor(labels)};
}

// PyTorch:
//   class LeNet(nn.Module):
//       def __init__(self):
//           super().__init__()
//           self.conv1 = nn.Conv2d(1, 6, 5, padding=2); self.conv2 = nn.Conv2d(6, 16, 5)
//           self.fc1 = nn.Linear(16 * 5 * 5, 120); self.fc2 = nn.Linear(120, 84)
//           self.fc3 = nn.Linear(84, 4)
//       def forward(self, x):
//           x = F.max_pool2d(F.relu(self.conv1(x)), 2)
//           x = F.max_pool2d(F.relu(self.conv2(x)), 2)
//           x = torch.flatten(x, 1)
//           return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))
struct LeNetImpl : nn::Module {
  LeNetImpl() {
    conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 6, 5).padding(2)));
    conv2 = register_module("conv2", nn::Conv2d(6, 16, 5));
    fc1 = register_module("fc1", nn::Linear(16 * 5 * 5, 120));
    fc2 = register_module("fc2", nn::Linear(120, 84));
    fc3 = register_module("fc3", nn::Linear(84, kClasses));
  }
  Tensor forward(Tensor x) {
    x = F::max_pool2d(F::relu(conv1(x)), F::MaxPool2dFuncOptions(2));
    x = F::max_pool2d(F::relu(conv2(x)), F::MaxPool2dFuncOptions(2));
    x = ember::flatten(x, 1);
    return fc3(F::relu(fc2(F::relu(fc1(x)))));
  }
  nn::Conv2d conv1{nullptr}, conv2{nullptr};
  nn::Linear fc1{nullptr}, fc2{nullptr}, fc3{nullptr};
};
EMBER_MODULE(LeNet);

// The share of `images` the model labels correctly, in batches, without recording.
double accuracy(LeNet& model, const Tensor& images, const Tensor& labels,
                const ember::Device& device) {
  ember::NoGradGuard no_grad;
  model->eval();
  int64_t correct = 0;
  for (int64_t start = 0; start < images.size(0); start += 256) {
    const int64_t n = std::min<int64_t>(256, images.size(0) - start);
    const Tensor predicted = model(images.narrow(0, start, n).to(device)).argmax(1).cpu();
    correct += predicted.eq(labels.narrow(0, start, n)).sum().item<int64_t>();
  }
  model->train();
  return static_cast<double>(correct) / static_cast<double>(images.size(0));
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = ember_samples::parse_options(
      argc, argv, "A LeNet-style CNN on synthetic 28x28 shapes (Conv2d, MaxPool2d, Adam)", 5,
      /*default_seed=*/1);
  ember::manual_seed(options.seed);
  std::mt19937 rng(static_cast<uint32_t>(options.seed));
  const ember::Device device = ember_samples::choose_device(options.device);

  const auto [train_images, train_labels] = make_images(2048, rng);
  const auto [test_images, test_labels] = make_images(512, rng);
  std::printf("classes:");
  for (const char* name : kClassNames) std::printf(" [%s]", name);
  std::printf("; %lld training and %lld test images\n",
              static_cast<long long>(train_images.size(0)),
              static_cast<long long>(test_images.size(0)));

  LeNet model;
  model->to(device);
  std::cout << model << "\n";
  ember::optim::Adam optimizer(model->parameters(), ember::optim::AdamOptions(3e-3));

  constexpr int64_t kBatch = 64;
  std::vector<double> steps, step_losses, epochs, epoch_losses;
  std::printf("before training: test accuracy %.1f%%\n",
              100 * accuracy(model, test_images, test_labels, device));
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const Tensor order = ember::randperm(train_images.size(0));
    double total = 0;
    int64_t batches = 0;
    for (int64_t start = 0; start + kBatch <= train_images.size(0); start += kBatch) {
      const Tensor index = order.narrow(0, start, kBatch);
      const Tensor images = train_images.index_select(0, index).to(device);
      const Tensor labels = train_labels.index_select(0, index).to(device);
      optimizer.zero_grad();
      Tensor loss = F::cross_entropy(model(images), labels);
      loss.backward();
      optimizer.step();
      const double value = loss.item<double>();
      total += value;
      ++batches;
      steps.push_back(static_cast<double>(steps.size() + 1));
      step_losses.push_back(value);
    }
    epochs.push_back(epoch);
    epoch_losses.push_back(total / static_cast<double>(batches));
    std::printf("epoch %d: loss %.4f, test accuracy %.1f%%\n", epoch, epoch_losses.back(),
                100 * accuracy(model, test_images, test_labels, device));
  }
  std::printf("training loss: first epoch %.6f, last epoch %.6f\n", epoch_losses.front(),
              epoch_losses.back());
  std::printf("final test accuracy: %.1f%%\n",
              100 * accuracy(model, test_images, test_labels, device));

  const std::string loss_plot = ember_samples::output_path(options.out, "cnn_loss.svg");
  ember_samples::Plot("LeNet training loss (Adam, lr = 0.003, batch 64)", "step",
                      "cross-entropy loss")
      .line(steps, step_losses, "loss per batch")
      .save(loss_plot);
  std::cout << "loss curve written to " << loss_plot << "\n";
  return 0;
}
