#pragma once

// What every training sample accepts on its command line (parsed with CLI11):
//   --epochs N   how long to train (each sample has its own default)
//   --device D   auto (cuda:0 when a GPU is usable, else cpu), cpu, cuda or cuda:N
//   --seed S     the manual_seed the sample starts from
//   --out DIR    where plots and files are written (created when missing)
// and the progress line they print while training.

#include <ember/ember.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ember_samples {

struct SampleOptions {
  int epochs = 0;
  std::string device = "auto";
  uint64_t seed = 0;
  std::string out = "plots";
};

/// Parses the command line; prints help or an error and exits on --help or bad input.
SampleOptions parse_options(int argc, char** argv, const std::string& description,
                            int default_epochs, uint64_t default_seed = 0);

/// The device named by --device ("auto": cuda:0 when available); prints which one is used.
ember::Device choose_device(const std::string& name);

/// `out`/`file`, creating `out` first when needed.
std::string output_path(const std::string& out, const std::string& file);

/// The values of `t` (any device, dtype or shape) as doubles, in order: what plots take.
std::vector<double> to_vector(const ember::Tensor& t);

/// Training progress: on a terminal one line rewritten in place (epoch, loss, elapsed time),
/// otherwise a plain line every `every` epochs and at the last one.
class Progress {
 public:
  explicit Progress(int total_epochs, int every = 0);
  void update(int epoch, double loss);
  /// Ends the updating line (prints the newline a terminal line still lacks).
  void finish();

 private:
  int total_;
  int every_;
  bool terminal_;
  bool open_line_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace ember_samples
