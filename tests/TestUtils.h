#pragma once

// Helpers shared by every test binary: tensor comparison with useful failure messages and
// a skip guard for GPU tests.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <ember/ember.h>
#include <unistd.h>

namespace ember_test {

/// Compares dtype, shape and values (NaN equals NaN; infinities must match exactly).
/// Tolerance: |a - e| <= atol + rtol * |e|, computed in float64.
inline ::testing::AssertionResult tensors_close(const ember::Tensor& actual,
                                                const ember::Tensor& expected, double rtol = 1e-5,
                                                double atol = 1e-8, bool check_dtype = true) {
  if (!actual.defined() || !expected.defined()) {
    return ::testing::AssertionFailure() << "undefined tensor";
  }
  if (check_dtype && actual.dtype() != expected.dtype()) {
    return ::testing::AssertionFailure()
           << "dtype " << actual.dtype() << " != expected " << expected.dtype();
  }
  if (actual.sizes() != expected.sizes()) {
    std::ostringstream os;
    os << "shape " << actual.sizes() << " != expected " << expected.sizes();
    return ::testing::AssertionFailure() << os.str();
  }
  const ember::Tensor a = actual.detach().cpu().to(ember::kDouble).contiguous();
  const ember::Tensor e = expected.detach().cpu().to(ember::kDouble).contiguous();
  const double* pa = a.data_ptr<double>();
  const double* pe = e.data_ptr<double>();
  for (int64_t i = 0; i < a.numel(); ++i) {
    const double x = pa[i], y = pe[i];
    const bool ok = (std::isnan(x) && std::isnan(y)) ||
                    (std::isinf(y) ? x == y : std::fabs(x - y) <= atol + rtol * std::fabs(y));
    if (!ok) {
      return ::testing::AssertionFailure()
             << "element " << i << " (flat) differs: " << x << " vs expected " << y
             << "\nactual:   " << actual << "\nexpected: " << expected;
    }
  }
  return ::testing::AssertionSuccess();
}

/// A reference tensor written by a tests/reference/gen_*.py script as a literal: its shape and
/// its values as float64.
struct RefTensor {
  std::vector<int64_t> shape;
  std::vector<double> values;
  ember::Tensor tensor(ember::Dtype dtype = ember::kDouble) const {
    return ember::tensor(values, ember::dtype(ember::kDouble)).reshape(shape).to(dtype);
  }
};

/// Exact equality of dtype, shape and values (NaN equals NaN).
inline ::testing::AssertionResult tensors_equal(const ember::Tensor& actual,
                                                const ember::Tensor& expected) {
  return tensors_close(actual, expected, 0.0, 0.0, true);
}

/// Same dtype, shape and bytes (so -0.0 and NaN payloads must match too).
inline ::testing::AssertionResult same_bits(const ember::Tensor& actual,
                                            const ember::Tensor& expected) {
  const auto r = tensors_equal(actual, expected);
  if (!r) return r;
  const ember::Tensor a = actual.detach().cpu().contiguous();
  const ember::Tensor e = expected.detach().cpu().contiguous();
  if (a.nbytes() > 0 && std::memcmp(a.data_ptr(), e.data_ptr(), a.nbytes()) != 0) {
    return ::testing::AssertionFailure() << "same values but different bytes";
  }
  return ::testing::AssertionSuccess();
}

/// Runs `f` and checks it throws ember::Error whose message contains `fragment`.
template <class F>
::testing::AssertionResult throws_error_with(F&& f, const std::string& fragment) {
  try {
    f();
  } catch (const ember::Error& e) {
    if (std::string(e.what()).find(fragment) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "message \"" << e.what() << "\" lacks \"" << fragment << "\"";
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-ember exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "did not throw";
}

/// The folder of this test binary's data files (tests/<layer>/data in the sources), found
/// without depending on where the sources were: $EMBER_TEST_DATA_DIR/<layer> when that
/// variable is set, else data/<layer> next to the binary (as tools/gpu_check.sh bundles it),
/// else the source folder compiled in.
inline std::string test_data_dir() {
  if (const char* env = std::getenv("EMBER_TEST_DATA_DIR"); env != nullptr && *env != '\0') {
    return (std::filesystem::path(env) / EMBER_TEST_LAYER).string();
  }
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside = exe.parent_path() / "data" / EMBER_TEST_LAYER;
    if (std::filesystem::is_directory(beside, ec)) return beside.string();
  }
  return EMBER_TEST_SOURCE_DATA_DIR;
}

/// The bytes of the file at `path` (empty, with a test failure, when it cannot be read).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.is_open()) << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A fresh directory under the system's temporary directory, removed with its files.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ember_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace ember_test

namespace ember_test {
/// Why CUDA is unavailable, as Ember's errors say it (with the CUDA error, if there was one).
inline std::string cuda_unavailable_reason() {
  try {
    ember::cuda::synchronize();
  } catch (const ember::Error& e) {
    return e.what();
  }
  return "CUDA is available";
}
/// Restores the CPU thread count when it goes out of scope, for tests that change it.
class ThreadCountScope {
 public:
  ThreadCountScope() : saved_(ember::get_num_threads()) {}
  ~ThreadCountScope() { ember::set_num_threads(saved_); }
  ThreadCountScope(const ThreadCountScope&) = delete;
  ThreadCountScope& operator=(const ThreadCountScope&) = delete;

 private:
  int saved_;
};

}  // namespace ember_test

/// Skips the current test (reported as skipped by ctest) when no GPU is usable, saying why.
#define EMBER_REQUIRE_CUDA()                                                      \
  do {                                                                            \
    if (!ember::cuda::is_available()) {                                           \
      GTEST_SKIP() << "no usable GPU: " << ember_test::cuda_unavailable_reason(); \
    }                                                                             \
  } while (0)
