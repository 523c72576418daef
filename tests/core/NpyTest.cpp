// .npy files: files written by NumPy (tests/reference/gen_npy.py) load with the right dtype,
// shape and bits; Ember writes what numpy.save writes; hostile files give clear errors.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::read_file;
using ember_test::same_bits;
using ember_test::TempDir;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

std::string data_path(const std::string& name) {
  return ember_test::test_data_dir() + "/npy/" + name + ".npy";
}

template <class T>
Tensor expected_tensor(const std::vector<T>& values, IntArrayRef shape, Dtype dtype) {
  const Dtype literal_dtype =
      std::is_same_v<T, double> ? kDouble : (std::is_same_v<T, bool> ? kBool : kLong);
  return tensor(values, literal_dtype).reshape(shape).to(dtype);
}

void check_file(const std::string& name, bool canonical, const Tensor& expected) {
  const std::string path = data_path(name);
  const Tensor loaded = npy::load(path);
  EXPECT_TRUE(same_bits(loaded, expected));
  EXPECT_TRUE(loaded.is_contiguous());
  EXPECT_TRUE(loaded.is_cpu());
  const std::string bytes = read_file(path);
  EXPECT_TRUE(same_bits(npy::from_bytes(bytes.data(), bytes.size()), expected));
  const std::string written = npy::to_bytes(loaded);
  EXPECT_TRUE(same_bits(npy::from_bytes(written.data(), written.size()), expected));
  if (canonical) {
    EXPECT_EQ(written, bytes) << "Ember's file differs from numpy.save's";
  }
}

void check_bad_file(const std::string& name, const std::string& fragment) {
  const std::string path = data_path("bad_" + name);
  EXPECT_TRUE(throws_error_with([&] { npy::load(path); }, fragment));
  EXPECT_TRUE(throws_error_with([&] { npy::load(path); }, "npy::load('" + path + "'): "));
  const std::string bytes = read_file(path);
  EXPECT_TRUE(throws_error_with([&] { npy::from_bytes(bytes.data(), bytes.size()); }, fragment));
  EXPECT_TRUE(
      throws_error_with([&] { npy::from_bytes(bytes.data(), bytes.size()); }, "npy::from_bytes: "));
}

#define EMBER_NPY_FILE(name, canonical, expected) \
  TEST(NpyFiles, name) { check_file(#name, canonical, expected); }
#define EMBER_NPY_BAD_FILE(name, fragment) \
  TEST(NpyBadFiles, name) { check_bad_file(#name, fragment); }
#include "core/reference/npy_data.inc"
#undef EMBER_NPY_BAD_FILE
#undef EMBER_NPY_FILE

// Every prefix of a valid file is rejected cleanly (the loader never reads past the end).
TEST(NpyBadFiles, EveryTruncationIsAnError) {
  for (const char* name :
       {"float32_3x4", "fortran_int32_be_2x3x4", "v2_float32_2x2", "scalar_bool"}) {
    const std::string bytes = read_file(data_path(name));
    for (size_t n = 0; n < bytes.size(); ++n) {
      EXPECT_THROW(npy::from_bytes(bytes.data(), n), Error) << name << " cut at " << n;
    }
  }
}

// Flipping any one byte of a file either still loads or gives an ember::Error.
TEST(NpyBadFiles, CorruptedBytesNeverCrash) {
  const std::string good = read_file(data_path("float64_2x3x4"));
  for (size_t i = 0; i < 140 && i < good.size(); ++i) {
    for (int v : {0x00, 0x20, 0x29, 0x2c, 0x31, 0x39, 0x7b, 0x7d, 0xff}) {
      std::string bytes = good;
      bytes[i] = static_cast<char>(v);
      try {
        (void)npy::from_bytes(bytes.data(), bytes.size());
      } catch (const Error&) {
      }
    }
  }
}

// The data folder: $EMBER_TEST_DATA_DIR/core when set, else beside the binary or in the sources.
TEST(NpyFiles, DataFolderFollowsTheEnvironmentElseIsFound) {
  const char* set = std::getenv("EMBER_TEST_DATA_DIR");
  const std::string saved = set != nullptr ? set : "";
  ::setenv("EMBER_TEST_DATA_DIR", "/elsewhere/data", 1);
  EXPECT_EQ(ember_test::test_data_dir(), "/elsewhere/data/core");
  ::unsetenv("EMBER_TEST_DATA_DIR");
  const std::string found = ember_test::test_data_dir();
  EXPECT_TRUE(std::filesystem::is_regular_file(found + "/npy/float32_3x4.npy")) << found;
  if (set != nullptr) ::setenv("EMBER_TEST_DATA_DIR", saved.c_str(), 1);
}

TEST(NpyErrors, MissingFileAndUnwritablePath) {
  const std::string dir = ember_test::test_data_dir();
  EXPECT_TRUE(throws_error_with([&] { npy::load(dir); }, "it is a directory, not a file"));
  EXPECT_TRUE(
      throws_error_with([&] { npy::save(dir, ones({2})); }, "cannot open the file for writing"));
  EXPECT_TRUE(throws_error_with([] { npy::load("/nonexistent/dir/x.npy"); },
                                "npy::load('/nonexistent/dir/x.npy'): cannot open the file: No "
                                "such file or directory"));
  EXPECT_TRUE(throws_error_with([] { npy::save("/nonexistent/dir/x.npy", ones({2})); },
                                "npy::save('/nonexistent/dir/x.npy'): cannot open the file for "
                                "writing"));
}

TEST(NpyErrors, UnsupportedTensors) {
  EXPECT_TRUE(throws_error_with([] { npy::to_bytes(ones({2}, kBFloat16)); },
                                "npy::to_bytes: bfloat16 has no NumPy dtype"));
  const TempDir dir;
  EXPECT_TRUE(throws_error_with([&] { npy::save(dir.file("bf16.npy"), ones({2}, kBFloat16)); },
                                "t.to(ember::kFloat)"));
  EXPECT_TRUE(throws_error_with([] { npy::to_bytes(Tensor()); }, "undefined tensor"));
  // Tensors have at most 64 dims, as .npy files (NumPy 2): every tensor can be saved.
  const std::string bytes = npy::to_bytes(ones(std::vector<int64_t>(64, 1)));
  EXPECT_EQ(npy::from_bytes(bytes.data(), bytes.size()).dim(), 64);
}

// Each dtype, through a file, from non-contiguous, 0-d and empty tensors.
TEST(NpySaveLoad, RoundTripsEveryDtypeAndLayout) {
  const TempDir dir;
  const Tensor base = arange(24, kDouble).reshape({2, 3, 4}) - 11.5;
  for (Dtype d : {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kFloat, kDouble}) {
    const Tensor values = d == kByte ? (base + 11.5).to(d) : base.to(d);
    for (const Tensor& t :
         {values, values.transpose(0, 2), values.slice(2, 1, 4, 2), values.select(1, 2),
          values[0][1][2], values.slice(1, 0, 0), values[1][2][3].expand({3, 2})}) {
      const std::string path = dir.file("roundtrip.npy");
      npy::save(path, t);
      const Tensor back = npy::load(path);
      EXPECT_TRUE(same_bits(back, t)) << d << " " << t.sizes();
      EXPECT_EQ(read_file(path), npy::to_bytes(t));
    }
  }
}

TEST(NpySaveLoad, SaveReplacesAnExistingFile) {
  const TempDir dir;
  const std::string path = dir.file("replace.npy");
  npy::save(path, arange(100));
  npy::save(path, tensor({1.5f}));
  EXPECT_TRUE(same_bits(npy::load(path), tensor({1.5f})));
}

TEST(NpySaveLoad, HeaderIsPaddedAsNumpyDoes) {
  for (int64_t dims = 0; dims <= 64; ++dims) {
    const std::string bytes = npy::to_bytes(ones(std::vector<int64_t>(dims, 1), kShort));
    const size_t header_length =
        static_cast<unsigned char>(bytes[8]) + 256 * static_cast<unsigned char>(bytes[9]);
    EXPECT_EQ((10 + header_length) % 64, 0u) << dims;
    EXPECT_EQ(bytes[10 + header_length - 1], '\n');
    EXPECT_EQ(bytes.size(), 10 + header_length + 2);
    EXPECT_EQ(npy::from_bytes(bytes.data(), bytes.size()).dim(), dims);
  }
}

TEST(EmberSaveLoad, TensorsAsNpy) {
  const TempDir temp;
  const std::string path = temp.file("ember_save.npy");
  const Tensor t = arange(6, kFloat).reshape({2, 3}).t();
  ember::save(t, path);
  EXPECT_TRUE(same_bits(ember::load(path), t));
  Tensor loaded;
  ember::load(loaded, path);
  EXPECT_TRUE(same_bits(loaded, t));
  EXPECT_EQ(read_file(path), npy::to_bytes(t));
}

// With EMBER_NPY_EXPORT_DIR set, writes every valid fixture as Ember saves it, for
// `gen_npy.py --verify DIR` to check with numpy.load.
TEST(NpyFiles, ExportForNumpy) {
  const TempDir temp;
  const char* env = std::getenv("EMBER_NPY_EXPORT_DIR");
  const std::string dir = env ? env : temp.file("export");
  std::filesystem::create_directories(dir);
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(ember_test::test_data_dir() + "/npy")) {
    const std::string name = entry.path().stem().string();
    if (name.rfind("bad_", 0) == 0) continue;
    const Tensor t = npy::load(entry.path().string());
    npy::save(dir + "/" + name + ".npy", t);
    EXPECT_TRUE(same_bits(npy::load(dir + "/" + name + ".npy"), t)) << name;
    ++count;
  }
  EXPECT_GT(count, 30);
}

}  // namespace
