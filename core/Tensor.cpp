#include "ember/core/Tensor.h"

#include "core/AutogradHooks.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
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

// ---- autograd -----------------------------------------------------------------------
bool Tensor::requires_grad() const { return detail::requires_grad_fast(*this); }

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

void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      std::optional<std::vector<Tensor>> inputs) const {
  detail::autograd_hooks().backward(*this, gradient, retain_graph, create_graph, inputs);
}

const std::shared_ptr<autograd::Node>& Tensor::grad_fn() const {
  static const std::shared_ptr<autograd::Node> none;
  if (impl()->autograd_meta() == nullptr) return none;
  return detail::autograd_hooks().grad_fn(*this);
}

bool Tensor::is_leaf() const {
  return impl()->autograd_meta() == nullptr || detail::autograd_hooks().is_leaf(*this);
}

int64_t Tensor::output_nr() const {
  return impl()->autograd_meta() == nullptr ? 0 : detail::autograd_hooks().output_nr(*this);
}

void Tensor::retain_grad() const { detail::autograd_hooks().retain_grad(*this); }

bool Tensor::retains_grad() const {
  return impl()->autograd_meta() != nullptr && detail::autograd_hooks().retains_grad(*this);
}

unsigned Tensor::register_hook_fn(std::function<Tensor(const Tensor&)> hook) const {
  return detail::autograd_hooks().register_hook(*this, std::move(hook));
}

void Tensor::remove_hook(unsigned handle) const {
  detail::autograd_hooks().remove_hook(*this, handle);
}

bool Tensor::is_view() const {
  return impl()->autograd_meta() != nullptr && detail::autograd_hooks().is_view(*this);
}

const Tensor& Tensor::_base() const {
  EMBER_CHECK(is_view(), "_base: this tensor is not a view");
  return detail::autograd_hooks().base(*this);
}

void Tensor::set_data(const Tensor& new_data) const {
  EMBER_CHECK(defined() && new_data.defined(), "set_data: both tensors must be defined");
  EMBER_CHECK(!requires_grad() || new_data.is_floating_point(),
              "data set to a tensor that requires gradients must be floating point or complex "
              "dtype (got {})",
              new_data.dtype());
  impl()->set_data(*new_data.impl());
}

Tensor Tensor::data() const {
  Tensor out = detail::make_view(*this, sizes(), strides(), storage_offset());
  out.unsafeGetTensorImpl()->set_own_version_counter(IntrusivePtr<VersionCounter>::make());
  return out;
}

}  // namespace ember
