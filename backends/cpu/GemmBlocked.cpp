// Ember's own float32/float64 matrix multiply, used when no BLAS is linked (and for shapes a
// BLAS handles poorly). The classic Goto/BLIS structure: C is cut into nc-column and
// kc-deep slabs; the kc x nc slab of B is packed into nr-wide panels (shared by all threads),
// each thread packs mc x kc blocks of its rows of A into mr-high panels, and an ISA-specific
// macro-kernel runs a register-tiled micro-kernel over them. Matrix-vector shapes and tiny
// matrices, where packing costs more than it saves, take direct loops instead.

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>

#include "backends/cpu/Gemm.h"
#include "backends/cpu/Parallel.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::cpu {
namespace {

// ---- instruction-set selection -----------------------------------------------------------

struct IsaTable {
  bool supported[5] = {false, false, false, false, false};
  GemmKernelSpec<float> f32[5];
  GemmKernelSpec<double> f64[5];
  GemmIsa best = GemmIsa::kGeneric;

  IsaTable() {
    supported[int(GemmIsa::kGeneric)] =
        gemm_specs_generic(&f32[int(GemmIsa::kGeneric)], &f64[int(GemmIsa::kGeneric)]);
    supported[int(GemmIsa::kGenericWide)] =
        gemm_specs_generic_wide(&f32[int(GemmIsa::kGenericWide)], &f64[int(GemmIsa::kGenericWide)]);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
      supported[int(GemmIsa::kAvx2)] =
          gemm_specs_avx2(&f32[int(GemmIsa::kAvx2)], &f64[int(GemmIsa::kAvx2)]);
    }
    if (__builtin_cpu_supports("avx512f")) {
      supported[int(GemmIsa::kAvx512)] =
          gemm_specs_avx512(&f32[int(GemmIsa::kAvx512)], &f64[int(GemmIsa::kAvx512)]);
    }
#endif
    for (GemmIsa isa : {GemmIsa::kAvx2, GemmIsa::kAvx512}) {
      if (supported[int(isa)]) best = isa;
    }
  }
};

const IsaTable& isa_table() {
  static const IsaTable table;
  return table;
}

std::atomic<int> g_isa{int(GemmIsa::kAuto)};

template <class T>
const GemmKernelSpec<T>& current_spec() {
  const IsaTable& t = isa_table();
  int isa = g_isa.load(std::memory_order_relaxed);
  if (isa == int(GemmIsa::kAuto)) isa = int(t.best);
  if constexpr (std::is_same_v<T, float>) {
    return t.f32[isa];
  } else {
    return t.f64[isa];
  }
}

// ---- packing buffers ---------------------------------------------------------------------

// A growable, 64-byte aligned scratch buffer. One per thread and role: pool threads live for
// the whole process, so steady-state products allocate nothing.
class ScratchBuffer {
 public:
  template <class T>
  T* get(int64_t count) {
    const size_t bytes = (static_cast<size_t>(count) * sizeof(T) + 63) / 64 * 64;
    if (bytes > size_) {
      data_.reset();
      data_.reset(static_cast<char*>(std::aligned_alloc(64, bytes)));
      EMBER_CHECK(data_ != nullptr, "matmul: out of memory allocating {} bytes of packing space",
                  bytes);
      size_ = bytes;
    }
    return reinterpret_cast<T*>(data_.get());
  }

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> data_;
  size_t size_ = 0;
};

thread_local ScratchBuffer t_pack_a;
thread_local ScratchBuffer t_pack_b;
thread_local ScratchBuffer t_vector;

constexpr int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
constexpr int64_t round_up(int64_t a, int64_t b) { return ceil_div(a, b) * b; }
template <class I>
constexpr I min_of(I a, I b) {
  return a < b ? a : b;
}

// Products below this many multiply-adds run on one thread: waking the pool costs more.
constexpr int64_t kParallelMacs = int64_t(1) << 19;
// Products of at most this many multiply-adds skip packing altogether.
constexpr int64_t kTinyMacs = 512;

int threads_for(int64_t macs) {
  if (macs < kParallelMacs || in_parallel_region()) return 1;
  return get_num_threads();
}

// Runs f(begin, end) over [0, n) split into at most `threads` pieces.
template <class F>
void run_split(int64_t n, int threads, F&& f) {
  if (threads <= 1 || n <= 1) {
    if (n > 0) f(int64_t(0), n);
    return;
  }
  parallel_for(0, n, ceil_div(n, threads), f);
}

// ---- packing -----------------------------------------------------------------------------

// One panel of h <= MR rows of a row-major A block (unit column stride): k-major, so each k
// reads MR rows side by side and writes MR consecutive values (MR is a constant: unrolled).
template <int MR, class T>
void pack_a_panel_rows(int64_t h, int64_t kc, const T* src, int64_t rs, T* EMBER_RESTRICT dst) {
  const T* rows[MR];
  for (int i = 0; i < MR; ++i) rows[i] = src + (i < h ? i : 0) * rs;
  if (h == MR) {
    for (int64_t p = 0; p < kc; ++p) {
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) dst[p * MR + i] = rows[i][p];
    }
  } else {
    for (int64_t p = 0; p < kc; ++p) {
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) dst[p * MR + i] = i < h ? rows[i][p] : T(0);
    }
  }
}

// Rows [0, rows) x k-range [0, kc) of A (strides rs, cs) into panels of mr rows, each stored
// k-major (mr values per k), the last panel zero-padded.
template <class T>
void pack_a(int64_t rows, int64_t kc, const T* a, int64_t rs, int64_t cs, T* dst, int mr) {
  for (int64_t i0 = 0; i0 < rows; i0 += mr) {
    const int64_t h = min_of<int64_t>(mr, rows - i0);
    const T* src = a + i0 * rs;
    if (rs == 1) {
      for (int64_t p = 0; p < kc; ++p) {
        T* d = dst + p * mr;
        std::memcpy(d, src + p * cs, static_cast<size_t>(h) * sizeof(T));
        for (int64_t i = h; i < mr; ++i) d[i] = T(0);
      }
    } else if (cs == 1 && mr == 6) {
      pack_a_panel_rows<6>(h, kc, src, rs, dst);
    } else if (cs == 1 && mr == 12) {
      pack_a_panel_rows<12>(h, kc, src, rs, dst);
    } else if (cs == 1 && mr == 4) {
      pack_a_panel_rows<4>(h, kc, src, rs, dst);
    } else {
      for (int64_t i = 0; i < h; ++i) {
        const T* row = src + i * rs;
        T* d = dst + i;
        for (int64_t p = 0; p < kc; ++p) d[p * mr] = row[p * cs];
      }
      for (int64_t i = h; i < mr; ++i) {
        for (int64_t p = 0; p < kc; ++p) dst[p * mr + i] = T(0);
      }
    }
    dst += mr * kc;
  }
}

// Column panels [p0, p1) (each nr wide) of a kc x cols block of B into panel-major storage:
// panel p holds kc rows of nr values, the last panel zero-padded.
template <class T>
void pack_b(int64_t kc, int64_t cols, const T* b, int64_t rs, int64_t cs, T* dst, int nr,
            int64_t p0, int64_t p1) {
  for (int64_t panel = p0; panel < p1; ++panel) {
    const int64_t j0 = panel * nr;
    const int64_t w = min_of<int64_t>(nr, cols - j0);
    const T* src = b + j0 * cs;
    T* d = dst + j0 * kc;
    if (cs == 1) {
      for (int64_t p = 0; p < kc; ++p) {
        std::memcpy(d + p * nr, src + p * rs, static_cast<size_t>(w) * sizeof(T));
        for (int64_t j = w; j < nr; ++j) d[p * nr + j] = T(0);
      }
    } else {
      for (int64_t j = 0; j < w; ++j) {
        const T* col = src + j * cs;
        if (rs == 1) {
          for (int64_t p = 0; p < kc; ++p) d[p * nr + j] = col[p];
        } else {
          for (int64_t p = 0; p < kc; ++p) d[p * nr + j] = col[p * rs];
        }
      }
      for (int64_t j = w; j < nr; ++j) {
        for (int64_t p = 0; p < kc; ++p) d[p * nr + j] = T(0);
      }
    }
  }
}

// ---- one matrix --------------------------------------------------------------------------

template <class T>
struct Mat {
  const T* p;
  int64_t rs, cs;
};

template <class T>
void scale_c(int64_t m, int64_t n, T* c, int64_t rs, int64_t cs, T beta, bool beta_zero) {
  for (int64_t i = 0; i < m; ++i) {
    T* row = c + i * rs;
    for (int64_t j = 0; j < n; ++j) row[j * cs] = beta_zero ? T(0) : beta * row[j * cs];
  }
}

// Direct loops for tiny products: a row of C accumulates k scaled rows of B.
template <class T>
void gemm_tiny(int64_t m, int64_t n, int64_t k, T alpha, Mat<T> a, Mat<T> b, T beta, bool beta_zero,
               T* c, int64_t c_rs, int64_t c_cs) {
  T acc[kTinyMacs];
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) acc[j] = T(0);
    for (int64_t p = 0; p < k; ++p) {
      const T aip = a.p[i * a.rs + p * a.cs];
      const T* brow = b.p + p * b.rs;
      for (int64_t j = 0; j < n; ++j) acc[j] += aip * brow[j * b.cs];
    }
    T* crow = c + i * c_rs;
    for (int64_t j = 0; j < n; ++j) {
      T& dst = crow[j * c_cs];
      dst = beta_zero ? alpha * acc[j] : alpha * acc[j] + beta * dst;
    }
  }
}

template <class T>
T dot_contiguous(const T* EMBER_RESTRICT x, const T* EMBER_RESTRICT y, int64_t n) {
  // Independent partial sums let the compiler vectorise without reassociating a reduction.
  constexpr int U = 16;
  T part[U] = {};
  int64_t i = 0;
  for (; i + U <= n; i += U) {
    for (int u = 0; u < U; ++u) part[u] += x[i + u] * y[i + u];
  }
  T tail = T(0);
  for (; i < n; ++i) tail += x[i] * y[i];
  for (int w = U / 2; w > 0; w /= 2) {
    for (int u = 0; u < w; ++u) part[u] += part[u + w];
  }
  return part[0] + tail;
}

// y[0:m] (stride ys) = alpha * A x + beta * y, A m x k with strides (rs, cs), x stride xs.
template <class T>
void gemv(int64_t m, int64_t k, T alpha, Mat<T> a, const T* x, int64_t xs, T beta, bool beta_zero,
          T* y, int64_t ys, int threads) {
  if (xs != 1 && k > 1) {
    T* packed = t_vector.get<T>(k);
    for (int64_t p = 0; p < k; ++p) packed[p] = x[p * xs];
    x = packed;
    xs = 1;
  }
  auto store = [&](int64_t i, T v) {
    T& dst = y[i * ys];
    dst = beta_zero ? alpha * v : alpha * v + beta * dst;
  };
  if (a.rs == 1 && a.cs != 1 && m > 1) {
    // Columns are contiguous: accumulate alpha-free column sums into a local block of y.
    run_split(ceil_div(m, 256), threads, [&](int64_t c0, int64_t c1) {
      T acc[256];
      for (int64_t chunk = c0; chunk < c1; ++chunk) {
        const int64_t i0 = chunk * 256, len = min_of<int64_t>(256, m - i0);
        for (int64_t i = 0; i < len; ++i) acc[i] = T(0);
        for (int64_t p = 0; p < k; ++p) {
          const T xp = x[p];
          const T* EMBER_RESTRICT col = a.p + p * a.cs + i0;
          for (int64_t i = 0; i < len; ++i) acc[i] += xp * col[i];
        }
        for (int64_t i = 0; i < len; ++i) store(i0 + i, acc[i]);
      }
    });
    return;
  }
  run_split(m, threads, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      const T* row = a.p + i * a.rs;
      if (a.cs == 1) {
        store(i, dot_contiguous(row, x, k));
      } else {
        T sum = T(0);
        for (int64_t p = 0; p < k; ++p) sum += row[p * a.cs] * x[p];
        store(i, sum);
      }
    }
  });
}

// Splits `threads` into a tm x tn grid over C's rows and columns: rows first (each thread
// then packs only its own rows of A), columns when there are too few rows.
void thread_grid(int64_t m, int64_t n, int mr, int nr, int threads, int* tm, int* tn) {
  const int64_t row_parts = ceil_div(m, int64_t(4) * mr);
  *tm = static_cast<int>(min_of<int64_t>(threads, row_parts < 1 ? 1 : row_parts));
  *tn = threads / *tm;
  const int64_t col_parts = ceil_div(n, nr);
  if (*tn > col_parts) *tn = static_cast<int>(col_parts < 1 ? 1 : col_parts);
}

template <class T>
void gemm_matrix(const GemmKernelSpec<T>& s, int64_t m, int64_t n, int64_t k, T alpha, Mat<T> a,
                 Mat<T> b, T beta, bool beta_zero, T* c, int64_t c_rs, int64_t c_cs, int threads) {
  if (m == 0 || n == 0) return;
  if (k == 0 || alpha == T(0)) {
    scale_c(m, n, c, c_rs, c_cs, beta, beta_zero);
    return;
  }
  // The macro-kernel writes C rows with vector stores: make C row-major-like by computing
  // C^T = B^T A^T when C is column-major.
  if (c_cs != 1 && c_rs == 1) {
    std::swap(m, n);
    std::swap(a, b);
    std::swap(a.rs, a.cs);
    std::swap(b.rs, b.cs);
    std::swap(c_rs, c_cs);
  }
  if (n == 1 || m == 1) {
    if (n == 1) {
      gemv(m, k, alpha, a, b.p, b.rs, beta, beta_zero, c, c_rs, threads);
    } else {
      gemv(n, k, alpha, Mat<T>{b.p, b.cs, b.rs}, a.p, a.cs, beta, beta_zero, c, c_cs, threads);
    }
    return;
  }
  if (gemm_macs(m, n, k) <= kTinyMacs && n <= kTinyMacs) {
    gemm_tiny(m, n, k, alpha, a, b, beta, beta_zero, c, c_rs, c_cs);
    return;
  }
  const int mr = s.mr, nr = s.nr;
  int tm = 1, tn = 1;
  if (threads > 1) thread_grid(m, n, mr, nr, threads, &tm, &tn);
  const int64_t rows_per = round_up(ceil_div(m, tm), mr);
  const int64_t kc_max = min_of(s.kc, k);
  const int64_t nc_max = min_of(s.nc, n);
  T* bp = t_pack_b.get<T>(round_up(nc_max, nr) * kc_max);

  for (int64_t jc = 0; jc < n; jc += s.nc) {
    const int64_t nc = min_of(s.nc, n - jc);
    const int64_t panels = ceil_div(nc, nr);
    const int64_t cols_per = ceil_div(panels, tn) * nr;
    for (int64_t pc = 0; pc < k; pc += s.kc) {
      const int64_t kc = min_of(s.kc, k - pc);
      const bool first = pc == 0;
      const T beta_k = first ? beta : T(1);
      const bool beta_zero_k = first && beta_zero;
      const T* b_block = b.p + pc * b.rs + jc * b.cs;
      run_split(panels, tm * tn, [&](int64_t p0, int64_t p1) {
        pack_b(kc, nc, b_block, b.rs, b.cs, bp, nr, p0, p1);
      });
      run_split(int64_t(tm) * tn, tm * tn, [&](int64_t t0, int64_t t1) {
        T* ap = t_pack_a.get<T>(round_up(s.mc, mr) * kc_max);
        for (int64_t t = t0; t < t1; ++t) {
          const int64_t r0 = (t / tn) * rows_per, r1 = min_of(m, r0 + rows_per);
          const int64_t c0 = (t % tn) * cols_per, c1 = min_of(nc, c0 + cols_per);
          for (int64_t ic = r0; ic < r1 && c0 < c1; ic += s.mc) {
            const int64_t mc = min_of(s.mc, r1 - ic);
            pack_a(mc, kc, a.p + ic * a.rs + pc * a.cs, a.rs, a.cs, ap, mr);
            s.macro(mc, c1 - c0, kc, ap, bp + c0 * kc, c + ic * c_rs + (jc + c0) * c_cs, c_rs, c_cs,
                    alpha, beta_k, beta_zero_k);
          }
        }
      });
    }
  }
}

}  // namespace

void set_gemm_isa(GemmIsa isa) {
  EMBER_CHECK(gemm_isa_supported(isa), "set_gemm_isa: {} is not available on this CPU/build",
              gemm_isa_name(isa));
  g_isa.store(int(isa), std::memory_order_relaxed);
}

GemmIsa gemm_best_isa() { return isa_table().best; }

bool gemm_isa_supported(GemmIsa isa) {
  return isa == GemmIsa::kAuto || isa_table().supported[int(isa)];
}

const char* gemm_isa_name(GemmIsa isa) {
  switch (isa) {
    case GemmIsa::kAuto:
      return gemm_isa_name(gemm_best_isa());
    case GemmIsa::kGeneric:
      return "generic";
    case GemmIsa::kAvx2:
      return "avx2";
    case GemmIsa::kAvx512:
      return "avx512";
    case GemmIsa::kGenericWide:
      return "generic-wide";
  }
  return "unknown";
}

template <class T>
void gemm_blocked(const GemmProblem<T>& p) {
  if (p.batch == 0 || p.m == 0 || p.n == 0) return;
  const GemmKernelSpec<T>& spec = current_spec<T>();
  const int64_t macs = gemm_macs(p.m, p.n, p.k);
  auto one = [&](int64_t i, int threads) {
    gemm_matrix(spec, p.m, p.n, p.k, p.alpha, Mat<T>{p.a + i * p.a_bs, p.a_rs, p.a_cs},
                Mat<T>{p.b + i * p.b_bs, p.b_rs, p.b_cs}, p.beta, p.beta_zero, p.c + i * p.c_bs,
                p.c_rs, p.c_cs, threads);
  };
  const int threads = threads_for(gemm_macs(p.m, p.n, p.k, p.batch));
  if (p.batch > 1 && threads > 1 && (macs < kParallelMacs || p.batch >= 4 * threads)) {
    // Many small products: one thread per product.
    parallel_for(0, p.batch, 1, [&](int64_t b0, int64_t b1) {
      for (int64_t i = b0; i < b1; ++i) one(i, 1);
    });
    return;
  }
  for (int64_t i = 0; i < p.batch; ++i) one(i, threads_for(macs));
}

template void gemm_blocked<float>(const GemmProblem<float>& p);
template void gemm_blocked<double>(const GemmProblem<double>& p);

}  // namespace ember::cpu
