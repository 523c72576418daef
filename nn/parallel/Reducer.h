#pragma once

// The gradient reducer of DistributedDataParallel (PyTorch's reducer.cpp, without its
// unused-parameter search): parameters grouped into buckets, in reverse order; a
// post-accumulate-grad hook on each parameter counts down its bucket, and a complete bucket
// is flattened, pre-divided by the world size and all-reduced asynchronously. Buckets launch
// in index order on every rank (collectives must match across ranks), and a callback at the
// end of backward launches what is left, waits for everything and writes the averages back
// into the parameters' grad().

#include <cstdint>
#include <memory>
#include <vector>

#include "ember/core/Tensor.h"
#include "ember/distributed/Work.h"

namespace ember::nn::parallel::detail {

class Reducer {
 public:
  /// `bucket_caps`: the byte cap of the first bucket, then of every other bucket.
  Reducer(std::vector<Tensor> parameters, int64_t first_bucket_cap, int64_t bucket_cap);
  ~Reducer();
  Reducer(const Reducer&) = delete;
  Reducer& operator=(const Reducer&) = delete;

  /// Off inside no_sync(): hooks then do nothing.
  bool sync() const { return sync_; }
  void set_sync(bool sync) { sync_ = sync; }

  const std::vector<std::vector<size_t>>& bucket_indices() const { return bucket_params_; }

 private:
  struct Bucket {
    Tensor flat;                   // the bucket's gradients, one after another
    std::vector<int64_t> offsets;  // of each parameter in flat
    size_t pending = 0;            // gradients not yet accumulated this backward
    std::shared_ptr<distributed::Work> work;
  };

  void on_gradient_ready(size_t param);
  void launch_ready_buckets();
  void launch(size_t bucket);
  void finish_backward();
  void reset();

  std::vector<Tensor> params_;
  std::vector<unsigned> hook_handles_;
  std::vector<std::vector<size_t>> bucket_params_;
  std::vector<size_t> bucket_of_;  // per parameter
  std::vector<bool> ready_;        // per parameter, this backward
  std::vector<Bucket> buckets_;
  size_t next_bucket_ = 0;  // the next bucket to launch
  bool callback_queued_ = false;
  bool sync_ = true;
  int world_size_ = 1;
};

}  // namespace ember::nn::parallel::detail
