#pragma once

#include <stdexcept>
#include <string>

#include "ember/core/Export.h"
#include "ember/core/Macros.h"

namespace ember {

/// The one exception type Ember throws for bad input or failed operations.
class EMBER_API Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// An operation that exists but has no kernel for the given dtype/device combination.
class EMBER_API NotImplementedError : public Error {
 public:
  explicit NotImplementedError(const std::string& message) : Error(message) {}
};

namespace detail {
[[noreturn]] EMBER_API void throw_error(std::string message);
[[noreturn]] EMBER_API void throw_not_implemented(std::string message);
}  // namespace detail

}  // namespace ember
