// NumPy .npy files (the format of numpy/lib/format.py): a magic string, a version, a header
// length, a header holding a Python dict literal {'descr': ..., 'fortran_order': ...,
// 'shape': (...)}, then the raw array data.
//
// Files are untrusted input: every length and size is checked against the bytes actually
// present before anything is allocated, and every problem is an ember::Error naming what was
// expected and what was found.

#include "ember/core/Npy.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>
#include <vector>

#include "core/CheckedSize.h"
#include "core/TensorFactory.h"
#include "core/io/ByteSource.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::npy {
namespace {

using detail::BufferSource;
using detail::ByteSource;
using detail::check_path;
using detail::FileSource;
using detail::normalize_bools;
using detail::shown_path;
using detail::swap_bytes;

constexpr std::string_view kMagic("\x93NUMPY", 6);
// numpy refuses headers above 10000 bytes by default; anything this size is certainly not
// a header numpy wrote, and the limit bounds what a hostile length can make us read.
constexpr uint64_t kMaxHeaderLength = uint64_t{1} << 20;
// As NumPy 2 (NumPy 1 allows 32), and as Ember's tensors: every tensor can be saved.
constexpr size_t kMaxDims = static_cast<size_t>(detail::kMaxTensorDims);
// numpy pads the header so that the data starts on a multiple of 64 bytes.
constexpr size_t kAlignment = 64;
constexpr bool kLittleEndianHost = std::endian::native == std::endian::little;

// ---- dtypes ---------------------------------------------------------------------------------
struct DtypeCode {
  char kind;
  int size;
  Dtype dtype;
};
constexpr DtypeCode kDtypeCodes[] = {
    {'b', 1, kBool}, {'u', 1, kByte}, {'i', 1, kChar},  {'i', 2, kShort},  {'i', 4, kInt},
    {'i', 8, kLong}, {'f', 2, kHalf}, {'f', 4, kFloat}, {'f', 8, kDouble},
};

struct ParsedDtype {
  Dtype dtype;
  bool swap_bytes;  // stored in the other byte order than this machine's
};

ParsedDtype parse_descr(std::string_view descr) {
  std::string_view rest = descr;
  char order = '=';
  if (!rest.empty() && std::string_view("<>|=").find(rest.front()) != std::string_view::npos) {
    order = rest.front();
    rest.remove_prefix(1);
  }
  int size = 0;
  const bool well_formed =
      rest.size() >= 2 && rest.size() <= 3 &&
      std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (well_formed) {
    for (char c : rest.substr(1)) size = size * 10 + (c - '0');
    for (const DtypeCode& code : kDtypeCodes) {
      if (code.kind == rest.front() && code.size == size) {
        const bool big = order == '>' || (order != '<' && !kLittleEndianHost);
        return {code.dtype, size > 1 && big == kLittleEndianHost};
      }
    }
  }
  EMBER_FAIL(
      "unsupported dtype '{}': Ember reads bool (b1), uint8 (u1), int8/16/32/64 (i1, i2, i4, "
      "i8) and float16/32/64 (f2, f4, f8), in either byte order",
      descr);
}

std::string_view descr_of(Dtype dtype) {
  const bool little = kLittleEndianHost;
  switch (dtype) {
    case kBool:
      return "|b1";
    case kByte:
      return "|u1";
    case kChar:
      return "|i1";
    case kShort:
      return little ? "<i2" : ">i2";
    case kInt:
      return little ? "<i4" : ">i4";
    case kLong:
      return little ? "<i8" : ">i8";
    case kHalf:
      return little ? "<f2" : ">f2";
    case kFloat:
      return little ? "<f4" : ">f4";
    case kDouble:
      return little ? "<f8" : ">f8";
    case kBFloat16:
      EMBER_FAIL(
          "bfloat16 has no NumPy dtype, so it cannot be saved as .npy; convert the tensor "
          "first, e.g. t.to(ember::kFloat)");
    default:
      EMBER_FAIL("cannot save a tensor of dtype {}", dtype);
  }
}

// ---- the header: a small subset of Python literal syntax -----------------------------------
struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

class HeaderParser {
 public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  Header parse() {
    Header header;
    bool seen_descr = false, seen_order = false, seen_shape = false;
    skip_space();
    expect('{', "the header to start with '{'");
    skip_space();
    while (peek() != '}') {
      const std::string key = parse_string("a key");
      skip_space();
      expect(':', "':' after a key");
      skip_space();
      if (key == "descr") {
        EMBER_CHECK(peek() != '[',
                    "structured dtypes (a list as 'descr') are not supported, at header "
                    "offset {}",
                    pos_);
        header.descr = parse_string("a dtype string as 'descr'");
        seen_descr = true;
      } else if (key == "fortran_order") {
        header.fortran_order = parse_bool();
        seen_order = true;
      } else if (key == "shape") {
        header.shape = parse_shape();
        seen_shape = true;
      } else {
        EMBER_FAIL(
            "unexpected key '{}' in the header (expected 'descr', 'fortran_order' and "
            "'shape')",
            key);
      }
      skip_space();
      if (peek() == ',') {
        ++pos_;
        skip_space();
      } else {
        EMBER_CHECK(peek() == '}', "expected ',' or '}}' at header offset {}, found {}", pos_,
                    describe_next());
      }
    }
    ++pos_;
    skip_space();
    EMBER_CHECK(pos_ == text_.size(), "unexpected {} after the header's dict at offset {}",
                describe_next(), pos_);
    EMBER_CHECK(seen_descr && seen_order && seen_shape,
                "the header lacks {} (it must have 'descr', 'fortran_order' and 'shape')",
                !seen_descr   ? "'descr'"
                : !seen_order ? "'fortran_order'"
                              : "'shape'");
    return header;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  std::string describe_next() const {
    if (pos_ >= text_.size()) return "the end of the header";
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte 0x{:02x}", c);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           std::string_view(" \t\r\n\f\v").find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
    }
  }

  void expect(char c, const char* what) {
    EMBER_CHECK(peek() == c, "expected {} at header offset {}, found {}", what, pos_,
                describe_next());
    ++pos_;
  }

  std::string parse_string(const char* what) {
    const char quote = peek();
    EMBER_CHECK(quote == '\'' || quote == '"', "expected {} at header offset {}, found {}", what,
                pos_, describe_next());
    const size_t start = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      EMBER_CHECK(c >= 0x20 && c < 0x7f && c != '\\',
                  "unsupported character (byte 0x{:02x}) in {} at header offset {}", c, what, pos_);
      ++pos_;
    }
    EMBER_CHECK(pos_ < text_.size(), "unterminated string ({}) at header offset {}", what,
                start - 1);
    return std::string(text_.substr(start, pos_++ - start));
  }

  bool parse_bool() {
    if (text_.substr(pos_, 4) == "True") {
      pos_ += 4;
      return true;
    }
    if (text_.substr(pos_, 5) == "False") {
      pos_ += 5;
      return false;
    }
    EMBER_FAIL("expected True or False as 'fortran_order' at header offset {}, found {}", pos_,
               describe_next());
  }

  int64_t parse_dim() {
    EMBER_CHECK(peek() != '-', "negative dimension in 'shape' at header offset {}", pos_);
    EMBER_CHECK(peek() >= '0' && peek() <= '9',
                "expected a dimension (a non-negative integer) at header offset {}, found {}", pos_,
                describe_next());
    uint64_t value = 0;
    while (peek() >= '0' && peek() <= '9') {
      const uint64_t digit = static_cast<uint64_t>(peek() - '0');
      EMBER_CHECK(
          value <= (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - digit) / 10,
          "dimension too large in 'shape' at header offset {}", pos_);
      value = value * 10 + digit;
      ++pos_;
    }
    if (peek() == 'L' || peek() == 'l') ++pos_;  // Python 2 long literal (old numpy files)
    return static_cast<int64_t>(value);
  }

  // A tuple of integers: "()", "(3,)", "(2, 3)", "(2, 3,)". "(3)" is a plain int in Python.
  std::vector<int64_t> parse_shape() {
    expect('(', "a tuple as 'shape'");
    std::vector<int64_t> dims;
    bool trailing_comma = false;
    skip_space();
    while (peek() != ')') {
      EMBER_CHECK(dims.size() < kMaxDims, "'shape' has more than {} dimensions", kMaxDims);
      dims.push_back(parse_dim());
      skip_space();
      trailing_comma = peek() == ',';
      if (trailing_comma) {
        ++pos_;
        skip_space();
      } else {
        EMBER_CHECK(peek() == ')', "expected ',' or ')' in 'shape' at header offset {}, found {}",
                    pos_, describe_next());
      }
    }
    ++pos_;
    EMBER_CHECK(dims.size() != 1 || trailing_comma,
                "'shape' is not a tuple: a one-element tuple needs a trailing comma, as (n,)");
    return dims;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// ---- reading ----------------------------------------------------------------------------
uint64_t read_le(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

Tensor read_npy(ByteSource& source) {
  const uint64_t file_size = source.size();
  unsigned char preamble[12];
  EMBER_CHECK(file_size >= 10, "{} bytes is too short for a .npy file (the preamble alone is 10)",
              file_size);
  source.read(0, preamble, 8);
  EMBER_CHECK(std::memcmp(preamble, kMagic.data(), kMagic.size()) == 0,
              "not a .npy file: it does not start with the magic string \\x93NUMPY");
  const int major = preamble[6], minor = preamble[7];
  EMBER_CHECK((major == 1 || major == 2 || major == 3) && minor == 0,
              "unsupported .npy format version {}.{} (1.0, 2.0 and 3.0 are supported)", major,
              minor);
  const int length_bytes = major == 1 ? 2 : 4;
  const uint64_t prefix = 8 + static_cast<uint64_t>(length_bytes);
  EMBER_CHECK(file_size >= prefix, "{} bytes is too short for a version {}.0 .npy preamble",
              file_size, major);
  source.read(8, preamble + 8, static_cast<size_t>(length_bytes));
  const uint64_t header_length = read_le(preamble + 8, length_bytes);
  EMBER_CHECK(header_length <= kMaxHeaderLength,
              "the header length {} is larger than the {} bytes a .npy header may have",
              header_length, kMaxHeaderLength);
  EMBER_CHECK(header_length <= file_size - prefix,
              "the header length {} runs past the end of the file ({} bytes follow the "
              "preamble)",
              header_length, file_size - prefix);
  std::string text(static_cast<size_t>(header_length), '\0');
  source.read(prefix, text.data(), text.size());
  const Header header = HeaderParser(text).parse();
  const ParsedDtype parsed = parse_descr(header.descr);

  // numel, and the strides' extent (empty arrays may have huge other dimensions), must fit.
  int64_t numel = 1, extent = 1;
  for (int64_t d : header.shape) {
    EMBER_CHECK(!__builtin_mul_overflow(extent, std::max<int64_t>(d, 1), &extent),
                "shape {} is too large", header.shape);
    numel *= d;
  }
  const int64_t item_size = element_size(parsed.dtype);
  int64_t nbytes = 0;
  EMBER_CHECK(!__builtin_mul_overflow(numel, item_size, &nbytes), "shape {} is too large",
              header.shape);
  const uint64_t data_offset = prefix + header_length;
  EMBER_CHECK(static_cast<uint64_t>(nbytes) <= file_size - data_offset,
              "the data is truncated: shape {} of dtype '{}' needs {} bytes, but {} follow the "
              "header",
              header.shape, header.descr, nbytes, file_size - data_offset);

  // Fortran order is C order of the reversed shape; the transpose happens after reading.
  std::vector<int64_t> storage_shape = header.shape;
  if (header.fortran_order) std::reverse(storage_shape.begin(), storage_shape.end());
  Tensor t = detail::empty_tensor(storage_shape, parsed.dtype, Device(kCPU));
  if (nbytes > 0) source.read(data_offset, t.data_ptr(), static_cast<size_t>(nbytes));
  if (parsed.swap_bytes) swap_bytes(t.data_ptr(), numel, item_size);
  if (parsed.dtype == kBool) normalize_bools(t.data_ptr(), numel);
  if (header.fortran_order && t.dim() > 1) {
    std::vector<int64_t> reversed(static_cast<size_t>(t.dim()));
    for (int64_t i = 0; i < t.dim(); ++i) reversed[static_cast<size_t>(i)] = t.dim() - 1 - i;
    t = t.permute(reversed).contiguous();
  }
  return t;
}

// Reads through `source`, prefixing any error with `context`.
template <class MakeSource>
Tensor load_with_context(const std::string& context, MakeSource&& make_source) {
  try {
    auto source = make_source();
    return read_npy(source);
  } catch (const Error& e) {
    EMBER_FAIL("{}: {}", context, e.what());
  }
}

// ---- writing ----------------------------------------------------------------------------
// The preamble and header numpy.save writes for `t` (contiguous, on the CPU).
std::string header_bytes(const Tensor& t) {
  std::string dict =
      fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': (", descr_of(t.dtype()));
  for (int64_t i = 0; i < t.dim(); ++i) {
    dict += fmt::format("{}{}", i > 0 ? ", " : "", t.size(i));
  }
  dict += t.dim() == 1 ? ",), }" : "), }";
  // numpy: pad with spaces so that preamble + header + '\n' is a multiple of 64 (a whole
  // 64 bytes of padding when it already is). With at most 64 dimensions the header always
  // fits version 1.0's 16-bit length.
  constexpr size_t prefix = 10;
  const size_t padding = kAlignment - (prefix + dict.size() + 1) % kAlignment;
  const size_t header_length = dict.size() + padding + 1;
  std::string out(kMagic);
  out += '\x01';
  out += '\0';
  out += static_cast<char>(header_length & 0xff);
  out += static_cast<char>(header_length >> 8);
  out += dict;
  out.append(padding, ' ');
  out += '\n';
  return out;
}

Tensor host_contiguous(const Tensor& tensor) {
  EMBER_CHECK(tensor.defined(), "cannot save an undefined tensor");
  (void)descr_of(tensor.dtype());  // reject dtypes without a NumPy equivalent before copying
  return tensor.detach().cpu().contiguous();
}

}  // namespace

Tensor from_bytes(const void* data, size_t size) {
  return load_with_context("npy::from_bytes", [&] { return BufferSource(data, size); });
}

Tensor load(const std::string& path) {
  return load_with_context(fmt::format("npy::load('{}')", shown_path(path)),
                           [&] { return FileSource(path); });
}

std::string to_bytes(const Tensor& tensor) {
  try {
    const Tensor t = host_contiguous(tensor);
    std::string out = header_bytes(t);
    if (t.nbytes() > 0) out.append(static_cast<const char*>(t.data_ptr()), t.nbytes());
    return out;
  } catch (const Error& e) {
    EMBER_FAIL("npy::to_bytes: {}", e.what());
  }
}

void save(const std::string& path, const Tensor& tensor) {
  try {
    check_path(path);
    const Tensor t = host_contiguous(tensor);
    const std::string header = header_bytes(t);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    EMBER_CHECK(out.is_open(), "cannot open the file for writing: {}", std::strerror(errno));
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    if (t.nbytes() > 0) {
      out.write(static_cast<const char*>(t.data_ptr()), static_cast<std::streamsize>(t.nbytes()));
    }
    out.flush();
    EMBER_CHECK(out.good(), "writing {} bytes failed: {}", header.size() + t.nbytes(),
                std::strerror(errno));
  } catch (const Error& e) {
    EMBER_FAIL("npy::save('{}'): {}", shown_path(path), e.what());
  }
}

}  // namespace ember::npy
