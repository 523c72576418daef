#pragma once

// The description of a collective each rank sends the others before any data moves: the kind
// of collective, its reduction and root, and the dtype, device type and shape of the tensors.
// Comparing them turns a mismatch (the one mistake MPI cannot detect: it would hang or mix up
// bytes) into the same ember::Error on every rank.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/distributed/ReduceOp.h"

namespace ember::distributed::detail {

enum class OpKind : uint8_t {
  all_reduce,
  broadcast,
  all_gather,
  reduce_scatter,
  barrier,
  send,
  recv,
};
EMBER_INTERNAL_API std::string_view op_kind_name(OpKind kind);

/// A fixed-size array of int64 (one MPI datatype, no serialisation): kind, reduction, root,
/// dtype, device type, ndim, numel, then up to kMaxDims sizes (a tensor with more dims is
/// compared by its leading sizes and its numel).
struct CollectiveHeader {
  static constexpr int kMaxDims = 9;
  static constexpr int kFields = 7 + kMaxDims;
  std::array<int64_t, kFields> fields{};

  /// `tensor` may be undefined (barrier).
  EMBER_INTERNAL_API static CollectiveHeader make(OpKind kind, ReduceOp op, int root,
                                                  const Tensor& tensor);
};

/// The headers of all `world_size` ranks, laid out one after another. Empty when they agree,
/// else the error message (the same on every rank, since every rank sees all headers).
EMBER_INTERNAL_API std::string compare_headers(const CollectiveHeader* headers, int world_size);

}  // namespace ember::distributed::detail
