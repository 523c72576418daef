#include "ember/data/DataLoader.h"

#include <algorithm>
#include <deque>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Functions.h"
#include "ember/data/detail/WorkerThreads.h"
#include "nn/data/PythonShuffle.h"

namespace ember::data {

namespace {

// The example indices of batch `index` of an epoch whose example order is `order`.
Tensor batch_indices(const Tensor& order, int64_t index, int64_t batch_size) {
  const int64_t start = index * batch_size;
  return order.slice(0, start, std::min(start + batch_size, order.numel()));
}

Batch make_batch(const TensorDataset& dataset, const Tensor& indices, bool pin) {
  Batch batch(dataset.get_batch(indices));
  return pin ? batch.pin_memory() : batch;
}

}  // namespace

DataLoader::DataLoader(TensorDataset dataset, LoaderOptions options)
    : dataset_(std::make_shared<const TensorDataset>(std::move(dataset))), options_(options) {
  EMBER_CHECK(options_.batch_size > 0,
              "batch_size should be a positive integer value, but got batch_size={}",
              options_.batch_size);
  EMBER_CHECK(options_.num_workers >= 0,
              "num_workers option should be non-negative; use num_workers=0 to disable "
              "multiprocessing (got num_workers={})",
              options_.num_workers);
  EMBER_CHECK(!options_.shuffle || dataset_->size() > 0,
              "num_samples should be a positive integer value, but got num_samples=0");
}

DataLoader::DataLoader(TensorDataset dataset, std::shared_ptr<samplers::DistributedSampler> sampler,
                       LoaderOptions options)
    : DataLoader(std::move(dataset), options) {
  EMBER_CHECK(sampler != nullptr, "DataLoader: the sampler is null");
  EMBER_CHECK(!options_.shuffle, "sampler option is mutually exclusive with shuffle");
  sampler_ = std::move(sampler);
}

size_t DataLoader::size() const {
  const size_t n = sampler_ ? sampler_->num_samples() : dataset_->size();
  const auto batch = static_cast<size_t>(options_.batch_size);
  return options_.drop_last ? n / batch : (n + batch - 1) / batch;
}

// One epoch: its order, the batch in hand and, with workers, the batches being prepared.
struct DataLoader::Iterator::State {
  // A batch being prepared by a worker: its result or the exception that stopped it.
  struct Result {
    std::optional<Batch> batch;
    std::exception_ptr error;
  };
  struct Pending {
    uint64_t ticket;
    std::shared_ptr<Result> result;
  };

  std::shared_ptr<const TensorDataset> dataset;
  Tensor order;  // the epoch's example indices, int64
  int64_t batch_size = 1;
  int64_t num_batches = 0;
  bool pin = false;
  int64_t next_batch = 0;  // the next batch to make (without workers) or to queue
  std::optional<Batch> current;
  std::deque<Pending> pending;  // queued or running, in order
  // Last, so that its threads are joined before anything above is destroyed.
  std::unique_ptr<detail::WorkerThreads> workers;

  bool finished() const {
    return workers ? pending.empty() && next_batch == num_batches : next_batch == num_batches;
  }

  void queue_next() {
    if (next_batch == num_batches) return;
    auto result = std::make_shared<Result>();
    const uint64_t ticket =
        workers->submit([dataset = dataset, indices = batch_indices(order, next_batch, batch_size),
                         pin = pin, result](size_t /*worker*/) {
          try {
            result->batch = make_batch(*dataset, indices, pin);
          } catch (...) {
            result->error = std::current_exception();
          }
        });
    ++next_batch;
    pending.push_back({ticket, std::move(result)});
  }

  // Moves to the next batch: makes it, or takes it from the workers (rethrowing what stopped
  // it, after which the epoch goes on with the batch after it).
  void advance() {
    current.reset();
    if (!workers) {
      if (next_batch < num_batches) {
        current = make_batch(*dataset, batch_indices(order, next_batch++, batch_size), pin);
      }
      return;
    }
    if (pending.empty()) return;
    Pending front = std::move(pending.front());
    pending.pop_front();
    workers->wait(front.ticket);
    queue_next();
    if (front.result->error) std::rethrow_exception(front.result->error);
    current = std::move(front.result->batch);
  }
};

DataLoader::Iterator::Iterator(std::unique_ptr<State> state) : state_(std::move(state)) {}
DataLoader::Iterator::Iterator(Iterator&&) noexcept = default;
DataLoader::Iterator& DataLoader::Iterator::operator=(Iterator&&) noexcept = default;
DataLoader::Iterator::~Iterator() = default;

// A moved-from iterator is at the end: it has no epoch left.
bool DataLoader::Iterator::at_end() const {
  return !state_ || (!state_->current && state_->finished());
}

Batch& DataLoader::Iterator::operator*() const {
  EMBER_CHECK(state_ && state_->current.has_value(),
              "DataLoader iterator: no batch to dereference (past the end, or the batch failed)");
  return *state_->current;
}

DataLoader::Iterator& DataLoader::Iterator::operator++() {
  EMBER_CHECK(!at_end(), "DataLoader iterator: cannot increment past the end");
  state_->advance();
  return *this;
}

DataLoader::Iterator DataLoader::begin() const {
  auto state = std::make_unique<Iterator::State>();
  state->dataset = dataset_;
  state->batch_size = options_.batch_size;
  state->pin = options_.pin_memory && cuda::is_available();
  // Python's iterator draws its workers' base seed first, shuffling or not; the sampler draws
  // its own next (a DistributedSampler draws nothing: its order comes from seed + epoch).
  detail::draw_python_seed();
  if (sampler_) {
    sampler_->reset();
    const std::vector<size_t>& shard = sampler_->indices();
    state->order =
        tensor(std::vector<int64_t>(shard.begin(), shard.end()), TensorOptions().dtype(kInt64));
  } else {
    const auto n = static_cast<int64_t>(dataset_->size());
    state->order = options_.shuffle ? detail::randperm_with_seed(n, detail::draw_python_seed())
                                    : arange(n, kInt64);
  }
  state->num_batches = static_cast<int64_t>(size());
  if (options_.num_workers > 0) {
    state->workers = std::make_unique<detail::WorkerThreads>(options_.num_workers);
    for (int64_t i = 0; i < 2 * options_.num_workers; ++i) state->queue_next();
  }
  Iterator it(std::move(state));
  it.state_->advance();
  return it;
}

}  // namespace ember::data
