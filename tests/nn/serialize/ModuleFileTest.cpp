// Module files: ember::save(model, path) writes the model's state dict as the very
// safetensors file Python writes for the same PyTorch model; ember::load reads a file Python
// wrote into an Ember model, in place; load_state_dict refuses what PyTorch refuses, in its
// words, and leaves the model unchanged.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::read_file;
using ember_test::same_bits;
using ember_test::TempDir;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

std::string data_path(const std::string& name) {
  return ember_test::test_data_dir() + "/serialize/" + name + ".safetensors";
}

// Python: torch.manual_seed(seed); Sequential(Linear(3, 2), ReLU(), Linear(2, 1)).
nn::Sequential mlp(uint64_t seed) {
  manual_seed(seed);
  // One after the other: the order of a call's arguments' evaluation is unspecified.
  nn::Linear first(3, 2);
  nn::Linear last(2, 1);
  return nn::Sequential(first, nn::Functional(ember::relu), last);
}

// A module with a buffer and a nested submodule.
struct NetImpl : nn::Module {
  NetImpl() {
    fc = register_module("fc", nn::Linear(2, 2));
    head = register_module("head", nn::Sequential(nn::Linear(2, 1)));
    register_buffer("steps", ember::zeros({}, kLong));
  }
  nn::Linear fc{nullptr};
  nn::Sequential head{nullptr};
};
EMBER_MODULE(Net);

TEST(ModuleFile, StateDictHasDottedNamesOfParametersAndBuffers) {
  Net net;
  EXPECT_EQ(
      nn::state_dict(*net).keys(),
      (std::vector<std::string>{"fc.weight", "fc.bias", "head.0.weight", "head.0.bias", "steps"}));
  const auto state = nn::state_dict(*mlp(0));
  EXPECT_EQ(state.keys(), (std::vector<std::string>{"0.weight", "0.bias", "2.weight", "2.bias"}));
  EXPECT_FALSE(state[0].value().requires_grad());  // detached, as Python's state_dict()
}

// After the same seed, Ember's model and PyTorch's hold the same values: the files match byte
// for byte.
TEST(ModuleFile, SaveWritesWhatPythonWrites) {
  const TempDir dir;
  const std::string path = dir.file("mlp.safetensors");
  ember::save(mlp(0), path);
  EXPECT_EQ(read_file(path), read_file(data_path("mlp")));
  ember::save(mlp(0).ptr(), path);  // a shared_ptr does as well as the holder
  EXPECT_EQ(read_file(path), read_file(data_path("mlp")));
}

TEST(ModuleFile, LoadReadsAPyTorchFileInPlace) {
  nn::Sequential model = mlp(7);
  const Tensor weight = model->ptr<nn::LinearImpl>(0)->weight;  // held as an optimiser would
  const void* weight_data = weight.data_ptr();
  ember::load(model, data_path("mlp"));
  const auto file = safetensors::load_file(data_path("mlp"));
  const auto state = nn::state_dict(*model);
  for (const auto& item : file) EXPECT_TRUE(same_bits(state[item.key()], item.value()));
  // The same tensor, storage and autograd state: updated in place, nothing recorded.
  EXPECT_TRUE(same_bits(weight, file["0.weight"]));
  EXPECT_EQ(weight.data_ptr(), weight_data);
  EXPECT_TRUE(weight.requires_grad());
  EXPECT_TRUE(weight.is_leaf());
  // Ember's model after manual_seed(0) is PyTorch's: a fresh copy holds the same values.
  EXPECT_EQ(safetensors::save(nn::state_dict(*mlp(0))), safetensors::save(state));
}

TEST(ModuleFile, RoundTripKeepsBuffersDtypeAndValues) {
  const TempDir dir;
  const std::string path = dir.file("net.safetensors");
  Net saved;
  {
    NoGradGuard no_grad;
    saved->named_buffers()["steps"].fill_(41);
  }
  ember::save(saved, path);
  Net loaded;
  loaded->to(kDouble);  // floating-point parameters only; the buffer stays int64
  ember::load(loaded, path);
  const auto expected = nn::state_dict(*saved);
  const auto actual = nn::state_dict(*loaded);
  EXPECT_EQ(actual.keys(), expected.keys());
  for (const auto& item : expected) {
    const Tensor& got = actual[item.key()];
    EXPECT_EQ(got.dtype(), item->is_floating_point() ? kDouble : kLong) << item.key();
    EXPECT_TRUE(tensors_equal(got, item->to(got.dtype()))) << item.key();
  }
}

TEST(ModuleFile, LoadStateDictConvertsDtypesAsCopy) {
  nn::Linear linear(2, 1);
  OrderedDict<std::string, Tensor> state;
  state.insert("weight", tensor({{1, 2}}));  // int64 into float32
  state.insert("bias", tensor({0.5}, kDouble));
  nn::load_state_dict(*linear, state);
  EXPECT_TRUE(same_bits(linear->weight.detach(), tensor({{1.0f, 2.0f}})));
  EXPECT_TRUE(same_bits(linear->bias.detach(), tensor({0.5f})));
  EXPECT_TRUE(linear->weight.requires_grad());
}

TEST(ModuleFile, RefusesWhatPyTorchRefusesInItsWords) {
  nn::Sequential model = mlp(0);
  auto state = nn::state_dict(*mlp(1));
  state.erase("2.bias");
  state["0.weight"] = zeros({2, 4});
  state.insert("extra", zeros({1}));
  state.insert("zz", zeros({1}));
  const auto before = nn::state_dict(*mlp(0));
  // PyTorch 2's message for the same model and state dict.
  EXPECT_TRUE(throws_error_with(
      [&] { nn::load_state_dict(*model, state); },
      "Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "
      "\"2.bias\". \n\tUnexpected key(s) in state_dict: \"extra\", \"zz\". \n\tsize mismatch "
      "for 0.weight: copying a param with shape [2, 4] from checkpoint, the shape in current "
      "model is [2, 3]."));
  // Nothing was copied.
  for (const auto& item : before) {
    EXPECT_TRUE(same_bits(nn::state_dict(*model)[item.key()], item.value())) << item.key();
  }
  // Not strict: missing and unexpected names are returned, a size mismatch is still an error.
  EXPECT_TRUE(throws_error_with([&] { nn::load_state_dict(*model, state, false); },
                                "Error(s) in loading state_dict for Sequential:\n\tsize mismatch "
                                "for 0.weight"));
  state["0.weight"] = zeros({2, 3});
  const auto result = nn::load_state_dict(*model, state, false);
  EXPECT_EQ(result.missing_keys, (std::vector<std::string>{"2.bias"}));
  EXPECT_EQ(result.unexpected_keys, (std::vector<std::string>{"extra", "zz"}));
  EXPECT_TRUE(same_bits(model->ptr<nn::LinearImpl>(0)->weight.detach(), zeros({2, 3})));
}

TEST(ModuleFile, FileErrorsNameTheFileAndTheEntry) {
  const TempDir dir;
  nn::Linear wrong(3, 3);
  EXPECT_TRUE(throws_error_with(
      [&] { ember::load(wrong, data_path("mlp")); },
      "ember::load('" + data_path("mlp") +
          "'): Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "
          "\"weight\", \"bias\". \n\tUnexpected key(s) in state_dict: \"0.bias\", \"0.weight\", "
          "\"2.bias\", \"2.weight\". "));
  EXPECT_TRUE(throws_error_with([&] { ember::load(wrong, dir.file("missing.safetensors")); },
                                "ember::load: safetensors::load_file('" +
                                    dir.file("missing.safetensors") +
                                    "'): cannot open the file: No such file or directory"));
  EXPECT_TRUE(throws_error_with([&] { ember::save(wrong, "/nonexistent/dir/x.safetensors"); },
                                "ember::save: safetensors::save_file('/nonexistent/dir/"
                                "x.safetensors'): cannot open the file for writing"));
  EXPECT_TRUE(
      throws_error_with([&] { ember::save(std::shared_ptr<nn::LinearImpl>(), dir.file("x")); },
                        "ember::save: the module is null"));
  EXPECT_TRUE(
      throws_error_with([&] { ember::load(std::shared_ptr<nn::LinearImpl>(), dir.file("x")); },
                        "ember::load: the module is null"));
}

}  // namespace
