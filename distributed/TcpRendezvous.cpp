#include "distributed/TcpRendezvous.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "ember/core/Check.h"

namespace ember::distributed::detail {

namespace {

using Clock = std::chrono::steady_clock;

// Every message starts with this tag and the payload size, so that a stray connection to the
// port (or a rank of another job) is refused rather than read as an id.
constexpr uint64_t kMagic = 0x656d6265725f7264;  // "ember_rd"

class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits until `fd` is ready for `events`; false at the deadline.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc > 0) return true;
    if (rc == 0) return false;
    EMBER_CHECK(errno == EINTR, "rendezvous: poll failed: {}", std::strerror(errno));
  }
}

void send_all(int fd, const void* data, size_t bytes, Clock::time_point deadline) {
  const auto* p = static_cast<const char*>(data);
  while (bytes > 0) {
    EMBER_CHECK(wait_ready(fd, POLLOUT, deadline), "rendezvous: timed out sending to a rank");
    const ssize_t n = ::send(fd, p, bytes, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    EMBER_CHECK(n > 0, "rendezvous: send failed: {}", std::strerror(errno));
    p += n;
    bytes -= static_cast<size_t>(n);
  }
}

// `peer` names the other end in errors ("rank 0", "a rank").
void recv_all(int fd, void* data, size_t bytes, Clock::time_point deadline, const char* peer) {
  auto* p = static_cast<char*>(data);
  while (bytes > 0) {
    EMBER_CHECK(wait_ready(fd, POLLIN, deadline), "rendezvous: timed out waiting for {}", peer);
    const ssize_t n = ::recv(fd, p, bytes, 0);
    if (n < 0 && errno == EINTR) continue;
    EMBER_CHECK(n > 0, "rendezvous: the connection to {} was closed: {}", peer,
                n == 0 ? "end of stream" : std::strerror(errno));
    p += n;
    bytes -= static_cast<size_t>(n);
  }
}

void serve(int port, int world_size, const void* data, size_t bytes,
           std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  // IPv6 with IPv4-mapped addresses takes clients of either family (MASTER_ADDR may name
  // either); a host without IPv6 listens on IPv4 only.
  Socket listener(::socket(AF_INET6, SOCK_STREAM, 0));
  const bool ipv6 = listener.fd() >= 0;
  if (!ipv6) listener = Socket(::socket(AF_INET, SOCK_STREAM, 0));
  EMBER_CHECK(listener.fd() >= 0, "rendezvous: socket failed: {}", std::strerror(errno));
  const int yes = 1;
  const int no = 0;
  ::setsockopt(listener.fd(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  int bound = -1;
  if (ipv6) {
    ::setsockopt(listener.fd(), IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_any;
    address.sin6_port = htons(static_cast<uint16_t>(port));
    bound = ::bind(listener.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address);
  } else {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(static_cast<uint16_t>(port));
    bound = ::bind(listener.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  EMBER_CHECK(bound == 0, "rendezvous: rank 0 cannot listen on MASTER_PORT={}: {}", port,
              std::strerror(errno));
  EMBER_CHECK(::listen(listener.fd(), world_size) == 0, "rendezvous: listen failed: {}",
              std::strerror(errno));
  const uint64_t header[2] = {kMagic, bytes};
  for (int served = 1; served < world_size; ++served) {
    EMBER_CHECK(wait_ready(listener.fd(), POLLIN, deadline),
                "rendezvous: timed out after {} ms with {} of {} ranks connected to MASTER_PORT={} "
                "(are WORLD_SIZE, MASTER_ADDR and MASTER_PORT the same on every rank?)",
                timeout.count(), served, world_size, port);
    Socket client(::accept(listener.fd(), nullptr, nullptr));
    if (client.fd() < 0) {
      --served;
      continue;
    }
    send_all(client.fd(), header, sizeof header, deadline);
    send_all(client.fd(), data, bytes, deadline);
    // The client closes its end once it has everything, so closing ours cannot lose data.
    char done = 0;
    recv_all(client.fd(), &done, 1, deadline, "a rank");
  }
}

// Connects to host:port, retrying while rank 0 is not listening yet.
Socket connect_to(const std::string& host, int port, Clock::time_point deadline,
                  std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  EMBER_CHECK(rc == 0, "rendezvous: cannot resolve MASTER_ADDR={}: {}", host, ::gai_strerror(rc));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);
  for (;;) {
    for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
      Socket s(::socket(a->ai_family, a->ai_socktype, a->ai_protocol));
      if (s.fd() >= 0 && ::connect(s.fd(), a->ai_addr, a->ai_addrlen) == 0) return s;
    }
    EMBER_CHECK(Clock::now() < deadline,
                "rendezvous: timed out after {} ms connecting to rank 0 at MASTER_ADDR={} "
                "MASTER_PORT={}",
                timeout.count(), host, port);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void fetch(const std::string& host, int port, void* data, size_t bytes,
           std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  Socket s = connect_to(host, port, deadline, timeout);
  uint64_t header[2] = {0, 0};
  recv_all(s.fd(), header, sizeof header, deadline, "rank 0");
  EMBER_CHECK(header[0] == kMagic && header[1] == bytes,
              "rendezvous: MASTER_ADDR={} MASTER_PORT={} is not rank 0 of this job (it sent "
              "something else than {} bytes of Ember's rendezvous)",
              host, port, bytes);
  recv_all(s.fd(), data, bytes, deadline, "rank 0");
  const char done = 1;
  send_all(s.fd(), &done, 1, deadline);
}

}  // namespace

void tcp_broadcast_from_rank0(const std::string& host, int port, int rank, int world_size,
                              void* data, size_t bytes, std::chrono::milliseconds timeout) {
  EMBER_CHECK(port > 0 && port < 65536, "rendezvous: MASTER_PORT must be in 1..65535, got {}",
              port);
  if (world_size <= 1) return;
  if (rank == 0) {
    serve(port, world_size, data, bytes, timeout);
  } else {
    fetch(host, port, data, bytes, timeout);
  }
}

}  // namespace ember::distributed::detail
