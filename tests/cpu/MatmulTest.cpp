// The matmul family (mm, bmm, mv, dot, outer, addmm, matmul) against PyTorch's results
// (tests/reference/gen_gemm.py), through every CPU implementation: BLAS when linked, the
// blocked kernel with each instruction set this CPU has, and the reference loops, on 1 and 2
// threads, with contiguous, transposed and sliced operands.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"
#include "backends/cpu/Gemm.h"
#include "core/KernelTable.h"

namespace {

using namespace ember;
using ember::cpu::GemmImpl;
using ember::cpu::GemmIsa;
using ember_test::tensors_close;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct GemmReference {
  const char* name;
  const char* dtype;
  std::vector<int64_t> shape;
  const double* values;
  int64_t count;
};

#include "reference/gemm_data.inc"

Dtype dtype_from_name(const std::string& name) {
  static const std::pair<const char*, Dtype> kNames[] = {
      {"float32", kFloat}, {"float64", kDouble}, {"bfloat16", kBFloat16}, {"float16", kHalf},
      {"int8", kChar},     {"uint8", kByte},     {"int16", kShort},       {"int32", kInt},
      {"int64", kLong},    {"bool", kBool}};
  for (const auto& [n, d] : kNames) {
    if (name == n) return d;
  }
  ADD_FAILURE() << "unknown dtype " << name;
  return kFloat;
}

/// PyTorch's result `name`, converted to `dtype` (default: the dtype PyTorch produced).
Tensor expected(const std::string& name, std::optional<Dtype> dtype = std::nullopt) {
  for (const GemmReference& r : kGemmReferences) {
    if (name != r.name) continue;
    std::vector<double> values(r.values, r.values + r.count);
    Tensor t = values.empty() ? zeros(r.shape, kDouble) : tensor(values, kDouble).view(r.shape);
    return t.to(dtype.value_or(dtype_from_name(r.dtype)));
  }
  ADD_FAILURE() << "no reference named " << name;
  return Tensor();
}

// The formula gen_gemm.py uses for element (r, c) (r: flat index of the leading dims).
double value(int seed, int64_t r, int64_t c, Dtype dtype) {
  const int64_t h = r * 131 + c * 71 + seed * 17;
  if (dtype == kBool) return h % 3 == 0 ? 1.0 : 0.0;
  if (dtype == kByte) return static_cast<double>(h % 10);
  const double v = static_cast<double>(h % 19 - 9);
  return is_floating_type(dtype) ? v / 8 : v;
}

enum class Layout { kContiguous, kTransposed, kSliced };
const char* layout_name(Layout l) {
  return l == Layout::kContiguous   ? "contiguous"
         : l == Layout::kTransposed ? "transposed"
                                    : "sliced";
}

/// The operand gen_gemm.py calls M(shape, seed), stored as `layout` says: kTransposed keeps
/// the last two dims swapped in memory, kSliced interleaves unread NaN (or junk) columns.
Tensor operand(std::vector<int64_t> shape, int seed, Dtype dtype,
               Layout layout = Layout::kContiguous) {
  const int64_t cols = shape.empty() ? 1 : shape.back();
  int64_t rows = 1;
  for (size_t d = 0; d + 1 < shape.size(); ++d) rows *= shape[d];
  std::vector<double> v(static_cast<size_t>(rows * cols));
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) v[r * cols + c] = value(seed, r, c, dtype);
  }
  const Tensor logical =
      (v.empty() ? zeros(shape, kDouble) : tensor(v, kDouble).view(shape)).to(dtype);
  if (layout == Layout::kTransposed && shape.size() >= 2) {
    return logical.transpose(-1, -2).contiguous().transpose(-1, -2);
  }
  if (layout == Layout::kSliced && !shape.empty()) {
    std::vector<int64_t> wide = shape;
    wide.back() *= 2;
    Tensor storage = full(wide, is_floating_type(dtype) ? Scalar(kNaN) : Scalar(true), dtype);
    Tensor view = storage.slice(-1, 0, wide.back(), 2);
    view.copy_(logical);
    return view;
  }
  return logical;
}

/// One way of running float matrix products: implementation, ISA, threads.
struct Config {
  GemmImpl impl;
  GemmIsa isa;
  int threads;
  std::string name;
};

std::vector<Config> all_configs() {
  std::vector<Config> out;
  for (int threads : {1, 2}) {
    const std::string t = " threads=" + std::to_string(threads);
    out.push_back({GemmImpl::kAuto, GemmIsa::kAuto, threads, "auto" + t});
    if (cpu::gemm_has_blas()) out.push_back({GemmImpl::kBlas, GemmIsa::kAuto, threads, "blas" + t});
    for (GemmIsa isa :
         {GemmIsa::kGeneric, GemmIsa::kAvx2, GemmIsa::kAvx512, GemmIsa::kGenericWide}) {
      if (!cpu::gemm_isa_supported(isa)) continue;
      out.push_back({GemmImpl::kBlocked, isa, threads,
                     std::string("blocked-") + cpu::gemm_isa_name(isa) + t});
    }
    out.push_back({GemmImpl::kReference, GemmIsa::kAuto, threads, "reference" + t});
  }
  return out;
}

/// Applies a Config for its lifetime and restores the defaults afterwards.
class ConfigGuard {
 public:
  explicit ConfigGuard(const Config& c) : threads_(get_num_threads()) {
    cpu::set_gemm_impl(c.impl);
    cpu::set_gemm_isa(c.isa);
    set_num_threads(c.threads);
  }
  ~ConfigGuard() {
    cpu::set_gemm_impl(GemmImpl::kAuto);
    cpu::set_gemm_isa(GemmIsa::kAuto);
    set_num_threads(threads_);
  }
  ConfigGuard(const ConfigGuard&) = delete;
  ConfigGuard& operator=(const ConfigGuard&) = delete;

 private:
  int threads_;
};

constexpr Layout kLayouts[] = {Layout::kContiguous, Layout::kTransposed, Layout::kSliced};

// ---- every op in every dtype ----------------------------------------------------------------

class MatmulDtypeTest : public ::testing::TestWithParam<const char*> {};

TEST_P(MatmulDtypeTest, MatchesPyTorch) {
  const std::string name = GetParam();
  const Dtype dt = dtype_from_name(name);
  // bfloat16 rounds its float accumulation once; PyTorch may round differently in between.
  auto check = [&](const Tensor& actual, const std::string& ref) {
    if (dt == kBFloat16) return tensors_close(actual, expected(ref), 1e-2, 1e-2);
    return tensors_equal(actual, expected(ref));
  };
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (Layout la : kLayouts) {
      SCOPED_TRACE(layout_name(la));
      const Tensor a = operand({5, 7}, 1, dt, la);
      const Tensor b = operand({7, 3}, 2, dt, la);
      EXPECT_TRUE(check(mm(a, b), "mm_" + name));
      EXPECT_TRUE(check(a.mm(b), "mm_" + name));
      EXPECT_TRUE(
          check(bmm(operand({2, 4, 6}, 1, dt, la), operand({2, 6, 3}, 2, dt, la)), "bmm_" + name));
      EXPECT_TRUE(check(mv(a, operand({7}, 2, dt, la)), "mv_" + name));
      EXPECT_TRUE(check(a.mv(operand({7}, 2, dt, la)), "mv_" + name));
      EXPECT_TRUE(check(dot(operand({9}, 1, dt, la), operand({9}, 2, dt, la)), "dot_" + name));
      EXPECT_TRUE(check(operand({9}, 1, dt, la).dot(operand({9}, 2, dt)), "dot_" + name));
      EXPECT_TRUE(check(outer(operand({4}, 1, dt, la), operand({3}, 2, dt, la)), "outer_" + name));
      EXPECT_TRUE(check(matmul(operand({2, 1, 4, 6}, 1, dt, la), operand({3, 6, 5}, 2, dt, la)),
                        "matmul_" + name));
      if (dt != kBool) {
        const Scalar alpha = is_floating_type(dt) ? Scalar(2.0) : Scalar(3);
        const Scalar beta = is_floating_type(dt) ? Scalar(0.5) : Scalar(2);
        const Tensor self = operand({5, 3}, 3, dt, la);
        EXPECT_TRUE(check(addmm(self, a, b, beta, alpha), "addmm_" + name));
        EXPECT_TRUE(check(self.addmm(a, b, beta, alpha), "addmm_" + name));
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllDtypes, MatmulDtypeTest,
                         ::testing::Values("float32", "float64", "bfloat16", "float16", "int8",
                                           "uint8", "int16", "int32", "int64", "bool"),
                         [](const auto& info) { return std::string(info.param); });

// Half and bfloat16 products large enough to be computed as float32 products.
TEST(MatmulTest, ReducedFloatLargeProducts) {
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (const char* name : {"bfloat16", "float16"}) {
      const Dtype dt = dtype_from_name(name);
      // float16 rounds the exact float32 result once, as PyTorch's float path. PyTorch 1.13's
      // bfloat16 kernel rounds partial sums to bfloat16 (Ember accumulates in float), so it
      // is a few bfloat16 ulps off the exact value that Ember returns.
      const double tol = dt == kBFloat16 ? 5e-2 : 0.0;
      for (Layout la : kLayouts) {
        SCOPED_TRACE(std::string(name) + " " + layout_name(la));
        const Tensor a = operand({40, 30}, 1, dt, la), b = operand({30, 50}, 2, dt, la);
        EXPECT_TRUE(
            tensors_close(mm(a, b), expected(std::string("mm_") + name + "_big"), tol, tol));
        EXPECT_TRUE(
            tensors_close(bmm(operand({3, 20, 30}, 1, dt, la), operand({3, 30, 25}, 2, dt, la)),
                          expected(std::string("bmm_") + name + "_big"), tol, tol));
        EXPECT_TRUE(tensors_close(addmm(operand({40, 50}, 3, dt, la), a, b, 0.5, 2),
                                  expected(std::string("addmm_") + name + "_big"), tol, tol));
      }
    }
  }
}

// ---- shapes that exercise the blocked kernel's tiles, blocks and threading ----------------

struct Shape {
  int64_t m, n, k;
};
constexpr Shape kShapes[] = {{1, 1, 1},     {2, 2, 2},     {3, 5, 4},     {6, 16, 8},
                             {7, 17, 5},    {12, 32, 9},   {13, 33, 300}, {64, 64, 64},
                             {100, 40, 20}, {65, 47, 257}, {100, 1, 50},  {1, 100, 50},
                             {3, 2100, 2},  {150, 3, 7}};

std::string shape_name(const Shape& s) {
  return std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
}

TEST(MatmulTest, FloatShapesLayoutsAndImplementations) {
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (Dtype dt : {kFloat, kDouble}) {
      for (const Shape& s : kShapes) {
        const Tensor want = expected("mm_" + shape_name(s), dt);
        for (Layout la : kLayouts) {
          for (Layout lb : kLayouts) {
            SCOPED_TRACE(shape_name(s) + " " + layout_name(la) + " x " + layout_name(lb));
            const Tensor a = operand({s.m, s.k}, 1, dt, la);
            const Tensor b = operand({s.k, s.n}, 2, dt, lb);
            EXPECT_TRUE(tensors_equal(mm(a, b), want));
          }
        }
      }
    }
  }
}

// The kernel itself, with an output that is column-major, strided, or full of NaN.
TEST(MatmulTest, KernelOutputLayoutsAndBeta) {
  auto gemm = detail::get_kernel<detail::Kernel::gemm>(kCPU);
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (Dtype dt : {kFloat, kDouble}) {
      for (const Shape& s : {Shape{13, 33, 300}, Shape{65, 47, 257}, Shape{7, 17, 5},
                             Shape{100, 1, 50}, Shape{1, 100, 50}}) {
        SCOPED_TRACE(shape_name(s));
        const Tensor want = expected("mm_" + shape_name(s), dt).unsqueeze(0);
        const Tensor a = operand({1, s.m, s.k}, 1, dt);
        const Tensor b = operand({1, s.k, s.n}, 2, dt, Layout::kTransposed);
        // beta = 0: whatever the output held (NaN here) must not leak into the result.
        Tensor col_major = full({1, s.n, s.m}, kNaN, dt).transpose(1, 2);
        gemm(col_major, a, b, 0, 1);
        EXPECT_TRUE(tensors_equal(col_major, want));
        Tensor strided = full({1, s.m, 2 * s.n}, kNaN, dt).slice(2, 0, 2 * s.n, 2);
        gemm(strided, a, b, 0, 1);
        EXPECT_TRUE(tensors_equal(strided, want));
        // beta = 1, alpha = -1 on top of the product itself: exactly zero.
        gemm(strided, a, b, 1, -1);
        EXPECT_TRUE(tensors_equal(strided, zeros_like(want)));
        gemm(col_major, a, b, -2, 3);  // -2 * P + 3 * P = P
        EXPECT_TRUE(tensors_equal(col_major, want));
      }
    }
  }
}

TEST(MatmulTest, BatchedStridesAndBroadcastBatches) {
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (Dtype dt : {kFloat, kDouble}) {
      for (Layout la : kLayouts) {
        for (Layout lb : kLayouts) {
          SCOPED_TRACE(std::string(layout_name(la)) + " x " + layout_name(lb));
          EXPECT_TRUE(
              tensors_equal(bmm(operand({3, 40, 260}, 1, dt, la), operand({3, 260, 37}, 2, dt, lb)),
                            expected("bmm_3x40x37x260", dt)));
          EXPECT_TRUE(
              tensors_equal(bmm(operand({64, 5, 7}, 1, dt, la), operand({64, 7, 6}, 2, dt, lb)),
                            expected("bmm_64x5x6x7", dt)));
          // Stride-0 batches: the same matrix for every batch entry, never copied.
          const Tensor a1 = operand({1, 5, 7}, 1, dt, la).expand({3, 5, 7});
          EXPECT_EQ(a1.stride(0), 0);
          EXPECT_TRUE(tensors_equal(bmm(a1, operand({3, 7, 4}, 2, dt, lb)),
                                    expected("bmm_broadcast_batch", dt)));
          EXPECT_TRUE(tensors_equal(bmm(operand({1, 20, 30}, 1, dt, la).expand({4, 20, 30}),
                                        operand({1, 30, 25}, 2, dt, lb).expand({4, 30, 25})),
                                    expected("bmm_broadcast_both", dt)));
        }
      }
      // Batch dim not outermost in memory (rows outermost instead).
      const Tensor a =
          operand({3, 40, 260}, 1, dt).permute({1, 0, 2}).contiguous().permute({1, 0, 2});
      EXPECT_NE(a.stride(0), 40 * 260);
      EXPECT_TRUE(tensors_equal(bmm(a, operand({3, 260, 37}, 2, dt, Layout::kTransposed)),
                                expected("bmm_3x40x37x260", dt)));
    }
  }
}

// More threads than this machine may have cores: uneven splits of rows, columns and batches.
TEST(MatmulTest, ThreeAndFourThreads) {
  for (int threads : {3, 4}) {
    for (GemmImpl impl : {GemmImpl::kAuto, GemmImpl::kBlocked}) {
      const Config config{impl, GemmIsa::kAuto, threads, "threads=" + std::to_string(threads)};
      SCOPED_TRACE(config.name);
      ConfigGuard guard(config);
      for (Dtype dt : {kFloat, kDouble}) {
        EXPECT_TRUE(tensors_equal(mm(operand({65, 257}, 1, dt), operand({257, 47}, 2, dt)),
                                  expected("mm_65x47x257", dt)));
        EXPECT_TRUE(tensors_equal(mm(operand({3, 2}, 1, dt), operand({2, 2100}, 2, dt)),
                                  expected("mm_3x2100x2", dt)));
        EXPECT_TRUE(tensors_equal(mm(operand({150, 7}, 1, dt), operand({7, 3}, 2, dt)),
                                  expected("mm_150x3x7", dt)));
        EXPECT_TRUE(tensors_equal(bmm(operand({64, 5, 7}, 1, dt), operand({64, 7, 6}, 2, dt)),
                                  expected("bmm_64x5x6x7", dt)));
        EXPECT_TRUE(tensors_equal(bmm(operand({3, 40, 260}, 1, dt), operand({3, 260, 37}, 2, dt)),
                                  expected("bmm_3x40x37x260", dt)));
        EXPECT_TRUE(tensors_equal(mv(operand({100, 50}, 1, dt), operand({50, 1}, 2, dt).view({50})),
                                  expected("mm_100x1x50", dt).view({100})));
      }
    }
  }
}

// ---- addmm ---------------------------------------------------------------------------------

TEST(MatmulTest, AddmmBetaAlphaAndBroadcastSelf) {
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    const Tensor x = operand({6, 9}, 1, kFloat);
    const Tensor y = operand({9, 5}, 2, kFloat, Layout::kTransposed);
    // beta == 0: self is ignored, NaN included.
    EXPECT_TRUE(tensors_equal(addmm(full({6, 5}, kNaN), x, y, 0, 1.5), expected("addmm_beta0")));
    EXPECT_TRUE(tensors_equal(addmm(operand({5}, 3, kFloat), x, y), expected("addmm_row_self")));
    EXPECT_TRUE(tensors_equal(addmm(operand({6, 1}, 3, kFloat), x, y, -1, 0.25),
                              expected("addmm_col_self")));
    EXPECT_TRUE(
        tensors_equal(addmm(operand({1, 1}, 3, kFloat), x, y, 2), expected("addmm_scalar_self")));
    EXPECT_TRUE(tensors_equal(addmm(operand({6, 5}, 3, kFloat), operand({6, 0}, 1, kFloat),
                                    operand({0, 5}, 2, kFloat), 3, 2),
                              expected("addmm_k0")));
    EXPECT_TRUE(tensors_equal(
        addmm(full({6, 5}, kNaN), operand({6, 0}, 1, kFloat), operand({0, 5}, 2, kFloat), 0),
        expected("addmm_k0_beta0")));
    EXPECT_TRUE(tensors_equal(addmm(operand({70, 40}, 3, kFloat, Layout::kSliced),
                                    operand({70, 300}, 1, kFloat, Layout::kTransposed),
                                    operand({300, 40}, 2, kFloat), -0.5, 0.75),
                              expected("addmm_big")));
  }
}

TEST(MatmulTest, AddmmLeavesSelfUntouched) {
  const Tensor self = operand({6, 5}, 3, kFloat);
  const Tensor before = self.clone();
  const Tensor out = addmm(self, operand({6, 9}, 1, kFloat), operand({9, 5}, 2, kFloat), 1, 1);
  EXPECT_TRUE(tensors_equal(self, before));
  EXPECT_FALSE(out.storage().is_alias_of(self.storage()));
}

// ---- matmul's rank combinations --------------------------------------------------------------

TEST(MatmulTest, MatmulEveryRankCombination) {
  const std::vector<std::tuple<std::string, std::vector<int64_t>, std::vector<int64_t>>> cases = {
      {"1d_1d", {7}, {7}},
      {"2d_1d", {4, 7}, {7}},
      {"1d_2d", {7}, {7, 3}},
      {"2d_2d", {4, 7}, {7, 3}},
      {"3d_2d", {2, 4, 7}, {7, 3}},
      {"3d_1d", {2, 4, 7}, {7}},
      {"1d_3d", {7}, {2, 7, 3}},
      {"2d_3d", {4, 7}, {2, 7, 3}},
      {"4d_3d", {2, 3, 4, 7}, {3, 7, 5}},
      {"4d_1d", {2, 3, 4, 7}, {7}},
      {"1d_4d", {7}, {2, 3, 7, 5}},
      {"bcast", {2, 1, 4, 7}, {1, 5, 7, 3}},
      {"3d_3d", {2, 4, 7}, {2, 7, 3}}};
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    for (const auto& [name, sa, sb] : cases) {
      for (Layout la : kLayouts) {
        for (Layout lb : kLayouts) {
          SCOPED_TRACE(name + " " + layout_name(la) + " x " + layout_name(lb));
          const Tensor a = operand(sa, 1, kFloat, la), b = operand(sb, 2, kFloat, lb);
          EXPECT_TRUE(tensors_equal(matmul(a, b), expected("matmul_" + name)));
          EXPECT_TRUE(tensors_equal(a.matmul(b), expected("matmul_" + name)));
        }
      }
    }
  }
}

// ---- empty operands -------------------------------------------------------------------------

TEST(MatmulTest, EmptyOperands) {
  for (const Config& config : all_configs()) {
    SCOPED_TRACE(config.name);
    ConfigGuard guard(config);
    EXPECT_TRUE(tensors_equal(mm(operand({3, 0}, 1, kFloat), operand({0, 4}, 2, kFloat)),
                              expected("mm_k0")));
    EXPECT_TRUE(tensors_equal(mm(operand({0, 5}, 1, kFloat), operand({5, 4}, 2, kFloat)),
                              expected("mm_m0")));
    EXPECT_TRUE(tensors_equal(mm(operand({3, 5}, 1, kFloat), operand({5, 0}, 2, kFloat)),
                              expected("mm_n0")));
    EXPECT_TRUE(tensors_equal(bmm(operand({0, 3, 5}, 1, kFloat), operand({0, 5, 4}, 2, kFloat)),
                              expected("bmm_b0")));
    EXPECT_TRUE(tensors_equal(dot(operand({0}, 1, kFloat), operand({0}, 2, kFloat)),
                              expected("dot_empty")));
    EXPECT_TRUE(
        tensors_equal(mv(operand({3, 0}, 1, kFloat), operand({0}, 2, kFloat)), expected("mv_k0")));
    EXPECT_TRUE(tensors_equal(matmul(operand({0, 3, 5}, 1, kFloat), operand({5, 4}, 2, kFloat)),
                              expected("matmul_empty_batch")));
    // k == 0 for an integer dtype too (reference loops).
    EXPECT_TRUE(
        tensors_equal(mm(zeros({2, 0}, kLong), zeros({0, 3}, kLong)), zeros({2, 3}, kLong)));
  }
}

// ---- errors ---------------------------------------------------------------------------------

TEST(MatmulTest, Errors) {
  const Tensor m23 = zeros({2, 3}), m21 = zeros({2, 1}), v3 = zeros({3}), v2 = zeros({2});
  EXPECT_TRUE(throws_error_with([&] { mm(m23, m21); },
                                "shapes [2, 3] and [2, 1] cannot be "
                                "multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with([&] { mm(v3, m23); },
                                "mm: expected the first argument to be a "
                                "matrix, got 1-D"));
  EXPECT_TRUE(throws_error_with([&] { mm(m23, v3); }, "second argument to be a matrix"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        mm(m23, zeros({3, 2}, kDouble));
      },
      "same dtype, but got Float != Double"));
  EXPECT_TRUE(throws_error_with([&] { bmm(m23, m23); }, "bmm: expected 3-D tensors, got 2-D"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bmm(zeros({2, 2, 3}), zeros({3, 3, 2}));
      },
      "bmm: batch sizes differ"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bmm(zeros({2, 2, 3}), zeros({2, 2, 2}));
      },
      "cannot be multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with([&] { mv(m23, v2); }, "cannot be multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with([&] { mv(m23, m23); }, "expected a matrix and a vector"));
  EXPECT_TRUE(throws_error_with([&] { dot(v3, v2); }, "inconsistent tensor size"));
  EXPECT_TRUE(throws_error_with([&] { dot(m23, v3); }, "1D tensors expected, but got 2D and 1D"));
  EXPECT_TRUE(throws_error_with([&] { dot(v3, zeros({3}, kDouble)); }, "same dtype"));
  EXPECT_TRUE(throws_error_with([&] { outer(m23, v3); }, "outer: expected 1-D tensors"));
  EXPECT_TRUE(throws_error_with([&] { matmul(zeros({}), v3); },
                                "both arguments to matmul need to be at least 1D"));
  EXPECT_TRUE(throws_error_with([&] { matmul(v3, v2); }, "inconsistent tensor size"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        matmul(zeros({4, 2, 3}), zeros({3, 3, 2}));
      },
      "must match the size of tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        matmul(zeros({4, 2, 3}), zeros({2, 3}));
      },
      "cannot be multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        addmm(zeros({3}), m23, zeros({3, 2}));
      },
      "The expanded size of the tensor (2) must match"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        addmm(zeros({2, 2}, kDouble), m23, zeros({3, 2}));
      },
      "same dtype"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        addmm(zeros({2, 2}), m23, m23);
      },
      "cannot be multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with([&] { addmm(zeros({2, 2}), v3, m23); }, "expected 2-D matrices"));
}

// ---- threads -------------------------------------------------------------------------------

extern "C" int openblas_get_num_threads() __attribute__((weak));

TEST(MatmulTest, SetNumThreadsControlsBlasToo) {
  const int before = get_num_threads();
  for (int n : {1, 2, 3}) {
    set_num_threads(n);
    EXPECT_EQ(get_num_threads(), n);
    if (cpu::gemm_has_blas() && openblas_get_num_threads != nullptr) {
      EXPECT_EQ(openblas_get_num_threads(), n);
    }
  }
  set_num_threads(before);
}

TEST(MatmulTest, IsaSelection) {
  EXPECT_TRUE(cpu::gemm_isa_supported(GemmIsa::kGeneric));
  EXPECT_TRUE(cpu::gemm_isa_supported(GemmIsa::kGenericWide));
  EXPECT_NE(cpu::gemm_best_isa(), GemmIsa::kGenericWide);
  EXPECT_TRUE(cpu::gemm_isa_supported(cpu::gemm_best_isa()));
  for (GemmIsa isa : {GemmIsa::kAvx2, GemmIsa::kAvx512}) {
    if (cpu::gemm_isa_supported(isa)) continue;
    EXPECT_TRUE(throws_error_with([&] { cpu::set_gemm_isa(isa); }, "is not available"));
  }
}

}  // namespace
