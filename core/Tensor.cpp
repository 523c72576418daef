#include "ember/core/Tensor.h"

#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

int64_t Tensor::size(int64_t d) const {
  return sizes()[detail::wrap_dim(d, dim(), /*wrap_scalar=*/false)];
}

int64_t Tensor::stride(int64_t d) const {
  return strides()[detail::wrap_dim(d, dim(), /*wrap_scalar=*/false)];
}

TensorOptions Tensor::options() const {
  return TensorOptions().dtype(dtype()).device(device()).requires_grad(requires_grad());
}

std::string Tensor::toString() const {
  return fmt::format("{}{}Type", is_cuda() ? "CUDA" : "CPU", dtype_name(dtype()));
}

Scalar Tensor::item() const {
  EMBER_CHECK(numel() == 1, "a Tensor with {} elements cannot be converted to Scalar", numel());
  const Tensor host = is_cpu() ? *this : cpu();
  return detail::dispatch_dtype<detail::types::kAll>(
      dtype(), "item", kCPU, [&]<class T>() -> Scalar {
        const T value = *static_cast<const T*>(host.data_ptr());
        if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
          return Scalar(static_cast<float>(value));
        } else {
          return Scalar(value);
        }
      });
}

template <class T>
T Tensor::item() const {
  return item().to<T>();
}

template <class T>
T* Tensor::data_ptr() const {
  EMBER_CHECK(dtype() == dtype_of<std::remove_const_t<T>>(), "expected scalar type {} but found {}",
              dtype_of<std::remove_const_t<T>>(), dtype());
  return static_cast<T*>(impl()->data());
}

#define EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(T) \
  template T Tensor::item<T>() const;          \
  template T* Tensor::data_ptr<T>() const;     \
  template const T* Tensor::data_ptr<const T>() const;
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(uint8_t)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(int8_t)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(int16_t)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(int32_t)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(int64_t)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(Half)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(float)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(double)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(bool)
EMBER_INSTANTIATE_ITEM_AND_DATA_PTR(BFloat16)
#undef EMBER_INSTANTIATE_ITEM_AND_DATA_PTR
// item<long long>() etc.: `long` and `long long` are distinct types on LP64.
template <>
long long Tensor::item<long long>() const {
  return item().toLong();
}

// ---- autograd state ---------------------------------------------------------------------
bool Tensor::requires_grad() const {
  const AutogradMetaInterface* meta = impl()->autograd_meta();
  return meta != nullptr && meta->requires_grad();
}

Tensor& Tensor::requires_grad_(bool requires_grad) {
  EMBER_CHECK(!requires_grad || is_floating_point(),
              "only Tensors of floating point dtype can require gradients (got {})", dtype());
  if (!requires_grad && impl()->autograd_meta() == nullptr) return *this;
  impl()->ensure_autograd_meta().set_requires_grad(requires_grad, impl());
  return *this;
}

const Tensor& Tensor::grad() const {
  static const Tensor undefined;
  const AutogradMetaInterface* meta = impl()->autograd_meta();
  return meta ? meta->grad() : undefined;
}

Tensor& Tensor::mutable_grad() { return impl()->ensure_autograd_meta().mutable_grad(); }

}  // namespace ember
