#include "nn/data/PythonShuffle.h"

#include "backends/cpu/CpuGenerator.h"
#include "core/Generator.h"
#include "core/KernelTable.h"
#include "ember/core/Functions.h"

namespace ember::data::detail {

using ember::detail::get_kernel;
using ember::detail::Kernel;

uint64_t draw_python_seed() {
  // random_() on int64 draws in [0, 2^63): the random_int kernel over that range and base 0.
  Tensor seed = empty({}, kInt64);
  get_kernel<Kernel::random_int>(kCPU)(seed, ember::detail::default_generator(Device(kCPU)),
                                       uint64_t{1} << 63, 0);
  return static_cast<uint64_t>(seed.item<int64_t>());
}

Tensor randperm_with_seed(int64_t n, uint64_t seed) {
  cpu::CpuGenerator generator(seed);
  Tensor permutation = empty({n}, kInt64);
  get_kernel<Kernel::randperm>(kCPU)(permutation, generator);
  return permutation;
}

}  // namespace ember::data::detail
