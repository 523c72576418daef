// 3x3 convolutions at stride 1 by Winograd's minimal filtering F(2x2, 3x3) (Lavin & Gray,
// 2015): each 2x2 block of outputs comes from a 4x4 tile of the input as
//     Y = A^T [ (G g G^T) (.) (B^T d B) ] A
// so the 36 multiplies of a block become 16, and across channels those 16 points are 16
// matrix products [K x C] @ [C x tiles]. The weight gradient is the same expression's
// adjoint: dg = G^T [ sum over tiles of (A dY A^T) (.) (B^T d B) ] G, 16 products
// [K x tiles] @ [tiles x C]. 2.25x fewer multiply-adds than im2col + GEMM, which is what
// lets the 64-channel layers of a CNN beat oneDNN's direct convolution on one core.
//
// The tiles are processed in blocks of whole tile rows, sized so that a block's transformed
// input and products stay in the core's L2; blocks are spread over the thread pool.

#include <algorithm>
#include <cstring>
#include <vector>

#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Functions.h"

namespace ember::cpu {

using detail::dispatch_dtype;
using detail::empty_tensor;

namespace {

constexpr int kPoints = 16;  // transform points of a 4x4 tile
// The dtypes it computes in (the front end sends no other).
constexpr uint32_t kWinogradTypes = detail::dtype_bit(kFloat) | detail::dtype_bit(kDouble);

// One call's geometry: [n, c, h, w] in, [n, k, oh, ow] out, tiles_h x tiles_w 2x2 blocks of
// outputs per image, processed `rows_per_block` tile rows at a time.
struct Plan {
  int64_t n, c, k, h, w, oh, ow, pad_h, pad_w;
  int64_t tiles_h, tiles_w, rows_per_block;
  int64_t tile_rows() const { return n * tiles_h; }
  int64_t blocks() const { return (tile_rows() + rows_per_block - 1) / rows_per_block; }
  int64_t max_block_tiles() const { return rows_per_block * tiles_w; }
};

Plan make_plan(int64_t n, int64_t c, int64_t k, int64_t h, int64_t w, int64_t oh, int64_t ow,
               int64_t pad_h, int64_t pad_w) {
  Plan p{n, c, k, h, w, oh, ow, pad_h, pad_w, (oh + 1) / 2, (ow + 1) / 2, 1};
  // Blocks of about 8192 / (c + k) tiles, 64 to 1024: a block's transformed input and
  // products (16 (c + k) values a tile) then take about 512 KiB, near L2's size, and when
  // channels are few its 16 per-point products stay wide enough to amortise each one's
  // packing (measured: 8 channels at 64 tiles a block ran 2.5x slower than at 512).
  const int64_t tiles = std::clamp<int64_t>(8192 / std::max<int64_t>(c + k, 1), 64, 1024);
  p.rows_per_block = std::max<int64_t>(1, tiles / p.tiles_w);
  return p;
}

// v[xi][ci][b] = (B^T d B)[xi] for the tiles of tile rows [r0, r1) (b = (r - r0) * tiles_w +
// tx) and channels [0, c) of `x` ([n, c, h, w]): d the 4x4 input patch at (2 ty - pad_h,
// 2 tx - pad_w), zero outside the image. v is [16][c][ld]. Adjacent tile rows share two
// input rows, so each input row is combined along its width once, for all the tile rows of
// one image in the block, and the results are then combined down the patches.
template <class T>
EMBER_ALWAYS_INLINE void transform_input(const T* x, const Plan& p, int64_t r0, int64_t r1, T* v,
                                         int64_t ld) {
  const int64_t tw = p.tiles_w, padded = 2 * tw + 2;
  const int64_t max_rows = 2 * std::min(p.rows_per_block, p.tiles_h) + 2;
  std::vector<T> row(static_cast<size_t>(padded)), hbuf(static_cast<size_t>(4 * max_rows * tw));
  // The part of a padded row that lies inside the image: row[q] = x[y][q - pad_w].
  const int64_t first = std::min(padded, p.pad_w);
  const int64_t last = std::clamp<int64_t>(p.w + p.pad_w, first, padded);
  for (int64_t r = r0; r < r1;) {
    // The tile rows [ty0, ty1) of image img in this block.
    const int64_t img = r / p.tiles_h, ty0 = r % p.tiles_h;
    const int64_t ty1 = std::min(p.tiles_h, ty0 + (r1 - r));
    const int64_t rows = 2 * (ty1 - ty0) + 2;
    const int64_t b_start = (r - r0) * tw;
    for (int64_t ci = 0; ci < p.c; ++ci) {
      const T* plane = x + (img * p.c + ci) * p.h * p.w;
      // hbuf[(j * rows + q) * tw + tx]: input row q of the segment, combined along its width.
      for (int64_t q = 0; q < rows; ++q) {
        const int64_t y = 2 * ty0 - p.pad_h + q;
        if (y >= 0 && y < p.h) {
          std::fill(row.begin(), row.begin() + first, T(0));
          if (last > first) {
            std::memcpy(row.data() + first, plane + y * p.w + (first - p.pad_w),
                        static_cast<size_t>(last - first) * sizeof(T));
          }
          std::fill(row.begin() + last, row.end(), T(0));
        } else {
          std::fill(row.begin(), row.end(), T(0));
        }
        const T* d = row.data();
        T* h0 = hbuf.data() + (0 * rows + q) * tw;
        T* h1 = hbuf.data() + (1 * rows + q) * tw;
        T* h2 = hbuf.data() + (2 * rows + q) * tw;
        T* h3 = hbuf.data() + (3 * rows + q) * tw;
        for (int64_t tx = 0; tx < tw; ++tx) {
          const T d0 = d[2 * tx], d1 = d[2 * tx + 1], d2 = d[2 * tx + 2], d3 = d[2 * tx + 3];
          h0[tx] = d0 - d2;
          h1[tx] = d1 + d2;
          h2[tx] = d2 - d1;
          h3[tx] = d1 - d3;
        }
      }
      // The same combination down each patch's four rows.
      for (int j = 0; j < 4; ++j) {
        const T* hj = hbuf.data() + j * rows * tw;
        T* v0 = v + ((0 * 4 + j) * p.c + ci) * ld + b_start;
        T* v1 = v + ((1 * 4 + j) * p.c + ci) * ld + b_start;
        T* v2 = v + ((2 * 4 + j) * p.c + ci) * ld + b_start;
        T* v3 = v + ((3 * 4 + j) * p.c + ci) * ld + b_start;
        for (int64_t t = 0; t < ty1 - ty0; ++t) {
          const T* e0 = hj + 2 * t * tw;
          const T* e1 = e0 + tw;
          const T* e2 = e1 + tw;
          const T* e3 = e2 + tw;
          const int64_t o = t * tw;
          for (int64_t tx = 0; tx < tw; ++tx) {
            v0[o + tx] = e0[tx] - e2[tx];
            v1[o + tx] = e1[tx] + e2[tx];
            v2[o + tx] = e2[tx] - e1[tx];
            v3[o + tx] = e1[tx] - e3[tx];
          }
        }
      }
    }
    r += ty1 - ty0;
  }
}

// out[img, ko, 2 ty + di, 2 tx + dj] = (A^T m A)[di][dj] + bias[ko] for the tiles of rows
// [r0, r1), m[xi][ko][b] ([16][k][ld]); outputs past the image's edge are dropped.
template <class T>
EMBER_ALWAYS_INLINE void transform_output(const T* m, const Plan& p, int64_t r0, int64_t r1,
                                          int64_t ld, const T* bias, T* out) {
  const int64_t tw = p.tiles_w;
  std::vector<T> s(static_cast<size_t>(8 * tw)), o(static_cast<size_t>(4 * tw));
  for (int64_t ko = 0; ko < p.k; ++ko) {
    const T b = bias ? bias[ko] : T(0);
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t img = r / p.tiles_h, ty = r % p.tiles_h;
      const int64_t b0 = (r - r0) * tw;
      // s[(di * 4 + j) * tw + tx]: the points combined down the tile by A^T.
      for (int j = 0; j < 4; ++j) {
        const T* m0 = m + ((0 * 4 + j) * p.k + ko) * ld + b0;
        const T* m1 = m + ((1 * 4 + j) * p.k + ko) * ld + b0;
        const T* m2 = m + ((2 * 4 + j) * p.k + ko) * ld + b0;
        const T* m3 = m + ((3 * 4 + j) * p.k + ko) * ld + b0;
        T* s0 = s.data() + (0 * 4 + j) * tw;
        T* s1 = s.data() + (1 * 4 + j) * tw;
        for (int64_t tx = 0; tx < tw; ++tx) {
          s0[tx] = m0[tx] + m1[tx] + m2[tx];
          s1[tx] = m1[tx] - m2[tx] - m3[tx];
        }
      }
      // Then across it, into two output rows of 2 tw values.
      for (int di = 0; di < 2; ++di) {
        const T* c0 = s.data() + (di * 4 + 0) * tw;
        const T* c1 = c0 + tw;
        const T* c2 = c1 + tw;
        const T* c3 = c2 + tw;
        T* row = o.data() + di * 2 * tw;
        for (int64_t tx = 0; tx < tw; ++tx) {
          row[2 * tx] = c0[tx] + c1[tx] + c2[tx] + b;
          row[2 * tx + 1] = c1[tx] - c2[tx] - c3[tx] + b;
        }
        const int64_t y = 2 * ty + di;
        if (y < p.oh) {
          std::memcpy(out + ((img * p.k + ko) * p.oh + y) * p.ow, row,
                      static_cast<size_t>(p.ow) * sizeof(T));
        }
      }
    }
  }
}

// g_t[xi][ko][b] = (A dY A^T)[xi] for the tiles of rows [r0, r1): dY the 2x2 block of
// grad_out ([n, k, oh, ow]) at (2 ty, 2 tx), zero past the edge. g_t is [16][k][ld].
template <class T>
EMBER_ALWAYS_INLINE void transform_grad_output(const T* grad, const Plan& p, int64_t r0, int64_t r1,
                                               T* g_t, int64_t ld) {
  const int64_t tw = p.tiles_w;
  std::vector<T> row(static_cast<size_t>(2 * tw)), hbuf(static_cast<size_t>(8 * tw));
  for (int64_t ko = 0; ko < p.k; ++ko) {
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t img = r / p.tiles_h, ty = r % p.tiles_h;
      // hbuf[(di * 4 + j) * tw + tx]: output row di of each block, spread along its width by A.
      for (int di = 0; di < 2; ++di) {
        const int64_t y = 2 * ty + di;
        std::fill(row.begin(), row.end(), T(0));
        if (y < p.oh) {
          std::memcpy(row.data(), grad + ((img * p.k + ko) * p.oh + y) * p.ow,
                      static_cast<size_t>(p.ow) * sizeof(T));
        }
        T* h0 = hbuf.data() + (di * 4) * tw;
        T* h1 = h0 + tw;
        T* h2 = h1 + tw;
        T* h3 = h2 + tw;
        for (int64_t tx = 0; tx < tw; ++tx) {
          const T y0 = row[2 * tx], y1 = row[2 * tx + 1];
          h0[tx] = y0;
          h1[tx] = y0 + y1;
          h2[tx] = y0 - y1;
          h3[tx] = -y1;
        }
      }
      const int64_t b0 = (r - r0) * tw;
      for (int j = 0; j < 4; ++j) {
        const T* e0 = hbuf.data() + (0 * 4 + j) * tw;
        const T* e1 = hbuf.data() + (1 * 4 + j) * tw;
        T* v0 = g_t + ((0 * 4 + j) * p.k + ko) * ld + b0;
        T* v1 = g_t + ((1 * 4 + j) * p.k + ko) * ld + b0;
        T* v2 = g_t + ((2 * 4 + j) * p.k + ko) * ld + b0;
        T* v3 = g_t + ((3 * 4 + j) * p.k + ko) * ld + b0;
        for (int64_t tx = 0; tx < tw; ++tx) {
          v0[tx] = e0[tx];
          v1[tx] = e0[tx] + e1[tx];
          v2[tx] = e0[tx] - e1[tx];
          v3[tx] = -e1[tx];
        }
      }
    }
  }
}

// The three transforms compiled for one instruction set: the baseline (SSE2, 4 floats a
// vector) or AVX2 (8), picked once per call by use_avx2(). They only add and subtract, so
// both give the same bits.
template <class T>
struct BaselineTransforms {
  static void input(const T* x, const Plan& p, int64_t r0, int64_t r1, T* v, int64_t ld) {
    transform_input(x, p, r0, r1, v, ld);
  }
  static void output(const T* m, const Plan& p, int64_t r0, int64_t r1, int64_t ld, const T* bias,
                     T* out) {
    transform_output(m, p, r0, r1, ld, bias, out);
  }
  static void grad_output(const T* grad, const Plan& p, int64_t r0, int64_t r1, T* g_t,
                          int64_t ld) {
    transform_grad_output(grad, p, r0, r1, g_t, ld);
  }
};
#if EMBER_HAVE_AVX2_TARGET
template <class T>
struct Avx2Transforms {
  EMBER_TARGET_AVX2 static void input(const T* x, const Plan& p, int64_t r0, int64_t r1, T* v,
                                      int64_t ld) {
    transform_input(x, p, r0, r1, v, ld);
  }
  EMBER_TARGET_AVX2 static void output(const T* m, const Plan& p, int64_t r0, int64_t r1,
                                       int64_t ld, const T* bias, T* out) {
    transform_output(m, p, r0, r1, ld, bias, out);
  }
  EMBER_TARGET_AVX2 static void grad_output(const T* grad, const Plan& p, int64_t r0, int64_t r1,
                                            T* g_t, int64_t ld) {
    transform_grad_output(grad, p, r0, r1, g_t, ld);
  }
};
#endif

// Calls f.template operator()<Transforms>() with the transforms for this CPU.
template <class T, class F>
void with_transforms(F&& f) {
#if EMBER_HAVE_AVX2_TARGET
  if (use_avx2()) {
    f.template operator()<Avx2Transforms<T>>();
    return;
  }
#endif
  f.template operator()<BaselineTransforms<T>>();
}

// G (4x3) of F(2x2, 3x3).
constexpr double kG[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};

// u[xi][ko][ci] = (G g G^T)[xi] for g = weight[ko][ci] ([k, c, 3, 3]), or with `transposed`
// g[a][b] = weight[ci][ko][2 - a][2 - b] of a transposed convolution's [c, k, 3, 3] weight.
template <class T>
void transform_weight(const T* weight, const Plan& p, bool transposed, T* u) {
  parallel_for(
      0, p.k, std::max<int64_t>(1, 2048 / std::max<int64_t>(p.c, 1)), [&](int64_t k0, int64_t k1) {
        for (int64_t ko = k0; ko < k1; ++ko) {
          for (int64_t ci = 0; ci < p.c; ++ci) {
            T g[3][3];
            for (int a = 0; a < 3; ++a) {
              for (int b = 0; b < 3; ++b) {
                g[a][b] = transposed ? weight[((ci * p.k + ko) * 3 + 2 - a) * 3 + 2 - b]
                                     : weight[((ko * p.c + ci) * 3 + a) * 3 + b];
              }
            }
            T gg[4][3];  // G g
            for (int i = 0; i < 4; ++i) {
              for (int b = 0; b < 3; ++b) {
                gg[i][b] = T(kG[i][0]) * g[0][b] + T(kG[i][1]) * g[1][b] + T(kG[i][2]) * g[2][b];
              }
            }
            for (int i = 0; i < 4; ++i) {
              for (int j = 0; j < 4; ++j) {
                u[((i * 4 + j) * p.k + ko) * p.c + ci] =
                    gg[i][0] * T(kG[j][0]) + gg[i][1] * T(kG[j][1]) + gg[i][2] * T(kG[j][2]);
              }
            }
          }
        }
      });
}

// The 16 matrices [rows x cols] of a [16][.][ld] scratch buffer for the matrix-multiply
// kernel: element (i, j) at i * ld + j, or at j * ld + i (`transpose`: the buffer's
// matrices read transposed).
Tensor matrices(const Tensor& buffer, int64_t rows, int64_t cols, int64_t ld, bool transpose) {
  const int64_t per = buffer.size(1) * buffer.size(2);
  return buffer.as_strided({kPoints, rows, cols}, {per, transpose ? 1 : ld, transpose ? ld : 1});
}

// The plan's blocks split into `pieces` runs of `per_piece` (the last maybe shorter), each run
// one task with scratch of its own: one piece when the work is too small to share (or on one
// thread), else up to get_num_threads(); no piece is empty.
struct BlockSplit {
  int64_t pieces, per_piece;
};
BlockSplit split_blocks(const Plan& p, int64_t work_per_block) {
  const int64_t blocks = p.blocks();
  const int64_t wanted = std::min<int64_t>(
      blocks, work_per_block * blocks < (int64_t(1) << 20) ? 1 : get_num_threads());
  const int64_t per_piece = (blocks + wanted - 1) / wanted;
  return {(blocks + per_piece - 1) / per_piece, per_piece};
}

// Runs f(piece, first_block, last_block) for each piece of the split, on the thread pool.
template <class F>
void for_block_ranges(const Plan& p, const BlockSplit& split, F&& f) {
  parallel_for(0, split.pieces, 1, [&](int64_t begin, int64_t end) {
    for (int64_t piece = begin; piece < end; ++piece) {
      const int64_t b0 = piece * split.per_piece;
      f(piece, b0, std::min(p.blocks(), b0 + split.per_piece));
    }
  });
}

template <class T, class Tr>
void forward(const Tensor& out, const Tensor& in, const Tensor& weight, const Tensor& bias,
             const Plan& p, bool transposed) {
  const ScalarType dtype = in.scalar_type();
  const Tensor u = empty_tensor({kPoints, p.k, p.c}, dtype, kCPU);
  transform_weight(weight.data_ptr<T>(), p, transposed, u.data_ptr<T>());
  const T* x = in.data_ptr<T>();
  const T* b = bias.defined() ? bias.data_ptr<T>() : nullptr;
  T* y = out.data_ptr<T>();
  const int64_t ld = p.max_block_tiles();
  for_block_ranges(p, split_blocks(p, p.k * p.c * ld), [&](int64_t, int64_t b0, int64_t b1) {
    const Tensor v = empty_tensor({kPoints, p.c, ld}, dtype, kCPU);
    const Tensor m = empty_tensor({kPoints, p.k, ld}, dtype, kCPU);
    for (int64_t blk = b0; blk < b1; ++blk) {
      const int64_t r0 = blk * p.rows_per_block;
      const int64_t r1 = std::min(p.tile_rows(), r0 + p.rows_per_block);
      const int64_t tiles = (r1 - r0) * p.tiles_w;
      Tr::input(x, p, r0, r1, v.data_ptr<T>(), ld);
      // m[xi] = u[xi] @ v[xi]
      gemm_kernel(matrices(m, p.k, tiles, ld, false), u, matrices(v, p.c, tiles, ld, false), 0, 1);
      Tr::output(m.data_ptr<T>(), p, r0, r1, ld, b, y);
    }
  });
}

template <class T, class Tr>
void weight_grad(const Tensor& grad_weight, const Tensor& grad_out, const Tensor& in,
                 const Plan& p) {
  const ScalarType dtype = in.scalar_type();
  const T* x = in.data_ptr<T>();
  const T* g = grad_out.data_ptr<T>();
  const int64_t ld = p.max_block_tiles();
  const BlockSplit split = split_blocks(p, p.k * p.c * ld);
  // One [16][k][c] sum per piece, added up afterwards in a fixed order.
  const Tensor sums = empty_tensor({split.pieces, kPoints, p.k, p.c}, dtype, kCPU);
  for_block_ranges(p, split, [&](int64_t piece, int64_t b0, int64_t b1) {
    const Tensor v = empty_tensor({kPoints, p.c, ld}, dtype, kCPU);
    const Tensor gt = empty_tensor({kPoints, p.k, ld}, dtype, kCPU);
    const Tensor sum = sums.select(0, piece);
    for (int64_t blk = b0; blk < b1; ++blk) {
      const int64_t r0 = blk * p.rows_per_block;
      const int64_t r1 = std::min(p.tile_rows(), r0 + p.rows_per_block);
      const int64_t tiles = (r1 - r0) * p.tiles_w;
      Tr::input(x, p, r0, r1, v.data_ptr<T>(), ld);
      Tr::grad_output(g, p, r0, r1, gt.data_ptr<T>(), ld);
      // sum[xi] (+)= gt[xi] @ v[xi]^T
      gemm_kernel(sum, matrices(gt, p.k, tiles, ld, false), matrices(v, tiles, p.c, ld, true),
                  blk == b0 ? 0 : 1, 1);
    }
  });
  T* acc = sums.data_ptr<T>();
  const int64_t per = kPoints * p.k * p.c;
  for (int64_t piece = 1; piece < split.pieces; ++piece) {
    const T* part = acc + piece * per;
    for (int64_t i = 0; i < per; ++i) acc[i] += part[i];
  }
  // grad_weight[ko][ci] = G^T sum[.][ko][ci] G
  T* dw = grad_weight.data_ptr<T>();
  for (int64_t kc = 0; kc < p.k * p.c; ++kc) {
    T s[4][4];
    for (int xi = 0; xi < kPoints; ++xi) s[xi / 4][xi % 4] = acc[xi * p.k * p.c + kc];
    for (int a = 0; a < 3; ++a) {
      T t[4];  // (G^T s)[a][.]
      for (int j = 0; j < 4; ++j) {
        t[j] = T(kG[0][a]) * s[0][j] + T(kG[1][a]) * s[1][j] + T(kG[2][a]) * s[2][j] +
               T(kG[3][a]) * s[3][j];
      }
      for (int b = 0; b < 3; ++b) {
        dw[kc * 9 + a * 3 + b] =
            t[0] * T(kG[0][b]) + t[1] * T(kG[1][b]) + t[2] * T(kG[2][b]) + t[3] * T(kG[3][b]);
      }
    }
  }
}

}  // namespace

void conv3x3_winograd_kernel(const Tensor& out, const Tensor& in, const Tensor& weight,
                             const Tensor& bias, int64_t pad_h, int64_t pad_w,
                             bool transposed_weight) {
  const Plan p = make_plan(in.size(0), in.size(1), out.size(1), in.size(2), in.size(3), out.size(2),
                           out.size(3), pad_h, pad_w);
  if (out.numel() == 0) return;
  dispatch_dtype<kWinogradTypes>(in.dtype(), "conv2d (Winograd)", kCPU, [&]<class T>() {
    with_transforms<T>(
        [&]<class Tr>() { forward<T, Tr>(out, in, weight, bias, p, transposed_weight); });
  });
}

void conv3x3_winograd_weight_grad_kernel(const Tensor& grad_weight, const Tensor& grad_out,
                                         const Tensor& in, int64_t pad_h, int64_t pad_w) {
  const Plan p = make_plan(in.size(0), in.size(1), grad_out.size(1), in.size(2), in.size(3),
                           grad_out.size(2), grad_out.size(3), pad_h, pad_w);
  if (grad_out.numel() == 0 || in.numel() == 0) {
    Tensor(grad_weight).zero_();
    return;
  }
  dispatch_dtype<kWinogradTypes>(in.dtype(), "conv2d backward (Winograd)", kCPU, [&]<class T>() {
    with_transforms<T>([&]<class Tr>() { weight_grad<T, Tr>(grad_weight, grad_out, in, p); });
  });
}

}  // namespace ember::cpu
