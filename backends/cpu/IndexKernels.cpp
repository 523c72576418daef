// Gather and scatter kernels: advanced indexing (offsets, read, write), index_select, gather
// scatter_add and scatter_reduce (prod, amax, amin). Each runs over a TensorIterator whose "src"
// operand is restrided (stride 0 along the indexed dimension), so one pass over the result shape
// moves every element; the index supplies the missing stride. Reads and writes move whole elements,
// so the pure copies dispatch on element size only.

#include <cstring>
#include <string>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "kernels/Arithmetic.h"
#include "kernels/Convert.h"
#include "kernels/MinMax.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

using namespace detail;

namespace {

[[noreturn]] void throw_index_error(const char* op, int64_t index, int64_t dim, int64_t size) {
  EMBER_FAIL("{}index {} is out of bounds for dimension {} with size {}", op, index, dim, size);
}

// Parameters of a gather: the element `index * stride` elements past each src position is
// read; with `check`, every index must lie in [0, size) (errors name `dim` and `op`).
struct GatherParams {
  int64_t stride = 1;
  int64_t size = 0;
  int64_t dim = 0;
  bool check = false;
  const char* op = "";
};

// out = src[index * stride] over an iterator (out, src, index). Elements are moved as
// unsigned integers of their width with memcpy, which is exact for every dtype. The loop
// copies its parameters into locals: stores through char* may alias anything in memory, so
// values read through pointers would be reloaded after every element.
template <class U, class I>
void gather_loop(const TensorIterator& iter, const GatherParams p) {
  constexpr int64_t kItem = sizeof(U);
  auto loop = [&p](char** data, const int64_t* strides, int64_t n) {
    const int64_t stride_bytes = p.stride * kItem, size = p.size;
    const bool check = p.check;
    const int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];
    char* out = data[0];
    const char* src = data[1];
    const char* idx = data[2];
    auto checked = [&](int64_t i) {
      if (check && static_cast<uint64_t>(i) >= static_cast<uint64_t>(size)) {
        throw_index_error(p.op, i, p.dim, size);
      }
      return i;
    };
    if (s2 == 0) {  // one index for the whole run (e.g. a row of an index_select)
      const char* from = src + checked(*reinterpret_cast<const I*>(idx)) * stride_bytes;
      if (s0 == kItem && s1 == kItem) {
        std::memcpy(out, from, static_cast<size_t>(n * kItem));
        return;
      }
      for (int64_t i = 0; i < n; ++i) std::memcpy(out + i * s0, from + i * s1, kItem);
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      const int64_t k = checked(*reinterpret_cast<const I*>(idx + i * s2));
      std::memcpy(out + i * s0, src + i * s1 + k * stride_bytes, kItem);
    }
  };
  parallel_for(0, iter.numel(), kGrainSize,
               [&](int64_t b, int64_t e) { iter.serial_for_each(loop, b, e); });
}

void run_gather(const TensorIterator& iter, Dtype index_dtype, const GatherParams& p) {
  dispatch_element_size(element_size(iter.dtype(0)), [&]<class U>() {
    if (index_dtype == kInt) {
      gather_loop<U, int32_t>(iter, p);
    } else {
      gather_loop<U, int64_t>(iter, p);
    }
  });
}

// A 0-d tensor as a 1-d tensor of one element (gather/scatter treat them alike).
Tensor as_1d(const Tensor& t) {
  return t.dim() > 0 ? t : make_view(t, {1}, {1}, t.storage_offset());
}

// `t` seen with `sizes` (each no larger than t's own, except `dim`, whose stride becomes 0).
Tensor restride(const Tensor& t, IntArrayRef sizes, int64_t dim) {
  DimVector strides(t.strides());
  strides[dim] = 0;
  return make_view(t, sizes, strides, t.storage_offset());
}

}  // namespace

void index_offsets_kernel(const Tensor& out, ArrayRef<Tensor> indices, IntArrayRef sizes,
                          IntArrayRef strides, IntArrayRef dims) {
  for (size_t k = 0; k < indices.size(); ++k) {
    const int64_t size = sizes[k], stride = strides[k], dim = dims[k];
    auto wrap = [=](int64_t i) {
      if (i < -size || i >= size) throw_index_error("", i, dim, size);
      return i < 0 ? i + size : i;
    };
    if (k == 0) {
      auto iter =
          TensorIteratorConfig().op_name("index").add_output(out).add_input(indices[k]).build();
      cpu_kernel(iter, [=](int64_t i) -> int64_t { return wrap(i) * stride; });
    } else {
      auto iter = TensorIteratorConfig()
                      .op_name("index")
                      .add_output(out)
                      .add_input(out)
                      .add_input(indices[k])
                      .build();
      cpu_kernel(iter, [=](int64_t acc, int64_t i) -> int64_t { return acc + wrap(i) * stride; });
    }
  }
}

void index_kernel(TensorIterator& iter) { run_gather(iter, kLong, GatherParams{}); }

void index_put_kernel(TensorIterator& iter, bool accumulate) {
  // Inputs: 0 dst (restrided), 1 value, 2 offsets. Serial: duplicates must land in order.
  const Dtype dtype = iter.dtype(0);
  if (!accumulate) {
    dispatch_element_size(element_size(dtype), [&]<class U>() {
      iter.serial_for_each(
          [](char** data, const int64_t* strides, int64_t n) {
            const int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];
            char* dst = data[0];
            const char* value = data[1];
            const char* offsets = data[2];
            for (int64_t i = 0; i < n; ++i) {
              const int64_t off = *reinterpret_cast<const int64_t*>(offsets + i * s2);
              std::memcpy(dst + i * s0 + off * int64_t{sizeof(U)}, value + i * s1, sizeof(U));
            }
          },
          0, iter.numel());
    });
    return;
  }
  dispatch_dtype<types::kAll>(dtype, "index_put_", kCPU, [&]<class T>() {
    using Acc = kernels::opmath_t<T>;
    iter.serial_for_each(
        [](char** data, const int64_t* strides, int64_t n) {
          const int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2];
          for (int64_t i = 0; i < n; ++i) {
            const int64_t off = *reinterpret_cast<const int64_t*>(data[2] + i * s2);
            T* dst = reinterpret_cast<T*>(data[0] + i * s0) + off;
            const T v = *reinterpret_cast<const T*>(data[1] + i * s1);
            *dst = kernels::convert<T>(
                kernels::Add{}(kernels::convert<Acc>(*dst), kernels::convert<Acc>(v)));
          }
        },
        0, iter.numel());
  });
}

// index_select of whole contiguous blocks (dim 0 of a contiguous tensor, e.g. an embedding
// lookup): one memcpy per index in a tight loop, so the loads of successive rows overlap.
template <class I>
void index_select_blocks(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  // From the sizes, not the strides: a size-1 dimension of a contiguous tensor may have any
  // stride.
  int64_t block = in.element_size();
  for (int64_t d = dim + 1; d < in.dim(); ++d) block *= in.sizes()[d];
  const int64_t size = in.sizes()[dim], n = index.numel();
  const int64_t index_stride = index.dim() > 0 ? index.strides()[0] : 0;
  const I* idx = index.data_ptr<I>();
  const char* src = static_cast<const char*>(in.data_ptr());
  char* dst = static_cast<char*>(out.data_ptr());
  const int64_t grain = std::max<int64_t>(1, kGrainSize * 4 / std::max<int64_t>(block, 1));
  parallel_for(0, n, grain, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t k = idx[i * index_stride];
      if (static_cast<uint64_t>(k) >= static_cast<uint64_t>(size)) {
        throw_index_error("index_select(): ", k, dim, size);
      }
      std::memcpy(dst + i * block, src + k * block, static_cast<size_t>(block));
    }
  });
}

void index_select_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  const int64_t outer = detail::split_at_dim(in.sizes(), dim).outer;
  if (in.dim() > 0 && outer == 1 && in.is_contiguous() && out.is_contiguous()) {
    if (index.dtype() == kInt) {
      index_select_blocks<int32_t>(out, in, dim, index);
    } else {
      index_select_blocks<int64_t>(out, in, dim, index);
    }
    return;
  }
  const Tensor out1 = as_1d(out), in1 = as_1d(in), index1 = as_1d(index);
  // The index walks `dim` of the result; every other dimension reuses it (stride 0).
  DimVector index_strides(static_cast<size_t>(out1.dim()), 0);
  index_strides[dim] = index1.strides()[0];
  const Tensor index_view = make_view(index1, out1.sizes(), index_strides, index1.storage_offset());
  auto iter = TensorIteratorConfig()
                  .op_name("index_select")
                  .add_output(out1)
                  .add_input(restride(in1, out1.sizes(), dim))
                  .add_input(index_view)
                  .build();
  run_gather(iter, index.dtype(),
             GatherParams{in1.strides()[dim], in1.sizes()[dim], dim, true, "index_select(): "});
}

void gather_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  const Tensor out1 = as_1d(out), in1 = as_1d(in), index1 = as_1d(index);
  auto iter = TensorIteratorConfig()
                  .op_name("gather")
                  .add_output(out1)
                  .add_input(restride(in1, index1.sizes(), dim))
                  .add_input(index1)
                  .build();
  run_gather(iter, kLong,
             GatherParams{in1.strides()[dim], in1.sizes()[dim], dim, true, "gather(): "});
}

namespace {

// self[index * step along dim] = combine(self[...], src) for every index element, after every
// index is checked (a bad one leaves self untouched). Serial: several positions may write one
// element; along `dim` they are visited in increasing order (as PyTorch), which fixes the
// rounding of floating-point sums and products. `Op` combines in T's op-math type.
template <class Op>
void scatter_combine(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                     const char* op) {
  const Tensor self1 = as_1d(self), index1 = as_1d(index), src1 = as_1d(src);
  const int64_t size = self1.sizes()[dim];
  const std::string prefix = std::string(op) + "(): ";
  {
    auto iter = TensorIteratorConfig().op_name(op).add_input(index1).build();
    iter.serial_for_each(
        [&](char** data, const int64_t* strides, int64_t n) {
          for (int64_t i = 0; i < n; ++i) {
            const int64_t k = *reinterpret_cast<const int64_t*>(data[0] + i * strides[0]);
            if (k < 0 || k >= size) throw_index_error(prefix.c_str(), k, dim, size);
          }
        },
        0, iter.numel());
  }
  const DimVector src_strides(src1.strides());
  auto iter = TensorIteratorConfig()
                  .op_name(op)
                  .add_input(index1)
                  .add_input(restride(self1, index1.sizes(), dim))
                  .add_input(make_view(src1, index1.sizes(), src_strides, src1.storage_offset()))
                  .build();
  const int64_t self_stride = self1.strides()[dim];
  dispatch_dtype<types::kAll>(self.dtype(), op, kCPU, [&]<class T>() {
    using Acc = kernels::opmath_t<T>;
    iter.serial_for_each(
        [self_stride](char** data, const int64_t* strides, int64_t n) {
          const int64_t s0 = strides[0], s1 = strides[1], s2 = strides[2], step = self_stride;
          for (int64_t i = 0; i < n; ++i) {
            const int64_t k = *reinterpret_cast<const int64_t*>(data[0] + i * s0);
            T* dst = reinterpret_cast<T*>(data[1] + i * s1) + k * step;
            const T v = *reinterpret_cast<const T*>(data[2] + i * s2);
            *dst = kernels::convert<T>(Op{}(kernels::convert<Acc>(*dst), kernels::convert<Acc>(v)));
          }
        },
        0, iter.numel());
  });
}

}  // namespace

void scatter_add_kernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  scatter_combine<kernels::Add>(self, dim, index, src, "scatter_add_");
}

void scatter_reduce_kernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                           ScatterReduction reduce) {
  switch (reduce) {
    case ScatterReduction::kProd:
      return scatter_combine<kernels::Mul>(self, dim, index, src, "scatter_reduce_");
    case ScatterReduction::kAmax:
      return scatter_combine<kernels::Maximum>(self, dim, index, src, "scatter_reduce_");
    case ScatterReduction::kAmin:
      return scatter_combine<kernels::Minimum>(self, dim, index, src, "scatter_reduce_");
  }
}

}  // namespace ember::cpu
