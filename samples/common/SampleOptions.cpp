#include "SampleOptions.h"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace ember_samples {

SampleOptions parse_options(int argc, char** argv, const std::string& description,
                            int default_epochs, uint64_t default_seed) {
  SampleOptions options;
  options.epochs = default_epochs;
  options.seed = default_seed;
  CLI::App app(description);
  app.add_option("--epochs", options.epochs, "number of training epochs")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  app.add_option("--device", options.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  app.add_option("--seed", options.seed, "random seed (ember::manual_seed)")->capture_default_str();
  app.add_option("--out", options.out, "folder for plots and files")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e));
  }
  return options;
}

ember::Device choose_device(const std::string& name) {
  if (name == "auto") {
    if (ember::cuda::is_available()) {
      std::cout << "Running on cuda:0\n";
      return ember::Device("cuda:0");
    }
    std::cout << "Running on the CPU (no usable GPU)\n";
    return ember::Device("cpu");
  }
  ember::Device device(name);  // throws ember::Error on a bad name
  if (device.is_cuda() && !ember::cuda::is_available()) {
    throw ember::Error("--device " + name + ": CUDA is not available on this machine");
  }
  std::cout << "Running on " << device.str() << "\n";
  return device;
}

std::string output_path(const std::string& out, const std::string& file) {
  std::filesystem::create_directories(out);
  return (std::filesystem::path(out) / file).string();
}

std::vector<double> to_vector(const ember::Tensor& t) {
  const ember::Tensor c = t.detach().cpu().to(ember::kDouble).contiguous().view({-1});
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

Progress::Progress(int total_epochs, int every)
    : total_(total_epochs),
      every_(every > 0 ? every : std::max(1, total_epochs / 10)),
      terminal_(isatty(STDOUT_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void Progress::update(int epoch, double loss) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (terminal_) {
    std::printf("\repoch %*d/%d  loss %.6f  %.1f s",
                static_cast<int>(std::to_string(total_).size()), epoch, total_, loss, elapsed);
    std::fflush(stdout);
    open_line_ = true;
    if (epoch == total_) finish();
  } else if (epoch % every_ == 0 || epoch == total_ || epoch == 1) {
    std::printf("epoch %d/%d  loss %.6f  %.1f s\n", epoch, total_, loss, elapsed);
  }
}

void Progress::finish() {
  if (open_line_) std::printf("\n");
  open_line_ = false;
}

}  // namespace ember_samples
