// Host-side helpers of the elementwise driver (kept out of the .cu files).

#include "backends/cuda/ElementwiseCore.h"
#include "core/TensorIterator.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::cuda::loops {

void throw_operand_mismatch(const detail::TensorIterator& iter, int operand, Dtype expected,
                            int arity) {
  if (operand < 0) {
    EMBER_FAIL("gpu_kernel: the functor takes {} input(s) and writes one output, but the "
               "iterator has {} output(s) and {} input(s)",
               arity, iter.noutputs(), iter.ninputs());
  }
  EMBER_FAIL("gpu_kernel: operand {} has dtype {} but the functor expects {}", operand,
             iter.dtype(operand), expected);
}

}  // namespace ember::cuda::loops
