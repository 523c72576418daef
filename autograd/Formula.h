#pragma once

// A backward formula: the gradients of an op's inputs from those of its outputs, written in
// public Ember ops so that it records when the backward pass itself is differentiated
// (create_graph: double backward, Hessians). One file per op family in autograd/formulas/
// fills the table (FormulaTable.cpp), keyed by detail::GradOp.
//
// The engine reduces each returned gradient to its input's shape (broadcasting), dtype
// (promotion) and device, so formulas never sum over broadcast dims themselves.

#include <cstdint>

#include "core/AutogradHooks.h"
#include "ember/autograd/Node.h"
#include "ember/core/Export.h"

namespace ember::autograd {

using detail::GradOp;
using detail::OpAttrs;

/// What a formula sees of the forward op.
class FormulaContext {
 public:
  virtual ~FormulaContext() = default;
  /// The forward op's input `i` / output `i` (saved when the formula's entry asks for them).
  virtual Tensor input(size_t i) const = 0;
  virtual Tensor output(size_t i) const = 0;
  /// A non-differentiable tensor argument (OpAttrs::tensors): indices, masks, conditions.
  virtual Tensor extra(size_t i) const = 0;
  /// Shape, dtype and device of input `i`, kept even when the input itself is not.
  virtual const InputMetadata& input_meta(size_t i) const = 0;
  virtual size_t num_inputs() const = 0;
  /// The non-tensor arguments.
  virtual const OpAttrs& attrs() const = 0;
  /// Whether input `i` needs a gradient (leave it undefined otherwise).
  virtual bool needs_input_grad(size_t i) const = 0;
};

/// grads[j] is the gradient of output j (zeros where none arrived, for ops with several);
/// the result has one entry per input, undefined for inputs without a gradient.
using BackwardFormula = variable_list (*)(const FormulaContext& ctx, const variable_list& grads);

/// What the node must keep for the formula.
enum class Saves : uint8_t {
  kNothing = 0,
  kInputs = 1,
  kOutputs = 2,
  kInputsAndOutputs = 3,
};

struct FormulaEntry {
  BackwardFormula backward = nullptr;
  Saves saves = Saves::kNothing;
};

/// The table being filled: each family file registers its ops here.
class EMBER_INTERNAL_API FormulaTable {
 public:
  void set(GradOp op, Saves saves, BackwardFormula backward);
  const FormulaEntry& get(GradOp op) const { return entries_[static_cast<int>(op)]; }

 private:
  FormulaEntry entries_[detail::kNumGradOps];
};

/// The filled table (built on first use).
EMBER_INTERNAL_API const FormulaTable& formula_table();
/// The entry for `op`; an error naming the op when it has none.
EMBER_INTERNAL_API const FormulaEntry& formula_for(GradOp op);

// One function per family file, each registering its ops.
void register_arithmetic_formulas(FormulaTable& table);
void register_unary_formulas(FormulaTable& table);
void register_reduction_formulas(FormulaTable& table);
void register_linear_algebra_formulas(FormulaTable& table);
void register_linalg_formulas(FormulaTable& table);
void register_indexing_formulas(FormulaTable& table);
void register_view_formulas(FormulaTable& table);
void register_copy_formulas(FormulaTable& table);
void register_shape_formulas(FormulaTable& table);
void register_convolution_formulas(FormulaTable& table);
void register_sorting_formulas(FormulaTable& table);
void register_math_formulas(FormulaTable& table);

}  // namespace ember::autograd
