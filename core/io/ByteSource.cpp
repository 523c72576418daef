// Byte sources for the file readers (see ByteSource.h).

#include "core/io/ByteSource.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "ember/core/Check.h"

namespace ember::detail {

void BufferSource::read(uint64_t offset, void* dst, size_t n) {
  if (n > 0) std::memcpy(dst, data_ + offset, n);
}

FileSource::FileSource(const std::string& path) {
  check_path(path);
  std::error_code ignored;
  EMBER_CHECK(!std::filesystem::is_directory(path, ignored), "it is a directory, not a file");
  in_.open(path, std::ios::binary);
  EMBER_CHECK(in_.is_open(), "cannot open the file: {}", std::strerror(errno));
  in_.seekg(0, std::ios::end);
  const std::streamoff end = in_.tellg();
  EMBER_CHECK(in_ && end >= 0, "cannot determine the file's size");
  size_ = static_cast<uint64_t>(end);
}

void FileSource::read(uint64_t offset, void* dst, size_t n) {
  in_.seekg(static_cast<std::streamoff>(offset));
  in_.read(static_cast<char*>(dst), static_cast<std::streamsize>(n));
  EMBER_CHECK(in_ && static_cast<size_t>(in_.gcount()) == n, "reading {} bytes at offset {} failed",
              n, offset);
}

void check_path(const std::string& path) {
  const size_t nul = path.find('\0');
  EMBER_CHECK(nul == std::string::npos, "the path contains a NUL byte (at position {})", nul);
}

std::string shown_path(const std::string& path) {
  std::string shown;
  for (char c : path) shown += c == '\0' ? std::string("\\0") : std::string(1, c);
  return shown;
}

void swap_bytes(void* data, int64_t count, int64_t item_size) {
  auto* p = static_cast<unsigned char*>(data);
  for (int64_t i = 0; i < count; ++i, p += item_size) std::reverse(p, p + item_size);
}

void normalize_bools(void* data, int64_t count) {
  auto* p = static_cast<unsigned char*>(data);
  for (int64_t i = 0; i < count; ++i) p[i] = p[i] != 0;
}

}  // namespace ember::detail
