#pragma once

// The reductions of all_reduce and reduce_scatter, with torch.distributed.ReduceOp's names and
// numbering.

#include <cstdint>
#include <string_view>

namespace ember::distributed {

enum class ReduceOp : uint8_t {
  SUM = 0,
  /// The sum divided by the world size (floating-point tensors only).
  AVG = 1,
  PRODUCT = 2,
  MIN = 3,
  MAX = 4,
};

/// "SUM", "AVG", ... as Python prints ReduceOp.
constexpr std::string_view reduce_op_name(ReduceOp op) {
  constexpr std::string_view names[] = {"SUM", "AVG", "PRODUCT", "MIN", "MAX"};
  return names[static_cast<int>(op)];
}

}  // namespace ember::distributed
