#pragma once

// Reading and writing optimiser options as the JSON of Python's state_dict()["param_groups"]
// (internal to libember).

#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "ember/core/Check.h"

namespace ember::optim::detail {

using Json = nlohmann::ordered_json;

/// Parses one parameter group's options; `optimizer` names the optimiser in errors.
inline Json parse_options(const std::string& text, const char* optimizer) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    EMBER_FAIL("load_state_dict: the {} options are not valid JSON ({})", optimizer, e.what());
  }
  EMBER_CHECK(j.is_object(), "load_state_dict: the {} options must be a JSON object, got {}",
              optimizer, j.type_name());
  return j;
}

inline double json_number(const Json& j, const char* key, const char* optimizer) {
  EMBER_CHECK(j.contains(key) && j[key].is_number(),
              "load_state_dict: the {} options need a number \"{}\"", optimizer, key);
  return j[key].get<double>();
}

inline bool json_bool(const Json& j, const char* key, const char* optimizer) {
  EMBER_CHECK(j.contains(key) && j[key].is_boolean(),
              "load_state_dict: the {} options need a boolean \"{}\"", optimizer, key);
  return j[key].get<bool>();
}

inline std::tuple<double, double> json_betas(const Json& j, const char* optimizer) {
  EMBER_CHECK(j.contains("betas") && j["betas"].is_array() && j["betas"].size() == 2 &&
                  j["betas"][0].is_number() && j["betas"][1].is_number(),
              "load_state_dict: the {} options need \"betas\", a list of two numbers", optimizer);
  return {j["betas"][0].get<double>(), j["betas"][1].get<double>()};
}

}  // namespace ember::optim::detail
