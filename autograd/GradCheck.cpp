#include "ember/autograd/GradCheck.h"

#include <cmath>
#include <sstream>

#include "ember/autograd/Autograd.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::autograd {

namespace {

// The outputs of `fn` that are floating point (only those have gradients), flattened.
variable_list differentiable_outputs(const variable_list& outputs) {
  variable_list out;
  for (const Tensor& t : outputs) {
    if (t.defined() && t.is_floating_point()) out.push_back(t);
  }
  return out;
}

// Copies of outputs: one evaluation's outputs are kept while the inputs are perturbed in place
// for the next, and an output that is a view of an input would follow the perturbation.
variable_list cloned(const variable_list& outputs) {
  variable_list out;
  for (const Tensor& t : outputs) out.push_back(t.clone());
  return out;
}

// Jacobian d out_j / d in_i by central differences: [in.numel(), out.numel()] per pair.
std::vector<std::vector<Tensor>> numerical_jacobian(const GradCheckFn& fn,
                                                    const variable_list& inputs,
                                                    const std::vector<size_t>& wrt,
                                                    const variable_list& outputs, double eps) {
  // fn runs with grad mode as the caller has it: gradgradcheck's fn differentiates inside.
  std::vector<std::vector<Tensor>> jac(wrt.size());
  for (size_t k = 0; k < wrt.size(); ++k) {
    const Tensor& input = inputs[wrt[k]];
    Tensor flat = input.data();  // perturbed in place without autograd noticing
    const int64_t n = input.numel();
    for (const Tensor& o : outputs) {
      jac[k].push_back(zeros({n, o.numel()}, TensorOptions().dtype(kDouble)));
    }
    for (int64_t e = 0; e < n; ++e) {
      // Index element e of a tensor of any layout through its contiguous coordinates.
      Tensor element = flat;
      int64_t rest = e;
      DimVector coords(static_cast<size_t>(input.dim()));
      for (int64_t d = input.dim() - 1; d >= 0; --d) {
        coords[d] = rest % input.size(d);
        rest /= input.size(d);
      }
      for (int64_t d = 0; d < input.dim(); ++d) element = element.select(0, coords[d]);
      const double original = element.item<double>();
      element.fill_(original + eps);
      const variable_list plus = cloned(differentiable_outputs(fn(inputs)));
      element.fill_(original - eps);
      const variable_list minus = cloned(differentiable_outputs(fn(inputs)));
      element.fill_(original);
      for (size_t j = 0; j < outputs.size(); ++j) {
        const Tensor diff = (plus[j].to(kDouble) - minus[j].to(kDouble)).reshape({-1}) / (2 * eps);
        jac[k][j].select(0, e).copy_(diff);
      }
    }
  }
  return jac;
}

// Jacobian by backward passes with one-hot output gradients: the same layout.
std::vector<std::vector<Tensor>> analytical_jacobian(const variable_list& inputs,
                                                     const std::vector<size_t>& wrt,
                                                     const variable_list& outputs) {
  std::vector<std::vector<Tensor>> jac(wrt.size());
  variable_list wrt_inputs;
  for (size_t k = 0; k < wrt.size(); ++k) {
    wrt_inputs.push_back(inputs[wrt[k]]);
    for (const Tensor& o : outputs) {
      jac[k].push_back(zeros({inputs[wrt[k]].numel(), o.numel()}, TensorOptions().dtype(kDouble)));
    }
  }
  for (size_t j = 0; j < outputs.size(); ++j) {
    const Tensor& out = outputs[j];
    if (!out.requires_grad()) continue;
    for (int64_t e = 0; e < out.numel(); ++e) {
      Tensor one_hot = zeros({out.numel()}, TensorOptions().dtype(out.dtype()));
      one_hot[e].fill_(1);
      const variable_list grads =
          grad({out}, wrt_inputs, {one_hot.view(out.sizes()).to(out.device())},
               /*retain_graph=*/true, false, /*allow_unused=*/true);
      for (size_t k = 0; k < wrt.size(); ++k) {
        if (grads[k].defined()) {
          jac[k][j].select(1, e).copy_(grads[k].to(kDouble).cpu().reshape({-1}));
        }
      }
    }
  }
  return jac;
}

}  // namespace

bool gradcheck(const GradCheckFn& fn, const variable_list& inputs, double eps, double atol,
               double rtol, bool raise_exception) {
  std::vector<size_t> wrt;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].defined() && inputs[i].requires_grad()) wrt.push_back(i);
  }
  EMBER_CHECK(!wrt.empty(), "gradcheck expects at least one input tensor to require gradient");
  const variable_list outputs = differentiable_outputs(fn(inputs));
  const auto numerical = numerical_jacobian(fn, inputs, wrt, outputs, eps);
  const auto analytical = analytical_jacobian(inputs, wrt, outputs);
  for (size_t k = 0; k < wrt.size(); ++k) {
    for (size_t j = 0; j < outputs.size(); ++j) {
      const Tensor& a = analytical[k][j];
      const Tensor& n = numerical[k][j].to(a.device());
      const bool ok = (a - n).abs().le(n.abs() * rtol + atol).all().item<bool>();
      if (ok) continue;
      if (!raise_exception) return false;
      std::ostringstream detail;
      detail << "numerical:" << n << "\nanalytical:" << a;
      EMBER_FAIL("Jacobian mismatch for output {} with respect to input {},\n{}", j, wrt[k],
                 detail.str());
    }
  }
  return true;
}

bool gradgradcheck(const GradCheckFn& fn, const variable_list& inputs,
                   const variable_list& grad_outputs, double eps, double atol, double rtol,
                   bool raise_exception) {
  variable_list grads_out = grad_outputs;
  if (grads_out.empty()) {
    const variable_list outputs = differentiable_outputs(fn(inputs));
    for (const Tensor& o : outputs) {
      grads_out.push_back(randn(o.sizes(), TensorOptions().dtype(kDouble).device(o.device()))
                              .to(o.dtype())
                              .requires_grad_());
    }
  }
  const size_t num_inputs = inputs.size();
  variable_list all = inputs;
  all.insert(all.end(), grads_out.begin(), grads_out.end());
  const GradCheckFn first_derivative = [&fn, num_inputs](const variable_list& args) {
    // gradcheck evaluates this under NoGradGuard for its finite differences: the first
    // derivative still needs the graph of fn.
    AutoGradMode enable(true);
    const variable_list in(args.begin(), args.begin() + static_cast<long>(num_inputs));
    const variable_list gout(args.begin() + static_cast<long>(num_inputs), args.end());
    variable_list wrt;
    for (const Tensor& t : in) {
      if (t.defined() && t.requires_grad()) wrt.push_back(t);
    }
    const variable_list outputs = differentiable_outputs(fn(in));
    variable_list grads = grad(outputs, wrt, gout, true, /*create_graph=*/true,
                               /*allow_unused=*/true);
    variable_list result;
    for (size_t i = 0; i < grads.size(); ++i) {
      result.push_back(grads[i].defined() ? grads[i] : zeros_like(wrt[i]));
    }
    return result;
  };
  return gradcheck(first_derivative, all, eps, atol, rtol, raise_exception);
}

}  // namespace ember::autograd
