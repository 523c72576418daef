// Runs each sample as a user would (a short run where it trains) and checks what it must show:
// the tutorial's printed values, a falling loss, valid SVG plots, exit code 0.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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

// The number printed right after `label` (NaN when the label is missing). std::regex is
// avoided: GCC's sanitizer build warns inside <regex>.
double number_after(const std::string& output, const std::string& label, size_t from = 0) {
  const size_t at = output.find(label, from);
  if (at == std::string::npos) return std::nan("");
  return std::strtod(output.c_str() + at + label.size(), nullptr);
}

// `output` with the elapsed time that ends a line ("epoch 3/3  loss 0.117766  0.1 s") cut:
// what two runs of one seed must print alike, however long each epoch took.
std::string without_elapsed_times(const std::string& output) {
  std::istringstream lines(output);
  std::string line, result;
  while (std::getline(lines, line)) {
    const size_t gap = line.rfind("  ");
    if (line.size() > 2 && line.compare(line.size() - 2, 2, " s") == 0 &&
        gap != std::string::npos) {
      const std::string seconds = line.substr(gap + 2, line.size() - 2 - (gap + 2));
      if (!seconds.empty() && seconds.find_first_not_of("0123456789.") == std::string::npos) {
        line.erase(gap);
      }
    }
    result += line + "\n";
  }
  return result;
}

// The numbers of "loss: first A, last B" (a falling loss has B < A).
std::pair<double, double> first_and_last_loss(const std::string& output) {
  const size_t at = output.find("loss: first ");
  if (at == std::string::npos) return {0, 1};
  return {number_after(output, "loss: first ", at), number_after(output, ", last ", at)};
}

// The truth tables printed after training, as (input, rounded output) rows.
std::vector<std::vector<std::pair<int, int>>> tables_after_training(const std::string& output) {
  std::vector<std::vector<std::pair<int, int>>> tables;
  const std::string label = "after training:\n  input  output  rounded\n";
  for (size_t at = output.find(label); at != std::string::npos; at = output.find(label, at + 1)) {
    std::istringstream rows(output.substr(at + label.size()));
    std::vector<std::pair<int, int>> table;
    for (int i = 0; i < 2; ++i) {
      int input = -1, rounded = -1;
      double value = 0;
      rows >> input >> value >> rounded;
      table.emplace_back(input, rounded);
    }
    tables.push_back(table);
  }
  return tables;
}

// The plot at `path` parses as SVG and is a chart: series, axis labels, a title.
void expect_chart(const fs::path& path, bool legend) {
  ASSERT_TRUE(fs::exists(path)) << path;
  const auto svg = ember_test::check_svg_file(path.string());
  ASSERT_TRUE(svg.ok) << path << ": " << svg.error;
  const auto count = [&](const char* element) {
    auto it = svg.elements.find(element);
    return it == svg.elements.end() ? 0 : it->second;
  };
  EXPECT_GT(count("polyline") + count("circle"), 0) << path;
  EXPECT_GE(count("text"), 8) << path;  // a title, two axis labels, tick labels
  EXPECT_EQ(svg.text.find("nan"), std::string::npos) << path;
  if (legend) {
    EXPECT_NE(read_file(path).find("class=\"legend\""), std::string::npos) << path;
  }
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

TEST(Samples, GradientDescentPrintsTheTutorialsSequence) {
  const fs::path out = out_dir("gradient_descent");
  const SampleRun run = run_sample("gradient_descent", "--epochs 20 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string sequence = "3.8 36.0\n2.84 23.04\n2.072 14.7456\n1.4576 9.43718\n";
  EXPECT_SHOWS(run, "== By hand: x -= lr * x.grad\n" + sequence);
  EXPECT_SHOWS(run, "== With optim::SGD\n" + sequence);
  expect_chart(out / "gradient_descent.svg", /*legend=*/true);
  fs::remove_all(out);
}

TEST(Samples, LinearRegressionFitsTheLine) {
  const fs::path out = out_dir("linear_regression");
  const SampleRun run = run_sample("linear_regression", "--epochs 100 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto [first, last] = first_and_last_loss(run.output);
  EXPECT_LT(last, first / 10) << run.output;
  EXPECT_NEAR(number_after(run.output, "fitted: y = "), 2.0, 0.15) << run.output;
  EXPECT_NEAR(number_after(run.output, " x + "), 1.0, 0.4) << run.output;
  expect_chart(out / "linear_regression.svg", /*legend=*/true);
  fs::remove_all(out);
}

TEST(Samples, NotGateLearnsNot) {
  const SampleRun run = run_sample("not_gate", "--epochs 300");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Three trainings; each truth table after training maps 0 -> 1 and 1 -> 0.
  const auto tables = tables_after_training(run.output);
  ASSERT_EQ(tables.size(), 3u) << run.output;
  for (const auto& table : tables) {
    EXPECT_EQ(table, (std::vector<std::pair<int, int>>{{0, 1}, {1, 0}})) << run.output;
  }
  EXPECT_SHOWS(run, "parameters: weight bias");
  EXPECT_SHOWS(run, "(1): Sigmoid()");
}

TEST(Samples, ClassificationBeatsChance) {
  const fs::path out = out_dir("classification");
  const SampleRun run = run_sample("classification", "--epochs 100 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_GT(number_after(run.output, "accuracy after training: "), 0.9) << run.output;
  const auto [first, last] = first_and_last_loss(run.output);
  EXPECT_LT(last, first);
  expect_chart(out / "classification.svg", /*legend=*/true);
  fs::remove_all(out);
}

TEST(Samples, MlpsTrainAndShowGradients) {
  const fs::path out = out_dir("mlp");
  const SampleRun run = run_sample("mlp", "--epochs 100 --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto [first, last] = first_and_last_loss(run.output);
  EXPECT_LT(last, first / 2) << run.output;
  EXPECT_SHOWS(run, "(linear1): Linear(in_features=3, out_features=3, bias=True)");
  EXPECT_SHOWS(run, "linear2.bias.grad = tensor([");
  expect_chart(out / "mlp_fit.svg", /*legend=*/true);
  expect_chart(out / "mlp_loss.svg", /*legend=*/false);
  fs::remove_all(out);
}

TEST(Samples, SineWaveReproducesPyTorchsLosses) {
  const fs::path out = out_dir("sine_wave");
  const SampleRun run = run_sample("sine_wave", "--epochs 3 --device cpu --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // What the same program prints in Python with PyTorch 2 (torch.manual_seed(42), DataLoader
  // with shuffle=True, Adam(lr=0.01)).
  EXPECT_SHOWS(run, "epoch 1/3  loss 0.458512");
  EXPECT_SHOWS(run, "epoch 2/3  loss 0.288409");
  EXPECT_SHOWS(run, "epoch 3/3  loss 0.117766");
  EXPECT_SHOWS(run, "test loss: 0.088010");
  EXPECT_SHOWS(run, "loaded back: identical predictions");
  EXPECT_SHOWS(run, "(fc4): Linear(in_features=5, out_features=1, bias=True)");
  EXPECT_TRUE(fs::exists(out / "sine_model.safetensors"));
  expect_chart(out / "sine_loss.svg", /*legend=*/false);
  expect_chart(out / "sine_predictions.svg", /*legend=*/true);
  // The same seed gives the same run (but for the time each epoch took).
  const SampleRun again = run_sample("sine_wave", "--epochs 3 --device cpu --out " + out.string());
  EXPECT_EQ(without_elapsed_times(again.output), without_elapsed_times(run.output));
  EXPECT_EQ(without_elapsed_times("epoch 3/3  loss 0.117766  0.1 s\n"),
            "epoch 3/3  loss 0.117766\n");
  fs::remove_all(out);
}

TEST(Samples, CnnBeatsChanceAfterOneEpoch) {
  const fs::path out = out_dir("cnn");
  const SampleRun run = run_sample("cnn", "--epochs 1 --device cpu --out " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_SHOWS(run, "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))");
  // Four classes: chance is 25%.
  const double accuracy = number_after(run.output, "final test accuracy: ");
  EXPECT_GT(accuracy, 40.0) << run.output;
  expect_chart(out / "cnn_loss.svg", /*legend=*/false);
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
