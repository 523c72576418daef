#pragma once

// The random draws of Python's DataLoader, so that data::DataLoader shuffles as PyTorch does
// after the same manual_seed. Each epoch Python's DataLoader iterator draws a base seed for
// its workers, and its RandomSampler then draws a seed for a fresh generator whose randperm
// is the epoch's order; both seeds are `int(torch.empty((), dtype=torch.int64).random_())`.

#include <cstdint>

#include "ember/core/Tensor.h"

namespace ember::data::detail {

/// A seed drawn from the default CPU generator as `torch.empty((), dtype=torch.int64).random_()`
/// draws it: 64 random bits modulo 2^63.
uint64_t draw_python_seed();

/// randperm(n) of a new CPU generator seeded with `seed` (as
/// `torch.randperm(n, generator=torch.Generator().manual_seed(seed))`), leaving the default
/// generator alone.
Tensor randperm_with_seed(int64_t n, uint64_t seed);

}  // namespace ember::data::detail
