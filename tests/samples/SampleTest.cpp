// Runs each sample as a user would (a short run where it trains) and checks what it must show:
// the tutorial's printed values, a falling loss, valid SVG plots, exit code 0.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "SvgCheck.h"

namespace {

namespace fs = std::filesystem;

struct SampleRun {
  int exit_code = -1;
  std::string output;
};

// A fresh output folder per test.
fs::path out_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("ember_sample_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

SampleRun run_sample(const std::string& name, const std::string& arguments) {
  const std::string command =
      std::string(EMBER_SAMPLE_DIR) + "/" + name + " " + arguments + " 2>&1";
  SampleRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

#define EXPECT_SHOWS(run, text)                                                               \
  EXPECT_NE((run).output.find(text), std::string::npos) << "missing: " << (text) << "\nin:\n" \
                                                        << (run).output

TEST(Samples, Tensors) {
  const fs::path out = out_dir("tensors");
  const SampleRun run = run_sample("tensors", "--device cpu --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_SHOWS(run, ">>> m[m > 6]\ntensor([ 7,  8,  9, 10, 11])");
  EXPECT_SHOWS(run, ">>> m.sum(dim=0)\ntensor([12, 15, 18, 21])");
  EXPECT_SHOWS(run, "tensor([False,  True,  True,  True])");
  EXPECT_SHOWS(run, "buffer = {10, 20, 30, 40, 50, 60}");
  EXPECT_SHOWS(run, "Running on cpu");
  EXPECT_TRUE(fs::exists(out / "tensors_sample.npy"));
  fs::remove_all(out);
}

TEST(Samples, TensorsRejectsBadOptions) {
  EXPECT_NE(run_sample("tensors", "--device nonsense").exit_code, 0);
  EXPECT_NE(run_sample("tensors", "--no-such-option").exit_code, 0);
  const SampleRun help = run_sample("tensors", "--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_SHOWS(help, "--device");
}

TEST(Samples, AutogradBasics) {
  const fs::path out = out_dir("autograd");
  const SampleRun run = run_sample("autograd_basics", "--out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_SHOWS(run, "dy/dx = 2x = tensor(7.)");
  EXPECT_SHOWS(run,
               "tensor([[ 2.,  0.,  0.],\n        [ 0.,  8.,  0.],\n        [ 0.,  0., 18.]])");
  EXPECT_SHOWS(run, "df/dx              23.999         23.999         23.999");
  EXPECT_SHOWS(run, "df/dy        -0.007226579   -0.007226579   -0.007226579");
  const std::string dot = read_file(out / "autograd_graph.dot");
  EXPECT_EQ(dot.rfind("digraph", 0), 0u) << dot;
  EXPECT_NE(dot.find("AddBackward0"), std::string::npos);
  if (fs::exists(out / "autograd_graph.svg")) {  // when Graphviz is installed
    const auto svg = ember_test::check_svg_file((out / "autograd_graph.svg").string());
    EXPECT_TRUE(svg.ok) << svg.error;
    EXPECT_NE(svg.text.find("MulBackward0"), std::string::npos);
  }
  fs::remove_all(out);
}

TEST(SvgCheck, RejectsBrokenDocuments) {
  EXPECT_TRUE(ember_test::check_svg("<svg><g><text>a &amp; b</text></g></svg>").ok);
  EXPECT_FALSE(ember_test::check_svg("<svg><g></svg>").ok);
  EXPECT_FALSE(ember_test::check_svg("<svg width=1></svg>").ok);
  EXPECT_FALSE(ember_test::check_svg("<html></html>").ok);
  EXPECT_FALSE(ember_test::check_svg("<svg>&nbsp;</svg>").ok);
  EXPECT_FALSE(ember_test::check_svg("").ok);
}

}  // namespace
