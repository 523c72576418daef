// Ember's process-wide state (the thread pool and its size, the random generator, print
// options, the caching allocator) is used from several threads at once. Run under
// ThreadSanitizer (the `tsan` preset) this must report no data race; in any build every
// result must be right and every error an ember::Error.

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::throws_error_with;

using ember_test::ThreadCountScope;

TEST(ThreadSafety, AbsurdThreadCountsAreRefused) {
  ThreadCountScope scope;
  const int before = get_num_threads();
  EXPECT_TRUE(throws_error_with([] { set_num_threads(1 << 30); },
                                "set_num_threads: expected at most 1024 threads, got 1073741824"));
  EXPECT_TRUE(throws_error_with([] { set_num_threads(0); }, "expected a positive number"));
  EXPECT_TRUE(throws_error_with([] { set_num_threads(-3); }, "got -3"));
  EXPECT_EQ(get_num_threads(), before);  // nothing changed, no workers left behind
}

TEST(ThreadSafety, ConcurrentSetNumThreadsAndOps) {
  ThreadCountScope scope;
  constexpr int kResizers = 3, kWorkers = 3, kRounds = 40;
  const Tensor big = ones({1 << 16});  // large enough to be split across the pool
  std::atomic<int> wrong{0}, escaped{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < kResizers; ++r) {
    threads.emplace_back([&, r] {
      for (int i = 0; i < kRounds; ++i) {
        try {
          set_num_threads(1 + (i + r) % 4);
        } catch (...) {
          ++escaped;
        }
      }
    });
  }
  for (int w = 0; w < kWorkers; ++w) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRounds; ++i) {
        try {
          if (big.sum().item<float>() != float(1 << 16)) ++wrong;
          if ((big * 2).sum().item<double>() != double(2 << 16)) ++wrong;
        } catch (...) {
          ++escaped;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(escaped.load(), 0);
  EXPECT_GE(get_num_threads(), 1);
  EXPECT_LE(get_num_threads(), 4);
}

// Ops, seeding, resizing and printing (with changing print options) all at once.
TEST(ThreadSafety, MixedWorkload) {
  ThreadCountScope scope;
  constexpr int kRounds = 25;
  std::atomic<int> failures{0};
  auto guarded = [&](auto&& body) {
    return [&, body] {
      for (int i = 0; i < kRounds; ++i) {
        try {
          body(i);
        } catch (...) {
          ++failures;
        }
      }
    };
  };
  std::vector<std::thread> threads;
  threads.emplace_back(guarded([](int i) {
    const Tensor a = rand({64, 64});
    const Tensor c = matmul(a, ones({64, 64}));
    if (c.size(0) != 64 || !(c.sum().item<float>() > 0)) throw std::runtime_error("matmul");
    (void)i;
  }));
  threads.emplace_back(guarded([](int i) { manual_seed(static_cast<uint64_t>(i)); }));
  threads.emplace_back(guarded([](int i) {
    const Tensor r = randint(0, 10, {1000});
    if (r.max().item<int64_t>() >= 10 || r.min().item<int64_t>() < 0) {
      throw std::runtime_error("randint");
    }
    (void)i;
  }));
  threads.emplace_back(guarded([](int i) { set_num_threads(1 + i % 3); }));
  threads.emplace_back(guarded([](int i) {
    set_printoptions(2 + i % 4, std::nullopt, 1 + i % 3);
    const std::string s = to_string(arange(5000).view({50, 100}).to(kFloat));
    if (s.rfind("tensor(", 0) != 0) throw std::runtime_error("print");
  }));
  threads.emplace_back(guarded([](int) {
    const std::string s = to_string(ones({3}));
    if (s.find("1.") == std::string::npos) throw std::runtime_error("print");
    (void)get_printoptions();
  }));
  for (auto& t : threads) t.join();
  reset_printoptions();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
