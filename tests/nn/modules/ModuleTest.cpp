// Module, ModuleHolder, Cloneable, Linear, nn::init and the containers, against PyTorch
// (values printed by PyTorch 2 after the same manual_seed, as literals).

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "ember/ember.h"

namespace {

using namespace ember;

std::vector<float> values_of(const Tensor& t) {
  Tensor c = t.detach().contiguous().to(kFloat);
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

std::string repr(const nn::Module& module) {
  std::ostringstream out;
  out << module;
  return out.str();
}

// A parameter-free layer for the container tests.
class ScaleImpl : public nn::Cloneable<ScaleImpl> {
 public:
  explicit ScaleImpl(double factor = 2) : factor_(factor) {}
  void reset() override {}
  void pretty_print(std::ostream& stream) const override {
    stream << "Scale(factor=" << factor_ << ")";
  }
  Tensor forward(const Tensor& input) { return input * factor_; }

 private:
  double factor_;
};
EMBER_MODULE(Scale);

struct NetImpl : nn::Module {
  NetImpl() {
    fc = register_module("fc", nn::Linear(2, 3));
    seq = register_module("seq", nn::Sequential(nn::Linear(3, 3), Scale(3)));
    register_buffer("running", ember::zeros({3}));
  }
  Tensor forward(const Tensor& x) { return seq->forward(fc(x)); }
  nn::Linear fc{nullptr};
  nn::Sequential seq{nullptr};
};
EMBER_MODULE(Net);

TEST(Linear, DefaultInitialisationDrawsPyTorchsNumbers) {
  manual_seed(42);
  nn::Linear linear(3, 2);
  const std::vector<float> weight = {0.4414065182209015f,  0.47920528054237366f,
                                     -0.1352572739124298f, 0.5303604602813721f,
                                     -0.1264995038509369f, 0.11650390923023224f};
  EXPECT_EQ(values_of(linear->weight), weight);
  EXPECT_EQ(values_of(linear->bias),
            (std::vector<float>{-0.28108587861061096f, 0.3390677869319916f}));
  EXPECT_TRUE(linear->weight.requires_grad());
  EXPECT_TRUE(linear->weight.is_leaf());
  EXPECT_EQ(linear->weight.sizes().vec(), (std::vector<int64_t>{2, 3}));
}

TEST(Linear, ForwardAndGradientsMatchPyTorch) {
  manual_seed(0);
  // C++ leaves the order in which function arguments are evaluated open (GCC goes right to
  // left), so layers are made one statement at a time to draw in PyTorch's order.
  nn::Linear first(3, 4);
  nn::Linear last(4, 1);
  nn::Sequential net(first, nn::Functional(ember::relu), last);
  Tensor x = ember::tensor({{1.f, 2.f, 3.f}, {-1.f, 0.5f, 2.f}});
  Tensor y = net->forward(x);
  std::vector<float> got = values_of(y);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_NEAR(got[0], 0.007918566465377808f, 1e-6);
  EXPECT_NEAR(got[1], 0.25390616059303284f, 1e-6);
  EXPECT_EQ(y.grad_fn()->name(), "AddmmBackward0");
  y.sum().backward();
  for (const auto& p : net->parameters()) EXPECT_TRUE(p.grad().defined());
}

TEST(Linear, GradcheckOfFunctionalLinear) {
  Tensor x = ember::randn({4, 3}, kDouble).requires_grad_();
  Tensor w = ember::randn({2, 3}, kDouble).requires_grad_();
  Tensor b = ember::randn({2}, kDouble).requires_grad_();
  auto f = [](const std::vector<Tensor>& in) {
    return std::vector<Tensor>{nn::functional::linear(in[0], in[1], in[2])};
  };
  EXPECT_TRUE(autograd::gradcheck(f, {x, w, b}));
  EXPECT_TRUE(autograd::gradgradcheck(f, {x, w, b}));
  Tensor x3 = ember::randn({2, 2, 3}, kDouble).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(f, {x3, w, b}));
}

TEST(Linear, OptionsAndErrors) {
  nn::Linear no_bias(nn::LinearOptions(3, 4).bias(false));
  EXPECT_FALSE(no_bias->bias.defined());
  EXPECT_EQ(no_bias->parameters().size(), 1u);
  EXPECT_EQ(repr(*no_bias), "Linear(in_features=3, out_features=4, bias=False)");
  try {
    no_bias(ember::ones({2, 5}));
    FAIL() << "expected ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_STREQ(e.what(), "mat1 and mat2 shapes cannot be multiplied (2x5 and 3x4)");
  }
  EXPECT_THROW(nn::Linear(-1, 2), ember::Error);
}

TEST(Module, NamesParametersModulesAsPyTorch) {
  Net net;
  EXPECT_EQ(net->named_parameters().keys(),
            (std::vector<std::string>{"fc.weight", "fc.bias", "seq.0.weight", "seq.0.bias"}));
  EXPECT_EQ(net->named_parameters(/*recurse=*/false).size(), 0u);
  EXPECT_EQ(net->named_buffers().keys(), (std::vector<std::string>{"running"}));
  EXPECT_EQ(net->named_modules().keys(),
            (std::vector<std::string>{"", "fc", "seq", "seq.0", "seq.1"}));
  EXPECT_EQ(net->named_modules("", /*include_self=*/false).keys(),
            (std::vector<std::string>{"fc", "seq", "seq.0", "seq.1"}));
  EXPECT_EQ(net->children().size(), 2u);
  EXPECT_EQ(net->name(), "Net");
  EXPECT_EQ(net->fc->name(), "Linear");
  EXPECT_EQ(repr(*net),
            "Net(\n"
            "  (fc): Linear(in_features=2, out_features=3, bias=True)\n"
            "  (seq): Sequential(\n"
            "    (0): Linear(in_features=3, out_features=3, bias=True)\n"
            "    (1): Scale(factor=3)\n"
            "  )\n"
            ")");
  EXPECT_NE(net->modules()[1]->as<nn::Linear>(), nullptr);
  EXPECT_EQ(net->modules()[1]->as<nn::Sequential>(), nullptr);
  EXPECT_EQ(net->seq->ptr<nn::Linear>(0)->options.in_features(), 3);
  EXPECT_EQ(net(ember::ones({1, 2})).sizes().vec(), (std::vector<int64_t>{1, 3}));
}

TEST(Module, RegistrationErrors) {
  nn::Module module;
  EXPECT_THROW(module.register_parameter("", ember::ones({1})), ember::Error);
  EXPECT_THROW(module.register_parameter("a.b", ember::ones({1})), ember::Error);
  module.register_parameter("a", ember::ones({1}));
  try {
    module.register_parameter("a", ember::ones({1}));
    FAIL();
  } catch (const ember::Error& e) {
    EXPECT_STREQ(e.what(), "Parameter 'a' already defined");
  }
  EXPECT_THROW(module.register_module("m", std::shared_ptr<nn::LinearImpl>()), ember::Error);
  EXPECT_THROW(module.unregister_module("nope"), ember::Error);
  EXPECT_THROW(module.clone(), ember::Error);
  // A module on the stack cannot hand out a shared_ptr to itself.
  EXPECT_THROW(module.modules(), ember::Error);
  nn::Linear empty{nullptr};
  EXPECT_TRUE(empty.is_empty());
  EXPECT_THROW((void)empty.get(), ember::Error);
  EXPECT_THROW(ember::ones({2}, kLong).set_requires_grad(true), ember::Error);
}

TEST(Module, TrainEvalZeroGradApply) {
  Net net;
  EXPECT_TRUE(net->is_training());
  net->eval();
  EXPECT_FALSE(net->is_training());
  EXPECT_FALSE(net->seq->ptr(0)->is_training());
  net->train();
  EXPECT_TRUE(net->fc->is_training());

  net(ember::ones({2, 2})).sum().backward();
  net->zero_grad(/*set_to_none=*/false);
  for (const auto& p : net->parameters()) {
    ASSERT_TRUE(p.grad().defined());
    EXPECT_EQ(p.grad().abs().sum().item<float>(), 0.f);
  }
  net->zero_grad();
  for (const auto& p : net->parameters()) EXPECT_FALSE(p.grad().defined());

  int count = 0;
  net->apply([&](nn::Module&) { ++count; });
  EXPECT_EQ(count, 5);
  std::vector<std::string> names;
  net->apply([&](const std::string& name, nn::Module&) { names.push_back(name); }, "net");
  EXPECT_EQ(names,
            (std::vector<std::string>{"net", "net.fc", "net.seq", "net.seq.0", "net.seq.1"}));
}

TEST(Module, ToDtypeKeepsTensorIdentity) {
  Net net;
  Tensor weight = net->fc->weight;  // as an optimiser holds it
  net->to(kDouble);
  EXPECT_EQ(weight.dtype(), kDouble);
  EXPECT_EQ(net->fc->weight.dtype(), kDouble);
  EXPECT_TRUE(weight.requires_grad());
  EXPECT_EQ(net->named_buffers()["running"].dtype(), kDouble);
  Tensor y = net(ember::ones({1, 2}, kDouble));
  y.sum().backward();
  EXPECT_TRUE(weight.grad().defined());
  EXPECT_EQ(weight.grad().dtype(), kDouble);
  EXPECT_THROW(net->to(kLong), ember::Error);
  net->to(Device("cpu"));
  EXPECT_EQ(weight.device(), Device("cpu"));
}

TEST(Module, CloneNeedsCloneable) {
  Net net;
  EXPECT_THROW(net->clone(), ember::Error);
}

TEST(Cloneable, CloneCopiesValuesNotStorage) {
  manual_seed(3);
  nn::Sequential seq(nn::Linear(2, 2), Scale(2), nn::Linear(2, 1));
  auto copy = std::dynamic_pointer_cast<nn::SequentialImpl>(seq->clone());
  ASSERT_NE(copy, nullptr);
  auto original = seq->named_parameters();
  auto cloned = copy->named_parameters();
  ASSERT_EQ(original.keys(), cloned.keys());
  for (size_t i = 0; i < original.size(); ++i) {
    EXPECT_TRUE(ember::equal(original[i].value(), cloned[i].value()));
    EXPECT_NE(original[i].value().data_ptr(), cloned[i].value().data_ptr());
    EXPECT_TRUE(cloned[i].value().requires_grad());
  }
  Tensor x = ember::randn({3, 2});
  EXPECT_TRUE(ember::allclose(seq->forward(x), copy->forward(x)));
  nn::Linear linear(4, 5);
  auto linear_copy = std::dynamic_pointer_cast<nn::LinearImpl>(linear->clone());
  linear_copy->weight.data().fill_(1);
  EXPECT_FALSE(ember::equal(linear->weight, linear_copy->weight));
  EXPECT_EQ(linear_copy->parameters()[0].data_ptr(), linear_copy->weight.data_ptr());
}

TEST(Containers, SequentialNamedAndPositional) {
  nn::Sequential named({{"linear1", nn::Linear(3, 3)}, {"scale", Scale(2)}});
  EXPECT_EQ(named->named_parameters().keys(),
            (std::vector<std::string>{"linear1.weight", "linear1.bias"}));
  EXPECT_EQ(repr(*named),
            "Sequential(\n"
            "  (linear1): Linear(in_features=3, out_features=3, bias=True)\n"
            "  (scale): Scale(factor=2)\n"
            ")");
  EXPECT_EQ(named->size(), 2u);
  nn::Sequential seq;
  EXPECT_EQ(repr(*seq), "Sequential()");
  EXPECT_THROW(seq->forward(ember::ones({1})), ember::Error);
  seq->push_back(Scale(2));
  seq->push_back("half", Scale(0.5));
  EXPECT_EQ(seq->forward(ember::ones({2})).sum().item<float>(), 2.f);
  EXPECT_THROW(seq->ptr(5), ember::Error);
  EXPECT_THROW(seq->ptr<nn::Linear>(0), ember::Error);
  // An argument of the wrong type is an error naming both types.
  EXPECT_THROW(seq->forward(3.0), ember::Error);
}

TEST(Containers, ModuleListPrintsRunsOnceAsPyTorch2) {
  nn::ModuleList list;
  for (int i = 0; i < 3; ++i) list->push_back(nn::Linear(2, 2));
  list->push_back(Scale(2));
  EXPECT_EQ(repr(*list),
            "ModuleList(\n"
            "  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n"
            "  (3): Scale(factor=2)\n"
            ")");
  EXPECT_EQ(list->size(), 4u);
  EXPECT_EQ(list->parameters().size(), 6u);
  EXPECT_EQ(list->named_parameters().keys()[4], "2.weight");
  EXPECT_NE(list->ptr<nn::Linear>(1), nullptr);
  EXPECT_EQ(list->at<nn::LinearImpl>(0).options.out_features(), 2);
  list->insert(0, Scale(4));
  EXPECT_EQ(list->named_children().keys(), (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  EXPECT_THROW(list->ptr(9), ember::Error);
  int n = 0;
  for (const auto& module : *list) n += module->parameters().size() == 2;
  EXPECT_EQ(n, 3);
}

TEST(Containers, ModuleDict) {
  std::vector<std::pair<std::string, std::shared_ptr<nn::Module>>> modules = {
      {"fc", nn::Linear(2, 2).ptr()}, {"scale", std::make_shared<ScaleImpl>(2.0)}};
  nn::ModuleDict dict(modules);
  EXPECT_EQ(dict->keys(), (std::vector<std::string>{"fc", "scale"}));
  EXPECT_TRUE(dict->contains("fc"));
  EXPECT_EQ(dict->named_parameters().keys(), (std::vector<std::string>{"fc.weight", "fc.bias"}));
  EXPECT_EQ(dict->at<nn::LinearImpl>("fc").options.in_features(), 2);
  EXPECT_THROW(dict["nope"], ember::Error);
  auto popped = dict->pop("scale");
  EXPECT_EQ(popped->name(), "Scale");
  EXPECT_EQ(dict->size(), 1u);
  EXPECT_EQ(repr(*dict),
            "ModuleDict(\n  (fc): Linear(in_features=2, out_features=2, bias=True)\n)");
}

TEST(Containers, FunctionalBindsArguments) {
  nn::Functional leaky(ember::leaky_relu, 0.5);
  EXPECT_EQ(leaky(ember::tensor({-2.f})).item<float>(), -1.f);
  nn::Functional relu(ember::relu);
  EXPECT_EQ(repr(*relu), "Functional()");
  EXPECT_EQ(relu(ember::tensor({-2.f})).item<float>(), 0.f);
}

TEST(Init, MatchesPyTorch) {
  manual_seed(1);
  Tensor w = ember::empty({4, 5});
  nn::init::xavier_uniform_(w);
  auto v = values_of(w);
  EXPECT_EQ(
      std::vector<float>(v.begin(), v.begin() + 3),
      (std::vector<float>{0.42071065306663513f, -0.3603838384151459f, -0.15828724205493927f}));
  manual_seed(1);
  nn::init::kaiming_normal_(w, 0, ember::kFanOut, ember::kReLU);
  v = values_of(w);
  EXPECT_EQ(std::vector<float>(v.begin(), v.begin() + 3),
            (std::vector<float>{-1.0787591934204102f, -0.530493974685669f, -0.462434321641922f}));
  manual_seed(1);
  nn::init::xavier_normal_(w, 2.0);
  v = values_of(w);
  EXPECT_EQ(std::vector<float>(v.begin(), v.begin() + 3),
            (std::vector<float>{-1.4383456707000732f, -0.7073253393173218f, -0.6165791153907776f}));
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(ember::kLeakyReLU, 0.2), 1.3867504905630728);
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(ember::kTanh), 5.0 / 3);
  nn::init::eye_(w);
  EXPECT_EQ(w.sum().item<float>(), 4.f);
  nn::init::constant_(w, 0.5);
  EXPECT_EQ(w.sum().item<float>(), 10.f);
  EXPECT_THROW(nn::init::xavier_uniform_(ember::ones({3})), ember::Error);
  EXPECT_THROW(nn::init::eye_(ember::ones({2, 2, 2})), ember::Error);
  Tensor p = ember::ones({2, 2}).requires_grad_();
  nn::init::zeros_(p);  // leaves that require grad are initialised without recording
  EXPECT_TRUE(p.is_leaf());
  EXPECT_EQ(p.sum().item<float>(), 0.f);
}

}  // namespace
