// parameters_to_vector / vector_to_parameters as PyTorch's, with its check that all
// parameters live on one device.

#include "ember/nn/utils/ConvertParameters.h"

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::nn::utils {

namespace {

/// Throws when `parameter` is not on the device of the parameters before it.
void check_same_device(const Tensor& parameter, std::optional<Device>& device) {
  if (!device) {
    device = parameter.device();
    return;
  }
  EMBER_CHECK(parameter.device() == *device,
              "Found two parameters on different devices, this is currently not supported. "
              "(got {} and {})",
              device->str(), parameter.device().str());
}

}  // namespace

Tensor parameters_to_vector(const std::vector<Tensor>& parameters) {
  std::optional<Device> device;
  std::vector<Tensor> flat;
  flat.reserve(parameters.size());
  for (const Tensor& parameter : parameters) {
    check_same_device(parameter, device);
    flat.push_back(parameter.view({-1}));
  }
  return ember::cat(flat);
}

void vector_to_parameters(const Tensor& vec, std::vector<Tensor> parameters) {
  EMBER_CHECK(vec.dim() == 1, "vector_to_parameters: expected a 1-d vector, but got {} dims",
              vec.dim());
  std::optional<Device> device;
  int64_t offset = 0;
  for (Tensor& parameter : parameters) {
    check_same_device(parameter, device);
    const int64_t count = parameter.numel();
    EMBER_CHECK(offset + count <= vec.numel(),
                "vector_to_parameters: the vector has {} elements, fewer than the parameters' {} "
                "or more",
                vec.numel(), offset + count);
    // As PyTorch's `param.data = vec[offset:offset + count].view_as(param).data`: the
    // parameter keeps its identity and autograd state and now views vec's memory.
    parameter.set_data(vec.slice(0, offset, offset + count).view_as(parameter).data());
    offset += count;
  }
}

}  // namespace ember::nn::utils
