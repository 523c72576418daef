// torch.autograd.functional on the reverse-mode engine; the steps, their order and the errors
// follow torch/autograd/functional.py.

#include "ember/autograd/Functional.h"

#include <optional>
#include <string_view>

#include "ember/autograd/Autograd.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::autograd::functional {

namespace {

// Functions of several tensors to several tensors: every public form reduces to this.
using ListToListFn = std::function<variable_list(const variable_list&)>;

// Fresh tensors for the user's function, so that the inputs given keep their state: aliases
// that carry the inputs' history when the result must be differentiable with respect to them,
// detached copies of the handle otherwise (requiring grad when the engine needs a graph).
variable_list grad_preprocess(const variable_list& inputs, bool create_graph, bool need_graph) {
  variable_list res;
  res.reserve(inputs.size());
  for (const Tensor& in : inputs) {
    if (create_graph && in.requires_grad()) {
      res.push_back(in.view_as(in));
    } else {
      res.push_back(in.detach().requires_grad_(need_graph));
    }
  }
  return res;
}

// Results without history unless the caller asked for a graph.
variable_list grad_postprocess(variable_list ts, bool create_graph) {
  if (create_graph) return ts;
  for (Tensor& t : ts) {
    if (t.defined()) t = t.detach();
  }
  return ts;
}

// Errors for tensors that do not require grad in strict mode; `kind` says which step made them.
void check_requires_grad(const variable_list& ts, std::string_view kind, bool strict) {
  if (!strict) return;
  for (size_t i = 0; i < ts.size(); ++i) {
    EMBER_CHECK(ts[i].defined(),
                "The output of the user-provided function is independent of input {}. This is "
                "not allowed in strict mode.",
                i);
    if (ts[i].requires_grad()) continue;
    if (kind == "hessian") {
      EMBER_FAIL(
          "The hessian of the user-provided function with respect to input {} is independent "
          "of the input. This is not allowed in strict mode. You should ensure that your "
          "function is thrice differentiable and that the hessian depends on the inputs.",
          i);
    } else if (kind == "jacobian") {
      EMBER_FAIL(
          "While computing the hessian, found that the jacobian of the user-provided function "
          "with respect to input {} is independent of the input. This is not allowed in strict "
          "mode. You should ensure that your function is twice differentiable and that the "
          "jacobian depends on the inputs (this would be violated by a linear function for "
          "example).",
          i);
    } else if (kind == "grad_inputs") {
      EMBER_FAIL(
          "The gradient with respect to input {} is independent of the inputs of the "
          "user-provided function. This is not allowed in strict mode.",
          i);
    } else {
      EMBER_FAIL(
          "Output {} of the user-provided function does not require gradients. The outputs "
          "must be computed in a differentiable manner from the input when running in strict "
          "mode.",
          i);
    }
  }
}

// grad() that skips the outputs without a graph (and their grad_outputs) and gives undefined
// tensors for the inputs nothing reaches.
variable_list autograd_grad(const variable_list& outputs, const variable_list& inputs,
                            const variable_list& grad_outputs, bool create_graph,
                            std::optional<bool> retain_graph = std::nullopt) {
  variable_list used_outputs, used_grads;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i].defined() || !outputs[i].requires_grad()) continue;
    used_outputs.push_back(outputs[i]);
    used_grads.push_back(grad_outputs.empty() ? Tensor() : grad_outputs.at(i));
  }
  if (used_outputs.empty()) return variable_list(inputs.size());
  return grad(used_outputs, inputs, used_grads, retain_graph, create_graph,
              /*allow_unused=*/true);
}

enum class Stage { kBack, kBackTrick };

// Zeros shaped as `refs` where no gradient arrived, or the strict-mode errors.
variable_list fill_in_zeros(variable_list grads, const variable_list& refs, bool strict,
                            bool create_graph, Stage stage) {
  for (size_t i = 0; i < grads.size(); ++i) {
    if (!grads[i].defined()) {
      if (strict && stage == Stage::kBack) {
        EMBER_FAIL(
            "The output of the user-provided function is independent of input {}. This is not "
            "allowed in strict mode.",
            i);
      }
      if (strict) {
        EMBER_FAIL(
            "The gradient with respect to the input is independent of entry {} in the "
            "grad_outputs when using the double backward trick to compute forward mode "
            "gradients. This is not allowed in strict mode.",
            i);
      }
      grads[i] = zeros_like(refs[i]);
    } else {
      EMBER_CHECK(!(strict && create_graph && !grads[i].requires_grad()),
                  "The jacobian of the user-provided function is independent of input {}. This "
                  "is not allowed in strict mode when create_graph=True.",
                  i);
    }
  }
  return grads;
}

void validate_v(const variable_list& v, const variable_list& other, bool is_other_tuple) {
  if (v.size() != other.size()) {
    EMBER_CHECK(!is_other_tuple, "v is a tuple of invalid length: should be {} but got {}.",
                other.size(), v.size());
    EMBER_FAIL("The given v should contain a single Tensor.");
  }
  for (size_t i = 0; i < v.size(); ++i) {
    EMBER_CHECK(v[i].sizes() == other[i].sizes(), "{}v has invalid size: should be {} but got {}.",
                is_other_tuple ? fmt::format("Entry {} in ", i) : std::string(), other[i].sizes(),
                v[i].sizes());
  }
}

// The gradient of `out` with a one at flat position `index` and zeros elsewhere: row `index`
// of the Jacobian, by one backward pass.
Tensor basis_vector(const Tensor& out, int64_t index) {
  Tensor e = zeros({out.numel()}, TensorOptions().dtype(out.dtype()).device(out.device()));
  {
    NoGradGuard no_grad;
    e[index].fill_(1);
  }
  return e.view(out.sizes());
}

DimVector concat_sizes(IntArrayRef a, IntArrayRef b) {
  DimVector sizes(a);
  for (int64_t s : b) sizes.push_back(s);
  return sizes;
}

// jacobian[i][j]: the Jacobian of output i with respect to input j.
std::vector<variable_list> jacobian_impl(const ListToListFn& func, const variable_list& given,
                                         bool create_graph, bool strict) {
  AutoGradMode enable_grad(true);
  const variable_list inputs = grad_preprocess(given, create_graph, /*need_graph=*/true);
  const variable_list outputs = func(inputs);
  check_requires_grad(outputs, "outputs", strict);

  std::vector<variable_list> jacobian;
  jacobian.reserve(outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& out = outputs[i];
    std::vector<variable_list> rows(inputs.size());
    for (int64_t j = 0; j < out.numel(); ++j) {
      const variable_list vj = autograd_grad({out}, inputs, {basis_vector(out, j)}, create_graph,
                                             /*retain_graph=*/true);
      for (size_t k = 0; k < inputs.size(); ++k) {
        if (vj[k].defined()) {
          EMBER_CHECK(!(strict && create_graph && !vj[k].requires_grad()),
                      "The jacobian of the user-provided function is independent of input {}. "
                      "This is not allowed in strict mode when create_graph=True.",
                      i);
          rows[k].push_back(vj[k]);
        } else {
          EMBER_CHECK(!strict,
                      "Output {} of the user-provided function is independent of input {}. This "
                      "is not allowed in strict mode.",
                      i, k);
          rows[k].push_back(zeros_like(inputs[k]));
        }
      }
    }
    variable_list per_input;
    per_input.reserve(inputs.size());
    for (size_t k = 0; k < inputs.size(); ++k) {
      const DimVector sizes = concat_sizes(out.sizes(), inputs[k].sizes());
      if (rows[k].empty()) {
        per_input.push_back(
            zeros(sizes, TensorOptions().dtype(inputs[k].dtype()).device(inputs[k].device())));
      } else {
        per_input.push_back(stack(rows[k], 0).view(sizes));
      }
    }
    jacobian.push_back(grad_postprocess(std::move(per_input), create_graph));
  }
  return jacobian;
}

std::vector<variable_list> hessian_impl(const TensorListFn& func, const variable_list& inputs,
                                        bool create_graph, bool strict) {
  // The gradient of the one-element output, kept differentiable: its Jacobian is the Hessian.
  const ListToListFn jac_func = [&](const variable_list& inp) {
    const Tensor out = func(inp);
    check_requires_grad({out}, "outputs", strict);
    EMBER_CHECK(out.defined(), "The function given to hessian should return a single Tensor");
    EMBER_CHECK(out.numel() == 1,
                "The Tensor returned by the function given to hessian should contain a single "
                "element");
    variable_list jac = fill_in_zeros(autograd_grad({out}, inp, {}, /*create_graph=*/true), inp,
                                      /*strict=*/false, /*create_graph=*/true, Stage::kBack);
    check_requires_grad(jac, "jacobian", strict);
    return jac;
  };
  return jacobian_impl(jac_func, inputs, create_graph, strict);
}

std::pair<Tensor, variable_list> vjp_impl(const TensorListFn& func, const variable_list& given,
                                          const Tensor& given_v, bool create_graph, bool strict) {
  variable_list inputs;
  Tensor out;
  variable_list v;
  {
    AutoGradMode enable_grad(true);
    inputs = grad_preprocess(given, create_graph, /*need_graph=*/true);
    out = func(inputs);
    check_requires_grad({out}, "outputs", strict);
    if (given_v.defined()) {
      v = grad_preprocess({given_v}, create_graph, /*need_graph=*/false);
      validate_v(v, {out}, /*is_other_tuple=*/false);
    } else {
      EMBER_CHECK(out.numel() == 1,
                  "The vector v can only be None if the user-provided function returns a single "
                  "Tensor with a single element.");
    }
  }
  AutoGradMode mode(create_graph || GradMode::is_enabled());
  variable_list vjp = fill_in_zeros(autograd_grad({out}, inputs, v, create_graph), inputs, strict,
                                    create_graph, Stage::kBack);
  return {grad_postprocess({out}, create_graph)[0], grad_postprocess(std::move(vjp), create_graph)};
}

std::pair<Tensor, Tensor> jvp_impl(const TensorListFn& func, const variable_list& given,
                                   const variable_list& given_v, bool is_inputs_tuple,
                                   bool create_graph, bool strict) {
  Tensor out;
  Tensor grad_output;
  variable_list grad_inputs;
  variable_list v;
  {
    AutoGradMode enable_grad(true);
    const variable_list inputs = grad_preprocess(given, create_graph, /*need_graph=*/true);
    if (!given_v.empty()) {
      v = grad_preprocess(given_v, create_graph, /*need_graph=*/false);
      validate_v(v, inputs, is_inputs_tuple);
    } else {
      EMBER_CHECK(inputs.size() == 1 && inputs[0].numel() == 1,
                  "The vector v can only be None if the input to the user-provided function is a "
                  "single Tensor with a single element.");
    }
    out = func(inputs);
    check_requires_grad({out}, "outputs", strict);
    // The backward is linear in grad_output, so its value does not matter (zeros keep inf and
    // nan out): the gradient of (v . grad_inputs) with respect to it is J v.
    grad_output = zeros_like(out).requires_grad_(true);
    grad_inputs = autograd_grad({out}, inputs, {grad_output}, /*create_graph=*/true);
    check_requires_grad(grad_inputs, "grad_inputs", strict);
  }
  AutoGradMode mode(create_graph || GradMode::is_enabled());
  const variable_list jvp =
      fill_in_zeros(autograd_grad(grad_inputs, {grad_output}, v, create_graph), {out}, strict,
                    create_graph, Stage::kBackTrick);
  return {grad_postprocess({out}, create_graph)[0], grad_postprocess(jvp, create_graph)[0]};
}

TensorListFn on_first(const TensorFn& func) {
  return [&func](const variable_list& in) { return func(in.at(0)); };
}

}  // namespace

Tensor jacobian(const TensorFn& func, const Tensor& inputs, bool create_graph, bool strict) {
  const TensorListFn f = on_first(func);
  return jacobian(f, variable_list{inputs}, create_graph, strict).at(0);
}

variable_list jacobian(const TensorListFn& func, const variable_list& inputs, bool create_graph,
                       bool strict) {
  const ListToListFn f = [&func](const variable_list& in) { return variable_list{func(in)}; };
  return jacobian_impl(f, inputs, create_graph, strict).at(0);
}

Tensor hessian(const TensorFn& func, const Tensor& inputs, bool create_graph, bool strict) {
  return hessian_impl(on_first(func), {inputs}, create_graph, strict).at(0).at(0);
}

std::vector<variable_list> hessian(const TensorListFn& func, const variable_list& inputs,
                                   bool create_graph, bool strict) {
  return hessian_impl(func, inputs, create_graph, strict);
}

std::pair<Tensor, Tensor> vjp(const TensorFn& func, const Tensor& inputs, const Tensor& v,
                              bool create_graph, bool strict) {
  auto [out, grads] = vjp_impl(on_first(func), {inputs}, v, create_graph, strict);
  return {out, grads.at(0)};
}

std::pair<Tensor, variable_list> vjp(const TensorListFn& func, const variable_list& inputs,
                                     const Tensor& v, bool create_graph, bool strict) {
  return vjp_impl(func, inputs, v, create_graph, strict);
}

std::pair<Tensor, Tensor> jvp(const TensorFn& func, const Tensor& inputs, const Tensor& v,
                              bool create_graph, bool strict) {
  return jvp_impl(on_first(func), {inputs}, v.defined() ? variable_list{v} : variable_list{},
                  /*is_inputs_tuple=*/false, create_graph, strict);
}

std::pair<Tensor, Tensor> jvp(const TensorListFn& func, const variable_list& inputs,
                              const variable_list& v, bool create_graph, bool strict) {
  return jvp_impl(func, inputs, v, /*is_inputs_tuple=*/true, create_graph, strict);
}

}  // namespace ember::autograd::functional
