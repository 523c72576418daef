// Batch normalisation on the CPU over a contiguous input viewed as [N, C, S]: each channel is
// N contiguous planes of S elements. Threaded over channels (each channel's statistics and
// outputs belong to one thread, so sums are deterministic). The statistics take two passes
// over a channel's planes (the mean, then the squared deviations from it: stable where a
// one-pass sum of squares cancels); the normalisation is one multiply-add per element with
// the per-channel scale and shift folded; the backward takes one pass for its two sums and
// one to write the gradient. The plane loops keep several partial sums so the compiler
// vectorises them.

#include <algorithm>
#include <cstdint>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

namespace {

// [N, C, S] of a contiguous input whose dim 1 is the channels.
struct Planes {
  int64_t batch, channels, size;
};
Planes planes_of(const Tensor& in) {
  const int64_t channels = in.size(1);
  const int64_t batch = in.size(0);
  const int64_t size = channels * batch == 0 ? 0 : in.numel() / (channels * batch);
  return {batch, channels, size};
}

int64_t channel_grain(const Planes& p) {
  return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(p.batch * p.size, 1));
}

constexpr int kLanes = 8;

// sum(x[i]) over one plane, in M, with kLanes partial sums.
template <class T, class M>
M plane_sum(const T* x, int64_t n) {
  M acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) acc[k] += static_cast<M>(x[i + k]);
  }
  M total = 0;
  for (; i < n; ++i) total += static_cast<M>(x[i]);
  for (int k = 0; k < kLanes; ++k) total += acc[k];
  return total;
}

// sum((x[i] - mean)^2) over one plane.
template <class T, class M>
M plane_squared_deviation(const T* x, int64_t n, M mean) {
  M acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      const M d = static_cast<M>(x[i + k]) - mean;
      acc[k] += d * d;
    }
  }
  M total = 0;
  for (; i < n; ++i) {
    const M d = static_cast<M>(x[i]) - mean;
    total += d * d;
  }
  for (int k = 0; k < kLanes; ++k) total += acc[k];
  return total;
}

// sum(dy[i]) and sum(dy[i] * (x[i] - mean)) over one plane.
template <class T, class M>
void plane_grad_sums(const T* dy, const T* x, int64_t n, M mean, M& sum_dy, M& sum_dy_xmu) {
  M a[kLanes] = {}, b[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      const M g = static_cast<M>(dy[i + k]);
      a[k] += g;
      b[k] += g * (static_cast<M>(x[i + k]) - mean);
    }
  }
  for (; i < n; ++i) {
    const M g = static_cast<M>(dy[i]);
    sum_dy += g;
    sum_dy_xmu += g * (static_cast<M>(x[i]) - mean);
  }
  for (int k = 0; k < kLanes; ++k) {
    sum_dy += a[k];
    sum_dy_xmu += b[k];
  }
}

template <class T>
T* data_or_null(const Tensor& t) {
  return t.defined() ? t.data_ptr<T>() : nullptr;
}

}  // namespace

void batch_norm_stats_kernel(const Tensor& mean, const Tensor& var, const Tensor& in) {
  detail::dispatch_dtype<detail::types::kFloating>(in.dtype(), "batch_norm", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const Planes p = planes_of(in);
    const T* x = in.data_ptr<T>();
    T* mean_out = mean.data_ptr<T>();
    T* var_out = var.data_ptr<T>();
    const int64_t count = p.batch * p.size;
    parallel_for(0, p.channels, channel_grain(p), [&](int64_t begin, int64_t end) {
      for (int64_t c = begin; c < end; ++c) {
        M sum = 0;
        for (int64_t n = 0; n < p.batch; ++n) {
          sum += plane_sum<T, M>(x + (n * p.channels + c) * p.size, p.size);
        }
        const M mu = count > 0 ? sum / static_cast<M>(count) : M(0);
        M squares = 0;
        for (int64_t n = 0; n < p.batch; ++n) {
          squares += plane_squared_deviation<T, M>(x + (n * p.channels + c) * p.size, p.size, mu);
        }
        mean_out[c] = static_cast<T>(mu);
        var_out[c] = static_cast<T>(count > 0 ? squares / static_cast<M>(count) : M(0));
      }
    });
  });
}

void batch_norm_apply_kernel(const Tensor& out, const Tensor& in, const Tensor& mean,
                             const Tensor& invstd, const Tensor& weight, const Tensor& bias) {
  detail::dispatch_dtype<detail::types::kFloating>(in.dtype(), "batch_norm", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const Planes p = planes_of(in);
    const T* x = in.data_ptr<T>();
    T* y = out.data_ptr<T>();
    const T* mu = mean.data_ptr<T>();
    const T* is = invstd.data_ptr<T>();
    const T* w = data_or_null<T>(weight);
    const T* b = data_or_null<T>(bias);
    parallel_for(0, p.channels, channel_grain(p), [&](int64_t begin, int64_t end) {
      for (int64_t c = begin; c < end; ++c) {
        // y = x * scale + shift, scale = invstd * w, shift = b - mean * scale.
        const M scale = static_cast<M>(is[c]) * (w ? static_cast<M>(w[c]) : M(1));
        const M shift = (b ? static_cast<M>(b[c]) : M(0)) - static_cast<M>(mu[c]) * scale;
        for (int64_t n = 0; n < p.batch; ++n) {
          const int64_t offset = (n * p.channels + c) * p.size;
          const T* src = x + offset;
          T* dst = y + offset;
          for (int64_t i = 0; i < p.size; ++i) {
            dst[i] = static_cast<T>(static_cast<M>(src[i]) * scale + shift);
          }
        }
      }
    });
  });
}

void batch_norm_backward_kernel(const Tensor& grad_input, const Tensor& grad_weight,
                                const Tensor& grad_bias, const Tensor& grad_out, const Tensor& in,
                                const Tensor& mean, const Tensor& invstd, const Tensor& weight,
                                bool training) {
  detail::dispatch_dtype<detail::types::kFloating>(
      in.dtype(), "batch_norm_backward", kCPU, [&]<class T>() {
        using M = kernels::opmath_t<T>;
        const Planes p = planes_of(in);
        const T* x = in.data_ptr<T>();
        const T* dy = grad_out.data_ptr<T>();
        const T* mu = mean.data_ptr<T>();
        const T* is = invstd.data_ptr<T>();
        const T* w = data_or_null<T>(weight);
        T* dx = data_or_null<T>(grad_input);
        T* dw = data_or_null<T>(grad_weight);
        T* db = data_or_null<T>(grad_bias);
        const int64_t count = p.batch * p.size;
        parallel_for(0, p.channels, channel_grain(p), [&](int64_t begin, int64_t end) {
          for (int64_t c = begin; c < end; ++c) {
            const M m = static_cast<M>(mu[c]);
            const M inv = static_cast<M>(is[c]);
            const M wc = w ? static_cast<M>(w[c]) : M(1);
            // Evaluation without a weight gradient needs no sums.
            const bool need_sums = training || dw != nullptr || db != nullptr;
            M sum_dy = 0, sum_dy_xmu = 0;
            if (need_sums) {
              for (int64_t n = 0; n < p.batch; ++n) {
                const int64_t offset = (n * p.channels + c) * p.size;
                plane_grad_sums<T, M>(dy + offset, x + offset, p.size, m, sum_dy, sum_dy_xmu);
              }
            }
            if (dx != nullptr) {
              if (training) {
                // dx = (dy - mean(dy) - (x - mean) * invstd^2 * mean(dy * (x - mean))) * invstd * w
                const M grad_mean = sum_dy / static_cast<M>(count);
                const M proj = sum_dy_xmu / static_cast<M>(count) * inv * inv;
                const M scale = inv * wc;
                for (int64_t n = 0; n < p.batch; ++n) {
                  const int64_t offset = (n * p.channels + c) * p.size;
                  const T* g = dy + offset;
                  const T* xs = x + offset;
                  T* out = dx + offset;
                  for (int64_t i = 0; i < p.size; ++i) {
                    const M centered = static_cast<M>(xs[i]) - m;
                    out[i] = static_cast<T>((static_cast<M>(g[i]) - grad_mean - centered * proj) *
                                            scale);
                  }
                }
              } else {
                const M scale = inv * wc;
                for (int64_t n = 0; n < p.batch; ++n) {
                  const int64_t offset = (n * p.channels + c) * p.size;
                  const T* g = dy + offset;
                  T* out = dx + offset;
                  for (int64_t i = 0; i < p.size; ++i) {
                    out[i] = static_cast<T>(static_cast<M>(g[i]) * scale);
                  }
                }
              }
            }
            if (dw != nullptr) dw[c] = static_cast<T>(sum_dy_xmu * inv);
            if (db != nullptr) db[c] = static_cast<T>(sum_dy);
          }
        });
      });
}

}  // namespace ember::cpu
