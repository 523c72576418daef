#include "ember/core/Error.h"

#include <string>
#include <utility>

#include "core/DtypeDispatch.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

void throw_error(std::string message) { throw Error(std::move(message)); }

void throw_not_implemented(std::string message) { throw NotImplementedError(std::move(message)); }

void throw_unsupported_element_size(int64_t size) {
  throw_error("indexing: unsupported element size " + std::to_string(size));
}

void throw_dtype_not_implemented(const char* op, Dtype dtype, DeviceType device) {
  throw_not_implemented(
      fmt::format("{}: not implemented for {} on {}", op, dtype, Device(device).str()));
}

}  // namespace ember::detail
