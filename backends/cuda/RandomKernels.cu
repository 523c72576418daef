// uniform_ and normal_ (rand, randn) on the GPU from the device's Philox generator. Element i
// takes its randomness from Philox block (offset + i / E), E elements per block (4 for float,
// half and bfloat16; 2 for double), so values depend only on the seed and the sequence of
// calls, never on the launch configuration.

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaGenerator.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "backends/cuda/Philox.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "kernels/Convert.h"

namespace ember::cuda {

namespace {

constexpr int kThreads = 256;

template <class T>
constexpr int per_block() {
  return std::is_same_v<T, double> ? 2 : 4;
}

// Random bits kept for a uniform number: T's mantissa digits, so u is exact in T and < 1.
template <class T>
constexpr int uniform_digits() {
  if constexpr (std::is_same_v<T, Half>) {
    return 11;
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return 8;
  } else {
    return 24;
  }
}

template <class T, bool kNormal>
__global__ void random_kernel(T* out, int64_t n, uint64_t seed, uint64_t offset, double a,
                              double b) {
  constexpr int E = per_block<T>();
  const int64_t blocks = (n + E - 1) / E;
  for (int64_t blk = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; blk < blocks;
       blk += int64_t(blockDim.x) * gridDim.x) {
    const philox::Uint4 r = philox::block(seed, offset + static_cast<uint64_t>(blk));
    T vals[E];
    if constexpr (std::is_same_v<T, double>) {
      const double u0 = philox::uniform_double(r.x, r.y);
      const double u1 = philox::uniform_double(r.z, r.w);
      if constexpr (kNormal) {
        double z0, z1;
        philox::box_muller(1.0 - u0, u1, &z0, &z1);
        vals[0] = a + b * z0;
        vals[1] = a + b * z1;
      } else {
        vals[0] = a + (b - a) * u0;
        vals[1] = a + (b - a) * u1;
      }
    } else {
      const float fa = static_cast<float>(a), fb = static_cast<float>(b);
      const uint32_t bits[4] = {r.x, r.y, r.z, r.w};
      if constexpr (kNormal) {
        for (int j = 0; j < 4; j += 2) {
          float z0, z1;
          philox::box_muller(1.0f - philox::uniform_float(bits[j], 24),
                             philox::uniform_float(bits[j + 1], 24), &z0, &z1);
          vals[j] = static_cast<T>(fa + fb * z0);
          vals[j + 1] = static_cast<T>(fa + fb * z1);
        }
      } else {
        for (int j = 0; j < 4; ++j) {
          vals[j] =
              static_cast<T>(fa + (fb - fa) * philox::uniform_float(bits[j], uniform_digits<T>()));
        }
      }
    }
    for (int j = 0; j < E; ++j) {
      const int64_t i = blk * E + j;
      if (i < n) out[i] = vals[j];
    }
  }
}

template <bool kNormal>
void launch_random(const Tensor& out, detail::Generator& gen, double a, double b,
                   const char* name) {
  const int64_t n = out.numel();
  if (n == 0) return;
  auto* philox_gen = dynamic_cast<impl::CudaGenerator*>(&gen);
  if (philox_gen == nullptr) {
    detail::throw_error(std::string(name) + ": expected a CUDA generator for a CUDA tensor");
  }
  // Kernels write contiguous memory; other layouts get a contiguous buffer and a copy.
  Tensor target =
      out.is_contiguous() ? out : detail::empty_tensor(out.sizes(), out.dtype(), out.device());
  const int8_t device = out.device().index();
  detail::dispatch_dtype<detail::types::kFloating>(out.dtype(), name, kCUDA, [&]<class T>() {
    constexpr int E = per_block<T>();
    const int64_t blocks = (n + E - 1) / E;
    uint64_t seed, offset;
    {
      std::lock_guard<std::mutex> lock(gen.mutex());
      seed = philox_gen->current_seed();
      offset = philox_gen->reserve(static_cast<uint64_t>(blocks));
    }
    impl::RawDeviceGuard guard(device);
    const int64_t grid = std::min<int64_t>((blocks + kThreads - 1) / kThreads, 65536);
    random_kernel<T, kNormal>
        <<<static_cast<unsigned>(grid), kThreads, 0, impl::current_raw_stream(device)>>>(
            static_cast<T*>(target.data_ptr()), n, seed, offset, a, b);
    EMBER_CUDA_LAUNCH_CHECK("random_kernel");
  });
  if (!target.is_same(out)) Tensor(out).copy_(target);
}

}  // namespace

void uniform_kernel(const Tensor& out, detail::Generator& gen, double from, double to) {
  launch_random<false>(out, gen, from, to, "uniform_");
}

void normal_kernel(const Tensor& out, detail::Generator& gen, double mean, double std) {
  launch_random<true>(out, gen, mean, std, "normal_");
}

}  // namespace ember::cuda
