#include "ember/core/TensorData.h"

#include <cstring>

#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "kernels/Convert.h"

namespace ember::detail {

Tensor tensor_from_host_values(const void* data, int64_t n, Dtype dtype) {
  Tensor t = empty_tensor({n}, dtype, Device(kCPU));
  if (n > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(n * element_size(dtype)));
  return t;
}

void TensorDataContainer::collect(std::vector<int64_t>& sizes, size_t depth, bool& any_float,
                                  bool& any_int, bool& any_bool, bool& any_tensor) const {
  auto record = [&](int64_t size) {
    if (sizes.size() == depth) {
      sizes.push_back(size);
    } else {
      EMBER_CHECK(depth < sizes.size() && sizes[depth] == size,
                  "tensor(): expected a rectangular nested list: a sub-list of length {} at "
                  "depth {} differs from length {}",
                  size, depth, depth < sizes.size() ? sizes[depth] : -1);
    }
  };
  switch (kind_) {
    case Kind::Scalar:
      EMBER_CHECK(sizes.size() == depth,
                  "tensor(): expected a rectangular nested list, found a number at depth {} "
                  "where lists of depth {} were seen",
                  depth, sizes.size());
      (is_floating_type(dtype_) ? any_float : dtype_ == kBool ? any_bool : any_int) = true;
      return;
    case Kind::Tensor:
      record(tensor_.numel());
      EMBER_CHECK(sizes.size() == depth + 1,
                  "tensor(): expected a rectangular nested list at depth {}", depth);
      any_tensor = true;
      (is_floating_type(dtype_) ? any_float : dtype_ == kBool ? any_bool : any_int) = true;
      return;
    case Kind::List:
      record(static_cast<int64_t>(children_.size()));
      for (const auto& child : children_) {
        child.collect(sizes, depth + 1, any_float, any_int, any_bool, any_tensor);
      }
      return;
  }
}

void TensorDataContainer::flatten_into(std::vector<Scalar>& out) const {
  switch (kind_) {
    case Kind::Scalar:
      out.push_back(scalar_);
      return;
    case Kind::Tensor: {
      const Tensor t = tensor_.to(kDouble).contiguous();
      const Tensor as_long = tensor_.to(kLong).contiguous();
      const bool integral = !is_floating_type(tensor_.dtype());
      for (int64_t i = 0; i < t.numel(); ++i) {
        if (tensor_.dtype() == kBool) {
          out.emplace_back(as_long.data_ptr<int64_t>()[i] != 0);
        } else if (integral) {
          out.emplace_back(as_long.data_ptr<int64_t>()[i]);
        } else {
          out.emplace_back(t.data_ptr<double>()[i]);
        }
      }
      return;
    }
    case Kind::List:
      for (const auto& child : children_) child.flatten_into(out);
      return;
  }
}

Tensor TensorDataContainer::to_tensor(const TensorOptions& options) const {
  if (kind_ == Kind::Tensor) {
    // A std::vector: convert its exact-typed data in one go.
    return tensor_.to(options.dtype_opt().value_or(dtype_)).to(options.device());
  }
  std::vector<int64_t> sizes;
  bool any_float = false, any_int = false, any_bool = false, any_tensor = false;
  collect(sizes, 0, any_float, any_int, any_bool, any_tensor);
  // Mixed literals promote as Python's torch.tensor does (bool < int64 < default float).
  const Dtype inferred = kind_ == Kind::Scalar ? dtype_
                         : any_float           ? default_dtype()
                         : any_int             ? kLong
                         : any_bool            ? kBool
                                               : default_dtype();
  const Dtype dtype = options.dtype_opt().value_or(inferred);
  std::vector<Scalar> values;
  flatten_into(values);
  Tensor host = empty_tensor(sizes, dtype, Device(kCPU));
  dispatch_dtype<types::kAll>(dtype, "tensor", kCPU, [&]<class T>() {
    T* p = static_cast<T*>(host.data_ptr());
    for (size_t i = 0; i < values.size(); ++i) {
      const Scalar& s = values[i];
      p[i] = s.isFloatingPoint() ? kernels::convert<T>(s.toDouble())
             : s.isBoolean()     ? kernels::convert<T>(s.toBool())
                                 : kernels::convert<T>(s.toLong());
    }
  });
  return host.to(options.device());
}

}  // namespace ember::detail
