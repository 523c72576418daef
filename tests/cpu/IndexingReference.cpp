#include "IndexingReference.h"

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember_test {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const std::vector<ReferenceEntry>& entries() {
  static const std::vector<ReferenceEntry> data = {
#include "reference/indexing_data.inc"
  };
  return data;
}

}  // namespace

ember::Tensor reference_tensor(const std::vector<ReferenceEntry>& entries, std::string_view name) {
  for (const ReferenceEntry& e : entries) {
    if (name != e.name) continue;
    // Values were written from float64 copies, which hold every element exactly.
    return ember::tensor(e.values, ember::kDouble).reshape(e.shape).to(e.dtype);
  }
  throw std::runtime_error("no reference entry named " + std::string(name));
}

ember::Tensor indexing_ref(std::string_view name) { return reference_tensor(entries(), name); }

}  // namespace ember_test
