#pragma once

// The reference cases of tests/nn/data/losses/losses.json (written by
// tests/reference/gen_losses.py with PyTorch): each names a loss, its options and tensors,
// and PyTorch's output and gradients.

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "TestUtils.h"
#include "ember/ember.h"

namespace ember_test::losses {

struct LossCase {
  std::string name;
  std::string loss;
  std::string reduction;
  int64_t ignore_index = -100;
  double label_smoothing = 0.0;
  double delta = 1.0;
  double beta = 1.0;
  ember::Tensor input, target, weight, pos_weight;
  ember::Tensor output, grad_output, input_grad, target_grad;
};

inline ember::Dtype dtype_from_name(const std::string& name) {
  if (name == "float32") return ember::kFloat;
  if (name == "float64") return ember::kDouble;
  if (name == "int64") return ember::kLong;
  if (name == "int32") return ember::kInt;
  if (name == "uint8") return ember::kByte;
  throw std::runtime_error("unknown dtype " + name);
}

/// A tensor from {"dtype", "shape", "data"} (null values are NaN, "inf" and "-inf"
/// infinities); undefined for null.
inline ember::Tensor tensor_from_json(const nlohmann::json& j) {
  if (j.is_null()) return {};
  std::vector<double> values;
  for (const auto& v : j.at("data")) {
    if (v.is_null()) {
      values.push_back(std::nan(""));
    } else if (v.is_string()) {
      const double inf = std::numeric_limits<double>::infinity();
      values.push_back(v.get<std::string>() == "inf" ? inf : -inf);
    } else {
      values.push_back(v.get<double>());
    }
  }
  const std::vector<int64_t> shape = j.at("shape").get<std::vector<int64_t>>();
  return ember::tensor(values, ember::kDouble)
      .reshape(shape)
      .to(dtype_from_name(j.at("dtype").get<std::string>()));
}

inline std::vector<LossCase> load_loss_cases() {
  std::ifstream in(test_data_dir() + "/losses/losses.json");
  if (!in) throw std::runtime_error("cannot open losses.json in " + test_data_dir());
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<LossCase> cases;
  for (const auto& c : doc.at("cases")) {
    LossCase lc;
    lc.name = c.at("name").get<std::string>();
    lc.loss = c.at("loss").get<std::string>();
    lc.reduction = c.at("reduction").get<std::string>();
    lc.ignore_index = c.at("ignore_index").get<int64_t>();
    lc.label_smoothing = c.at("label_smoothing").get<double>();
    lc.delta = c.at("delta").get<double>();
    lc.beta = c.at("beta").get<double>();
    lc.input = tensor_from_json(c.at("input"));
    lc.target = tensor_from_json(c.at("target"));
    lc.weight = tensor_from_json(c.at("weight"));
    lc.pos_weight = tensor_from_json(c.at("pos_weight"));
    lc.output = tensor_from_json(c.at("output"));
    lc.grad_output = tensor_from_json(c.at("grad_output"));
    lc.input_grad = tensor_from_json(c.at("input_grad"));
    lc.target_grad = tensor_from_json(c.at("target_grad"));
    cases.push_back(std::move(lc));
  }
  return cases;
}

inline ember::LossReduction reduction_of(const LossCase& c) {
  if (c.reduction == "none") return ember::kNone;
  if (c.reduction == "sum") return ember::kSum;
  return ember::kMean;
}

using LossFn =
    std::function<ember::Tensor(const LossCase&, const ember::Tensor&, const ember::Tensor&)>;

/// Runs `fn` on every case and compares the output and the gradients with PyTorch's.
inline void check_all_cases(const LossFn& fn) {
  const auto cases = load_loss_cases();
  ASSERT_GT(cases.size(), 100u);
  for (const LossCase& c : cases) {
    SCOPED_TRACE(c.name);
    const ember::Tensor input = c.input.clone().requires_grad_(true);
    ember::Tensor target = c.target.clone();
    if (c.target_grad.defined()) target.requires_grad_(true);
    const ember::Tensor out = fn(c, input, target);
    const double rtol = c.input.dtype() == ember::kDouble ? 1e-10 : 2e-5;
    const double atol = c.input.dtype() == ember::kDouble ? 1e-12 : 1e-6;
    EXPECT_TRUE(tensors_close(out, c.output, rtol, atol));
    std::vector<ember::Tensor> wrt{input};
    if (c.target_grad.defined()) wrt.push_back(target);
    const auto grads = ember::autograd::grad({out}, wrt, {c.grad_output}, std::nullopt, false,
                                             /*allow_unused=*/true);
    EXPECT_TRUE(tensors_close(grads[0], c.input_grad, rtol, atol));
    if (c.target_grad.defined()) {
      EXPECT_TRUE(tensors_close(grads[1], c.target_grad, rtol, atol));
    }
  }
}

}  // namespace ember_test::losses
