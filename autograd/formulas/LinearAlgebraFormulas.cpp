#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

void register_linear_algebra_formulas(FormulaTable& /*t*/) {}

}  // namespace ember::autograd
