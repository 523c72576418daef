#pragma once

// Argument checks for Ember's own sources. Messages are fmt-formatted only on failure, so a
// passing check costs one predictable branch.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ember/core/Error.h"

/// Throws ember::Error with a fmt-formatted message when `cond` is false.
#define EMBER_CHECK(cond, ...)                                  \
  do {                                                          \
    if (EMBER_UNLIKELY(!(cond))) {                              \
      ::ember::detail::throw_error(::fmt::format(__VA_ARGS__)); \
    }                                                           \
  } while (0)

/// Throws ember::Error unconditionally with a fmt-formatted message.
#define EMBER_FAIL(...) ::ember::detail::throw_error(::fmt::format(__VA_ARGS__))

/// Throws ember::NotImplementedError with a fmt-formatted message.
#define EMBER_NOT_IMPLEMENTED(...) \
  ::ember::detail::throw_not_implemented(::fmt::format(__VA_ARGS__))
