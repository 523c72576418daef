#pragma once

// Where the file readers (.npy, safetensors) take their bytes from: a buffer in memory or a
// file on disk, read at checked offsets. Files are untrusted input: readers check every range
// against size() before calling read(), so a hostile length never makes them allocate or read
// more than the input holds.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

namespace ember::detail {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  /// Copies n bytes at `offset` to dst; the caller has checked the range.
  virtual void read(uint64_t offset, void* dst, size_t n) = 0;
};

class BufferSource final : public ByteSource {
 public:
  BufferSource(const void* data, size_t size)
      : data_(static_cast<const unsigned char*>(data)), size_(size) {}
  uint64_t size() const override { return size_; }
  void read(uint64_t offset, void* dst, size_t n) override;

 private:
  const unsigned char* data_;
  size_t size_;
};

class FileSource final : public ByteSource {
 public:
  /// Opens `path` for reading; throws ember::Error when it is not a readable file.
  explicit FileSource(const std::string& path);
  uint64_t size() const override { return size_; }
  void read(uint64_t offset, void* dst, size_t n) override;

 private:
  std::ifstream in_;
  uint64_t size_ = 0;
};

/// Throws when `path` holds a NUL byte, which would end the path the system sees: another file.
void check_path(const std::string& path);

/// The path as error messages show it: a NUL byte would end the message for C-string readers.
std::string shown_path(const std::string& path);

/// Reverses the bytes of each of `count` items of `item_size` bytes (a byte-order change).
void swap_bytes(void* data, int64_t count, int64_t item_size);

/// Any non-zero byte is true to NumPy and PyTorch; a C++ bool must hold exactly 0 or 1.
void normalize_bools(void* data, int64_t count);

}  // namespace ember::detail
