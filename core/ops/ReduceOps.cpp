// Autograd-free bodies of the sum-like reductions: sum, mean and prod (whole tensor and by
// dims), and the helpers every reduction front end shares.

#include "core/ops/ReduceOps.h"

#include "core/CheckedSize.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ArithmeticOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace detail {

ReductionSetup setup_reduction(const Tensor& in, IntArrayRef dims, Dtype out_dtype) {
  ReductionSetup s;
  s.mask = make_dim_mask(dims, in.dim());
  s.out_keepdim = empty_tensor(reduced_shape(in.sizes(), s.mask, true), out_dtype, in.device());
  s.plan = make_reduction_plan(in, s.out_keepdim, s.mask);
  return s;
}

Tensor finish_reduction(const ReductionSetup& setup, bool keepdim) {
  if (keepdim) return setup.out_keepdim;
  const Tensor& o = setup.out_keepdim;
  DimVector sz, st;
  for (int64_t d = 0; d < o.dim(); ++d) {
    if (setup.mask & (1ULL << d)) continue;
    sz.push_back(o.sizes()[d]);
    st.push_back(o.strides()[d]);
  }
  return make_view(o, sz, st, o.storage_offset());
}

int64_t reduced_count(const Tensor& in, uint64_t mask) {
  int64_t n = 1;
  for (int64_t d = 0; d < in.dim(); ++d) {
    // Saturates: an overflowing count can only occur beside an empty kept dim (no output).
    if ((mask & (1ULL << d)) && !checked_mul(n, in.sizes()[d], &n)) return INT64_MAX;
  }
  return n;
}

}  // namespace detail

namespace {

// The result dtype of sum and prod: the requested one, else int64 for integers and bool (as
// PyTorch), else the input's. A requested dtype converts the input first.
template <detail::Kernel K>
Tensor sum_like(const Tensor& t, IntArrayRef dims, bool keepdim, std::optional<Dtype> dtype) {
  const Dtype out_dtype = dtype ? *dtype : (is_integral_type(t.dtype(), true) ? kLong : t.dtype());
  const Tensor in = dtype && *dtype != t.dtype() ? t.to(*dtype) : t;
  // Kernels reduce integers into int64; a narrower requested dtype is the int64 result
  // wrapped around, which the conversion gives.
  const Dtype kernel_dtype = is_integral_type(in.dtype(), true) ? kLong : in.dtype();
  auto setup = detail::setup_reduction(in, dims, kernel_dtype);
  detail::get_kernel<K>(in.device().type())(setup.plan, setup.out_keepdim, in);
  const Tensor result = detail::finish_reduction(setup, keepdim);
  return kernel_dtype == out_dtype ? result : result.to(out_dtype);
}

Tensor mean_impl(const Tensor& t, IntArrayRef dims, bool keepdim, std::optional<Dtype> dtype) {
  const Dtype d = dtype.value_or(t.dtype());
  EMBER_CHECK(is_floating_type(d),
              "mean(): could not infer output dtype. {} dtype must be either a floating point or "
              "complex dtype. Got: {}",
              dtype ? "Optional" : "Input", d);
  const Tensor s = sum_like<detail::Kernel::sum>(t, dims, keepdim, d);
  const int64_t count = detail::reduced_count(t, detail::make_dim_mask(dims, t.dim()));
  // An empty reduction gives 0 / 0 = nan, as in PyTorch.
  return native::div(s, static_cast<double>(count));
}

}  // namespace

namespace native {

Tensor sum(const Tensor& t, std::optional<Dtype> dtype) {
  return sum_like<detail::Kernel::sum>(t, {}, false, dtype);
}

Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) {
  return sum_like<detail::Kernel::sum>(t, dim, keepdim, dtype);
}

Tensor mean(const Tensor& t, std::optional<Dtype> dtype) { return mean_impl(t, {}, false, dtype); }

Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) {
  return mean_impl(t, dim, keepdim, dtype);
}

Tensor prod(const Tensor& t, std::optional<Dtype> dtype) {
  return sum_like<detail::Kernel::prod>(t, {}, false, dtype);
}

Tensor prod(const Tensor& t, int64_t dim, bool keepdim, std::optional<Dtype> dtype) {
  return sum_like<detail::Kernel::prod>(t, IntArrayRef(dim), keepdim, dtype);
}

}  // namespace native

}  // namespace ember
