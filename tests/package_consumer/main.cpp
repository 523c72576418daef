// A user's program against the installed package. Modes:
//   consumer cpu        CPU work only: checks the result and the version, and that no CUDA
//                       library (nor Ember's CUDA backend) was mapped into the process
//   consumer cuda       asks for CUDA: prints whether it is available and, when it is not,
//                       the error a cuda:0 tensor gives (which library or driver is missing)

#include <ember/ember.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

// Lines of /proc/self/maps that name one of the CUDA libraries or Ember's CUDA backend.
std::string cuda_mappings() {
  std::ifstream maps("/proc/self/maps");
  std::string line, found;
  while (std::getline(maps, line)) {
    for (const char* lib : {"libcudart", "libcublas", "libcuda.so", "libember_cuda"}) {
      if (line.find(lib) != std::string::npos) found += line + "\n";
    }
  }
  return found;
}

int run_cpu(bool expect_no_cuda) {
  ember::Tensor a = ember::tensor({{1.0, 2.0}, {3.0, 4.0}});
  ember::Tensor b = ember::ones({2, 2});
  ember::Tensor c = ember::matmul(a, b) + 1;
  std::cout << c << "\n";
  // [[4, 4], [8, 8]]: sum 24
  if (c.sum().item<float>() != 24.0f) {
    std::cerr << "wrong result\n";
    return 1;
  }
  ember::manual_seed(1);  // seeds CUDA too, without loading it
  if (std::strcmp(ember::version(), EMBER_VERSION_STRING) != 0) {
    std::cerr << "library version " << ember::version() << " but headers " << EMBER_VERSION_STRING
              << "\n";
    return 1;
  }
  std::cout << "ember " << ember::version() << "\n";
  const std::string mapped = cuda_mappings();
  if (expect_no_cuda && !mapped.empty()) {
    std::cerr << "a CPU-only program mapped CUDA libraries:\n" << mapped;
    return 1;
  }
  return 0;
}

int run_cuda() {
  const bool available = ember::cuda::is_available();
  std::cout << "cuda available: " << (available ? "yes" : "no") << "\n";
  try {
    ember::Tensor t = ember::zeros({2}, ember::Device("cuda:0"));
    std::cout << "cuda tensor sum: " << t.sum().item<float>() << "\n";
    return available ? 0 : 1;
  } catch (const ember::Error& e) {
    std::cout << "cuda error: " << e.what() << "\n";
    return available ? 1 : 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "cpu";
  if (mode == "cpu") return run_cpu(/*expect_no_cuda=*/true);
  if (mode == "cpu-any") return run_cpu(/*expect_no_cuda=*/false);
  if (mode == "cuda") return run_cuda();
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
