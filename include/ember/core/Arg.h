#pragma once

// EMBER_ARG declares one option of an options class the way libtorch's TORCH_ARG does, so that
// options chain as in libtorch: `LinearOptions(3, 4).bias(false)`, `SGDOptions(0.1).momentum(0.9)`.
// Each option gets a setter returning the options object, a const getter and a mutable getter.

#define EMBER_ARG(T, name)                                        \
 public:                                                          \
  inline auto name(const T& new_##name)->decltype(*this) {        \
    this->name##_ = new_##name;                                   \
    return *this;                                                 \
  }                                                               \
  inline auto name(T&& new_##name)->decltype(*this) {             \
    this->name##_ = std::move(new_##name);                        \
    return *this;                                                 \
  }                                                               \
  inline const T& name() const noexcept { return this->name##_; } \
  inline T& name() noexcept { return this->name##_; }             \
                                                                  \
 private:                                                         \
  T name##_
