// The math family's gradient cases: the unary functions (out of place, in place, in place on
// a view), atan2, hypot, remainder, fmod, lerp, addcmul / addcdiv, nan_to_num and the
// activations softplus, silu, mish, elu / selu, hardtanh and log_sigmoid. Inputs are drawn in
// (-1, 1) and moved into each function's domain away from its kinks.

#include <string>
#include <vector>

#include "cases/CaseHelpers.h"
#include "cases/OpCase.h"

namespace ember_test {

using cases::Fn;
using cases::Shapes;
using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

namespace {

using cases::kBinaryShapes;
using cases::kUnaryShapes;

void add(std::vector<OpCase>& c, const std::string& name, GradOp op, const Fn& fn,
         const std::vector<Shapes>& shape_sets) {
  cases::add_each(c, name, op, fn, shape_sets);
}

// f applied to domain(x): out of place, in place on a non-leaf, in place on a view of one.
template <class Domain, class Out, class In>
void add_unary(std::vector<OpCase>& c, const std::string& name, GradOp op, Domain domain, Out out,
               In in) {
  add(
      c, name, op, [=](const variable_list& v) { return variable_list{out(domain(v[0]))}; },
      kUnaryShapes);
  add(
      c, name + "_", op,
      [=](const variable_list& v) {
        Tensor y = domain(v[0]);
        in(y);
        return variable_list{y};
      },
      kUnaryShapes);
  add(c, name + "_/view", op,
      [=](const variable_list& v) {
        Tensor y = domain(v[0]);
        Tensor part = y.as_strided({3, 2}, {4, 1}, 1);
        in(part);
        return variable_list{y};
      },
      {{{3, 4}}});
}

Tensor identity(const Tensor& x) { return x * 1.0; }
Tensor shrink(const Tensor& x) { return x * 0.9; }       // inside (-1, 1)
Tensor above_one(const Tensor& x) { return x + 2.5; }    // inside (1.5, 3.5)
Tensor positive(const Tensor& x) { return x + 2; }       // inside (1, 3)
Tensor spread(const Tensor& x) { return x * 3 + 0.05; }  // both signs, away from 0

}  // namespace

std::vector<OpCase> math_cases() {
  using namespace ember;
  std::vector<OpCase> c;
  // clang-format off
  add_unary(c, "erf", GradOp::erf, identity, [](const Tensor& x) { return x.erf(); }, [](Tensor& x) { x.erf_(); });
  add_unary(c, "erfc", GradOp::erfc, identity, [](const Tensor& x) { return x.erfc(); }, [](Tensor& x) { x.erfc_(); });
  add_unary(c, "erfinv", GradOp::erfinv, shrink, [](const Tensor& x) { return x.erfinv(); }, [](Tensor& x) { x.erfinv_(); });
  add_unary(c, "asin", GradOp::asin, shrink, [](const Tensor& x) { return x.asin(); }, [](Tensor& x) { x.asin_(); });
  add_unary(c, "acos", GradOp::acos, shrink, [](const Tensor& x) { return x.acos(); }, [](Tensor& x) { x.acos_(); });
  add_unary(c, "atan", GradOp::atan, spread, [](const Tensor& x) { return x.atan(); }, [](Tensor& x) { x.atan_(); });
  add_unary(c, "sinh", GradOp::sinh, identity, [](const Tensor& x) { return x.sinh(); }, [](Tensor& x) { x.sinh_(); });
  add_unary(c, "cosh", GradOp::cosh, identity, [](const Tensor& x) { return x.cosh(); }, [](Tensor& x) { x.cosh_(); });
  add_unary(c, "asinh", GradOp::asinh, spread, [](const Tensor& x) { return x.asinh(); }, [](Tensor& x) { x.asinh_(); });
  add_unary(c, "acosh", GradOp::acosh, above_one, [](const Tensor& x) { return x.acosh(); }, [](Tensor& x) { x.acosh_(); });
  add_unary(c, "atanh", GradOp::atanh, shrink, [](const Tensor& x) { return x.atanh(); }, [](Tensor& x) { x.atanh_(); });
  add_unary(c, "tan", GradOp::tan, identity, [](const Tensor& x) { return x.tan(); }, [](Tensor& x) { x.tan_(); });
  add_unary(c, "expm1", GradOp::expm1, identity, [](const Tensor& x) { return x.expm1(); }, [](Tensor& x) { x.expm1_(); });
  add_unary(c, "log2", GradOp::log2, positive, [](const Tensor& x) { return x.log2(); }, [](Tensor& x) { x.log2_(); });
  add_unary(c, "log10", GradOp::log10, positive, [](const Tensor& x) { return x.log10(); }, [](Tensor& x) { x.log10_(); });
  add_unary(c, "exp2", GradOp::exp2, identity, [](const Tensor& x) { return x.exp2(); }, [](Tensor& x) { x.exp2_(); });
  add_unary(c, "trunc", GradOp::trunc, spread, [](const Tensor& x) { return x.trunc(); }, [](Tensor& x) { x.trunc_(); });
  add_unary(c, "frac", GradOp::frac, spread, [](const Tensor& x) { return x.frac(); }, [](Tensor& x) { x.frac_(); });
  add_unary(c, "remainder_scalar", GradOp::remainder_scalar, spread, [](const Tensor& x) { return x.remainder(0.7); }, [](Tensor& x) { x.remainder_(0.7); });
  add_unary(c, "fmod_scalar", GradOp::fmod_scalar, spread, [](const Tensor& x) { return x.fmod(0.7); }, [](Tensor& x) { x.fmod_(0.7); });
  add_unary(c, "nan_to_num", GradOp::nan_to_num, identity, [](const Tensor& x) { return x.nan_to_num(); }, [](Tensor& x) { x.nan_to_num_(); });
  add_unary(c, "silu", GradOp::silu, spread, [](const Tensor& x) { return silu(x); }, [](Tensor& x) { silu_(x); });
  add_unary(c, "mish", GradOp::mish, spread, [](const Tensor& x) { return mish(x); }, [](Tensor& x) { mish_(x); });
  add_unary(c, "elu", GradOp::elu, spread, [](const Tensor& x) { return elu(x, 0.7); }, [](Tensor& x) { elu_(x, 0.7); });
  add_unary(c, "elu_scaled", GradOp::elu, spread, [](const Tensor& x) { return elu(x, 0.7, 1.5, 0.5); }, [](Tensor& x) { elu_(x, 0.7, 1.5, 0.5); });
  add_unary(c, "selu", GradOp::elu, spread, [](const Tensor& x) { return selu(x); }, [](Tensor& x) { selu_(x); });
  add_unary(c, "hardtanh", GradOp::hardtanh, spread, [](const Tensor& x) { return hardtanh(x, -1.3, 1.7); }, [](Tensor& x) { hardtanh_(x, -1.3, 1.7); });
  add(c, "softplus", GradOp::softplus, cases::unary([](const Tensor& x) { return softplus(spread(x)); }), kUnaryShapes);
  add(c, "softplus_threshold", GradOp::softplus, cases::unary([](const Tensor& x) { return softplus(spread(x), 2, 1.1); }), kUnaryShapes);
  add(c, "log_sigmoid", GradOp::log_sigmoid, cases::unary([](const Tensor& x) { return log_sigmoid(spread(x)); }), kUnaryShapes);
  add(c, "atan2", GradOp::atan2, [](const variable_list& v) { return variable_list{atan2(v[0], spread(v[1]))}; }, kBinaryShapes);
  add(c, "atan2_", GradOp::atan2, [](const variable_list& v) { Tensor y = v[0] * 1.0; y.atan2_(spread(v[1])); return variable_list{y}; }, {{{3, 4}, {3, 4}}, {{3, 4}, {1, 4}}});
  add(c, "hypot", GradOp::hypot, [](const variable_list& v) { return variable_list{hypot(spread(v[0]), v[1])}; }, kBinaryShapes);
  add(c, "remainder", GradOp::remainder, [](const variable_list& v) { return variable_list{remainder(spread(v[0]), v[1] + 2)}; }, kBinaryShapes);
  add(c, "fmod", GradOp::fmod, [](const variable_list& v) { return variable_list{fmod(spread(v[0]), v[1] + 2)}; }, kBinaryShapes);
  add(c, "lerp", GradOp::lerp, [](const variable_list& v) { return variable_list{lerp(v[0], v[1], 0.3)}; }, kBinaryShapes);
  add(c, "lerp_", GradOp::lerp, [](const variable_list& v) { Tensor y = v[0] * 1.0; y.lerp_(v[1], 0.7); return variable_list{y}; }, {{{3, 4}, {3, 4}}});
  add(c, "lerp_tensor", GradOp::lerp_tensor, [](const variable_list& v) { return variable_list{lerp(v[0], v[1], v[2])}; }, {{{3, 4}, {3, 4}, {3, 4}}, {{3, 1}, {1, 4}, {}}, {{0, 3}, {0, 3}, {0, 3}}});
  add(c, "addcmul", GradOp::addcmul, [](const variable_list& v) { return variable_list{addcmul(v[0], v[1], v[2], 0.5)}; }, {{{3, 4}, {3, 4}, {3, 4}}, {{3, 1}, {1, 4}, {}}, {{0, 3}, {0, 3}, {0, 3}}});
  add(c, "addcmul_", GradOp::addcmul, [](const variable_list& v) { Tensor y = v[0] * 1.0; y.addcmul_(v[1], v[2], 2); return variable_list{y}; }, {{{3, 4}, {3, 4}, {1, 4}}});
  add(c, "addcdiv", GradOp::addcdiv, [](const variable_list& v) { return variable_list{addcdiv(v[0], v[1], v[2] + 2, 0.5)}; }, {{{3, 4}, {3, 4}, {3, 4}}, {{3, 1}, {1, 4}, {}}, {{0, 3}, {0, 3}, {0, 3}}});
  add(c, "addcdiv_", GradOp::addcdiv, [](const variable_list& v) { Tensor y = v[0] * 1.0; y.addcdiv_(v[1], v[2] + 2, 2); return variable_list{y}; }, {{{3, 4}, {3, 4}, {1, 4}}});
  // clang-format on
  return c;
}

}  // namespace ember_test
