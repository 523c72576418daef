// Random creation functions (rand, randn, randint, randperm) and the in-place fills
// uniform_ and normal_: PyTorch's argument checks, then the device's random kernel drawing
// from the device's default generator (seeded by manual_seed).

#include <cfloat>
#include <cstdint>
#include <limits>

#include "core/DtypeDispatch.h"
#include "core/Generator.h"
#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/FillOps.h"
#include "core/ops/FloatLimits.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "kernels/Convert.h"

namespace ember {

using detail::get_kernel;
using detail::Kernel;

namespace {

using detail::float_max;

detail::Generator& generator_for(const Tensor& t) { return detail::default_generator(t.device()); }

// A new tensor for a random creation function; requires_grad is applied after filling it.
Tensor new_tensor(IntArrayRef size, const TensorOptions& options, Dtype default_dtype) {
  const Dtype dtype = options.dtype_opt().value_or(default_dtype);
  return empty(size, options.dtype(dtype).requires_grad(false));
}

Tensor finish(Tensor t, const TensorOptions& options) {
  if (options.requires_grad()) t.requires_grad_(true);
  return t;
}

// PyTorch's update_from / update_to: a floating dtype cannot hold every integer, so `from`
// moves up (and `to` down) to the nearest value that stays inside [from, to) once rounded
// to T. Arithmetic is done in uint64 where PyTorch's int64 arithmetic could overflow.
template <class T>
int64_t update_from(int64_t from) {
  const int64_t from_plus_1 = kernels::convert<int64_t>(kernels::convert<T>(from + 1));
  if (from_plus_1 < from) {
    const uint64_t magnitude =
        from + 1 < 0 ? 0 - static_cast<uint64_t>(from + 1) : static_cast<uint64_t>(from + 1);
    int n = 0;
    for (uint64_t m = magnitude; m >>= 1;) ++n;
    const int shift = n - std::numeric_limits<T>::digits + 1;
    from = static_cast<int64_t>(static_cast<uint64_t>(from_plus_1) + (uint64_t{1} << shift));
  }
  return from;
}

template <class T>
int64_t update_to(int64_t to) {
  const int64_t to_minus_1 = kernels::convert<int64_t>(kernels::convert<T>(to - 1));
  if (to_minus_1 >= to) {
    const uint64_t magnitude =
        to - 1 < 0 ? 0 - static_cast<uint64_t>(to - 1) : static_cast<uint64_t>(to - 1);
    int n = 0;
    for (uint64_t m = magnitude; m >>= 1;) ++n;
    const int shift = n - std::numeric_limits<T>::digits + 1;
    to = static_cast<int64_t>(static_cast<uint64_t>(to_minus_1) - (uint64_t{1} << shift));
  }
  return to;
}

// How errors name the call and its bounds: randint(low, high, ...) reports "randint" with
// 'low' and 'high', as the user wrote it (PyTorch names its internal random_(from, to)).
struct RangeCall {
  const char* op;
  const char* from;
  const char* to;
};

// Both ends of [from, to_inc] must be values of the dtype.
void check_from_to_in_range(int64_t from, int64_t to_inc, Dtype dtype, const RangeCall& call) {
  if (is_floating_type(dtype)) {
    const double max = float_max(dtype);
    const double f = static_cast<double>(from), t = static_cast<double>(to_inc);
    EMBER_CHECK(f >= -max && f <= max, "{}: {}={} is out of bounds for {}", call.op, call.from,
                from, dtype);
    EMBER_CHECK(t >= -max && t <= max, "{}: {} - 1={} is out of bounds for {}", call.op, call.to,
                to_inc, dtype);
    return;
  }
  detail::dispatch_dtype<detail::types::kIntegral | detail::types::kBool>(
      dtype, call.op, kCPU, [&]<class T>() {
        const int64_t min = static_cast<int64_t>(std::numeric_limits<T>::lowest());
        const int64_t max = static_cast<int64_t>(std::numeric_limits<T>::max());
        EMBER_CHECK(from >= min && from <= max, "{}: {}={} is out of bounds for {}", call.op,
                    call.from, from, dtype);
        EMBER_CHECK(to_inc >= min && to_inc <= max, "{}: {} - 1={} is out of bounds for {}",
                    call.op, call.to, to_inc, dtype);
      });
}

// self.random_(from, to): integers uniform in [from, to), as PyTorch's random_from_to_impl.
void random_from_to(Tensor& self, int64_t from, int64_t to, const RangeCall& call) {
  EMBER_CHECK(from < to, "{} expects '{}' to be less than '{}', but got {}={} >= {}={}", call.op,
              call.from, call.to, call.from, from, call.to, to);
  if (is_floating_type(self.dtype())) {
    detail::dispatch_dtype<detail::types::kFloating>(self.dtype(), call.op, kCPU, [&]<class T>() {
      from = update_from<T>(from);
      to = update_to<T>(to);
    });
    EMBER_CHECK(from < to,
                "{} expects '{}' casted to dtype to be less than '{}' casted to dtype, but got "
                "{}={} >= {}={}",
                call.op, call.from, call.to, call.from, from, call.to, to);
  }
  check_from_to_in_range(from, to - 1, self.dtype(), call);
  const uint64_t range = static_cast<uint64_t>(to) - static_cast<uint64_t>(from);
  if (self.numel() > 0) {
    get_kernel<Kernel::random_int>(self.device().type())(self, generator_for(self), range, from);
  }
}

// randperm's result must hold n - 1 exactly (PyTorch's check_supported_max_int_with_precision).
void check_randperm_fits(int64_t n, Dtype dtype) {
  switch (dtype) {
    case kHalf:
      EMBER_CHECK(n <= (int64_t{1} << 11) + 1,
                  "randperm: n cannot be greater than 2049 for Half "
                  "type (got n={})",
                  n);
      return;
    case kFloat:
      EMBER_CHECK(n <= (int64_t{1} << 24) + 1,
                  "randperm: n cannot be greater than 2^24+1 for Float type (got n={})", n);
      return;
    case kDouble:
      EMBER_CHECK(n <= (int64_t{1} << 53) + 1,
                  "randperm: n cannot be greater than 2^53+1 for Double type (got n={})", n);
      return;
    default:
      break;
  }
  if (!is_integral_type(dtype, /*include_bool=*/false) || n == 0) return;
  detail::dispatch_dtype<detail::types::kIntegral>(dtype, "randperm", kCPU, [&]<class T>() {
    const int64_t max = static_cast<int64_t>(std::numeric_limits<T>::max());
    EMBER_CHECK(n - 1 <= max,
                "randperm: n={} is too large for result dtype {} (its largest value is {})", n,
                dtype, max);
  });
}

}  // namespace

Tensor& native::uniform_(Tensor& self, double from, double to) {
  if (!is_floating_type(self.dtype())) {
    detail::throw_dtype_not_implemented("uniform_", self.dtype(), self.device().type());
  }
  const double max = float_max(self.dtype());
  EMBER_CHECK(from >= -max && from <= max, "uniform_: from={} is out of bounds for {}", from,
              self.dtype());
  EMBER_CHECK(to >= -max && to <= max, "uniform_: to={} is out of bounds for {}", to, self.dtype());
  EMBER_CHECK(from <= to,
              "uniform_ expects to return a [from, to) range, but found from={} > to={}", from, to);
  EMBER_CHECK(to - from <= max,
              "uniform_ expects to-from <= std::numeric_limits<{}>::max(), but found to={} and "
              "from={} which result in to-from to exceed the limit",
              self.dtype(), to, from);
  get_kernel<Kernel::uniform>(self.device().type())(self, generator_for(self), from, to);
  return self;
}

Tensor& native::normal_(Tensor& self, double mean, double std) {
  EMBER_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std {}", std);
  if (!is_floating_type(self.dtype())) {
    detail::throw_dtype_not_implemented("normal_", self.dtype(), self.device().type());
  }
  get_kernel<Kernel::normal>(self.device().type())(self, generator_for(self), mean, std);
  return self;
}

// rand and randn draw floating values only; saying so names the user's call rather than the
// uniform_/normal_ that would fill the tensor.
void check_floating_result(const char* op, const Tensor& t) {
  EMBER_CHECK(is_floating_type(t.dtype()),
              "{}: expected a floating point dtype (Half, BFloat16, Float or Double), got {}", op,
              t.dtype());
}

Tensor rand(IntArrayRef size, const TensorOptions& options) {
  Tensor t = new_tensor(size, options, default_dtype());
  check_floating_result("rand", t);
  t.uniform_(0, 1);
  return finish(t, options);
}

Tensor randn(IntArrayRef size, const TensorOptions& options) {
  Tensor t = new_tensor(size, options, default_dtype());
  check_floating_result("randn", t);
  t.normal_(0, 1);
  return finish(t, options);
}

Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options) {
  Tensor t = new_tensor(size, options, kLong);
  random_from_to(t, low, high, RangeCall{"randint", "low", "high"});
  return finish(t, options);
}

Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options) {
  return randint(0, high, size, options);
}

Tensor randperm(int64_t n, const TensorOptions& options) {
  EMBER_CHECK(n >= 0, "randperm: n must be non-negative, got {}", n);
  check_randperm_fits(n, options.dtype_opt().value_or(kLong));  // before allocating n values
  Tensor t = new_tensor({n}, options, kLong);
  get_kernel<Kernel::randperm>(t.device().type())(t, generator_for(t));
  return finish(t, options);
}

}  // namespace ember
