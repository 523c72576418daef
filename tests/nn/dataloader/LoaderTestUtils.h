#pragma once

// Helpers of the data loader tests.

#include <cstdint>
#include <vector>

#include "ember/ember.h"

namespace ember_data_test {

/// The values of an integer tensor, in order.
inline std::vector<int64_t> to_vector(const ember::Tensor& t) {
  const ember::Tensor c = t.to(ember::kInt64).contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

}  // namespace ember_data_test
