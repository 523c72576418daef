#pragma once

// Shared pieces of the optimiser tests: PyTorch's reference results
// (tests/nn/data/optim/reference.json, written by tests/reference/gen_optim.py), the fixed
// model they were computed on, and optimisers built from the reference's option lists.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace ember_test::optim {

using Json = nlohmann::json;

inline const Json& reference() {
  static const Json data = [] {
    const std::string path = test_data_dir() + "/optim/reference.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    return Json::parse(in);
  }();
  return data;
}

inline ember::Tensor tensor_from(const Json& values, const Json& shape, ember::Dtype dtype) {
  std::vector<int64_t> sizes = shape.get<std::vector<int64_t>>();
  return ember::tensor(values.get<std::vector<double>>(), ember::kFloat64).reshape(sizes).to(dtype);
}

/// The reference model: parameters p_k and the loss
/// sum_k sum(a_k * (p_k - t_k)^2) + sum(b_k * tanh(p_k)).
struct Model {
  /// With `non_contiguous`, the matrix parameters are transposed views of their storage (so
  /// the optimisers take their general path for them).
  explicit Model(ember::Dtype dtype, bool non_contiguous = false) {
    const Json& m = reference()["model"];
    for (size_t k = 0; k < m["shapes"].size(); ++k) {
      ember::Tensor init = tensor_from(m["init"][k], m["shapes"][k], dtype);
      if (non_contiguous && init.dim() == 2) init = init.t().contiguous().t().detach();
      params.push_back(init.requires_grad_());
      a.push_back(tensor_from(m["a"][k], m["shapes"][k], dtype));
      b.push_back(tensor_from(m["b"][k], m["shapes"][k], dtype));
      t.push_back(tensor_from(m["t"][k], m["shapes"][k], dtype));
    }
  }
  ember::Tensor loss() const {
    ember::Tensor total;
    for (size_t k = 0; k < params.size(); ++k) {
      ember::Tensor term =
          ((params[k] - t[k]).square() * a[k]).sum() + (params[k].tanh() * b[k]).sum();
      total = total.defined() ? total + term : term;
    }
    return total;
  }
  /// zero_grad, loss, backward, step: one training step as the reference does it.
  void train_step(ember::optim::Optimizer& optimizer) const {
    optimizer.zero_grad();
    loss().backward();
    optimizer.step();
  }
  std::vector<ember::Tensor> params, a, b, t;
};

/// Sets the options named in `j` (Python's keyword arguments) on an options object.
template <class Options>
void apply_options(Options& o, const Json& j) {
  for (const auto& [key, value] : j.items()) {
    if (key == "params") continue;
    bool known = false;
    auto set = [&](const char* name, auto&& setter) {
      if (key == name) {
        setter(value);
        known = true;
      }
    };
    set("lr", [&](const Json& v) { o.lr(v.get<double>()); });
    if constexpr (requires { o.momentum(0.0); })
      set("momentum", [&](const Json& v) { o.momentum(v.get<double>()); });
    if constexpr (requires { o.dampening(0.0); })
      set("dampening", [&](const Json& v) { o.dampening(v.get<double>()); });
    if constexpr (requires { o.weight_decay(0.0); })
      set("weight_decay", [&](const Json& v) { o.weight_decay(v.get<double>()); });
    if constexpr (requires { o.nesterov(true); })
      set("nesterov", [&](const Json& v) { o.nesterov(v.get<bool>()); });
    if constexpr (requires { o.maximize(true); })
      set("maximize", [&](const Json& v) { o.maximize(v.get<bool>()); });
    if constexpr (requires { o.betas(std::make_tuple(0.0, 0.0)); })
      set("betas",
          [&](const Json& v) { o.betas(std::make_tuple(v[0].get<double>(), v[1].get<double>())); });
    if constexpr (requires { o.eps(0.0); })
      set("eps", [&](const Json& v) { o.eps(v.get<double>()); });
    if constexpr (requires { o.amsgrad(true); })
      set("amsgrad", [&](const Json& v) { o.amsgrad(v.get<bool>()); });
    if constexpr (requires { o.alpha(0.0); })
      set("alpha", [&](const Json& v) { o.alpha(v.get<double>()); });
    if constexpr (requires { o.centered(true); })
      set("centered", [&](const Json& v) { o.centered(v.get<bool>()); });
    if constexpr (requires { o.lr_decay(0.0); })
      set("lr_decay", [&](const Json& v) { o.lr_decay(v.get<double>()); });
    if constexpr (requires { o.initial_accumulator_value(0.0); })
      set("initial_accumulator_value",
          [&](const Json& v) { o.initial_accumulator_value(v.get<double>()); });
    if constexpr (requires { o.rho(0.0); })
      set("rho", [&](const Json& v) { o.rho(v.get<double>()); });
    if (!known) throw std::runtime_error("unknown option " + key);
  }
}

template <class Optimizer, class Options>
std::unique_ptr<ember::optim::Optimizer> make_with(const std::vector<ember::Tensor>& params,
                                                   const Json& options, const Json& groups,
                                                   Options defaults) {
  apply_options(defaults, options);
  if (groups.is_null()) return std::make_unique<Optimizer>(params, defaults);
  std::vector<ember::optim::OptimizerParamGroup> spec;
  for (const auto& g : groups) {
    std::vector<ember::Tensor> members;
    for (const auto& i : g["params"]) members.push_back(params[i.get<size_t>()]);
    if (g.size() == 1) {
      spec.emplace_back(members);  // takes the defaults
    } else {
      Options group_options = defaults;
      apply_options(group_options, g);
      spec.emplace_back(members, std::make_unique<Options>(group_options));
    }
  }
  return std::make_unique<Optimizer>(spec, defaults);
}

/// The optimiser `name` ("SGD", "Adam", ...) with Python-style options and groups.
inline std::unique_ptr<ember::optim::Optimizer> make_optimizer(
    const std::string& name, const std::vector<ember::Tensor>& params, const Json& options,
    const Json& groups = Json()) {
  namespace o = ember::optim;
  if (name == "SGD") return make_with<o::SGD>(params, options, groups, o::SGDOptions(0.0));
  if (name == "Adam") return make_with<o::Adam>(params, options, groups, o::AdamOptions());
  if (name == "AdamW") return make_with<o::AdamW>(params, options, groups, o::AdamWOptions());
  if (name == "RMSprop") return make_with<o::RMSprop>(params, options, groups, o::RMSpropOptions());
  if (name == "Adagrad") return make_with<o::Adagrad>(params, options, groups, o::AdagradOptions());
  if (name == "Adadelta")
    return make_with<o::Adadelta>(params, options, groups, o::AdadeltaOptions());
  if (name == "Adamax") return make_with<o::Adamax>(params, options, groups, o::AdamaxOptions());
  throw std::runtime_error("unknown optimizer " + name);
}

/// Every parameter equals the reference's flattened values within rtol (relative to the
/// largest magnitude of each tensor, so values near zero do not need an absolute tolerance).
inline void expect_params_near(const std::vector<ember::Tensor>& params, const Json& expected,
                               double rtol, const std::string& what) {
  ASSERT_EQ(params.size(), expected.size()) << what;
  for (size_t k = 0; k < params.size(); ++k) {
    const auto want = expected[k].get<std::vector<double>>();
    const ember::Tensor got = params[k].detach().to(ember::kFloat64).contiguous().flatten();
    ASSERT_EQ(got.numel(), static_cast<int64_t>(want.size())) << what;
    const double* g = got.data_ptr<double>();
    double scale = 0;
    for (double w : want) scale = std::max(scale, std::abs(w));
    for (size_t i = 0; i < want.size(); ++i)
      EXPECT_NEAR(g[i], want[i], rtol * std::max(scale, 1e-3))
          << what << ": parameter " << k << " element " << i;
  }
}

}  // namespace ember_test::optim
