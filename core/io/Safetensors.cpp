// safetensors files (see ember/core/Safetensors.h). The checks follow the format's reference
// implementation (safetensors/src/tensor.rs: SafeTensors::read_metadata and
// Metadata::validate), with messages that name the entry and what was expected; the writer
// reproduces its `prepare` (entry order, compact JSON, space padding).
//
// Files are untrusted input: the header's size is checked against the file before it is
// read, and every tensor's size against its data_offsets, and those against the bytes present,
// before any tensor is allocated.

#include "ember/core/Safetensors.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/CheckedSize.h"
#include "core/TensorFactory.h"
#include "core/io/ByteSource.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::safetensors {
namespace {

using json = nlohmann::json;
using detail::ByteSource;

// The header size field: a little-endian uint64.
constexpr uint64_t kSizeFieldBytes = 8;
// The library refuses larger headers (MAX_HEADER_SIZE), on reading and on writing.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
// The header is padded so that the data starts on a multiple of 8 bytes.
constexpr size_t kHeaderAlignment = 8;
// serde_json's recursion limit: a valid header nests 3 deep, unknown fields may nest more.
constexpr size_t kMaxJsonDepth = 128;
constexpr std::string_view kMetadataKey = "__metadata__";
constexpr bool kLittleEndianHost = std::endian::native == std::endian::little;

// ---- dtypes -------------------------------------------------------------------------------
struct DtypeName {
  std::string_view name;
  Dtype dtype;
};
// In the writer's order: the library sorts entries by its Dtype enum, descending (largest
// items first, which keeps every tensor aligned), then by name.
constexpr DtypeName kDtypes[] = {
    {"I64", kLong}, {"F64", kDouble}, {"F32", kFloat}, {"I32", kInt}, {"BF16", kBFloat16},
    {"F16", kHalf}, {"I16", kShort},  {"I8", kChar},   {"U8", kByte}, {"BOOL", kBool},
};
// The library's other dtypes, which Ember has no equivalent for.
constexpr std::string_view kForeignDtypes[] = {
    "U64",     "U32",         "U16",         "C64",     "F8_E5M2", "F8_E4M3",
    "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ", "F6_E2M3", "F6_E3M2", "F4",
};
constexpr std::string_view kSupportedList = "F64, F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL";

size_t dtype_rank(Dtype dtype) {
  for (size_t i = 0; i < std::size(kDtypes); ++i) {
    if (kDtypes[i].dtype == dtype) return i;
  }
  EMBER_FAIL("cannot save a tensor of dtype {}", dtype);
}

std::string_view format_name(Dtype dtype) { return kDtypes[dtype_rank(dtype)].name; }

// ---- how messages show names and values -----------------------------------------------------
// As JSON strings: control characters and NUL bytes stay visible, invalid UTF-8 becomes U+FFFD.
std::string shown_name(std::string_view text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string shown(const json& value) {
  constexpr size_t kMaxShown = 60;
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxShown) {
    size_t cut = kMaxShown - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// ---- the header -----------------------------------------------------------------------------
struct Entry {
  std::string name;
  Dtype dtype = kFloat;
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;  // data_offsets, relative to the start of the data
};

struct Header {
  uint64_t data_start = 0;     // where the data begins in the file: 8 + header size
  std::vector<Entry> entries;  // in the order of their data
  Metadata metadata;
};

// nlohmann keeps the last of duplicate keys without a word; its parser callback sees every
// key, so duplicates are refused here (the library refuses duplicate fields of an entry and
// silently keeps one of two tensors of the same name). It also bounds the nesting depth.
class KeyChecker {
 public:
  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        EMBER_CHECK(levels_.size() < kMaxJsonDepth, "the header nests deeper than {} levels",
                    kMaxJsonDepth);
        levels_.emplace_back();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        levels_.pop_back();
        break;
      case json::parse_event_t::key: {
        Level& level = levels_.back();
        std::string key = parsed.get<std::string>();
        if (!level.keys.insert(key).second) {
          if (levels_.size() == 1) {
            EMBER_FAIL("the header has two entries named {}", shown_name(key));
          }
          EMBER_FAIL("the header's entry {} has two fields named {}",
                     shown_name(levels_[levels_.size() - 2].last_key), shown_name(key));
        }
        level.last_key = std::move(key);
        break;
      }
      case json::parse_event_t::value:
        break;
    }
    return true;
  }

 private:
  struct Level {
    std::set<std::string> keys;
    std::string last_key;
  };
  std::vector<Level> levels_;
};

json parse_json(const std::string& text) {
  // nlohmann ends its input at a NUL byte, which would accept "{}\0anything"; a NUL byte is
  // valid nowhere in JSON text (a string holds one as \u0000).
  const size_t nul = text.find('\0');
  EMBER_CHECK(nul == std::string::npos,
              "the header is not valid JSON: it holds a NUL byte at offset {}", nul);
  try {
    return json::parse(text, KeyChecker());
  } catch (const json::exception& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    std::string_view what = e.what();
    const size_t end_of_id = what.find("] ");
    if (end_of_id != std::string_view::npos) what.remove_prefix(end_of_id + 2);
    EMBER_FAIL("the header is not valid JSON: {}", what);
  }
}

Metadata parse_metadata(const json& value) {
  Metadata metadata;
  if (value.is_null()) return metadata;  // the library's writer never does this, but accepts it
  EMBER_CHECK(value.is_object(), "{} must be an object of text keys and values, got {}",
              shown_name(kMetadataKey), shown(value));
  for (const auto& [key, text] : value.items()) {
    EMBER_CHECK(text.is_string(), "{} must map text keys to text values; {} maps to {}",
                shown_name(kMetadataKey), shown_name(key), shown(text));
    metadata.emplace(key, text.get<std::string>());
  }
  return metadata;
}

Dtype parse_dtype(const std::string& name, const json& value) {
  EMBER_CHECK(value.is_string(), "tensor {}: \"dtype\" must be a string such as \"F32\", got {}",
              shown_name(name), shown(value));
  const std::string& text = value.get_ref<const std::string&>();
  for (const DtypeName& d : kDtypes) {
    if (d.name == text) return d.dtype;
  }
  for (std::string_view foreign : kForeignDtypes) {
    EMBER_CHECK(foreign != text, "tensor {}: dtype {} has no Ember equivalent (Ember reads {})",
                shown_name(name), shown_name(text), kSupportedList);
  }
  EMBER_FAIL("tensor {}: unknown dtype {} (Ember reads {})", shown_name(name), shown_name(text),
             kSupportedList);
}

// A non-negative JSON integer that fits int64 (the library's usize), or nullopt.
bool get_size(const json& value, int64_t* out) {
  if (value.is_number_unsigned()) {
    const uint64_t v = value.get<uint64_t>();
    if (v > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(v);
    return true;
  }
  if (value.is_number_integer() && value.get<int64_t>() == 0) {  // "-0"
    *out = 0;
    return true;
  }
  return false;
}

std::vector<int64_t> parse_shape(const std::string& name, const json& value) {
  EMBER_CHECK(value.is_array(),
              "tensor {}: \"shape\" must be a list of non-negative integers, got {}",
              shown_name(name), shown(value));
  EMBER_CHECK(value.size() <= static_cast<size_t>(detail::kMaxTensorDims),
              "tensor {}: \"shape\" has {} dimensions; Ember tensors have at most {}",
              shown_name(name), value.size(), detail::kMaxTensorDims);
  std::vector<int64_t> shape(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    EMBER_CHECK(get_size(value[i], &shape[i]),
                "tensor {}: \"shape\" must be a list of non-negative integers below 2^63, got "
                "{} at position {}",
                shown_name(name), shown(value[i]), i);
  }
  return shape;
}

std::pair<uint64_t, uint64_t> parse_offsets(const std::string& name, const json& value) {
  int64_t begin = 0, end = 0;
  EMBER_CHECK(value.is_array() && value.size() == 2 && get_size(value[0], &begin) &&
                  get_size(value[1], &end),
              "tensor {}: \"data_offsets\" must be two non-negative integers [begin, end], got "
              "{}",
              shown_name(name), shown(value));
  EMBER_CHECK(begin <= end, "tensor {}: data_offsets [{}, {}] end before they begin",
              shown_name(name), begin, end);
  return {static_cast<uint64_t>(begin), static_cast<uint64_t>(end)};
}

const json& field(const std::string& name, const json& entry, const char* key) {
  const auto it = entry.find(key);
  EMBER_CHECK(it != entry.end(),
              "tensor {} has no \"{}\" (an entry needs \"dtype\", \"shape\" "
              "and \"data_offsets\")",
              shown_name(name), key);
  return *it;
}

Entry parse_entry(const std::string& name, const json& value) {
  EMBER_CHECK(value.is_object(),
              "tensor {}: expected an object with \"dtype\", \"shape\" and \"data_offsets\", "
              "got {}",
              shown_name(name), shown(value));
  Entry entry;
  entry.name = name;
  entry.dtype = parse_dtype(name, field(name, value, "dtype"));
  entry.shape = parse_shape(name, field(name, value, "shape"));
  std::tie(entry.begin, entry.end) = parse_offsets(name, field(name, value, "data_offsets"));
  // Other fields are ignored, as the library does.

  // The byte count, and the extent of the contiguous strides (an empty tensor may have other
  // huge dimensions), must fit.
  int64_t numel = 0, extent = 0, nbytes = 0;
  std::vector<int64_t> nonzero(entry.shape.size());
  std::transform(entry.shape.begin(), entry.shape.end(), nonzero.begin(),
                 [](int64_t d) { return std::max<int64_t>(d, 1); });
  const int64_t item_size = element_size(entry.dtype);
  EMBER_CHECK(detail::product_fits(entry.shape, &numel) && detail::product_fits(nonzero, &extent) &&
                  detail::checked_mul(numel, item_size, &nbytes),
              "tensor {}: shape {} is too large", shown_name(name), entry.shape);
  EMBER_CHECK(static_cast<uint64_t>(nbytes) == entry.end - entry.begin,
              "tensor {}: shape {} of dtype {} needs {} bytes, but data_offsets [{}, {}] hold {}",
              shown_name(name), entry.shape, format_name(entry.dtype), nbytes, entry.begin,
              entry.end, entry.end - entry.begin);
  return entry;
}

// The entries' data must tile [0, data size) exactly: in offset order, each one starts where
// the previous one ends, and the last one ends at the end of the file.
void check_layout(const std::vector<Entry>& entries, uint64_t data_bytes) {
  uint64_t expected = 0;
  const Entry* previous = nullptr;
  for (const Entry& e : entries) {
    if (e.begin != expected) {
      EMBER_CHECK(previous != nullptr,
                  "tensor {}: data_offsets [{}, {}] leave the first {} bytes of the data unused "
                  "(the first tensor's data must start at offset 0)",
                  shown_name(e.name), e.begin, e.end, e.begin);
      EMBER_CHECK(e.begin > expected,
                  "tensor {}: data_offsets [{}, {}] overlap tensor {}'s [{}, {}]",
                  shown_name(e.name), e.begin, e.end, shown_name(previous->name), previous->begin,
                  previous->end);
      EMBER_FAIL(
          "tensor {}: data_offsets [{}, {}] leave a gap after tensor {}'s [{}, {}] (each "
          "tensor's data must start where the previous one's ends)",
          shown_name(e.name), e.begin, e.end, shown_name(previous->name), previous->begin,
          previous->end);
    }
    expected = e.end;
    previous = &e;
  }
  EMBER_CHECK(expected <= data_bytes,
              "the file is truncated: the tensors' data needs {} bytes, but {} follow the header",
              expected, data_bytes);
  EMBER_CHECK(expected == data_bytes,
              "the data has {} bytes, but the tensors cover only {}: the file has bytes that "
              "belong to no tensor",
              data_bytes, expected);
}

Header read_header(ByteSource& source) {
  const uint64_t file_size = source.size();
  EMBER_CHECK(file_size >= kSizeFieldBytes,
              "{} bytes is too short for a safetensors file (the header size alone takes {})",
              file_size, kSizeFieldBytes);
  unsigned char size_field[kSizeFieldBytes];
  source.read(0, size_field, kSizeFieldBytes);
  uint64_t header_size = 0;
  for (int i = kSizeFieldBytes - 1; i >= 0; --i) header_size = (header_size << 8) | size_field[i];
  EMBER_CHECK(header_size <= kMaxHeaderBytes,
              "the header size {} is larger than the {} bytes a safetensors header may have",
              header_size, kMaxHeaderBytes);
  EMBER_CHECK(header_size <= file_size - kSizeFieldBytes,
              "the header size {} runs past the end of the file ({} bytes follow the size)",
              header_size, file_size - kSizeFieldBytes);
  std::string text(static_cast<size_t>(header_size), '\0');
  source.read(kSizeFieldBytes, text.data(), text.size());

  const json root = parse_json(text);
  EMBER_CHECK(root.is_object(), "the header must be a JSON object, got {}", shown(root));
  Header header;
  header.data_start = kSizeFieldBytes + header_size;
  header.entries.reserve(root.size());
  for (const auto& [key, value] : root.items()) {
    if (key == kMetadataKey) {
      header.metadata = parse_metadata(value);
    } else {
      header.entries.push_back(parse_entry(key, value));
    }
  }
  std::stable_sort(header.entries.begin(), header.entries.end(),
                   [](const Entry& a, const Entry& b) {
                     return std::pair(a.begin, a.end) < std::pair(b.begin, b.end);
                   });
  check_layout(header.entries, file_size - header.data_start);
  return header;
}

TensorDict read_tensors(ByteSource& source, const Header& header) {
  TensorDict tensors;
  tensors.reserve(header.entries.size());
  for (const Entry& e : header.entries) {
    Tensor t = detail::empty_tensor(e.shape, e.dtype, Device(kCPU));
    const size_t nbytes = static_cast<size_t>(e.end - e.begin);
    if (nbytes > 0) source.read(header.data_start + e.begin, t.data_ptr(), nbytes);
    if (!kLittleEndianHost && t.element_size() > 1) {
      detail::swap_bytes(t.data_ptr(), t.numel(), t.element_size());
    }
    if (e.dtype == kBool) detail::normalize_bools(t.data_ptr(), t.numel());
    tensors.insert(e.name, std::move(t));
  }
  return tensors;
}

// Runs `read` on the source `make_source` opens, prefixing any error with `context`; an
// allocation failure (a header of many entries on a small machine) is an error too.
template <class MakeSource, class Read>
auto with_context(const std::string& context, MakeSource&& make_source, Read&& read) {
  try {
    auto source = make_source();
    return read(source);
  } catch (const Error& e) {
    EMBER_FAIL("{}: {}", context, e.what());
  } catch (const std::bad_alloc&) {
    EMBER_FAIL("{}: out of memory", context);
  }
}

// ---- writing --------------------------------------------------------------------------------
// A JSON string as serde_json writes it (nlohmann escapes the same characters the same way).
std::string json_string(const std::string& text, const char* what) {
  try {
    return json(text).dump();
  } catch (const json::type_error&) {
    EMBER_FAIL("{} {} is not valid UTF-8 text", what, shown_name(text));
  }
}

// The entries in the order the library writes them, checked.
std::vector<const TensorDict::Item*> ordered_items(const TensorDict& tensors) {
  std::vector<const TensorDict::Item*> items;
  items.reserve(tensors.size());
  for (const auto& item : tensors) {
    EMBER_CHECK(item.key() != kMetadataKey,
                "the name {} is reserved for the file's metadata; it cannot name a tensor",
                shown_name(kMetadataKey));
    EMBER_CHECK(item.value().defined(), "tensor {} is undefined", shown_name(item.key()));
    (void)dtype_rank(item.value().dtype());
    items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
    return std::pair(dtype_rank(a->value().dtype()), std::string_view(a->key())) <
           std::pair(dtype_rank(b->value().dtype()), std::string_view(b->key()));
  });
  return items;
}

// The size field and the padded header for `items`.
std::string header_bytes(const std::vector<const TensorDict::Item*>& items,
                         const Metadata& metadata) {
  std::string text = "{";
  if (!metadata.empty()) {
    text += fmt::format("\"{}\":{{", kMetadataKey);
    for (const auto& [key, value] : metadata) {
      text += json_string(key, "the metadata key") + ":" +
              json_string(value, "the metadata value") + ",";
    }
    text.back() = '}';
    text += ',';
  }
  uint64_t offset = 0;
  for (const auto* item : items) {
    const Tensor& t = item->value();
    text += fmt::format("{}:{{\"dtype\":\"{}\",\"shape\":[{}],\"data_offsets\":[{},{}]}},",
                        json_string(item->key(), "the tensor name"), format_name(t.dtype()),
                        fmt::join(t.sizes(), ","), offset, offset + t.nbytes());
    offset += t.nbytes();
  }
  if (text.size() > 1) text.pop_back();
  text += '}';
  text.append((kHeaderAlignment - text.size() % kHeaderAlignment) % kHeaderAlignment, ' ');
  EMBER_CHECK(text.size() <= kMaxHeaderBytes,
              "the header takes {} bytes, more than the {} a safetensors header may have",
              text.size(), kMaxHeaderBytes);
  std::string out(kSizeFieldBytes, '\0');
  for (size_t i = 0; i < kSizeFieldBytes; ++i) {
    out[i] = static_cast<char>((static_cast<uint64_t>(text.size()) >> (8 * i)) & 0xff);
  }
  return out + text;
}

// Writes the file's bytes through `sink(const char*, size_t)`, one tensor's host copy at a
// time.
template <class Sink>
void write_safetensors(const TensorDict& tensors, const Metadata& metadata, Sink&& sink) {
  const auto items = ordered_items(tensors);
  const std::string header = header_bytes(items, metadata);
  sink(header.data(), header.size());
  for (const auto* item : items) {
    Tensor t = item->value().detach().cpu().contiguous();
    if (!kLittleEndianHost && t.element_size() > 1) {
      t = t.clone();
      detail::swap_bytes(t.data_ptr(), t.numel(), t.element_size());
    }
    if (t.nbytes() > 0) sink(static_cast<const char*>(t.data_ptr()), t.nbytes());
  }
}

}  // namespace

std::string save(const TensorDict& tensors, const Metadata& metadata) {
  try {
    std::string out;
    write_safetensors(tensors, metadata, [&](const char* data, size_t n) { out.append(data, n); });
    return out;
  } catch (const Error& e) {
    EMBER_FAIL("safetensors::save: {}", e.what());
  } catch (const std::bad_alloc&) {
    EMBER_FAIL("safetensors::save: out of memory holding the file's bytes");
  }
}

void save_file(const TensorDict& tensors, const std::string& path, const Metadata& metadata) {
  try {
    detail::check_path(path);
    std::ofstream out;
    size_t written = 0;
    write_safetensors(tensors, metadata, [&](const char* data, size_t n) {
      if (!out.is_open()) {
        // Opened once the tensors are checked, so a refused save leaves any old file intact.
        out.open(path, std::ios::binary | std::ios::trunc);
        EMBER_CHECK(out.is_open(), "cannot open the file for writing: {}", std::strerror(errno));
      }
      out.write(data, static_cast<std::streamsize>(n));
      written += n;
    });
    out.flush();
    EMBER_CHECK(out.good(), "writing {} bytes failed: {}", written, std::strerror(errno));
  } catch (const Error& e) {
    EMBER_FAIL("safetensors::save_file('{}'): {}", detail::shown_path(path), e.what());
  }
}

TensorDict load(const std::string& bytes) {
  return with_context(
      "safetensors::load", [&] { return detail::BufferSource(bytes.data(), bytes.size()); },
      [](ByteSource& source) { return read_tensors(source, read_header(source)); });
}

TensorDict load_file(const std::string& path, Device device) {
  const std::string context = fmt::format("safetensors::load_file('{}')", detail::shown_path(path));
  TensorDict tensors = with_context(
      context, [&] { return detail::FileSource(path); },
      [](ByteSource& source) { return read_tensors(source, read_header(source)); });
  if (!device.is_cpu()) {
    try {
      for (auto& item : tensors) item.value() = item.value().to(device);
    } catch (const Error& e) {
      EMBER_FAIL("{}: {}", context, e.what());
    }
  }
  return tensors;
}

Metadata load_metadata(const std::string& path) {
  return with_context(
      fmt::format("safetensors::load_metadata('{}')", detail::shown_path(path)),
      [&] { return detail::FileSource(path); },
      [](ByteSource& source) { return read_header(source).metadata; });
}

}  // namespace ember::safetensors
