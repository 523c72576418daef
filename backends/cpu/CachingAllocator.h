#pragma once

#include "ember/core/Allocator.h"

namespace ember::cpu {

/// The process-wide CPU caching allocator.
Allocator* caching_allocator();

}  // namespace ember::cpu
