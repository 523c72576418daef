// safetensors files: files written by PyTorch's safetensors.torch (tests/reference/
// gen_safetensors.py) load with the right names, dtypes, shapes and bits; Ember writes the
// very bytes Python writes; every dtype and layout round-trips; corrupt files give clear
// errors.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::read_file;
using ember_test::same_bits;
using ember_test::TempDir;
using ember_test::throws_error_with;
using safetensors::Metadata;
using safetensors::TensorDict;

std::string data_path(const std::string& name) {
  return ember_test::test_data_dir() + "/serialize/" + name + ".safetensors";
}

std::vector<std::string> keys_of(const TensorDict& tensors) { return tensors.keys(); }

// -1.25 .. 1.25 in steps of 0.5: exact in every float dtype.
Tensor halves(Dtype dtype) { return (arange(6, kDouble).reshape({2, 3}) * 0.5 - 1.25).to(dtype); }

// The tensors of dtypes.safetensors, built here.
TensorDict dtypes_tensors() {
  constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
  constexpr float kInf = std::numeric_limits<float>::infinity();
  TensorDict t;
  t.insert("f64", halves(kDouble));
  t.insert("f32", halves(kFloat));
  t.insert("f16", halves(kHalf));
  t.insert("bf16", halves(kBFloat16));
  t.insert("f32_special",
           tensor({kInf, -kInf, std::numeric_limits<float>::quiet_NaN(), -0.0f,
                   std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::max()}));
  t.insert(
      "i64",
      tensor({{kMin64, kMax64}, {int64_t{-1}, int64_t{0}}, {int64_t{1}, int64_t{1234567890123}}}));
  t.insert("i32",
           tensor({{-2147483648LL, 2147483647LL}, {-1LL, 0LL}, {1LL, 123456789LL}}).to(kInt));
  t.insert("i16", tensor({{-32768LL, 32767LL}, {-1LL, 0LL}, {1LL, 1234LL}}).to(kShort));
  t.insert("i8", tensor({{-128LL, 127LL}, {-1LL, 0LL}, {1LL, 12LL}}).to(kChar));
  t.insert("u8", tensor({{0LL, 255LL}, {1LL, 128LL}, {127LL, 12LL}}).to(kByte));
  t.insert("bool", tensor({{true, false, true}, {true, false, false}}));
  t.insert("scalar", tensor(3.5f));
  t.insert("empty", zeros({0, 3}, kFloat));
  t.insert("empty_i64", zeros({2, 0}, kLong));
  return t;
}

// The tensors of names.safetensors: names JSON must escape, and names that sort byte-wise.
TensorDict names_tensors() {
  const std::vector<std::string> names = {"a",
                                          "B",
                                          "\xc3\xa9t\xc3\xa9",
                                          "quote\"back\\slash",
                                          "new\nline\ttab\x01\x1f\x7f",
                                          "slash/",
                                          "0.weight",
                                          ""};
  TensorDict t;
  for (size_t i = 0; i < names.size(); ++i) {
    t.insert(names[i], full({2}, static_cast<double>(i), kFloat));
  }
  return t;
}

// Sequential(Linear(3, 2), ReLU(), Linear(2, 1)).state_dict() after torch.manual_seed(0).
TensorDict mlp_tensors() {
  TensorDict t;
  t.insert("0.weight", tensor({{-0x1.1b47dp-8f, 0x1.3d2626p-2f, -0x1.e696fcp-2f},
                               {-0x1.b31792p-2f, -0x1.c76962p-3f, 0x1.3d12a6p-3f}}));
  t.insert("0.bias", tensor({-0x1.76d68p-7f, 0x1.d4c2f4p-2f}));
  t.insert("2.weight", tensor({{-0x1.0107bcp-4f, 0x1.7f332ep-3f}}));
  t.insert("2.bias", tensor({-0x1.b5a6bap-3f}));
  return t;
}

::testing::AssertionResult same_dicts(const TensorDict& actual, const TensorDict& expected,
                                      bool same_order) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure()
           << actual.size() << " tensors, expected " << expected.size();
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const std::string& key = expected[i].key();
    if (same_order && actual[i].key() != key) {
      return ::testing::AssertionFailure()
             << "tensor " << i << " is '" << actual[i].key() << "', expected '" << key << "'";
    }
    const Tensor* found = actual.find(key);
    if (found == nullptr) return ::testing::AssertionFailure() << "no tensor '" << key << "'";
    const auto same = same_bits(*found, expected[i].value());
    if (!same) return ::testing::AssertionFailure() << "tensor '" << key << "': " << same.message();
  }
  return ::testing::AssertionSuccess();
}

// A file from its header text (the size field is computed) and its data bytes.
std::string make_file(const std::string& header, const std::string& data = "") {
  std::string out(8, '\0');
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

// ---- files PyTorch wrote ----------------------------------------------------------------------

TEST(SafetensorsFiles, ReadsEveryDtypeAsPyTorchWroteIt) {
  const TensorDict loaded = safetensors::load_file(data_path("dtypes"));
  // In the order of the data, as Python's load_file returns them: the library sorts by dtype
  // (I64, F64, F32, BF16, F16, I16, I8, U8, BOOL) and then by name.
  EXPECT_EQ(keys_of(loaded),
            (std::vector<std::string>{"empty_i64", "i64", "f64", "empty", "f32", "f32_special",
                                      "scalar", "i32", "bf16", "f16", "i16", "i8", "u8", "bool"}));
  EXPECT_TRUE(same_dicts(loaded, dtypes_tensors(), false));
  for (const auto& item : loaded) {
    EXPECT_TRUE(item.value().is_cpu()) << item.key();
    EXPECT_TRUE(item.value().is_contiguous()) << item.key();
    EXPECT_FALSE(item.value().requires_grad()) << item.key();
  }
  EXPECT_EQ(loaded["scalar"].dim(), 0);
  EXPECT_EQ(safetensors::load_metadata(data_path("dtypes")), (Metadata{{"format", "pt"}}));
  const std::string bytes = read_file(data_path("dtypes"));
  EXPECT_TRUE(same_dicts(safetensors::load(bytes), dtypes_tensors(), false));
}

TEST(SafetensorsFiles, ReadsNamesJsonEscapes) {
  const TensorDict loaded = safetensors::load_file(data_path("names"));
  EXPECT_TRUE(same_dicts(loaded, names_tensors(), false));
  // Byte-wise order: "" < "0.weight" < "B" < "a" < "new..." < "quote..." < "slash/" < "été".
  EXPECT_EQ(keys_of(loaded),
            (std::vector<std::string>{"", "0.weight", "B", "a", "new\nline\ttab\x01\x1f\x7f",
                                      "quote\"back\\slash", "slash/", "\xc3\xa9t\xc3\xa9"}));
  EXPECT_TRUE(safetensors::load_metadata(data_path("names")).empty());
}

TEST(SafetensorsFiles, ReadsMetadataWithoutTensors) {
  EXPECT_TRUE(safetensors::load_file(data_path("metadata")).is_empty());
  EXPECT_EQ(safetensors::load_metadata(data_path("metadata")),
            (Metadata{{"framework", "pt"}, {"note", "two entries, \"quoted\" and \xc3\xa9"}}));
}

TEST(SafetensorsFiles, ReadsAPyTorchStateDict) {
  const TensorDict loaded = safetensors::load_file(data_path("mlp"));
  EXPECT_EQ(keys_of(loaded),
            (std::vector<std::string>{"0.bias", "0.weight", "2.bias", "2.weight"}));
  EXPECT_TRUE(same_dicts(loaded, mlp_tensors(), false));
}

// Ember's writer gives the bytes safetensors.torch.save_file wrote for the same tensors.
TEST(SafetensorsFiles, WritesWhatPythonWrites) {
  const TempDir dir;
  const std::pair<std::string, TensorDict> cases[] = {
      {"dtypes", dtypes_tensors()}, {"names", names_tensors()}, {"mlp", mlp_tensors()}};
  for (const auto& [name, tensors] : cases) {
    const std::string python = read_file(data_path(name));
    const Metadata metadata = safetensors::load_metadata(data_path(name));
    EXPECT_EQ(safetensors::save(tensors, metadata), python) << name;
    safetensors::save_file(tensors, dir.file(name), metadata);
    EXPECT_EQ(read_file(dir.file(name)), python) << name;
    // What Ember reads it writes back unchanged.
    EXPECT_EQ(safetensors::save(safetensors::load(python), metadata), python) << name;
  }
  EXPECT_EQ(
      safetensors::save(TensorDict(), safetensors::load_metadata(data_path("metadata"))).size(),
      read_file(data_path("metadata")).size());
}

// With EMBER_SAFETENSORS_EXPORT_DIR set, writes the fixtures as Ember saves them, for
// `gen_safetensors.py --verify DIR` to check with safetensors.torch.load_file and
// Sequential.load_state_dict.
TEST(SafetensorsFiles, ExportForPython) {
  const TempDir temp;
  const char* env = std::getenv("EMBER_SAFETENSORS_EXPORT_DIR");
  const std::string dir = env != nullptr ? env : temp.file("export");
  std::filesystem::create_directories(dir);
  const std::pair<std::string, TensorDict> cases[] = {{"dtypes", dtypes_tensors()},
                                                      {"names", names_tensors()},
                                                      {"metadata", TensorDict()},
                                                      {"mlp", mlp_tensors()}};
  for (const auto& [name, tensors] : cases) {
    const std::string path = dir + "/" + name + ".safetensors";
    safetensors::save_file(tensors, path, safetensors::load_metadata(data_path(name)));
    EXPECT_TRUE(same_dicts(safetensors::load_file(path), tensors, false)) << name;
  }
}

// ---- writing and reading back -----------------------------------------------------------------

TEST(SafetensorsSaveLoad, RoundTripsEveryDtypeAndLayout) {
  const TempDir dir;
  const Tensor base = arange(24, kDouble).reshape({2, 3, 4}) - 11.5;
  for (Dtype d : {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble}) {
    const Tensor values = d == kByte ? (base + 11.5).to(d) : base.to(d);
    TensorDict tensors;
    tensors.insert("contiguous", values);
    tensors.insert("transposed", values.transpose(0, 2));
    tensors.insert("strided", values.slice(2, 1, 4, 2));
    tensors.insert("selected", values.select(1, 2));
    tensors.insert("scalar", values[0][1][2]);
    tensors.insert("empty", values.slice(1, 0, 0));
    tensors.insert("expanded", values[1][2][3].expand({3, 2}));
    const std::string bytes = safetensors::save(tensors);
    EXPECT_TRUE(same_dicts(safetensors::load(bytes), tensors, false)) << d;
    safetensors::save_file(tensors, dir.file("roundtrip.safetensors"));
    EXPECT_EQ(read_file(dir.file("roundtrip.safetensors")), bytes) << d;
    EXPECT_TRUE(
        same_dicts(safetensors::load_file(dir.file("roundtrip.safetensors")), tensors, false))
        << d;
  }
}

TEST(SafetensorsSaveLoad, WritesTheLibrarysLayout) {
  // safetensors.torch.save({"b": zeros(2, int8), "a": ones(3), "c": zeros(1, float64),
  //                         "z": zeros(2, bool)}, metadata={"k": "v"})
  TensorDict tensors;
  tensors.insert("b", zeros({2}, kChar));
  tensors.insert("a", ones({3}));
  tensors.insert("c", zeros({1}, kDouble));
  tensors.insert("z", zeros({2}, kBool));
  const std::string header =
      "{\"__metadata__\":{\"k\":\"v\"},\"c\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":"
      "[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},\"b\":{\"dtype\":"
      "\"I8\",\"shape\":[2],\"data_offsets\":[20,22]},\"z\":{\"dtype\":\"BOOL\",\"shape\":[2],"
      "\"data_offsets\":[22,24]}}     ";
  const std::string data =
      std::string(8, '\0') + std::string("\0\0\x80?\0\0\x80?\0\0\x80?", 12) + std::string(4, '\0');
  EXPECT_EQ(safetensors::save(tensors, {{"k", "v"}}), make_file(header, data));
  EXPECT_EQ(keys_of(safetensors::load(make_file(header, data))),
            (std::vector<std::string>{"c", "a", "b", "z"}));
  // No tensor, no metadata: "{}" padded to 8 bytes.
  EXPECT_EQ(safetensors::save(TensorDict()), make_file("{}      "));
}

TEST(SafetensorsSaveLoad, HeaderIsPaddedToEightBytes) {
  for (size_t length = 0; length < 24; ++length) {
    TensorDict tensors;
    tensors.insert(std::string(length, 'x'), tensor({1.5f, 2.5f}));
    const std::string bytes = safetensors::save(tensors);
    uint64_t header_size = 0;
    for (int i = 7; i >= 0; --i)
      header_size = header_size * 256 + static_cast<unsigned char>(bytes[i]);
    EXPECT_EQ(header_size % 8, 0u) << length;
    EXPECT_EQ(bytes.size(), 8 + header_size + 8) << length;
    EXPECT_NE(bytes[8 + header_size - 1], '\0');
    EXPECT_TRUE(same_dicts(safetensors::load(bytes), tensors, true)) << length;
  }
}

TEST(SafetensorsSaveLoad, MetadataIsWrittenSortedAndReadBack) {
  const TempDir dir;
  const Metadata metadata = {{"z", "last"}, {"a", "first \"quoted\"\n"}, {"", "empty key"}};
  const std::string path = dir.file("meta.safetensors");
  safetensors::save_file({{"t", ones({1})}}, path, metadata);
  EXPECT_EQ(safetensors::load_metadata(path), metadata);
  const std::string bytes = read_file(path);
  EXPECT_NE(bytes.find("{\"__metadata__\":{\"\":\"empty key\",\"a\":\"first \\\"quoted\\\"\\n\","
                       "\"z\":\"last\"},\"t\":"),
            std::string::npos)
      << bytes;
}

TEST(SafetensorsSaveLoad, SaveReplacesAnExistingFileAndARefusedSaveKeepsIt) {
  const TempDir dir;
  const std::string path = dir.file("replace.safetensors");
  safetensors::save_file({{"long", arange(100)}}, path);
  safetensors::save_file({{"short", tensor({1.5f})}}, path);
  EXPECT_TRUE(same_dicts(safetensors::load_file(path), {{"short", tensor({1.5f})}}, true));
  EXPECT_THROW(safetensors::save_file({{"bad", Tensor()}}, path), Error);
  EXPECT_TRUE(same_dicts(safetensors::load_file(path), {{"short", tensor({1.5f})}}, true));
}

TEST(SafetensorsSaveLoad, BoolBytesOtherThanZeroAndOneAreTrue) {
  const std::string file =
      make_file("{\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}",
                std::string("\x02\x00\xff", 3));
  EXPECT_TRUE(same_bits(safetensors::load(file)["b"], tensor({true, false, true})));
}

// What the library accepts beyond what it writes: other fields, a null metadata, whitespace,
// entries in any order, empty tensors of huge other dimensions.
TEST(SafetensorsSaveLoad, ReadsWhatTheLibraryReads) {
  const std::string file = make_file(
      " \n{\"__metadata__\": null, \"b\": {\"data_offsets\": [4, 8], \"shape\": [1], \"dtype\": "
      "\"I32\", \"extra\": {\"x\": [1, 2.5, null]}},\n \"a\": {\"dtype\": \"F32\", \"shape\": "
      "[], \"data_offsets\": [0, 4]}, \"e\": {\"dtype\": \"F64\", \"shape\": [0, "
      "9223372036854775807], \"data_offsets\": [4, 4]}}\t",
      std::string("\0\0\x80?\x07\0\0\0", 8));
  const TensorDict loaded = safetensors::load(file);
  EXPECT_EQ(keys_of(loaded), (std::vector<std::string>{"a", "e", "b"}));
  EXPECT_TRUE(same_bits(loaded["a"], tensor(1.0f)));
  EXPECT_TRUE(same_bits(loaded["b"], tensor({7}).to(kInt)));
  EXPECT_EQ(loaded["e"].sizes(), (std::vector<int64_t>{0, std::numeric_limits<int64_t>::max()}));
}

TEST(SafetensorsErrors, SavingRefusesWhatAFileCannotHold) {
  EXPECT_TRUE(throws_error_with(
      [] {
        safetensors::save({{"t", Tensor()}});
      },
      "safetensors::save: tensor \"t\" is undefined"));
  EXPECT_TRUE(throws_error_with(
      [] {
        safetensors::save({{"__metadata__", ones({1})}});
      },
      "the name \"__metadata__\" is reserved for the file's metadata"));
  EXPECT_TRUE(throws_error_with(
      [] {
        safetensors::save({{"bad\xff", ones({1})}});
      },
      "the tensor name \"bad\xef\xbf\xbd\" is not valid UTF-8 text"));
  EXPECT_TRUE(throws_error_with(
      [] {
        safetensors::save(TensorDict(), {{"k", "\xc3"}});
      },
      "the metadata value \"\xef\xbf\xbd\" is not valid UTF-8 text"));
  EXPECT_TRUE(throws_error_with(
      [] {
        safetensors::save_file({{"t", ones({1})}}, "/nonexistent/dir/x.safetensors");
      },
      "safetensors::save_file('/nonexistent/dir/x.safetensors'): cannot open the file for "
      "writing: No such file or directory"));
  EXPECT_TRUE(throws_error_with(
      [] { safetensors::save_file(TensorDict(), std::string("a\0b", 3)); },
      "safetensors::save_file('a\\0b'): the path contains a NUL byte (at position 1)"));
}

TEST(SafetensorsErrors, LoadingOntoAMissingDeviceNamesTheFile) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present (tests/cuda covers loading onto it)";
  const std::string path = data_path("mlp");
  EXPECT_TRUE(throws_error_with([&] { safetensors::load_file(path, Device("cuda:0")); },
                                "safetensors::load_file('" + path + "'): "));
}

// ---- corrupt files ----------------------------------------------------------------------------

struct BadFile {
  const char* name;
  std::string bytes;
  const char* fragment;
};

const std::string kFourBytes(4, '\0');

std::vector<BadFile> bad_files() {
  auto entry = [](const std::string& fields) { return "{\"a\":{" + fields + "}}"; };
  std::string deep = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":";
  deep += std::string(200, '[') + std::string(200, ']') + "}}";
  std::string huge_size(8, '\0');
  huge_size[3] = 0x10;  // 2^28 > 10^8
  std::string ones_65 = "1";
  for (int i = 1; i < 65; ++i) ones_65 += ",1";
  std::string past_end(8, '\0');
  past_end[0] = 100;
  return {
      {"Empty", "", "0 bytes is too short for a safetensors file (the header size alone takes 8)"},
      {"SevenBytes", std::string(7, '\0'), "7 bytes is too short"},
      {"HeaderTooLarge", huge_size + "{}",
       "the header size 268435456 is larger than the 100000000 bytes a safetensors header may "
       "have"},
      {"HeaderPastEnd", past_end + "{}",
       "the header size 100 runs past the end of the file (2 bytes follow the size)"},
      {"NotJson", make_file("{\"a\":"), "the header is not valid JSON: parse error at line 1"},
      {"InvalidUtf8", make_file("{\"\xff\":{}}"), "the header is not valid JSON"},
      {"NulInHeader", make_file(std::string("{}\0", 3)),
       "the header is not valid JSON: it holds a NUL byte at offset 2"},
      {"NulInString", make_file(std::string("{\"a\0\":{}}", 9)),
       "the header is not valid JSON: it holds a NUL byte at offset 3"},
      {"NotAnObject", make_file("[]"), "the header must be a JSON object, got []"},
      {"EntryNotAnObject", make_file("{\"a\":5}"),
       "tensor \"a\": expected an object with \"dtype\", \"shape\" and \"data_offsets\", got 5"},
      {"MissingDtype", make_file(entry("\"shape\":[1],\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\" has no \"dtype\""},
      {"MissingShape", make_file(entry("\"dtype\":\"F32\",\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\" has no \"shape\""},
      {"MissingOffsets", make_file(entry("\"dtype\":\"F32\",\"shape\":[1]"), kFourBytes),
       "tensor \"a\" has no \"data_offsets\""},
      {"DtypeNotAString",
       make_file(entry("\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\": \"dtype\" must be a string such as \"F32\", got 4"},
      {"UnknownDtype",
       make_file(entry("\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\": unknown dtype \"F33\" (Ember reads F64, F32, F16, BF16, I64, I32, I16, I8, "
       "U8 and BOOL)"},
      {"ForeignDtype",
       make_file(entry("\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\": dtype \"U16\" has no Ember equivalent"},
      {"ShapeNotAList",
       make_file(entry("\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\": \"shape\" must be a list of non-negative integers, got 4"},
      {"NegativeDimension",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]"), kFourBytes),
       "tensor \"a\": \"shape\" must be a list of non-negative integers below 2^63, got -1 at "
       "position 0"},
      {"FloatDimension",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]"), kFourBytes),
       "got 1.0 at position 0"},
      {"DimensionAbove2To63",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[0,9223372036854775808],\"data_offsets\":"
                       "[0,0]")),
       "got 9223372036854775808 at position 1"},
      {"TooManyDimensions",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[" + ones_65 + "],\"data_offsets\":[0,4]"),
                 kFourBytes),
       "tensor \"a\": \"shape\" has 65 dimensions; Ember tensors have at most 64"},
      {"OffsetsNotAPair",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,5]"), kFourBytes),
       "tensor \"a\": \"data_offsets\" must be two non-negative integers [begin, end], got "
       "[0,4,5]"},
      {"NegativeOffset",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]"), kFourBytes),
       "got [-4,0]"},
      {"OffsetsBackwards",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]"), kFourBytes),
       "tensor \"a\": data_offsets [4, 0] end before they begin"},
      {"SizeMismatch",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]"),
                 std::string(20, '\0')),
       "tensor \"a\": shape [2, 3] of dtype F32 needs 24 bytes, but data_offsets [0, 20] hold "
       "20"},
      {"ShapeOverflows",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":"
                       "[0,0]")),
       "tensor \"a\": shape [4611686018427387904, 4] is too large"},
      {"BytesOverflow",
       make_file(entry("\"dtype\":\"F64\",\"shape\":[2305843009213693952],\"data_offsets\":"
                       "[0,0]")),
       "tensor \"a\": shape [2305843009213693952] is too large"},
      {"EmptyTensorsStridesOverflow",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[4611686018427387904,0,4611686018427387904,4]"
                       ",\"data_offsets\":[0,0]")),
       "is too large"},
      {"FirstDataNotAtZero",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]"),
                 std::string(8, '\0')),
       "tensor \"a\": data_offsets [4, 8] leave the first 4 bytes of the data unused"},
      {"Overlap",
       make_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":"
                 "\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                 std::string(12, '\0')),
       "tensor \"b\": data_offsets [4, 12] overlap tensor \"a\"'s [0, 8]"},
      {"SameOffsets",
       make_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":"
                 "\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                 kFourBytes),
       "tensor \"b\": data_offsets [0, 4] overlap tensor \"a\"'s [0, 4]"},
      {"Gap",
       make_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":"
                 "\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                 std::string(12, '\0')),
       "tensor \"b\": data_offsets [8, 12] leave a gap after tensor \"a\"'s [0, 4]"},
      {"DataTruncated",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]"), kFourBytes),
       "the file is truncated: the tensors' data needs 8 bytes, but 4 follow the header"},
      {"OffsetsFarPastTheEnd",
       make_file(entry("\"dtype\":\"U8\",\"shape\":[9223372036854775807],\"data_offsets\":[0,"
                       "9223372036854775807]")),
       "the file is truncated: the tensors' data needs 9223372036854775807 bytes, but 0 follow"},
      {"TrailingBytes",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]"),
                 std::string(5, '\0')),
       "the data has 5 bytes, but the tensors cover only 4"},
      {"DuplicateName",
       make_file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":"
                 "\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                 kFourBytes),
       "the header has two entries named \"a\""},
      {"DuplicateField",
       make_file(entry("\"dtype\":\"F32\",\"shape\":[1],\"shape\":[1],\"data_offsets\":[0,4]"),
                 kFourBytes),
       "the header's entry \"a\" has two fields named \"shape\""},
      {"DuplicateMetadataKey", make_file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"),
       "the header's entry \"__metadata__\" has two fields named \"k\""},
      {"MetadataNotAnObject", make_file("{\"__metadata__\":[\"k\"]}"),
       "\"__metadata__\" must be an object of text keys and values, got [\"k\"]"},
      {"MetadataValueNotText", make_file("{\"__metadata__\":{\"k\":1}}"),
       "\"__metadata__\" must map text keys to text values; \"k\" maps to 1"},
      {"NestedTooDeep", make_file(deep, kFourBytes), "the header nests deeper than 128 levels"},
  };
}

// The message of the ember::Error `f` throws, or a description of what happened instead.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("a non-ember exception: ") + e.what();
  }
  return "no error";
}

// `message` starts with `context` followed by ": " and contains `fragment`.
::testing::AssertionResult is_error(const std::string& message, const std::string& context,
                                    const std::string& fragment) {
  if (message.rfind(context + ": ", 0) != 0 || message.find(fragment) == std::string::npos) {
    return ::testing::AssertionFailure() << "message \"" << message << "\" is not \"" << context
                                         << ": ...\" with \"" << fragment << "\"";
  }
  return ::testing::AssertionSuccess();
}

TEST(SafetensorsBadFiles, EachGivesAClearError) {
  const TempDir dir;
  for (const BadFile& bad : bad_files()) {
    SCOPED_TRACE(bad.name);
    EXPECT_TRUE(is_error(error_of([&] { safetensors::load(bad.bytes); }), "safetensors::load",
                         bad.fragment));
    const std::string path = dir.file(std::string(bad.name) + ".safetensors");
    std::ofstream(path, std::ios::binary) << bad.bytes;
    EXPECT_TRUE(is_error(error_of([&] { safetensors::load_file(path); }),
                         "safetensors::load_file('" + path + "')", bad.fragment));
    EXPECT_TRUE(is_error(error_of([&] { safetensors::load_metadata(path); }),
                         "safetensors::load_metadata('" + path + "')", bad.fragment));
  }
}

TEST(SafetensorsBadFiles, MissingFileAndDirectory) {
  EXPECT_TRUE(throws_error_with(
      [] { safetensors::load_file("/nonexistent/dir/x.safetensors"); },
      "safetensors::load_file('/nonexistent/dir/x.safetensors'): cannot open the file: No such "
      "file or directory"));
  EXPECT_TRUE(throws_error_with([] { safetensors::load_metadata("/nonexistent.safetensors"); },
                                "cannot open the file: No such file or directory"));
  const std::string dir = ember_test::test_data_dir();
  EXPECT_TRUE(
      throws_error_with([&] { safetensors::load_file(dir); }, "it is a directory, not a file"));
}

// Every prefix of a valid file is rejected cleanly (the reader never reads past the end).
TEST(SafetensorsBadFiles, EveryTruncationIsAnError) {
  for (const char* name : {"dtypes", "names", "mlp"}) {
    const std::string bytes = read_file(data_path(name));
    for (size_t n = 0; n < bytes.size(); ++n) {
      EXPECT_THROW(safetensors::load(bytes.substr(0, n)), Error) << name << " cut at " << n;
    }
  }
}

// Changing any one byte of the header either still loads or gives an ember::Error.
TEST(SafetensorsBadFiles, CorruptedBytesNeverCrash) {
  const std::string good = read_file(data_path("mlp"));
  for (size_t i = 0; i < good.size(); ++i) {
    for (int v : {0x00, 0x20, 0x22, 0x2c, 0x30, 0x31, 0x39, 0x5b, 0x5d, 0x7b, 0x7d, 0xff}) {
      std::string bytes = good;
      bytes[i] = static_cast<char>(v);
      try {
        (void)safetensors::load(bytes);
      } catch (const Error&) {
      }
    }
  }
}

}  // namespace
