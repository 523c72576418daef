#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

void register_indexing_formulas(FormulaTable& /*t*/) {}

}  // namespace ember::autograd
