#pragma once

// The windows of average pooling and adaptive average pooling, shared by both backends:
// which input rows and columns an output cell averages, and what it divides by (ATen's
// avg_pool2d and adaptive_avg_pool2d rules).

#include <cstdint>

#include "core/KernelSignatures.h"
#include "ember/core/Macros.h"

namespace ember::kernels {

/// Rows [h0, h1) and columns [w0, w1) of the plane that output cell (oh, ow) sums, and its
/// divisor: divisor_override when not 0, else the window clipped to the padded plane
/// (count_include_pad) or to the plane.
struct AvgPoolCell {
  int64_t h0, h1, w0, w1, divisor;
};

EMBER_HOST_DEVICE inline AvgPoolCell avg_pool_cell(int64_t oh, int64_t ow,
                                                   const detail::WindowGeometry& g,
                                                   bool count_include_pad,
                                                   int64_t divisor_override) {
  int64_t h0 = oh * g.stride_h - g.pad_h, w0 = ow * g.stride_w - g.pad_w;
  int64_t h1 = h0 + g.kernel_h < g.height + g.pad_h ? h0 + g.kernel_h : g.height + g.pad_h;
  int64_t w1 = w0 + g.kernel_w < g.width + g.pad_w ? w0 + g.kernel_w : g.width + g.pad_w;
  const int64_t padded_size = (h1 - h0) * (w1 - w0);
  h0 = h0 > 0 ? h0 : 0;
  w0 = w0 > 0 ? w0 : 0;
  h1 = h1 < g.height ? h1 : g.height;
  w1 = w1 < g.width ? w1 : g.width;
  const int64_t divisor = divisor_override != 0 ? divisor_override
                          : count_include_pad   ? padded_size
                                                : (h1 - h0) * (w1 - w0);
  return {h0, h1, w0, w1, divisor};
}

/// The first input index output cell `o` of `out` averages over an axis of `in`:
/// floor(o * in / out).
EMBER_HOST_DEVICE inline int64_t adaptive_start(int64_t o, int64_t out, int64_t in) {
  return (o * in) / out;
}
/// One past its last: ceil((o + 1) * in / out).
EMBER_HOST_DEVICE inline int64_t adaptive_end(int64_t o, int64_t out, int64_t in) {
  return ((o + 1) * in + out - 1) / out;
}

}  // namespace ember::kernels
