// Tensors, as PyTorch's tensor tutorial shows them: creation in every dtype, conversion,
// indexing, reductions, views, joining, linear algebra, broadcasting, the NumPy bridge and
// moving to the GPU. Each step prints the PyTorch line it mirrors and the result.
//
// Usage: tensors [--device auto|cpu|cuda] [--out DIR]

#include <ember/ember.h>

#include <array>
#include <iostream>
#include <string>

#include "SampleOptions.h"

using ember::Tensor;
using namespace ember::indexing;

namespace {

void show(const std::string& python, const Tensor& t) {
  std::cout << ">>> " << python << "\n" << t << "\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  const auto options =
      ember_samples::parse_options(argc, argv, "Tensors: the PyTorch tensor tutorial", 1);
  ember::manual_seed(options.seed);

  std::cout << "== Creation, in every dtype\n\n";
  show("torch.tensor([[1, 2], [3, 4]])", ember::tensor({{1, 2}, {3, 4}}));
  show("torch.tensor([[1., 2.], [3., 4.]])", ember::tensor({{1., 2.}, {3., 4.}}));
  const std::pair<ember::Dtype, const char*> dtypes[] = {
      {ember::kBool, "bool"},       {ember::kUInt8, "uint8"},       {ember::kInt8, "int8"},
      {ember::kInt16, "int16"},     {ember::kInt32, "int32"},       {ember::kInt64, "int64"},
      {ember::kFloat16, "float16"}, {ember::kBFloat16, "bfloat16"}, {ember::kFloat32, "float32"},
      {ember::kFloat64, "float64"}};
  for (const auto& [dtype, name] : dtypes) {
    show(std::string("torch.tensor([0, 1, 2, 3]).to(torch.") + name + ")",
         ember::tensor({0, 1, 2, 3}).to(dtype));
  }
  show("torch.zeros(2, 3)", ember::zeros({2, 3}));
  show("torch.ones(2, 2, dtype=torch.int32)", ember::ones({2, 2}, ember::kInt));
  show("torch.full((2,), 7.5)", ember::full({2}, 7.5));
  show("torch.eye(3)", ember::eye(3));
  show("torch.linspace(0, 1, 5)", ember::linspace(0, 1, 5));
  show("torch.rand(2, 3)  # after torch.manual_seed(" + std::to_string(options.seed) + ")",
       ember::rand({2, 3}));

  std::cout << "== Conversion\n\n";
  Tensor f = ember::tensor({1.7, -2.2, 3.9});
  show("f.to(torch.int64)", f.to(ember::kLong));
  show("f.to(torch.float64)", f.to(ember::kDouble));
  std::cout << "f.dtype = " << f.dtype() << ", f.shape = " << f.sizes() << "\n\n";

  std::cout << "== Indexing and slicing\n\n";
  Tensor m = ember::arange(12).view({3, 4});
  show("m = torch.arange(12).view(3, 4)", m);
  show("m[1]", m[1]);
  show("m[:, 1:3]", m.index({Slice(), Slice(1, 3)}));
  show("m[::2, -1]", m.index({Slice(None, None, 2), -1}));
  show("m[torch.tensor([2, 0])]", m.index({ember::tensor({2, 0})}));
  show("m[m > 6]", m.index({m > 6}));
  Tensor n = m.clone();
  n.index_put_({Slice(), 0}, -1);
  show("n = m.clone(); n[:, 0] = -1; n", n);

  std::cout << "== Reductions, views, joining\n\n";
  show("m.sum(dim=0)", m.sum(0));
  show("m.sum(dim=1)", m.sum(1));
  show("m.float().mean()", m.to(ember::kFloat).mean());
  show("m.t()", m.t());
  show("m.view(2, 6)", m.view({2, 6}));
  show("torch.zeros(1, 3, 1).squeeze()", ember::zeros({1, 3, 1}).squeeze());
  show("torch.tensor([0, 3, 0, 5]).nonzero()", ember::tensor({0, 3, 0, 5}).nonzero());
  Tensor a = ember::ones({2, 2}), b = ember::zeros({2, 2});
  show("torch.cat([a, b], dim=0)", ember::cat({a, b}, 0));
  show("torch.cat([a, b], dim=1)", ember::cat({a, b}, 1));
  show("torch.stack([a, b])", ember::stack({a, b}));

  std::cout << "== Linear algebra and broadcasting\n\n";
  Tensor x = ember::tensor({{1., 2.}, {3., 4.}});
  show("x @ x", ember::matmul(x, x));
  show("x.matmul(torch.tensor([1., -1.]))", x.matmul(ember::tensor({1., -1.})));
  show("x + torch.tensor([10., 20.])  # broadcast over rows", x + ember::tensor({10., 20.}));
  show("x * torch.tensor([[2.], [3.]])  # broadcast over columns", x * ember::tensor({{2.}, {3.}}));

  std::cout << "== The NumPy bridge\n\n";
  std::array<float, 6> buffer = {1, 2, 3, 4, 5, 6};
  Tensor shared = ember::from_blob(buffer.data(), {2, 3});  // torch.from_numpy(array)
  shared.mul_(10);
  std::cout << ">>> t = torch.from_numpy(array); t.mul_(10); array\n";
  std::cout << "buffer = {";
  for (size_t i = 0; i < buffer.size(); ++i) std::cout << (i ? ", " : "") << buffer[i];
  std::cout << "}  (the tensor shares the array's memory)\n\n";
  const std::string npy = ember_samples::output_path(options.out, "tensors_sample.npy");
  ember::npy::save(npy, shared);
  show("np.save('" + npy + "', t); torch.from_numpy(np.load(...))", ember::npy::load(npy));

  std::cout << "== Devices\n\n";
  const ember::Device device = ember_samples::choose_device(options.device);
  Tensor moved = ember::randn({2, 2}).to(device);
  show("torch.randn(2, 2).to(device)", moved);
  show("(moved * 2).cpu()", (moved * 2).cpu());
  return 0;
}
