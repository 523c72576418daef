#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "ember/ember.h"

namespace ember_test {

// Runs `body`, which must throw an ember::Error whose message contains `expected`.
inline void expect_error(const std::function<void()>& body, const std::string& expected) {
  try {
    body();
    ADD_FAILURE() << "expected an ember::Error containing: " << expected;
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

inline void expect_equal(const ember::Tensor& got, const ember::Tensor& expected) {
  ASSERT_EQ(got.sizes(), expected.sizes());
  ASSERT_EQ(got.dtype(), expected.dtype());
  EXPECT_TRUE(ember::equal(got, expected)) << "got\n" << got << "\nexpected\n" << expected;
}

}  // namespace ember_test
