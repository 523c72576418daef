#pragma once

// ember::OrderedDict, as libtorch's torch::OrderedDict: a map that keeps insertion order and
// whose items are reached by key or by position. Modules keep their parameters, buffers and
// children in one (`named_parameters()` returns one), so iteration order is registration
// order, as in PyTorch.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sstream>

#include "ember/core/Error.h"

namespace ember {

template <typename Key, typename Value>
class OrderedDict {
 public:
  /// One entry: `item.key()`, `item.value()`, `*item` and `item->` reach the value.
  class Item {
   public:
    Item(Key key, Value value) : pair_(std::move(key), std::move(value)) {}
    const Key& key() const noexcept { return pair_.first; }
    Value& value() noexcept { return pair_.second; }
    const Value& value() const noexcept { return pair_.second; }
    Value& operator*() noexcept { return pair_.second; }
    const Value& operator*() const noexcept { return pair_.second; }
    Value* operator->() noexcept { return &pair_.second; }
    const Value* operator->() const noexcept { return &pair_.second; }
    const std::pair<Key, Value>& pair() const noexcept { return pair_; }

   private:
    std::pair<Key, Value> pair_;
  };

  using Iterator = typename std::vector<Item>::iterator;
  using ConstIterator = typename std::vector<Item>::const_iterator;

  /// `key_description` names the keys in error messages ("Parameter", "Module", ...).
  explicit OrderedDict(std::string key_description = "Key")
      : key_description_(std::move(key_description)) {}
  OrderedDict(std::initializer_list<Item> initializer_list) : OrderedDict("Key") {
    items_.reserve(initializer_list.size());
    for (const auto& item : initializer_list) insert(item.key(), item.value());
  }

  const std::string& key_description() const noexcept { return key_description_; }

  Iterator begin() { return items_.begin(); }
  ConstIterator begin() const { return items_.begin(); }
  Iterator end() { return items_.end(); }
  ConstIterator end() const { return items_.end(); }

  Item& front() {
    check(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  const Item& front() const {
    check(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  Item& back() {
    check(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }
  const Item& back() const {
    check(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }

  /// The item at `index` (insertion order).
  Item& operator[](size_t index) {
    check(index < items_.size(), "Index ", index, " is out of bounds (the OrderedDict has ",
          items_.size(), " items)");
    return items_[index];
  }
  const Item& operator[](size_t index) const {
    check(index < items_.size(), "Index ", index, " is out of bounds (the OrderedDict has ",
          items_.size(), " items)");
    return items_[index];
  }
  /// The value stored under `key`; throws when there is none.
  Value& operator[](const Key& key) {
    if (auto* value = find(key)) return *value;
    fail(key_description_, " '", key, "' is not defined");
  }
  const Value& operator[](const Key& key) const {
    if (const auto* value = find(key)) return *value;
    fail(key_description_, " '", key, "' is not defined");
  }

  /// Adds `value` under `key`; a key that is already present is an error.
  template <typename K, typename... Args>
  Value& insert(K&& key, Args&&... args) {
    check(index_.count(key) == 0, key_description_, " '", key, "' already defined");
    items_.emplace_back(Key(std::forward<K>(key)), Value(std::forward<Args>(args)...));
    index_.emplace(items_.back().key(), items_.size() - 1);
    return items_.back().value();
  }
  Value& insert(Key key, Value&& value) {
    check(index_.count(key) == 0, key_description_, " '", key, "' already defined");
    items_.emplace_back(std::move(key), std::move(value));
    index_.emplace(items_.back().key(), items_.size() - 1);
    return items_.back().value();
  }
  /// Inserts every item of `other`, in its order (keys must be new).
  void update(const OrderedDict& other) {
    reserve(size() + other.size());
    for (const auto& item : other) insert(item.key(), item.value());
  }
  void update(OrderedDict&& other) {
    reserve(size() + other.size());
    for (auto& item : other) insert(item.key(), std::move(item.value()));
  }

  /// The value under `key`, or nullptr.
  Value* find(const Key& key) noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  const Value* find(const Key& key) const noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  bool contains(const Key& key) const noexcept { return index_.count(key) != 0; }

  /// Removes `key` (the order of the others is kept); an absent key is an error.
  void erase(const Key& key) {
    auto it = index_.find(key);
    check(it != index_.end(), "Key '", key, "' doesn't exist");
    const size_t position = it->second;
    index_.erase(it);
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(position));
    for (auto& entry : index_)
      if (entry.second > position) --entry.second;
  }
  void clear() {
    index_.clear();
    items_.clear();
  }
  void reserve(size_t requested) {
    index_.reserve(requested);
    items_.reserve(requested);
  }

  size_t size() const noexcept { return items_.size(); }
  bool is_empty() const noexcept { return items_.empty(); }

  const std::vector<Item>& items() const noexcept { return items_; }
  std::vector<Key> keys() const {
    std::vector<Key> out;
    out.reserve(size());
    for (const auto& item : items_) out.push_back(item.key());
    return out;
  }
  std::vector<Value> values() const {
    std::vector<Value> out;
    out.reserve(size());
    for (const auto& item : items_) out.push_back(item.value());
    return out;
  }
  std::vector<std::pair<Key, Value>> pairs() const {
    std::vector<std::pair<Key, Value>> out;
    out.reserve(size());
    for (const auto& item : items_) out.push_back(item.pair());
    return out;
  }

 private:
  // Header-only and fmt-free (this header is public): messages are built with a stream.
  template <typename... Parts>
  [[noreturn]] static void fail(const Parts&... parts) {
    std::ostringstream message;
    (message << ... << parts);
    detail::throw_error(message.str());
  }
  template <typename... Parts>
  static void check(bool condition, const Parts&... parts) {
    if (!condition) fail(parts...);
  }

  std::unordered_map<Key, size_t> index_;
  std::vector<Item> items_;
  std::string key_description_;
};

}  // namespace ember
