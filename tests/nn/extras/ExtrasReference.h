#pragma once

// The reference cases of tests/nn/data/extras/nn_extras.json (written by
// tests/reference/gen_nn_extras.py with PyTorch): each names a function, its options and its
// input tensors, with PyTorch's output and the gradient of every floating input.

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../losses/LossReference.h"

namespace ember_test::extras {

struct ExtrasCase {
  std::string name;
  std::string fn;
  nlohmann::json options;
  std::map<std::string, ember::Tensor> inputs;
  ember::Tensor output, grad_output;
  std::map<std::string, ember::Tensor> grads;
  /// The whole entry, for case-specific fields (the running statistics after the call).
  nlohmann::json entry;
};

inline std::vector<ExtrasCase> load_extras_cases() {
  std::ifstream in(test_data_dir() + "/extras/nn_extras.json");
  if (!in) throw std::runtime_error("cannot open nn_extras.json in " + test_data_dir());
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<ExtrasCase> cases;
  for (const auto& c : doc.at("cases")) {
    ExtrasCase ec;
    ec.name = c.at("name").get<std::string>();
    ec.fn = c.at("fn").get<std::string>();
    ec.options = c.at("options");
    for (const auto& [key, value] : c.at("inputs").items()) {
      ec.inputs[key] = losses::tensor_from_json(value);
    }
    ec.output = losses::tensor_from_json(c.at("output"));
    if (c.contains("grad_output")) {
      ec.grad_output = losses::tensor_from_json(c.at("grad_output"));
      for (const auto& [key, value] : c.at("grads").items()) {
        ec.grads[key] = losses::tensor_from_json(value);
      }
    }
    ec.entry = c;
    cases.push_back(std::move(ec));
  }
  return cases;
}

}  // namespace ember_test::extras
