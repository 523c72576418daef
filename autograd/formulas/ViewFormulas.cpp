// Backward of the view ops: the gradient of a view is laid back into its base's shape.

#include <algorithm>

#include "autograd/Formula.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {
int64_t storage_extent(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  int64_t last = offset;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) return offset;
    last += (sizes[d] - 1) * strides[d];
  }
  return last + 1;
}
}  // namespace

void register_view_formulas(FormulaTable& t) {
  // as_strided: output geometry ints (sizes), ints2 (strides), int0 (offset); the input's
  // strides in positions and its offset in int1.
  t.set(GradOp::as_strided, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    const InputMetadata& in = c.input_meta(0);
    const IntArrayRef in_strides(a.positions.data(), a.positions.size());
    for (size_t d = 0; d < a.ints.size(); ++d) {
      EMBER_CHECK(!(a.ints2[d] == 0 && a.ints[d] > 1),
                  "as_strided backward: views whose elements overlap are not supported");
    }
    const int64_t extent = std::max(storage_extent(in.sizes, in_strides, a.int1),
                                    storage_extent(a.ints, a.ints2, a.int0));
    Tensor buffer = zeros({extent}, TensorOptions().dtype(g[0].dtype()).device(g[0].device()));
    buffer.as_strided(a.ints, a.ints2, a.int0).copy_(g[0]);
    return variable_list{buffer.as_strided(in.sizes, in_strides, a.int1)};
  });
}

}  // namespace ember::autograd
