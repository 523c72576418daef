#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ember/core/Export.h"

namespace ember {

class Tensor;

/// Print settings, as torch.set_printoptions.
struct EMBER_API PrintOptions {
  int precision = 4;             ///< digits after the point
  int64_t threshold = 1000;      ///< more elements than this are summarised with "..."
  int64_t edgeitems = 3;         ///< items kept at each end of a summarised dimension
  int64_t linewidth = 80;        ///< characters per line before wrapping
  std::optional<bool> sci_mode;  ///< force (true) or forbid (false) scientific notation
};

/// Changes how tensors print; unset arguments keep their current values.
EMBER_API void set_printoptions(std::optional<int> precision = std::nullopt,
                                std::optional<int64_t> threshold = std::nullopt,
                                std::optional<int64_t> edgeitems = std::nullopt,
                                std::optional<int64_t> linewidth = std::nullopt,
                                std::optional<bool> sci_mode = std::nullopt);
/// Restores PyTorch's defaults (precision 4, threshold 1000, edgeitems 3, linewidth 80).
EMBER_API void reset_printoptions();
/// A copy of the current print settings (another thread may change them at any time).
EMBER_API PrintOptions get_printoptions();

/// The text `std::cout << t` prints.
EMBER_API std::string to_string(const Tensor& t);

}  // namespace ember
