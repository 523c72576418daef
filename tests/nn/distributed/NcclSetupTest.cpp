// The parts of the nccl backend that need no GPU: availability, the error without a GPU, and
// the launcher rendezvous (torchrun's environment, the TCP broadcast of the communicator id).

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "distributed/Launcher.h"
#include "distributed/TcpRendezvous.h"
#include "ember/distributed.h"
#include "ember/ember.h"

namespace {

using ember::distributed::detail::nccl_setup_from_launcher;
using ember::distributed::detail::tcp_broadcast_from_rank0;
using namespace std::chrono_literals;

// A TCP port nobody listens on right now (the kernel's pick for port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const ember::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Sets environment variables for one test and restores them after.
class ScopedEnv {
 public:
  void set(const char* name, const std::string& value) {
    const char* old = std::getenv(name);
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        ::unsetenv(it->first.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(NcclBackend, UnavailableWithoutGpu) {
  if (ember::cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  EXPECT_FALSE(ember::distributed::is_available("nccl"));
  EXPECT_FALSE(ember::distributed::is_nccl_available());
}

TEST(NcclBackend, InitWithoutGpuIsAClearError) {
  if (ember::cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  const std::string message = error_of([] { ember::distributed::init_process_group("nccl"); });
  // Built with NCCL: "... needs a GPU, but cuda is not available: <why>"; without: "... was
  // not built into this Ember".
  EXPECT_NE(message.find("init_process_group: the nccl backend"), std::string::npos) << message;
  EXPECT_TRUE(message.find("needs a GPU") != std::string::npos ||
              message.find("was not built") != std::string::npos)
      << message;
  EXPECT_FALSE(ember::distributed::is_initialized());
}

TEST(TcpRendezvous, RankZeroReachesEveryRank) {
  for (int world : {2, 4}) {
    const int port = free_port();
    std::vector<std::array<uint8_t, 128>> ids(static_cast<size_t>(world));
    for (size_t b = 0; b < 128; ++b) ids[0][b] = static_cast<uint8_t>(b * 7 + 1);
    std::vector<std::string> errors(static_cast<size_t>(world));
    std::vector<std::thread> ranks;
    for (int r = 0; r < world; ++r) {
      ranks.emplace_back([&, r] {
        errors[static_cast<size_t>(r)] = error_of([&] {
          tcp_broadcast_from_rank0("127.0.0.1", port, r, world, ids[static_cast<size_t>(r)].data(),
                                   128, 10s);
          throw ember::Error("ok");
        });
      });
    }
    for (std::thread& t : ranks) t.join();
    for (int r = 0; r < world; ++r) {
      EXPECT_EQ(errors[static_cast<size_t>(r)], "ok") << "rank " << r;
      EXPECT_EQ(ids[static_cast<size_t>(r)], ids[0]) << "rank " << r;
    }
  }
}

TEST(TcpRendezvous, TimeoutsAndBadArgumentsAreErrors) {
  std::array<uint8_t, 8> id{};
  const int port = free_port();
  EXPECT_NE(error_of([&] {
              tcp_broadcast_from_rank0("127.0.0.1", port, 1, 2, id.data(), id.size(), 200ms);
            }).find("timed out after 200 ms connecting to rank 0 at MASTER_ADDR=127.0.0.1"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              tcp_broadcast_from_rank0("127.0.0.1", port, 0, 3, id.data(), id.size(), 200ms);
            }).find("timed out after 200 ms with 1 of 3 ranks connected"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              tcp_broadcast_from_rank0("127.0.0.1", 70000, 0, 2, id.data(), id.size(), 200ms);
            }).find("MASTER_PORT must be in 1..65535, got 70000"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              tcp_broadcast_from_rank0("no-such-host.invalid", port, 1, 2, id.data(), id.size(),
                                       200ms);
            }).find("cannot resolve MASTER_ADDR=no-such-host.invalid"),
            std::string::npos);
}

TEST(NcclLauncher, TorchrunEnvironment) {
  const int port = free_port();
  ScopedEnv env;
  env.set("RANK", "1");
  env.set("WORLD_SIZE", "2");
  env.set("LOCAL_RANK", "1");
  env.set("MASTER_ADDR", "localhost");
  env.set("MASTER_PORT", std::to_string(port));
  ember::distributed::detail::NcclSetup setup = nccl_setup_from_launcher(5s);
  EXPECT_EQ(setup.rank, 1);
  EXPECT_EQ(setup.world_size, 2);
  EXPECT_EQ(setup.local_rank, 1);
  EXPECT_EQ(setup.timeout, 5s);
  // Rank 0 of the job, as another process would be.
  std::array<uint8_t, 16> sent{};
  sent.fill(42);
  std::thread rank0(
      [&] { tcp_broadcast_from_rank0("127.0.0.1", port, 0, 2, sent.data(), 16, 5s); });
  std::array<uint8_t, 16> got{};
  setup.broadcast_from_rank0(got.data(), got.size());
  rank0.join();
  EXPECT_EQ(got, sent);
}

TEST(NcclLauncher, EnvironmentErrors) {
  {
    ScopedEnv env;
    env.set("RANK", "0");
    env.set("WORLD_SIZE", "2");
    ::unsetenv("MASTER_ADDR");
    EXPECT_NE(error_of([] {
                nccl_setup_from_launcher(1s);
              }).find("environment variable MASTER_ADDR expected, but not set"),
              std::string::npos);
  }
  {
    ScopedEnv env;
    env.set("RANK", "2");
    env.set("WORLD_SIZE", "2");
    EXPECT_NE(error_of([] {
                nccl_setup_from_launcher(1s);
              }).find("RANK (2) must be below WORLD_SIZE (2)"),
              std::string::npos);
  }
  {
    ScopedEnv env;
    env.set("RANK", "x1");
    env.set("WORLD_SIZE", "2");
    EXPECT_NE(error_of([] {
                nccl_setup_from_launcher(1s);
              }).find("RANK must be a non-negative integer, got 'x1'"),
              std::string::npos);
  }
  {
    ScopedEnv env;
    env.set("RANK", "0");
    env.set("WORLD_SIZE", "1");
    ember::distributed::detail::NcclSetup single = nccl_setup_from_launcher(1s);
    EXPECT_EQ(single.world_size, 1);
    EXPECT_EQ(single.local_rank, -1);
    std::array<uint8_t, 4> id{1, 2, 3, 4};
    single.broadcast_from_rank0(id.data(), id.size());  // nothing to exchange
    EXPECT_EQ(id, (std::array<uint8_t, 4>{1, 2, 3, 4}));
  }
}

}  // namespace
