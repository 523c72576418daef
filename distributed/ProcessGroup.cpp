// The process-group front end: argument checks with PyTorch's rules, host staging, and the
// default group that every free function of ember::distributed works on.

#include "ember/distributed/ProcessGroup.h"

#include <cstdlib>
#include <mutex>

#include "core/CudaBackend.h"
#include "distributed/Backend.h"
#include "distributed/Launcher.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::distributed {

namespace {

struct DefaultGroup {
  std::string backend;
  std::unique_ptr<detail::Backend> impl;
  std::chrono::milliseconds timeout{};
};

// The default group belongs to the process; the mutex guards its creation and destruction
// (collectives themselves are ordered by the caller, as in PyTorch).
std::mutex& group_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::unique_ptr<DefaultGroup>& default_group() {
  static std::unique_ptr<DefaultGroup> group;
  return group;
}

DefaultGroup& group() {
  EMBER_CHECK(default_group() != nullptr,
              "Default process group has not been initialized, please make sure to call "
              "init_process_group.");
  return *default_group();
}

void check_tensor(const char* op, const Tensor& t, const char* what = "tensor") {
  EMBER_CHECK(t.defined(), "{}: {} is undefined", op, what);
  EMBER_CHECK(t.is_contiguous(), "{}: Tensors must be contiguous (got {} of shape {})", op, what,
              t.sizes());
  EMBER_CHECK(!group().impl->on_device() || t.is_cuda(),
              "{}: the {} backend takes CUDA tensors only (Tensors must be CUDA and dense), got "
              "{} on {}; move it with .to(kCUDA), or use the mpi backend for CPU tensors",
              op, group().backend, what, t.device());
}

void check_rank(const char* op, const char* what, int rank) {
  const int world = group().impl->size();
  EMBER_CHECK(rank >= 0 && rank < world, "{}: {} rank {} is out of range for world size {}", op,
              what, rank, world);
}

// The one-tensor forms of all_gather and reduce_scatter: `whole` holds world-size parts the
// size of `part`, of the same dtype.
void check_world_sized_pair(const char* op, const Tensor& whole, const char* whole_name,
                            const Tensor& part, const char* part_name) {
  check_tensor(op, whole, whole_name);
  check_tensor(op, part, part_name);
  const int world = group().impl->size();
  EMBER_CHECK(whole.dtype() == part.dtype(),
              "{}: {} and {} must have the same dtype, got {} and {}", op, whole_name, part_name,
              whole.dtype(), part.dtype());
  EMBER_CHECK(whole.numel() == part.numel() * world,
              "{}: {} must have world_size ({}) times the elements of {} ({}), got {}", op,
              whole_name, world, part_name, part.numel(), whole.numel());
}

// Where the backend reads and writes: the tensor itself when the backend can use it as it is
// (a CPU tensor on MPI, any tensor on a device backend); else a host copy (CUDA tensors on
// MPI), in float32 for reductions of half-precision tensors (MPI has no 16-bit float type).
Tensor stage(const Tensor& t, bool reduce) {
  if (group().impl->on_device()) return t;
  const bool widen = reduce && (t.dtype() == kHalf || t.dtype() == kBFloat16);
  if (t.is_cpu() && !widen) return t;
  return t.to(Device(kCPU), widen ? kFloat : t.dtype(), /*non_blocking=*/false, /*copy=*/true);
}

// Copies a staged result back into the user's tensor (nothing when it was not staged).
void unstage(const Tensor& staged, Tensor target) {
  if (staged.data_ptr() == target.data_ptr()) return;
  target.copy_(staged.view(target.sizes()));
}

// Reductions of bool tensors are logical: SUM and MAX are "any", PRODUCT and MIN are "all".
// AVG reaches only a device backend; a host backend sums and the front end divides.
ReduceOp backend_op(const char* name, ReduceOp op, Dtype dtype) {
  if (op == ReduceOp::AVG) {
    EMBER_CHECK(is_floating_type(dtype),
                "{}: ReduceOp.AVG needs a floating-point tensor, got a tensor of dtype {}", name,
                dtype);
    return group().impl->on_device() ? ReduceOp::AVG : ReduceOp::SUM;
  }
  if (dtype == kBool) {
    return op == ReduceOp::SUM || op == ReduceOp::MAX ? ReduceOp::MAX : ReduceOp::MIN;
  }
  return op;
}

// Starts `request` on the default group; the finishing step runs on the waiting thread (with
// grad mode off: results are written into tensors that may require grad, as parameters do).
std::shared_ptr<Work> submit(const char* name, detail::Request request,
                             std::function<void()> finish, bool async_op) {
  DefaultGroup& g = group();
  auto work = std::make_shared<detail::PendingWork>(name, g.timeout);
  if (finish) {
    work->set_finish([finish = std::move(finish)] {
      NoGradGuard no_grad;
      finish();
    });
  }
  g.impl->start(std::move(request), work);
  if (async_op) return work;
  work->wait();
  return nullptr;
}

}  // namespace

bool is_mpi_available() {
#ifdef EMBER_WITH_MPI
  return true;
#else
  return false;
#endif
}

bool is_nccl_available() {
#ifdef EMBER_WITH_NCCL
  return cuda::is_available();
#else
  return false;
#endif
}

bool is_available(std::string_view backend) {
  if (backend == "mpi") return is_mpi_available();
  if (backend == "nccl") return is_nccl_available();
  return false;
}

bool is_available() { return is_mpi_available() || is_nccl_available(); }

void init_process_group(const std::string& backend, std::chrono::milliseconds timeout) {
  std::lock_guard lock(group_mutex());
  EMBER_CHECK(backend == "mpi" || backend == "nccl",
              "init_process_group: unknown backend '{}' (Ember has the backends mpi and nccl)",
              backend);
#ifdef EMBER_WITH_NCCL
  EMBER_CHECK(backend != "nccl" || cuda::is_available(),
              "init_process_group: the nccl backend needs a GPU, but cuda is not available: {}",
              ember::detail::cuda_unavailable_reason());
#endif
  EMBER_CHECK(is_available(backend),
              "init_process_group: the {} backend was not built into this Ember ({} was not "
              "found when Ember was configured: see README, \"Distributed training\")",
              backend, backend == "mpi" ? "MPI" : "NCCL");
  EMBER_CHECK(default_group() == nullptr,
              "init_process_group: trying to initialize the default process group twice!");
  EMBER_CHECK(timeout.count() > 0, "init_process_group: timeout must be positive, got {} ms",
              timeout.count());
  auto g = std::make_unique<DefaultGroup>();
  g->backend = backend;
  g->timeout = timeout;
#ifdef EMBER_WITH_MPI
  if (backend == "mpi") g->impl = detail::make_mpi_backend(timeout);
#endif
  if (backend == "nccl") {
    g->impl = ember::detail::require_cuda("init_process_group")
                  .make_nccl_backend(detail::nccl_setup_from_launcher(timeout));
  }
  default_group() = std::move(g);
  // A group still alive at exit is destroyed before the backend's own exit handlers run
  // (registered earlier, while the backend started, so they run later), e.g. MPI_Finalize.
  static std::once_flag exit_handler;
  std::call_once(exit_handler, [] {
    std::atexit([] {
      std::lock_guard exit_lock(group_mutex());
      if (std::unique_ptr<DefaultGroup> left = std::move(default_group())) {
        left->impl->shutdown(left->timeout);
      }
    });
  });
}

bool is_initialized() {
  std::lock_guard lock(group_mutex());
  return default_group() != nullptr;
}

void destroy_process_group() {
  std::lock_guard lock(group_mutex());
  std::unique_ptr<DefaultGroup> g = std::move(default_group());
  EMBER_CHECK(g != nullptr,
              "destroy_process_group: Default process group has not been initialized");
  g->impl->shutdown(g->timeout);
}

int get_rank() { return group().impl->rank(); }
int get_world_size() { return group().impl->size(); }
std::string get_backend() { return group().backend; }

std::shared_ptr<Work> all_reduce(const Tensor& tensor, ReduceOp op, bool async_op) {
  check_tensor("all_reduce", tensor);
  detail::Request r;
  r.kind = detail::OpKind::all_reduce;
  r.op = backend_op("all_reduce", op, tensor.dtype());
  r.header = detail::CollectiveHeader::make(r.kind, op, 0, tensor);
  r.input = r.output = stage(tensor, /*reduce=*/true);
  const int world = get_world_size();
  return submit(
      "all_reduce", r,
      [buffer = r.output, tensor, divide = op != r.op && op == ReduceOp::AVG, world]() mutable {
        if (divide) buffer.div_(world);
        unstage(buffer, tensor);
      },
      async_op);
}

std::shared_ptr<Work> broadcast(const Tensor& tensor, int src, bool async_op) {
  check_tensor("broadcast", tensor);
  check_rank("broadcast", "src", src);
  detail::Request r;
  r.kind = detail::OpKind::broadcast;
  r.peer = src;
  r.header = detail::CollectiveHeader::make(r.kind, ReduceOp::SUM, src, tensor);
  r.input = r.output = stage(tensor, /*reduce=*/false);
  return submit(
      "broadcast", r, [buffer = r.output, tensor] { unstage(buffer, tensor); }, async_op);
}

std::shared_ptr<Work> all_gather_into_tensor(const Tensor& output, const Tensor& input,
                                             bool async_op) {
  check_world_sized_pair("all_gather_into_tensor", output, "output", input, "input");
  detail::Request r;
  r.kind = detail::OpKind::all_gather;
  r.header = detail::CollectiveHeader::make(r.kind, ReduceOp::SUM, 0, input);
  r.input = stage(input, /*reduce=*/false);
  r.output = stage(output, /*reduce=*/false);
  return submit(
      "all_gather_into_tensor", r, [buffer = r.output, output] { unstage(buffer, output); },
      async_op);
}

std::shared_ptr<Work> all_gather(const std::vector<Tensor>& tensor_list, const Tensor& tensor,
                                 bool async_op) {
  check_tensor("all_gather", tensor);
  const int world = get_world_size();
  EMBER_CHECK(static_cast<int>(tensor_list.size()) == world,
              "all_gather: tensor_list must hold world_size ({}) tensors, got {}", world,
              tensor_list.size());
  for (const Tensor& t : tensor_list) {
    EMBER_CHECK(t.defined() && t.sizes() == tensor.sizes() && t.dtype() == tensor.dtype(),
                "all_gather: every tensor of tensor_list must have the shape {} and dtype {} of "
                "the input tensor",
                tensor.sizes(), tensor.dtype());
  }
  detail::Request r;
  r.kind = detail::OpKind::all_gather;
  r.header = detail::CollectiveHeader::make(r.kind, ReduceOp::SUM, 0, tensor);
  r.input = stage(tensor, /*reduce=*/false);
  r.output = ember::empty({world * tensor.numel()}, r.input.options());
  return submit(
      "all_gather", r,
      [gathered = r.output, tensor_list, n = tensor.numel()] {
        for (size_t i = 0; i < tensor_list.size(); ++i) {
          Tensor target = tensor_list[i];
          const auto begin = static_cast<int64_t>(i) * n;
          target.copy_(gathered.slice(0, begin, begin + n).view(target.sizes()));
        }
      },
      async_op);
}

std::shared_ptr<Work> reduce_scatter_tensor(const Tensor& output, const Tensor& input, ReduceOp op,
                                            bool async_op) {
  const int world = get_world_size();
  check_world_sized_pair("reduce_scatter_tensor", input, "input", output, "output");
  detail::Request r;
  r.kind = detail::OpKind::reduce_scatter;
  r.op = backend_op("reduce_scatter_tensor", op, input.dtype());
  r.header = detail::CollectiveHeader::make(r.kind, op, 0, input);
  r.input = stage(input, /*reduce=*/true);
  r.output = stage(output, /*reduce=*/true);
  return submit(
      "reduce_scatter_tensor", r,
      [buffer = r.output, output, divide = op != r.op && op == ReduceOp::AVG, world]() mutable {
        if (divide) buffer.div_(world);
        unstage(buffer, output);
      },
      async_op);
}

std::shared_ptr<Work> reduce_scatter(const Tensor& output, const std::vector<Tensor>& input_list,
                                     ReduceOp op, bool async_op) {
  check_tensor("reduce_scatter", output, "output");
  const int world = get_world_size();
  EMBER_CHECK(static_cast<int>(input_list.size()) == world,
              "reduce_scatter: input_list must hold world_size ({}) tensors, got {}", world,
              input_list.size());
  std::vector<Tensor> flat;
  for (const Tensor& t : input_list) {
    EMBER_CHECK(t.defined() && t.sizes() == output.sizes() && t.dtype() == output.dtype(),
                "reduce_scatter: every tensor of input_list must have the shape {} and dtype {} "
                "of output",
                output.sizes(), output.dtype());
    flat.push_back(t.reshape({-1}));
  }
  // One contiguous input (what MPI_Reduce_scatter_block takes), built where output lives.
  return reduce_scatter_tensor(output, ember::cat(flat), op, async_op);
}

std::shared_ptr<Work> barrier(bool async_op) {
  detail::Request r;
  r.kind = detail::OpKind::barrier;
  r.header = detail::CollectiveHeader::make(r.kind, ReduceOp::SUM, 0, Tensor());
  return submit("barrier", r, nullptr, async_op);
}

std::shared_ptr<Work> isend(const Tensor& tensor, int dst, int tag) {
  check_tensor("send", tensor);
  check_rank("send", "destination", dst);
  EMBER_CHECK(dst != get_rank(),
              "Invalid destination rank: should not be the same as the rank of the current "
              "process.");
  detail::Request r;
  r.kind = detail::OpKind::send;
  r.peer = dst;
  r.tag = tag;
  r.input = r.output = stage(tensor, /*reduce=*/false);
  return submit("send", r, nullptr, /*async_op=*/true);
}

std::shared_ptr<Work> irecv(const Tensor& tensor, int src, int tag) {
  check_tensor("recv", tensor);
  check_rank("recv", "source", src);
  EMBER_CHECK(src != get_rank(),
              "Invalid source rank: should not be the same as the rank of the current process.");
  detail::Request r;
  r.kind = detail::OpKind::recv;
  r.peer = src;
  r.tag = tag;
  r.input = r.output = stage(tensor, /*reduce=*/false);
  return submit(
      "recv", r, [buffer = r.output, tensor] { unstage(buffer, tensor); }, /*async_op=*/true);
}

void send(const Tensor& tensor, int dst, int tag) { isend(tensor, dst, tag)->wait(); }

int recv(const Tensor& tensor, int src, int tag) {
  irecv(tensor, src, tag)->wait();
  return src;
}

}  // namespace ember::distributed
