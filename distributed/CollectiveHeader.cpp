#include "distributed/CollectiveHeader.h"

#include <fmt/format.h>

#include "ember/core/Formatters.h"

namespace ember::distributed::detail {

namespace {
enum Field { kKind, kOp, kRoot, kDtype, kDevice, kNdim, kNumel, kSizes };
}  // namespace

std::string_view op_kind_name(OpKind kind) {
  constexpr std::string_view names[] = {"all_reduce", "broadcast", "all_gather", "reduce_scatter",
                                        "barrier",    "send",      "recv"};
  return names[static_cast<int>(kind)];
}

CollectiveHeader CollectiveHeader::make(OpKind kind, ReduceOp op, int root, const Tensor& tensor) {
  CollectiveHeader h;
  h.fields[kKind] = static_cast<int64_t>(kind);
  h.fields[kOp] = static_cast<int64_t>(op);
  h.fields[kRoot] = root;
  h.fields[kDtype] = -1;
  h.fields[kDevice] = -1;
  if (tensor.defined()) {
    h.fields[kDtype] = static_cast<int64_t>(tensor.dtype());
    h.fields[kDevice] = static_cast<int64_t>(tensor.device().type());
    h.fields[kNdim] = tensor.dim();
    h.fields[kNumel] = tensor.numel();
    for (int64_t d = 0; d < tensor.dim() && d < kMaxDims; ++d) {
      h.fields[kSizes + d] = tensor.sizes()[d];
    }
  }
  return h;
}

namespace {

std::string describe_tensor(const CollectiveHeader& h) {
  const auto& f = h.fields;
  std::string shape = "[";
  for (int64_t d = 0; d < f[kNdim]; ++d) {
    if (d > 0) shape += ", ";
    shape += d < CollectiveHeader::kMaxDims ? std::to_string(f[kSizes + d]) : "...";
  }
  shape += "]";
  return fmt::format("{} {} on {}", static_cast<Dtype>(f[kDtype]), shape,
                     Device(static_cast<DeviceType>(f[kDevice])).str());
}

std::string describe_call(const CollectiveHeader& h) {
  const auto kind = static_cast<OpKind>(h.fields[kKind]);
  std::string s(op_kind_name(kind));
  if (kind == OpKind::all_reduce || kind == OpKind::reduce_scatter) {
    s += fmt::format("(op={})", reduce_op_name(static_cast<ReduceOp>(h.fields[kOp])));
  } else if (kind == OpKind::broadcast) {
    s += fmt::format("(src={})", h.fields[kRoot]);
  }
  return s;
}

}  // namespace

std::string compare_headers(const CollectiveHeader* headers, int world_size) {
  const CollectiveHeader& first = headers[0];
  for (int r = 1; r < world_size; ++r) {
    const CollectiveHeader& h = headers[r];
    if (h.fields[kKind] != first.fields[kKind] || h.fields[kOp] != first.fields[kOp] ||
        h.fields[kRoot] != first.fields[kRoot]) {
      return fmt::format(
          "the ranks called different collectives at the same point: rank 0 called {}, rank {} "
          "called {}",
          describe_call(first), r, describe_call(h));
    }
    if (h.fields != first.fields) {
      return fmt::format(
          "{}: the tensors must have the same dtype, shape and device type on every rank, "
          "but rank 0 has {} and rank {} has {}",
          op_kind_name(static_cast<OpKind>(first.fields[kKind])), describe_tensor(first), r,
          describe_tensor(h));
    }
  }
  return {};
}

}  // namespace ember::distributed::detail
