// safetensors and module files with tensors on cuda:0: writing a GPU tensor writes its host
// bytes, load_file places tensors on the device asked for, and loading into a model on the
// GPU keeps it there.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <string>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::same_bits;
using ember_test::TempDir;

safetensors::TensorDict host_tensors() {
  safetensors::TensorDict t;
  t.insert("f32", arange(12, kFloat).reshape({3, 4}) - 5.5);
  t.insert("bf16", arange(6, kFloat).to(kBFloat16));
  t.insert("i64", arange(5, kLong) * 1000000007);
  t.insert("bool", tensor({true, false, false, true}));
  t.insert("scalar", tensor(2.5, kDouble));
  t.insert("empty", zeros({0, 2}, kHalf));
  return t;
}

TEST(CudaSafetensors, WritesDeviceTensorsAsTheirHostBytes) {
  EMBER_REQUIRE_CUDA();
  const safetensors::TensorDict host = host_tensors();
  safetensors::TensorDict device;
  for (const auto& item : host) {
    // Non-contiguous on the device where there is more than one dimension.
    const Tensor t = item->dim() == 2 ? item->t().contiguous().t() : item.value();
    device.insert(item.key(), t.to(Device("cuda:0")));
  }
  EXPECT_EQ(safetensors::save(device), safetensors::save(host));
}

TEST(CudaSafetensors, LoadFilePlacesTensorsOnTheDevice) {
  EMBER_REQUIRE_CUDA();
  const TempDir dir;
  const std::string path = dir.file("t.safetensors");
  safetensors::save_file(host_tensors(), path);
  const safetensors::TensorDict loaded = safetensors::load_file(path, Device("cuda:0"));
  for (const auto& item : host_tensors()) {
    const Tensor& t = loaded[item.key()];
    EXPECT_EQ(t.device(), Device("cuda:0")) << item.key();
    EXPECT_TRUE(same_bits(t.cpu(), item.value())) << item.key();
  }
}

TEST(CudaSafetensors, ModuleOnTheDeviceLoadsInPlace) {
  EMBER_REQUIRE_CUDA();
  const TempDir dir;
  const std::string path = dir.file("linear.safetensors");
  manual_seed(0);
  nn::Linear saved(3, 2);
  ember::save(saved, path);
  nn::Linear loaded(3, 2);
  loaded->to(Device("cuda:0"));
  const Tensor weight = loaded->weight;
  ember::load(loaded, path);
  EXPECT_EQ(loaded->weight.device(), Device("cuda:0"));
  EXPECT_TRUE(same_bits(weight.cpu(), saved->weight.detach()));
  EXPECT_TRUE(same_bits(loaded->bias.cpu(), saved->bias.detach()));
  // And back: the file Ember writes from the device model is the one it wrote from the host.
  ember::save(loaded, dir.file("again.safetensors"));
  EXPECT_EQ(ember_test::read_file(dir.file("again.safetensors")), ember_test::read_file(path));
}

}  // namespace
