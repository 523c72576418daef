// One shuffled epoch over an MNIST-sized dataset (60000 x 784 floats, int64 labels) in batches
// of 64: Ember's simple DataLoader (one index_select per tensor and batch), Ember's and
// libtorch's make_data_loader over a Dataset of examples collated by Stack<> (one get and one
// stack per example), without and with worker threads. Milliseconds per epoch, median of
// alternating rounds.
//
// Usage: bench_dataloader [rounds]   (default 5 rounds)

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

using ember_bench::do_not_optimize;

constexpr int64_t kExamples = 60000, kFeatures = 784, kBatch = 64;

// Example i of (inputs, labels), written the same way for both libraries.
template <class Tensor, class Example, template <class, class> class Dataset>
struct Examples : Dataset<Examples<Tensor, Example, Dataset>, Example> {
  // std::optional<size_t> for Ember, c10::optional<size_t> for libtorch 1.13.
  using Size = decltype(std::declval<const Dataset<Examples, Example>&>().size());
  Examples(Tensor inputs, Tensor labels) : inputs(std::move(inputs)), labels(std::move(labels)) {}
  Example get(size_t i) override {
    return {inputs[static_cast<int64_t>(i)], labels[static_cast<int64_t>(i)]};
  }
  Size size() const override { return static_cast<size_t>(inputs.size(0)); }
  Tensor inputs, labels;
};

// Milliseconds of one epoch of `epoch` (which returns a checksum: the sum of the labels seen).
double epoch_ms(const std::function<double()>& epoch, double expected_sum) {
  const double t0 = ember_bench::now_seconds();
  const double sum = epoch();
  const double ms = (ember_bench::now_seconds() - t0) * 1e3;
  if (sum != expected_sum) {
    std::fprintf(stderr, "wrong epoch: label sum %.0f, expected %.0f\n", sum, expected_sum);
    std::exit(1);
  }
  return ms;
}

void row(const std::string& name, int rounds, const std::function<double()>& ember_epoch,
         const std::function<double()>& torch_epoch, double expected_sum) {
  std::vector<double> e, t;
  for (int r = 0; r < rounds; ++r) {
    if (ember_epoch) e.push_back(epoch_ms(ember_epoch, expected_sum));
    if (torch_epoch) t.push_back(epoch_ms(torch_epoch, expected_sum));
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  ember_bench::print_row(name, "ms", median(e), median(t), "libtorch");
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  ember::set_num_threads(1);
  ember::manual_seed(0);
  const ember::Tensor x = ember::rand({kExamples, kFeatures});
  const ember::Tensor y = ember::randint(0, 10, {kExamples});
  const double label_sum = static_cast<double>(y.sum().item<int64_t>());

  namespace data = ember::data;
  std::printf("One shuffled epoch, %lld x %lld floats, batch %lld; milliseconds per epoch\n",
              static_cast<long long>(kExamples), static_cast<long long>(kFeatures),
              static_cast<long long>(kBatch));

  for (int64_t workers : {0, 2}) {
    data::DataLoader loader(data::TensorDataset(x, y),
                            {.batch_size = kBatch, .shuffle = true, .num_workers = workers});
    row(
        "DataLoader(TensorDataset), workers " + std::to_string(workers), rounds,
        [&] {
          double sum = 0;
          for (auto& [inputs, labels] : loader) {
            do_not_optimize(inputs);
            sum += static_cast<double>(labels.sum().item<int64_t>());
          }
          return sum;
        },
        nullptr, label_sum);
  }

  for (size_t workers : {0, 2}) {
    using EmberExamples = Examples<ember::Tensor, data::Example<>, data::datasets::Dataset>;
    auto ember_loader =
        data::make_data_loader(EmberExamples(x, y).map(data::transforms::Stack<>()),
                               data::DataLoaderOptions().batch_size(kBatch).workers(workers));
    std::function<double()> torch_epoch;
#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(1);
    using TorchExamples =
        Examples<torch::Tensor, torch::data::Example<>, torch::data::datasets::Dataset>;
    const torch::Tensor tx = torch::from_blob(x.data_ptr<float>(), {kExamples, kFeatures});
    const torch::Tensor ty = torch::from_blob(y.data_ptr<int64_t>(), {kExamples}, torch::kInt64);
    auto torch_loader = torch::data::make_data_loader(
        TorchExamples(tx, ty).map(torch::data::transforms::Stack<>()),
        torch::data::DataLoaderOptions().batch_size(kBatch).workers(workers));
    torch_epoch = [&] {
      double sum = 0;
      for (auto& batch : *torch_loader) {
        do_not_optimize(batch.data);
        sum += static_cast<double>(batch.target.sum().item<int64_t>());
      }
      return sum;
    };
#endif
    row(
        "make_data_loader(Dataset.map(Stack)), workers " + std::to_string(workers), rounds,
        [&] {
          double sum = 0;
          for (auto& batch : *ember_loader) {
            do_not_optimize(batch.data);
            sum += static_cast<double>(batch.target.sum().item<int64_t>());
          }
          return sum;
        },
        torch_epoch, label_sum);
  }
  return 0;
}
