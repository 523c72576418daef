#include "autograd/Formula.h"

#include "ember/core/Check.h"

namespace ember::autograd {

void FormulaTable::set(GradOp op, Saves saves, BackwardFormula backward) {
  entries_[static_cast<int>(op)] = FormulaEntry{backward, saves};
}

const FormulaTable& formula_table() {
  static const FormulaTable table = [] {
    FormulaTable t;
    register_arithmetic_formulas(t);
    register_unary_formulas(t);
    register_reduction_formulas(t);
    register_linear_algebra_formulas(t);
    register_linalg_formulas(t);
    register_indexing_formulas(t);
    register_view_formulas(t);
    register_copy_formulas(t);
    register_shape_formulas(t);
    register_convolution_formulas(t);
    register_sorting_formulas(t);
    register_math_formulas(t);
    return t;
  }();
  return table;
}

const FormulaEntry& formula_for(GradOp op) {
  const FormulaEntry& entry = formula_table().get(op);
  EMBER_CHECK(entry.backward != nullptr, "the derivative for '{}' is not implemented",
              detail::grad_op_name(op));
  return entry;
}

}  // namespace ember::autograd
