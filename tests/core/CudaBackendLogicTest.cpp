// The CUDA backend's index arithmetic, launch splitting, per-thread kernel bodies, reduction
// layout and Philox generator, run on the host: these headers are plain C++ (the .cu files
// wrap them in kernels), so their logic is checked in every build, GPU or not. Elementwise
// and reduction kernels are emulated thread by thread and block by block over CPU tensors
// and compared with the CPU backend.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "backends/cuda/ElementwiseCore.h"
#include "backends/cuda/IndexErrors.h"
#include "backends/cuda/IndexMath.h"
#include "backends/cuda/Philox.h"
#include "backends/cuda/ReduceCore.h"
#include "core/ReductionPlan.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "kernels/Arithmetic.h"
#include "kernels/ReduceOps.h"

namespace {

using namespace ember;
using ember::cuda::ElementwisePiece;
using ember::cuda::IntDivider;
using ember::cuda::kMaxDims;
using ember::cuda::kMaxIndex;

// ---- IntDivider and OffsetCalculator ----------------------------------------------------------

TEST(CudaIndexMath, IntDividerMatchesDivision) {
  std::mt19937 rng(7);
  std::vector<uint32_t> divisors = {1,
                                    2,
                                    3,
                                    5,
                                    7,
                                    10,
                                    16,
                                    100,
                                    255,
                                    256,
                                    1000,
                                    65535,
                                    65536,
                                    1048577,
                                    1u << 30,
                                    (1u << 31) - (1u << 16),
                                    (1u << 31) - 1,
                                    1u << 31};
  for (int i = 0; i < 200; ++i) divisors.push_back(1 + rng() % ((1u << 31) - 1));
  for (int i = 0; i < 200; ++i) divisors.push_back(1 + rng() % 5000);
  for (uint32_t d : divisors) {
    const IntDivider div(d);
    std::vector<uint32_t> ns = {0, 1, d - 1, d, d + 1, 2 * d - 1, (1u << 31) - 1, (1u << 31) - 2};
    for (int i = 0; i < 500; ++i) ns.push_back(rng() % (1u << 31));
    for (uint32_t n : ns) {
      if (n >= (1u << 31)) continue;
      const uint32_t q = div.div(n);
      ASSERT_EQ(q, n / d) << n << " / " << d;
      ASSERT_EQ(div.mod(n, q), n % d) << n << " % " << d;
    }
  }
}

TEST(CudaIndexMath, OffsetCalculatorMatchesNaiveOffsets) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const int nd = static_cast<int>(rng() % (kMaxDims + 1));
    ember::cuda::OffsetCalculator<3> calc;
    calc.ndim = nd;
    std::vector<int64_t> sizes(static_cast<size_t>(nd));
    int64_t numel = 1;
    for (int d = 0; d < nd; ++d) {
      sizes[d] = 1 + rng() % (nd > 8 ? 3 : 7);
      numel *= sizes[d];
      calc.sizes[d] = IntDivider(static_cast<uint32_t>(sizes[d]));
      for (int a = 0; a < 3; ++a) calc.strides[d][a] = int64_t(rng() % 100000) - 20000;
    }
    for (int64_t i = 0; i < numel; i += 1 + numel / 300) {
      int64_t off[3];
      calc.get(static_cast<uint32_t>(i), off);
      int64_t expect[3] = {0, 0, 0};
      int64_t rest = i;
      for (int d = 0; d < nd; ++d) {
        for (int a = 0; a < 3; ++a) expect[a] += (rest % sizes[d]) * calc.strides[d][a];
        rest /= sizes[d];
      }
      for (int a = 0; a < 3; ++a) ASSERT_EQ(off[a], expect[a]);
    }
  }
}

// ---- Splitting into launches ------------------------------------------------------------------

struct PieceStats {
  int64_t pieces = 0;
  int64_t elements = 0;
  std::vector<ElementwisePiece<2>> kept;
};

PieceStats split(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides_bytes) {
  // Operand 0 and 1 share strides; base addresses are fake (nothing is dereferenced).
  std::vector<int64_t> strides;
  for (int64_t s : strides_bytes) {
    strides.push_back(s);
    strides.push_back(s);
  }
  PieceStats st;
  std::array<char*, 2> data{reinterpret_cast<char*>(uintptr_t(1) << 40),
                            reinterpret_cast<char*>(uintptr_t(1) << 41)};
  ember::cuda::for_each_piece<2>(data, sizes.data(), strides.data(), static_cast<int>(sizes.size()),
                                 [&](const ElementwisePiece<2>& p) {
                                   ++st.pieces;
                                   st.elements += p.numel;
                                   EXPECT_LE(p.numel, kMaxIndex);
                                   EXPECT_LE(p.ndim, kMaxDims);
                                   int64_t n = 1;
                                   for (int d = 0; d < p.ndim; ++d) n *= p.sizes[d];
                                   EXPECT_EQ(n, p.numel);
                                   if (st.kept.size() < 64) st.kept.push_back(p);
                                 });
  return st;
}

TEST(CudaLaunchSplit, SmallIterationsAreOneLaunch) {
  const PieceStats st = split({7, 5, 3}, {4, 28, 140});
  EXPECT_EQ(st.pieces, 1);
  EXPECT_EQ(st.elements, 105);
  EXPECT_EQ(split({}, {}).pieces, 1);  // 0-d: one element
  EXPECT_EQ(split({4, 0}, {4, 16}).pieces, 0);
}

TEST(CudaLaunchSplit, HugeContiguousRunsSplitIntoAlignedChunks) {
  const int64_t n = (int64_t(1) << 32) + 12345;
  const PieceStats st = split({n}, {4});
  EXPECT_EQ(st.elements, n);
  EXPECT_EQ(st.pieces, (n + kMaxIndex - 1) / kMaxIndex);
  for (const auto& p : st.kept) {
    const uintptr_t offset = reinterpret_cast<uintptr_t>(p.ptrs.p[0]) - (uintptr_t(1) << 40);
    EXPECT_EQ(offset % (16 * 4), 0u) << "chunks must keep 16-element alignment";
  }
}

TEST(CudaLaunchSplit, OuterDimensionSplitsWhenInnerBlocksFit) {
  const PieceStats st = split({1000, int64_t(1) << 22}, {2, 2000});
  EXPECT_EQ(st.elements, int64_t(1000) << 22);
  // Each piece is a whole number of inner rows.
  for (const auto& p : st.kept) EXPECT_EQ(p.sizes[0], 1000);
}

TEST(CudaLaunchSplit, InnerBlocksAboveTheLimitSplitFurther) {
  const int64_t inner = kMaxIndex + 17;
  const PieceStats st = split({inner, 3}, {1, inner});
  EXPECT_EQ(st.elements, inner * 3);
  EXPECT_GE(st.pieces, 6);
}

TEST(CudaLaunchSplit, TooManyDimensionsSplitIntoPiecesOfAtMostKMaxDims) {
  std::vector<int64_t> sizes(20, 2), strides;
  int64_t s = 1;
  for (int d = 0; d < 20; ++d) {
    strides.push_back(s * 3);  // not coalescible: gaps between dims
    s *= 6;
  }
  const PieceStats st = split(sizes, strides);
  EXPECT_EQ(st.elements, int64_t(1) << 20);
  EXPECT_EQ(st.pieces, 16);  // 2^(20 - 16) outer indices
  // Piece bases are offset by the outer dims' strides: all distinct.
  std::vector<uintptr_t> bases;
  for (const auto& p : st.kept) bases.push_back(reinterpret_cast<uintptr_t>(p.ptrs.p[0]));
  std::sort(bases.begin(), bases.end());
  EXPECT_EQ(std::unique(bases.begin(), bases.end()), bases.end());
}

// ---- Elementwise kernels emulated on the host --------------------------------------------------

// Blocks the emulated device holds at once: few, so that the contiguous kernel's grid-stride
// loop takes several tiles per block.
constexpr uint32_t kEmulatedResidentBlocks = 3;

// Runs the kernels' per-thread code for every block and thread, as a launch would.
template <class F, int NT>
struct HostLauncher {
  mutable int vectorized_launches = 0;
  mutable int strided_launches = 0;
  template <int VEC>
  void vectorized(uint32_t n, const ember::cuda::Pointers<NT>& ptrs,
                  const ember::cuda::ScalarSlots<NT - 1>& sc, const F& f) const {
    ++vectorized_launches;
    const uint32_t threads = ember::cuda::kElementwiseThreads;
    const uint64_t tile = uint64_t(threads) * VEC * ember::cuda::kVectorsPerThread;
    const uint32_t blocks =
        ember::cuda::balanced_grid((n + tile - 1) / tile, kEmulatedResidentBlocks);
    for (uint32_t b = 0; b < blocks; ++b) {
      for (uint32_t t = 0; t < threads; ++t) {
        ember::cuda::loops::vectorized_thread<VEC>(f, ptrs, sc, n, b, blocks, t, threads,
                                                   std::make_index_sequence<NT - 1>{});
      }
    }
  }
  void strided(uint32_t n, const ember::cuda::Pointers<NT>& ptrs,
               const ember::cuda::ScalarSlots<NT - 1>& sc,
               const ember::cuda::OffsetCalculator<NT>& calc, const F& f) const {
    ++strided_launches;
    const uint32_t threads = ember::cuda::kElementwiseThreads;
    const uint32_t tile = threads * ember::cuda::kStridedUnroll;
    const uint32_t blocks = (n + tile - 1) / tile;
    for (uint32_t b = 0; b < blocks; ++b) {
      for (uint32_t t = 0; t < threads; ++t) {
        ember::cuda::loops::strided_thread(f, ptrs, sc, calc, n, b, t, threads,
                                           std::make_index_sequence<NT - 1>{});
      }
    }
  }
};

template <class F>
Tensor emulate_binary(const Tensor& a, const Tensor& b, Dtype out_dtype, const F& f,
                      int* vectorized = nullptr) {
  auto iter = detail::TensorIteratorConfig()
                  .add_output(Tensor())
                  .add_input(a)
                  .add_input(b)
                  .output_dtype(out_dtype)
                  .build();
  HostLauncher<F, 3> launcher;
  ember::cuda::elementwise_launch(iter, f, launcher);
  if (vectorized != nullptr) *vectorized = launcher.vectorized_launches;
  return iter.output();
}

Tensor arange_f(IntArrayRef shape, Dtype dtype = kFloat) {
  return arange(compute_numel(shape), TensorOptions(kDouble))
      .mul(0.37)
      .add(-3.0)
      .to(dtype)
      .view(shape);
}

TEST(CudaElementwiseEmulation, ContiguousAddTakesVectorizedKernelWithTail) {
  // A float tile is 256 threads x 4 vectors x 4 floats = 4096 elements: less than a tile, whole
  // tiles, several tiles per block (3 blocks), and a partial last tile.
  for (int64_t n : {1, 3, 4, 1023, 1024, 1025, 4095, 4096, 4097, 4096 * 3, 4096 * 3 + 1,
                    4096 * 7 + 100, 100000}) {
    const Tensor a = arange_f({n}), b = arange_f({n}).mul(2.0);
    int vec = 0;
    const Tensor out =
        emulate_binary(a, b, kFloat, ember::cuda::binary_fn<float>(kernels::Add{}), &vec);
    EXPECT_EQ(vec, 1) << n;
    EXPECT_TRUE(ember_test::tensors_equal(out, a + b)) << n;
  }
  // 8 halves or 2 doubles per vector; a half operand starting 8 elements in is still aligned.
  for (int64_t n : {8191, 8192 * 4 + 9}) {
    const Tensor h = arange_f({n + 8}, kHalf), g = arange_f({n}, kHalf).mul(0.5);
    int vec = 0;
    Tensor out =
        emulate_binary(h.slice(0, 8), g, kHalf, ember::cuda::binary_fn<Half>(kernels::Add{}), &vec);
    EXPECT_EQ(vec, 1) << n;
    EXPECT_TRUE(ember_test::tensors_equal(out, h.slice(0, 8) + g)) << n;
    const Tensor d = arange_f({n}, kDouble);
    out = emulate_binary(d, d, kDouble, ember::cuda::binary_fn<double>(kernels::Mul{}), &vec);
    EXPECT_EQ(vec, 1) << n;
    EXPECT_TRUE(ember_test::tensors_equal(out, d * d)) << n;
  }
}

TEST(CudaElementwiseEmulation, BalancedGridsGiveEveryBlockTheSameTiles) {
  using ember::cuda::balanced_grid;
  EXPECT_EQ(balanced_grid(1, 1056), 1u);
  EXPECT_EQ(balanced_grid(1056, 1056), 1056u);
  EXPECT_EQ(balanced_grid(1057, 1056), 529u);    // 2 tiles per block, not 1056 + 1
  EXPECT_EQ(balanced_grid(16384, 1056), 1024u);  // 2^26 floats on 132 SMs: 16 tiles each
  EXPECT_EQ(balanced_grid(uint64_t(1) << 40, 1056), 1056u);
  for (uint64_t tiles : {1u, 7u, 100u, 1000u, 123457u}) {
    for (uint32_t max_blocks : {1u, 3u, 64u, 1056u}) {
      const uint32_t blocks = balanced_grid(tiles, max_blocks);
      EXPECT_LE(blocks, max_blocks);
      EXPECT_GE(uint64_t(blocks) * ((tiles + blocks - 1) / blocks), tiles);
      // No block count below `blocks` gives fewer tiles per block.
      EXPECT_EQ((tiles + blocks - 1) / blocks, (tiles + max_blocks - 1) / max_blocks);
    }
  }
}

TEST(CudaElementwiseEmulation, StridedBroadcastAndMisalignedOperandsTakeStridedKernel) {
  const Tensor base = arange_f({37, 41});
  const Tensor t = base.t();                        // transposed
  const Tensor row = arange_f({41}).view({41, 1});  // broadcast against [41, 37]
  int vec = 1;
  Tensor out = emulate_binary(t, row, kFloat, ember::cuda::binary_fn<float>(kernels::Mul{}), &vec);
  EXPECT_EQ(vec, 0);
  EXPECT_TRUE(ember_test::tensors_equal(out, t * row));
  // Contiguous but starting one element in: misaligned for 16-byte vectors.
  const Tensor flat = arange_f({5001});
  const Tensor a = flat.slice(0, 1), b = flat.slice(0, 0, 5000);
  out = emulate_binary(a, b, kFloat, ember::cuda::binary_fn<float>(kernels::Add{}), &vec);
  EXPECT_EQ(vec, 0);
  EXPECT_TRUE(ember_test::tensors_equal(out, a + b));
}

TEST(CudaElementwiseEmulation, ManyDimensionsAreSplitIntoSeveralLaunches) {
  // Alternating broadcast dims cannot coalesce: 20 iteration dims.
  std::vector<int64_t> sa(20, 1), sb(20, 1);
  for (int d = 0; d < 20; ++d) (d % 2 ? sa : sb)[d] = 2;
  const Tensor a = arange_f(sa), b = arange_f(sb);
  const Tensor out = emulate_binary(a, b, kFloat, ember::cuda::binary_fn<float>(kernels::Add{}));
  EXPECT_TRUE(ember_test::tensors_equal(out, a + b));
}

TEST(CudaElementwiseEmulation, OtherDtypesAndAlpha) {
  const Tensor a = arange(-50, 250, TensorOptions(kLong)).to(kChar);  // wraps
  const Tensor b = arange(300, TensorOptions(kLong)).to(kChar);
  Tensor out = emulate_binary(a, b, kChar, ember::cuda::binary_fn<int8_t>(kernels::Mul{}));
  EXPECT_TRUE(ember_test::tensors_equal(out, a * b));
  const Tensor h = arange_f({999}, kHalf), g = arange_f({999}, kHalf).mul(0.5);
  out = emulate_binary(h, g, kHalf, ember::cuda::binary_fn<Half>(kernels::Div{}));
  EXPECT_TRUE(ember_test::tensors_equal(out, h / g));
}

template <class D, class S>
struct Convert {
  D operator()(S v) const { return kernels::convert<D>(v); }
};

TEST(CudaElementwiseEmulation, ConversionAndFill) {
  const Tensor src = arange_f({3, 333}).mul(1000.0).to(kDouble);
  const Tensor dst = empty({3, 333}, kHalf);
  auto iter = detail::TensorIteratorConfig().add_output(dst).add_input(src).build();
  ember::cuda::elementwise_launch(iter, Convert<Half, double>{},
                                  HostLauncher<Convert<Half, double>, 2>{});
  EXPECT_TRUE(ember_test::tensors_equal(dst, src.to(kHalf)));

  struct Seven {
    int16_t operator()() const { return 7; }
  };
  const Tensor filled = empty({5, 77}, kShort).t();
  auto fill_iter = detail::TensorIteratorConfig().add_output(filled).build();
  ember::cuda::elementwise_launch(fill_iter, Seven{}, HostLauncher<Seven, 1>{});
  EXPECT_TRUE(ember_test::tensors_equal(filled, full({77, 5}, 7, kShort)));
}

// A three-input functor with mixed operand types (as `where` will be).
struct Select {
  float operator()(bool c, float a, float b) const { return c ? a : b; }
};
struct FusedMulAdd {
  float operator()(float a, float b, float c) const { return a * b + c; }
};

TEST(CudaElementwiseEmulation, TernaryFunctors) {
  const Tensor a = arange_f({300, 7}), b = arange_f({7}), c = arange_f({300, 1});
  auto iter = detail::TensorIteratorConfig()
                  .add_output(Tensor())
                  .add_input(a)
                  .add_input(b)
                  .add_input(c)
                  .build();
  const auto f = ember::cuda::ternary_fn<float>(FusedMulAdd{});
  ember::cuda::elementwise_launch(iter, f, HostLauncher<decltype(f), 4>{});
  EXPECT_TRUE(ember_test::tensors_close(iter.output(), a * b + c, 1e-6, 1e-6));

  const Tensor cond = from_blob(std::vector<uint8_t>(2100, 1).data(), {300, 7}, kByte).to(kBool);
  auto select_iter = detail::TensorIteratorConfig()
                         .add_output(Tensor())
                         .add_input(cond)
                         .add_input(a)
                         .add_input(b.expand({300, 7}))
                         .output_dtype(kFloat)
                         .build();
  ember::cuda::elementwise_launch(select_iter, Select{}, HostLauncher<Select, 4>{});
  EXPECT_TRUE(ember_test::tensors_equal(select_iter.output(), a));
}

TEST(CudaElementwiseEmulation, CpuScalarSlotsSubstituteTheValue) {
  // Input 1 given as a scalar slot: the kernel must not read its (null) pointer.
  const Tensor a = arange_f({1000});
  Tensor out = empty({1000});
  ember::cuda::ScalarSlots<2> sc;
  const float s = 2.5f;
  sc.set<float>(1, &s);
  ember::cuda::Pointers<3> ptrs{
      {static_cast<char*>(out.data_ptr()), static_cast<char*>(a.data_ptr()), nullptr}};
  const auto f = ember::cuda::binary_fn<float>(kernels::Add{});
  HostLauncher<decltype(f), 3>{}.vectorized<4>(1000, ptrs, sc, f);
  EXPECT_TRUE(ember_test::tensors_equal(out, a + 2.5));
  out.zero_();
  ember::cuda::OffsetCalculator<3> calc;
  calc.ndim = 1;
  calc.sizes[0] = IntDivider(1000);
  calc.strides[0][0] = 4;
  calc.strides[0][1] = 4;
  calc.strides[0][2] = 0;
  HostLauncher<decltype(f), 3>{}.strided(1000, ptrs, sc, calc, f);
  EXPECT_TRUE(ember_test::tensors_equal(out, a + 2.5));
}

TEST(CudaElementwiseEmulation, MismatchedFunctorIsAnError) {
  const Tensor a = arange_f({10});
  auto iter = detail::TensorIteratorConfig().add_output(Tensor()).add_input(a).add_input(a).build();
  const auto f = ember::cuda::binary_fn<double>(kernels::Add{});
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { ember::cuda::elementwise_launch(iter, f, HostLauncher<decltype(f), 3>{}); },
      "operand 0 has dtype Float but the functor expects Double"));
}

// ---- Reductions emulated on the host -----------------------------------------------------------

// One launch of reduce_kernel (and combine_partials_kernel when split), block by block, with
// the shared-memory tree of block_combine.
template <class T, class Out, class Op>
void emulate_reduce(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                    const Op& op, const Tensor* indices, int sm_count,
                    ember::cuda::ReduceParams* params_out = nullptr) {
  using Acc = typename Op::acc_t;
  constexpr int VEC = 16 / sizeof(T) > 0 ? static_cast<int>(16 / sizeof(T)) : 1;
  const ember::cuda::ReduceParams p =
      ember::cuda::make_reduce_params(plan, in.data_ptr(), sizeof(T), VEC, sm_count);
  if (params_out != nullptr) *params_out = p;
  const T* in_ptr = static_cast<const T*>(in.data_ptr());
  Out* out_ptr = static_cast<Out*>(out.data_ptr());
  int64_t* idx_ptr = indices != nullptr ? static_cast<int64_t*>(indices->data_ptr()) : nullptr;
  std::vector<Acc> partials(static_cast<size_t>(p.outputs * p.splits));
  std::vector<Acc> smem(ember::cuda::kReduceThreads);
  auto tree = [&](bool inner, int bx, int by) {
    if (inner) {
      for (int s = bx / 2; s > 0; s >>= 1) {
        for (int ty = 0; ty < by; ++ty) {
          for (int tx = 0; tx < s; ++tx) {
            smem[ty * bx + tx] = op.combine(smem[ty * bx + tx], smem[ty * bx + tx + s]);
          }
        }
      }
    } else {
      for (int s = by / 2; s > 0; s >>= 1) {
        for (int ty = 0; ty < s; ++ty) {
          for (int tx = 0; tx < bx; ++tx) {
            smem[ty * bx + tx] = op.combine(smem[ty * bx + tx], smem[(ty + s) * bx + tx]);
          }
        }
      }
    }
  };
  for (int64_t g = 0; g < p.splits; ++g) {
    for (int64_t bxi = 0; bxi < p.blocks_x; ++bxi) {
      for (int ty = 0; ty < p.by; ++ty) {
        for (int tx = 0; tx < p.bx; ++tx) {
          const int64_t k = p.inner ? bxi * p.by + ty : bxi * p.bx + tx;
          const int64_t lane = p.inner ? tx : ty;
          const int64_t nlanes = p.inner ? p.bx : p.by;
          const int64_t r0 = g * p.chunk, r1 = std::min(p.reduced, r0 + p.chunk);
          smem[ty * p.bx + tx] = k < p.outputs ? ember::cuda::reduce::lane_partial<VEC>(
                                                     p, in_ptr, k, r0, r1, lane, nlanes, op)
                                               : op.identity();
        }
      }
      tree(p.inner, p.bx, p.by);
      for (int ty = 0; ty < p.by; ++ty) {
        for (int tx = 0; tx < p.bx; ++tx) {
          const int64_t k = p.inner ? bxi * p.by + ty : bxi * p.bx + tx;
          const int64_t lane = p.inner ? tx : ty;
          if (lane != 0 || k >= p.outputs) continue;
          if (p.splits == 1) {
            ember::cuda::reduce::write_output(p, op, out_ptr, idx_ptr, k, smem[ty * p.bx + tx]);
          } else {
            partials[g * p.outputs + k] = smem[ty * p.bx + tx];
          }
        }
      }
    }
  }
  if (p.splits == 1) return;
  const int bx = static_cast<int>(std::min<int64_t>(32, ember::cuda::reduce::next_pow2(p.outputs)));
  const int by = ember::cuda::kReduceThreads / bx;
  for (int64_t blk = 0; blk < (p.outputs + bx - 1) / bx; ++blk) {
    for (int ty = 0; ty < by; ++ty) {
      for (int tx = 0; tx < bx; ++tx) {
        const int64_t k = blk * bx + tx;
        Acc acc = op.identity();
        if (k < p.outputs) {
          for (int64_t g = ty; g < p.splits; g += by)
            acc = op.combine(acc, partials[g * p.outputs + k]);
        }
        smem[ty * bx + tx] = acc;
      }
    }
    tree(false, bx, by);
    for (int tx = 0; tx < bx; ++tx) {
      const int64_t k = blk * bx + tx;
      if (k < p.outputs) ember::cuda::reduce::write_output(p, op, out_ptr, idx_ptr, k, smem[tx]);
    }
  }
}

// Integer values in double: sums are exact, so any element dropped or counted twice shows.
Tensor int_valued(IntArrayRef shape) {
  const int64_t n = compute_numel(shape);
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<double>((i * 7919) % 1001) - 500.0;
  return from_blob(v.data(), {n}, kDouble).clone().view(shape);
}

struct ReduceCase {
  Tensor in;
  std::vector<int64_t> dims;
};

std::vector<ReduceCase> reduce_cases() {
  std::vector<ReduceCase> cases;
  const Tensor big = int_valued({1000003});
  cases.push_back({big, {}});                                  // whole, vectorized, split
  cases.push_back({big.slice(0, 1), {}});                      // misaligned
  cases.push_back({int_valued({64, 1001}), {1}});              // inner
  cases.push_back({int_valued({64, 1000}).slice(1, 2), {1}});  // inner, rows vectorized
  cases.push_back({int_valued({1000, 64}), {0}});              // outer, outputs contiguous
  cases.push_back({int_valued({3000, 5}), {0}});               // outer, few outputs: split
  cases.push_back({int_valued({200, 300}).t(), {1}});          // transposed
  cases.push_back({int_valued({6, 7, 8}), {0, 2}});            // two reduced dims
  cases.push_back({int_valued({6, 7, 8}).permute({2, 0, 1}), {1}});
  cases.push_back({int_valued({5, 0, 3}), {1}});  // empty reduction
  cases.push_back({int_valued({}), {}});          // 0-d
  cases.push_back({int_valued({1, 1, 1}), {}});
  cases.push_back({int_valued({7}).expand({5, 7}), {0}});  // broadcast input
  return cases;
}

TEST(CudaReduceEmulation, SumMatchesCpu) {
  for (int sms : {1, 132}) {
    for (const ReduceCase& c : reduce_cases()) {
      const uint64_t mask = detail::make_dim_mask(c.dims, c.in.dim());
      const Tensor out = empty(detail::reduced_shape(c.in.sizes(), mask, true), kDouble);
      const detail::ReductionPlan plan = detail::make_reduction_plan(c.in, out, mask);
      emulate_reduce<double, double>(plan, out, c.in, kernels::SumOp<double>{}, nullptr, sms);
      const Tensor expected = c.in.sum(c.dims, /*keepdim=*/true);
      EXPECT_TRUE(ember_test::tensors_equal(out, expected))
          << c.in.sizes() << " dims " << IntArrayRef(c.dims) << " sms " << sms;
    }
  }
}

TEST(CudaReduceEmulation, ArgMaxFindsFirstMaximumAndFirstNan) {
  std::mt19937 rng(3);
  for (int sms : {1, 132}) {
    for (int64_t n : {1, 5, 257, 70001}) {
      std::vector<float> v(static_cast<size_t>(n));
      for (auto& x : v) x = static_cast<float>(rng() % 50);  // many ties
      const bool with_nan = n > 100;
      if (with_nan) {
        v[n / 3] = NAN;
        v[n / 2] = NAN;
      }
      const Tensor in = from_blob(v.data(), {n}, kFloat).clone();
      const Tensor values = empty({1}, kFloat), indices = empty({1}, kLong);
      const detail::ReductionPlan plan = detail::make_reduction_plan(in, values, 1);
      emulate_reduce<float, float>(plan, values, in, kernels::ArgMaxOp<float>{}, &indices, sms);
      int64_t best = 0;
      for (int64_t i = 1; i < n; ++i) {
        if (std::isnan(v[best])) break;
        if (std::isnan(v[i]) || v[i] > v[best]) best = i;
      }
      EXPECT_EQ(indices.item<int64_t>(), best) << n;
      if (with_nan) {
        EXPECT_TRUE(std::isnan(values.item<float>()));
      } else {
        EXPECT_EQ(values.item<float>(), v[best]);
      }
    }
  }
}

TEST(CudaReduceEmulation, ArgMinAlongADimOfAStridedInput) {
  const Tensor in = arange_f({40, 30}).mul(-1.0).t();  // [30, 40], reduce dim 1
  const Tensor values = empty({30, 1}), indices = empty({30, 1}, kLong);
  const detail::ReductionPlan plan = detail::make_reduction_plan(in, values, 0b10);
  emulate_reduce<float, float>(plan, values, in, kernels::ArgMinOp<float>{}, &indices, 132);
  for (int64_t i = 0; i < 30; ++i) {
    EXPECT_EQ(indices[i][0].item<int64_t>(), 39);
    EXPECT_EQ(values[i][0].item<float>(), in[i][39].item<float>());
  }
}

TEST(CudaReduceEmulation, MaxMinPropagateNan) {
  const Tensor in = tensor({1.0f, NAN, 3.0f, -2.0f});
  for (bool is_max : {true, false}) {
    const Tensor out = empty({1});
    const detail::ReductionPlan plan = detail::make_reduction_plan(in, out, 1);
    if (is_max) {
      emulate_reduce<float, float>(plan, out, in, kernels::MaxOp<float>{}, nullptr, 132);
    } else {
      emulate_reduce<float, float>(plan, out, in, kernels::MinOp<float>{}, nullptr, 132);
    }
    EXPECT_TRUE(std::isnan(out.item<float>()));
  }
  const Tensor ints = tensor({3, -7, 9, 9, -7});
  const Tensor out = empty({1}, kLong);
  const detail::ReductionPlan plan = detail::make_reduction_plan(ints, out, 1);
  emulate_reduce<int64_t, int64_t>(plan, out, ints, kernels::MinOp<int64_t>{}, nullptr, 1);
  EXPECT_EQ(out.item<int64_t>(), -7);
}

TEST(CudaReduceLayout, ParamsRespectLaunchLimits) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    detail::ReductionPlan plan;
    const int64_t K = 1 + rng() % 100000, R = rng() % 3000000;
    plan.kept_numel = K;
    plan.red_numel = R;
    if (K > 1) {
      plan.kept_sizes.push_back(K);
      plan.kept_in_strides.push_back(rng() % 2 ? 1 : R);
      plan.kept_out_strides.push_back(1);
    }
    if (R > 1) {
      plan.red_sizes.push_back(R);
      plan.red_in_strides.push_back(
          plan.kept_in_strides.empty() || plan.kept_in_strides[0] != 1 ? 1 : K);
    }
    const auto p =
        ember::cuda::make_reduce_params(plan, reinterpret_cast<void*>(uintptr_t(256)), 4, 4, 132);
    ASSERT_EQ(p.bx * p.by, ember::cuda::kReduceThreads);
    ASSERT_EQ(p.bx & (p.bx - 1), 0);
    ASSERT_GE(p.splits, 1);
    ASSERT_LE(p.splits, 65535);
    ASSERT_GE(p.chunk * p.splits, R);
    ASSERT_LT((p.splits - 1) * p.chunk, std::max<int64_t>(R, 1));
    ASSERT_GE(p.blocks_x * (p.inner ? p.by : p.bx), K);
    if (p.vectorize) {
      ASSERT_EQ(p.chunk % 4, 0);
    }
  }
}

// ---- Philox ------------------------------------------------------------------------------------

TEST(CudaPhilox, MatchesRandom123KnownAnswers) {
  using ember::cuda::philox::philox4x32_10;
  using ember::cuda::philox::Uint4;
  Uint4 r = philox4x32_10({0, 0, 0, 0}, 0, 0);
  EXPECT_EQ(r.x, 0x6627e8d5u);
  EXPECT_EQ(r.y, 0xe169c58du);
  EXPECT_EQ(r.z, 0xbc57ac4cu);
  EXPECT_EQ(r.w, 0x9b00dbd8u);
  r = philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, 0xffffffffu, 0xffffffffu);
  EXPECT_EQ(r.x, 0x408f276du);
  EXPECT_EQ(r.y, 0x41c83b0eu);
  EXPECT_EQ(r.z, 0xa20bc7c6u);
  EXPECT_EQ(r.w, 0x6d5451fdu);
  r = philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, 0xa4093822u, 0x299f31d0u);
  EXPECT_EQ(r.x, 0xd16cfe09u);
  EXPECT_EQ(r.y, 0x94fdccebu);
  EXPECT_EQ(r.z, 0x5001e420u);
  EXPECT_EQ(r.w, 0x24126ea1u);
}

TEST(CudaPhilox, UniformTransformsStayBelowOne) {
  using namespace ember::cuda::philox;
  for (int digits : {8, 11, 24}) {
    EXPECT_LT(uniform_float(0xffffffffu, digits), 1.0f);
    EXPECT_EQ(uniform_float(0u, digits), 0.0f);
    // Exactly representable in the target type: e.g. half keeps 11 bits.
    const float u = uniform_float(0xffffffffu, digits);
    EXPECT_EQ(u, 1.0f - std::ldexp(1.0f, -digits));
  }
  EXPECT_LT(uniform_double(0xffffffffu, 0xffffffffu), 1.0);
  EXPECT_EQ(uniform_double(0, 0), 0.0);
  double z0, z1;
  box_muller(1.0, 0.0, &z0, &z1);
  EXPECT_EQ(z0, 0.0);
  EXPECT_EQ(z1, 0.0);
  // Moments of many draws.
  double sum = 0, sq = 0;
  const int n = 200000;
  for (int i = 0; i < n / 2; ++i) {
    const Uint4 r = block(42, static_cast<uint64_t>(i));
    box_muller(1.0 - uniform_double(r.x, r.y), uniform_double(r.z, r.w), &z0, &z1);
    sum += z0 + z1;
    sq += z0 * z0 + z1 * z1;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sq / n, 1.0, 0.01);
}

// ---- Bad-index reports of the indexing kernels (the host path of report_bad_index) -------------

TEST(CudaIndexErrors, FirstReportWinsAndIsTakenOnce) {
  using namespace ember::cuda;
  IndexErrorRecord record{};
  int claim = 0;
  const IndexErrorSlot slot{&record, &claim};
  IndexErrorRecord taken{};
  EXPECT_FALSE(take_index_error(&record, &taken));
  report_bad_index(slot, IndexOp::kIndexSelect, 7, 1, 5);
  report_bad_index(slot, IndexOp::kGather, -9, 0, 3);  // a later report while one is pending
  ASSERT_TRUE(take_index_error(&record, &taken));
  EXPECT_EQ(index_error_message(taken),
            "index_select(): index 7 is out of bounds for dimension 1 with size 5");
  EXPECT_FALSE(take_index_error(&record, &taken));  // cleared
  // Until the claim word is re-armed, reports are dropped; then the next one is kept.
  report_bad_index(slot, IndexOp::kGather, -9, 0, 3);
  EXPECT_FALSE(take_index_error(&record, &taken));
  claim = 0;
  report_bad_index(slot, IndexOp::kScatterAdd, -9, 0, 3);
  ASSERT_TRUE(take_index_error(&record, &taken));
  EXPECT_EQ(index_error_message(taken),
            "scatter_add_(): index -9 is out of bounds for dimension 0 with size 3");
}

TEST(CudaIndexErrors, MessagesMatchTheCpuBackend) {
  using namespace ember::cuda;
  const Tensor x = arange(20, kFloat).view({4, 5});
  const struct {
    IndexOp op;
    std::function<void()> cpu_call;
  } cases[] = {
      {IndexOp::kIndex,
       [&] {
         (void)x.index({tensor({0, 7}, kLong)});
       }},
      {IndexOp::kIndexSelect,
       [&] {
         (void)x.index_select(0, tensor({0, 7}, kLong));
       }},
      {IndexOp::kGather,
       [&] {
         (void)x.gather(0, tensor({{0}, {7}}, kLong));
       }},
      {IndexOp::kScatterAdd,
       [&] {
         (void)x.clone().scatter_add_(0, tensor({{0}, {7}}, kLong), ones({2, 1}));
       }},
  };
  for (const auto& c : cases) {
    std::string cpu_message;
    try {
      c.cpu_call();
    } catch (const Error& e) {
      cpu_message = e.what();
    }
    const IndexErrorRecord r{1, static_cast<int32_t>(c.op), 7, 0, 4};
    EXPECT_NE(cpu_message.find(index_error_message(r)), std::string::npos)
        << cpu_message << " vs " << index_error_message(r);
  }
}

}  // namespace
