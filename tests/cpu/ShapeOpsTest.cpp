// The shape ops (flip, roll, repeat, tril, diagonal, index_add, scatter_reduce, pad, ...)
// against PyTorch's results (tests/reference/gen_shape_ops.py), in every dtype PyTorch
// allows, on non-contiguous inputs, with PyTorch's errors for bad arguments.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::tensors_close;
using ember_test::tensors_equal;
using ember_test::throws_error_with;
namespace F = ember::nn::functional;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

const std::vector<ember_test::ReferenceEntry>& entries() {
  static const std::vector<ember_test::ReferenceEntry> data = {
#include "reference/shape_ops_data.inc"
  };
  return data;
}

Tensor shape_ref(const std::string& name) { return ember_test::reference_tensor(entries(), name); }

Tensor longs(std::vector<int64_t> values) { return tensor(values, kLong); }

struct DtypeCase {
  Dtype dtype;
  const char* suffix;
};

// Each dtype PyTorch allows for the ops that move elements.
const DtypeCase kDtypes[] = {{kFloat, "f32"}, {kDouble, "f64"}, {kHalf, "f16"}, {kBFloat16, "bf16"},
                             {kLong, "i64"},  {kInt, "i32"},    {kByte, "u8"},  {kBool, "bool"}};

TEST(ShapeOps, EveryDtypeMatchesPyTorch) {
  const Tensor x_float = shape_ref("in_x");
  const Tensor mask = shape_ref("in_m").narrow(0, 0, 3).narrow(1, 0, 4) > 0;
  for (const DtypeCase& dc : kDtypes) {
    SCOPED_TRACE(dc.suffix);
    const std::string s = dc.suffix;
    const Tensor x = dc.dtype == kBool ? x_float > 0 : x_float.to(dc.dtype);
    EXPECT_TRUE(tensors_equal(x.flip({0, 2}), shape_ref("flip02_" + s)));
    EXPECT_TRUE(tensors_equal(x.roll({1, -2}, {0, 2}), shape_ref("roll_" + s)));
    EXPECT_TRUE(tensors_equal(x.repeat({2, 1, 1, 2}), shape_ref("repeat_" + s)));
    EXPECT_TRUE(tensors_equal(x.tril(1), shape_ref("tril_" + s)));
    EXPECT_TRUE(tensors_equal(triu(x, -1), shape_ref("triu_" + s)));
    EXPECT_TRUE(tensors_equal(x[0].diag_embed(), shape_ref("diag_embed_" + s)));
    const Tensor x1 = x[1];
    EXPECT_TRUE(tensors_equal(x[0].index_add(1, longs({3, 0, 3}), x1.narrow(1, 0, 3)),
                              shape_ref("index_add_" + s)));
    EXPECT_TRUE(tensors_equal(x[0].index_copy(1, longs({3, 0}), x1.narrow(1, 0, 2)),
                              shape_ref("index_copy_" + s)));
    EXPECT_TRUE(tensors_equal(x[0].index_fill(0, longs({-1, 0}), 1), shape_ref("index_fill_" + s)));
    EXPECT_TRUE(tensors_equal(x[0].scatter(1, longs({0, 3, 2, 2, 1, 0}).view({3, 2}), x1),
                              shape_ref("scatter_" + s)));
    EXPECT_TRUE(tensors_equal(x.masked_select(mask), shape_ref("masked_select_" + s)));
    EXPECT_TRUE(
        tensors_equal(x.masked_scatter(mask, x.flip({0})), shape_ref("masked_scatter_" + s)));
    EXPECT_TRUE(tensors_equal(constant_pad_nd(x, {1, 2, -1, 1}, 1), shape_ref("pad_const_" + s)));
    EXPECT_TRUE(tensors_equal(F::pad(x, F::PadFuncOptions({1, 2}).mode(kCircular)),
                              shape_ref("pad_circular_" + s)));
    if (dc.dtype == kBool) continue;
    EXPECT_TRUE(tensors_equal(F::pad(x, F::PadFuncOptions({2, 3}).mode(kReflect)),
                              shape_ref("pad_reflect_" + s)));
    EXPECT_TRUE(tensors_equal(pad(x, {2, 1, 1, 3}, "replicate"), shape_ref("pad_replicate_" + s)));
    EXPECT_TRUE(tensors_close(x[0].trace(), shape_ref("trace_" + s)));
    EXPECT_TRUE(tensors_close(
        x[0].scatter_reduce(1, longs({0, 0, 2, 2, 1, 0}).view({3, 2}), x1.narrow(1, 0, 2), "sum"),
        shape_ref("scatter_sum_" + s)));
  }
}

TEST(ShapeOps, ReorderAndRepeatMatchPyTorch) {
  const Tensor x = shape_ref("in_x"), v = shape_ref("in_v");
  const Tensor xt = x.transpose(0, 2);
  EXPECT_TRUE(tensors_equal(xt.flip({1}), shape_ref("flip_t")));
  EXPECT_TRUE(tensors_equal(flip(x, {-1}), shape_ref("flip_neg")));
  EXPECT_TRUE(tensors_equal(x.roll({5}), shape_ref("roll_flat")));
  EXPECT_TRUE(tensors_equal(roll(xt, {-1}, {0}), shape_ref("roll_t")));
  EXPECT_TRUE(tensors_equal(x.roll({7}, {2}), shape_ref("roll_big")));
  EXPECT_TRUE(tensors_equal(xt.repeat({1, 2, 1}), shape_ref("repeat_t")));
  EXPECT_TRUE(tensors_equal(v.repeat({2, 2}), shape_ref("repeat_more")));
  EXPECT_TRUE(tensors_equal(x.repeat_interleave(2), shape_ref("ri_int")));
  EXPECT_TRUE(tensors_equal(x.repeat_interleave(longs({1, 0, 2}), 1), shape_ref("ri_dim")));
  EXPECT_TRUE(
      tensors_equal(repeat_interleave(xt, tensor(int64_t{2}), 2), shape_ref("ri_scalar_t")));
  EXPECT_TRUE(tensors_equal(repeat_interleave(longs({2, 0, 1})), shape_ref("ri_repeats")));
  EXPECT_TRUE(tensors_equal(repeat_interleave(longs({2, 0, 1}), std::optional<int64_t>(3)),
                            shape_ref("ri_repeats")));
  EXPECT_TRUE(tensors_equal(x.tile({2}), shape_ref("tile_short")));
  EXPECT_TRUE(tensors_equal(tile(v, {2, 1, 2}), shape_ref("tile_long")));
  // repeat always copies, even by ones.
  const Tensor same = x.repeat({1, 1, 1});
  EXPECT_NE(same.data_ptr(), x.data_ptr());
}

TEST(ShapeOps, TrianglesAndDiagonalsMatchPyTorch) {
  const Tensor x = shape_ref("in_x"), m = shape_ref("in_m"), v = shape_ref("in_v");
  for (int64_t k : {-2, 0, 2, 5}) {
    EXPECT_TRUE(tensors_equal(m.tril(k), shape_ref("tril_m" + std::to_string(k))));
    EXPECT_TRUE(tensors_equal(m.triu(k), shape_ref("triu_m" + std::to_string(k))));
  }
  EXPECT_TRUE(tensors_equal(m.t().tril(), shape_ref("tril_t")));
  Tensor in_place = m.t().clone();
  in_place.tril_();
  EXPECT_TRUE(tensors_equal(in_place, shape_ref("tril_t")));
  in_place = m.clone();
  in_place.triu_(2);
  EXPECT_TRUE(tensors_equal(in_place, shape_ref("triu_m2")));
  EXPECT_TRUE(tensors_equal(v.diag(1), shape_ref("diag_v1")));
  EXPECT_TRUE(tensors_equal(diag(v, -1), shape_ref("diag_vm1")));
  EXPECT_TRUE(tensors_equal(m.diag(1), shape_ref("diag_m1")));
  EXPECT_TRUE(tensors_equal(m.diag(-2), shape_ref("diag_mm2")));
  EXPECT_TRUE(tensors_equal(x.diagonal(0, 1, 2), shape_ref("diagonal_12")));
  EXPECT_TRUE(tensors_equal(diagonal(x, 1, 0, 2), shape_ref("diagonal_off")));
  EXPECT_TRUE(tensors_equal(x.diagonal(-1, -1, 1), shape_ref("diagonal_neg")));
  EXPECT_TRUE(tensors_equal(x.diagonal(9, 1, 2), shape_ref("diagonal_big")));
  EXPECT_TRUE(tensors_equal(x[0].diag_embed(1, 0, 2), shape_ref("diag_embed_off")));
  EXPECT_TRUE(tensors_equal(diag_embed(v, -1), shape_ref("diag_embed_neg")));
  EXPECT_TRUE(tensors_equal(m.trace(), shape_ref("trace_m")));
  EXPECT_TRUE(tensors_equal(trace(m.to(kLong)), shape_ref("trace_int")));
  // diagonal is a view: writing through it changes the input.
  Tensor y = m.clone();
  y.diagonal().fill_(100);
  EXPECT_EQ(y.index({1, 1}).item<float>(), 100.f);
  EXPECT_EQ(y.diagonal().storage().data(), y.storage().data());
}

TEST(ShapeOps, MovingAndBroadcastingDimsAreViews) {
  const Tensor x = shape_ref("in_x");
  EXPECT_TRUE(tensors_equal(x.movedim(0, 2), shape_ref("movedim_1")));
  EXPECT_TRUE(tensors_equal(movedim(x, {0, 1}, {2, 0}), shape_ref("movedim_list")));
  EXPECT_TRUE(tensors_equal(moveaxis(x, 0, 2), shape_ref("movedim_1")));
  EXPECT_TRUE(tensors_equal(x.swapaxes(0, -1), shape_ref("swapaxes")));
  EXPECT_TRUE(tensors_equal(swapdims(x, 0, -1), shape_ref("swapaxes")));
  EXPECT_TRUE(tensors_equal(x.unflatten(2, {2, 2}), shape_ref("unflatten")));
  EXPECT_TRUE(tensors_equal(unflatten(x, -1, {-1, 1, 2}), shape_ref("unflatten_infer")));
  for (const Tensor& view : {x.movedim(0, 2), x.swapaxes(0, 1), x.unflatten(2, {2, 2}),
                             x.broadcast_to({5, 2, 3, 4}), x.diagonal()}) {
    EXPECT_EQ(view.storage().data(), x.storage().data());
  }
  EXPECT_EQ(broadcast_to(x[0][0], {3, 4}).strides(), (std::vector<int64_t>{0, 1}));
  const std::vector<Tensor> b = broadcast_tensors({x, x[0][0], tensor(1.f)});
  for (const Tensor& t : b) EXPECT_EQ(t.sizes(), x.sizes());
  const Tensor a = tensor({1.f, 2.f}), bb = tensor({3.f, 4.f, 5.f}),
               c = tensor({6.f, 7.f, 8.f, 9.f});
  const std::vector<Tensor> ij = meshgrid({a, bb, c}, "ij");
  const std::vector<Tensor> xy = meshgrid({a, bb, c}, "xy");
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(tensors_equal(ij[i], shape_ref("mesh_ij" + std::to_string(i))));
    EXPECT_TRUE(tensors_equal(xy[i], shape_ref("mesh_xy" + std::to_string(i))));
  }
}

TEST(ShapeOps, IndexingAlongADimMatchesPyTorch) {
  const Tensor x = shape_ref("in_x"), m = shape_ref("in_m"), sidx = shape_ref("in_sidx");
  EXPECT_TRUE(tensors_equal(x.take_along_dim(shape_ref("in_tad_idx"), 1), shape_ref("tad_dim")));
  EXPECT_TRUE(tensors_equal(take_along_dim(x, longs({1, 0, 3}).view({1, 3, 1}), 2),
                            shape_ref("tad_bcast")));
  EXPECT_TRUE(tensors_equal(take_along_dim(x, longs({23, 0, 5})), shape_ref("tad_flat")));
  EXPECT_TRUE(tensors_equal(m.index_add(0, longs({1, 1, 3}), m.narrow(0, 0, 3) * 2, -0.5),
                            shape_ref("index_add_alpha")));
  EXPECT_TRUE(
      tensors_equal(index_add(m, 1, tensor(std::vector<int32_t>{4, 0}, kInt), m.narrow(1, 0, 2)),
                    shape_ref("index_add_int32")));
  EXPECT_TRUE(tensors_equal(m.t().index_add(0, longs({0, 2}), m.t().narrow(0, 0, 2) * 3),
                            shape_ref("index_add_t")));
  EXPECT_TRUE(tensors_equal(index_copy(m.t(), 1, longs({3, 1}), m.t().narrow(1, 0, 2) + 1),
                            shape_ref("index_copy_t")));
  EXPECT_TRUE(
      tensors_equal(m.t().index_fill(1, longs({2, 0, 2}), -7.5), shape_ref("index_fill_t")));
  EXPECT_TRUE(
      tensors_equal(index_fill(m, 1, longs({4}), tensor(2.5f)), shape_ref("index_fill_tensor")));
  EXPECT_TRUE(tensors_equal(zeros({3, 5}).scatter(0, sidx, m), shape_ref("scatter_dim0")));
  EXPECT_TRUE(tensors_equal(scatter(zeros({3, 5}), 1, sidx, 4.5), shape_ref("scatter_value")));
  EXPECT_TRUE(tensors_equal(m.scatter(0, sidx, m, "add"), shape_ref("scatter_add_reduce")));
  for (const char* reduce : {"sum", "mean"}) {
    for (bool include_self : {true, false}) {
      const std::string name = std::string("sr_") + reduce + "_" + (include_self ? "1" : "0");
      EXPECT_TRUE(tensors_close(m.scatter_reduce(0, sidx, m.narrow(0, 2, 2), reduce, include_self),
                                shape_ref(name)))
          << name;
    }
  }
  EXPECT_TRUE(
      tensors_equal(m.to(kLong).scatter_reduce(0, sidx, m.to(kLong).narrow(0, 1, 2), "mean"),
                    shape_ref("sr_mean_int")));
  Tensor in_place = m.clone();
  in_place.index_add_(0, longs({1, 1, 3}), m.narrow(0, 0, 3) * 2, -0.5);
  EXPECT_TRUE(tensors_equal(in_place, shape_ref("index_add_alpha")));
}

TEST(ShapeOps, MasksMatchPyTorch) {
  const Tensor m = shape_ref("in_m");
  EXPECT_TRUE(tensors_equal(m.masked_select(tensor({true, false, true, true, false})),
                            shape_ref("ms_bcast")));
  EXPECT_TRUE(
      tensors_equal(masked_scatter(zeros({2, 5}), tensor({true, false, true, false, true}), m * 10),
                    shape_ref("msc_bcast")));
}

TEST(ShapeOps, StacksMatchPyTorch) {
  const Tensor m = shape_ref("in_m"), v = shape_ref("in_v"), a = tensor({1.f, 2.f});
  EXPECT_TRUE(tensors_equal(hstack({v, a}), shape_ref("hstack_1d")));
  EXPECT_TRUE(tensors_equal(hstack({m, m.narrow(1, 0, 2)}), shape_ref("hstack_2d")));
  EXPECT_TRUE(tensors_equal(vstack({v, v * 2}), shape_ref("vstack_1d")));
  EXPECT_TRUE(tensors_equal(row_stack({m, m[0]}), shape_ref("vstack_mixed")));
  EXPECT_TRUE(tensors_equal(dstack({m, m * 2}), shape_ref("dstack")));
  EXPECT_TRUE(tensors_equal(dstack({v, v}), shape_ref("dstack_1d")));
  EXPECT_TRUE(
      tensors_equal(column_stack({v, m.narrow(0, 0, 3).narrow(1, 0, 2), tensor({9.f, 8.f, 7.f})}),
                    shape_ref("column_stack")));
  EXPECT_EQ(atleast_1d(tensor(1.f)).sizes(), (std::vector<int64_t>{1}));
  EXPECT_EQ(atleast_2d(v).sizes(), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(atleast_3d(m).sizes(), (std::vector<int64_t>{4, 5, 1}));
  EXPECT_EQ(atleast_3d(v).sizes(), (std::vector<int64_t>{1, 3, 1}));
}

TEST(ShapeOps, PaddingMatchesPyTorch) {
  const Tensor x = shape_ref("in_x");
  EXPECT_TRUE(tensors_equal(constant_pad_nd(x, {-1, -2, 2, 0}), shape_ref("pad_const_neg")));
  EXPECT_TRUE(tensors_equal(F::pad(x, F::PadFuncOptions({1, 1, 1, 1, 1, 1}).value(-3.5)),
                            shape_ref("pad_const_value")));
  EXPECT_TRUE(tensors_equal(pad(x, {3, 1}, "reflect"), shape_ref("pad_reflect1")));
  EXPECT_TRUE(tensors_equal(pad(x, {-1, 2}, "reflect"), shape_ref("pad_reflect_neg")));
  EXPECT_TRUE(tensors_equal(pad(x, {1, 2, 2, 1}, "reflect"), shape_ref("pad_reflect2")));
  EXPECT_TRUE(
      tensors_equal(pad(x.unsqueeze(0), {1, 2, 1, 0, 1, 1}, "reflect"), shape_ref("pad_reflect3")));
  EXPECT_TRUE(tensors_equal(pad(x.transpose(0, 2), {1, 1}, "reflect"), shape_ref("pad_reflect_t")));
  EXPECT_TRUE(tensors_equal(pad(x, {4, 2}, "replicate"), shape_ref("pad_replicate1")));
  EXPECT_TRUE(tensors_equal(pad(x, {2, 2, 3, 0}, "replicate"), shape_ref("pad_replicate2")));
  EXPECT_TRUE(
      tensors_equal(F::pad(x.unsqueeze(0), F::PadFuncOptions({1, 1, 1, 1, 2, 2}).mode(kReplicate)),
                    shape_ref("pad_replicate3")));
  EXPECT_TRUE(tensors_equal(pad(x, {-2, 1}, "replicate"), shape_ref("pad_replicate_neg")));
  EXPECT_TRUE(tensors_equal(pad(x, {3, 4}, "circular"), shape_ref("pad_circular1")));
  EXPECT_TRUE(tensors_equal(pad(x, {1, 2, 3, 0}, "circular"), shape_ref("pad_circular2")));
  EXPECT_TRUE(tensors_equal(pad(x, {-1, 2}, "circular"), shape_ref("pad_circular_neg")));
}

TEST(ShapeOps, ErrorsAsPyTorch) {
  const Tensor x = shape_ref("in_x"), m = shape_ref("in_m");
  const Tensor x2 = x[0];  // [3, 4]
  const auto check = [](auto&& f, const char* message) {
    EXPECT_TRUE(throws_error_with(f, message));
  };
  check([&] { x2.flip({2}); },
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  check([&] { x2.flip({0, 0}); }, "dim 0 appears multiple times in the list of dims");
  check([&] { x2.roll({1, 2}, {0}); }, "shifts and dimensions must align. shifts: 2, dims:1");
  check([&] { x2.roll({1, 2}); }, "shifts and dimensions must align. shifts: 2, dims:0");
  check([&] { x2.roll({}); }, "`shifts` required");
  check([&] { x2.repeat({2}); },
        "Number of dimensions of repeat dims can not be smaller than number of dimensions of "
        "tensor");
  check([&] { x2.repeat({-1, 2}); }, "Trying to create tensor with negative dimension -3: [-3, 8]");
  check([&] { x2.repeat_interleave(-1); }, "Repeats must be non-negative");
  check([&] { x2.repeat_interleave(longs({1, -1, 1}), 0); }, "repeats can not be negative");
  check(
      [&] {
        x2.repeat_interleave(longs({1, 1}), 0);
      },
      "repeats must have the same size as input along dim, but got repeats.size(0) = 2 and "
      "input.size(0) = 3");
  check(
      [&] {
        x2.repeat_interleave(longs({1, 1}).view({1, 2}), 0);
      },
      "repeats must be 0-dim or 1-dim tensor");
  check(
      [&] {
        x2.repeat_interleave(tensor({1.f, 1.f, 1.f}), 0);
      },
      "\"repeat_interleave_cpu\" not implemented for 'Float'");
  check(
      [&] {
        x2.repeat_interleave(longs({1, 1, 1}), 0, 4);
      },
      "allocated size does not match required size");
  check([&] { arange(3).tril(); }, "tril: input tensor must have at least 2 dimensions");
  check([&] { zeros({2, 2, 2}).diag(); }, "diag(): Supports 1D or 2D tensors. Got 3D");
  check([&] { x2.diagonal(0, 1, 1); }, "diagonal dimensions cannot be identical 1, 1");
  check([&] { x2.diagonal(0, 0, 3); },
        "Dimension out of range (expected to be in range of [-2, 1], but got 3)");
  check([&] { x2.diag_embed(0, 1, 1); }, "diagonal dimensions cannot be identical 1, 1");
  check([&] { zeros({2, 2, 2}).trace(); }, "trace: expected a matrix, but got tensor with dim 3");
  check([&] { ones({2, 2}, kBool).trace(); }, "\"trace\" not implemented for 'Bool'");
  check(
      [&] {
        x2.movedim({0, 1}, {1});
      },
      "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the "
      "same number of dims as destination ([1] dims)");
  check([&] { x2.movedim({0, 0}, {1, 0}); }, "movedim: repeated dim in `source` ([0, 0])");
  check([&] { x2.movedim({0, 1}, {1, 1}); }, "movedim: repeated dim in `destination` ([1, 1])");
  check(
      [&] {
        x2.unflatten(1, {3, 2});
      },
      "unflatten: Provided sizes [3, 2] don't multiply up to the size of dim 1 (4) in the "
      "input tensor");
  check([&] { x2.unflatten(1, {}); }, "unflatten: sizes must be non-empty");
  check(
      [&] {
        x2.broadcast_to({3, 5});
      },
      "The expanded size of the tensor (5) must match the existing size (4) at non-singleton "
      "dimension 1.");
  check([&] { broadcast_tensors({x2, zeros({5})}); }, "must match the size of tensor b (5)");
  check([&] { meshgrid({zeros({2})}, "foo"); },
        "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: foo");
  check(
      [&] {
        meshgrid({zeros({2, 2})}, "ij");
      },
      "torch.meshgrid: Expected 0D or 1D tensor in the tensor list");
  check([&] { meshgrid(std::vector<Tensor>{}, "ij"); }, "meshgrid expects a non-empty TensorList");
  check(
      [&] {
        meshgrid({zeros({2}), zeros({2}, kDouble)}, "ij");
      },
      "meshgrid expects all tensors to have the same dtype");
  check(
      [&] {
        take_along_dim(x2, tensor(std::vector<int32_t>{0}, kInt).view({1, 1}), 1);
      },
      "torch.take_along_dim(): dtype of indices should be Long but got Int");
  check([&] { take_along_dim(x2, longs({0}), 1); },
        "torch.take_along_dim(): input and indices should have the same number of dimensions, "
        "but got 2 dimensions for input, and 1 dimensions for indices");
  const Tensor row = x2.narrow(0, 0, 1);
  check([&] { x2.index_add(0, tensor({0.f}), row); },
        "index_add_(): Expected dtype int32/int64 for index but got: Float");
  check(
      [&] {
        x2.index_add(0, longs({0}).view({1, 1}), row);
      },
      "index_add_(): Index is supposed to be a vector, but got dim: 2 with type: Long and "
      "size: [1, 1]");
  check([&] { x2.index_add(0, longs({0}), row.to(kDouble)); },
        "index_add_(): self (Float) and source (Double) must have the same scalar type");
  check(
      [&] {
        x2.index_add(0, longs({0}), zeros({1, 5}));
      },
      "source tensor shape must match self tensor shape, excluding the specified dimension. "
      "Got self.shape = [3, 4] source.shape = [1, 5]");
  check(
      [&] {
        x2.index_add(0, longs({0, 1}), row);
      },
      "index_add_(): Number of indices (2) should be equal to source.size(dim): (1), for dim: 0");
  check([&] { x2.index_add(0, longs({5}), row); },
        "index 5 is out of bounds for dimension 0 with size 3");
  check([&] { x2.index_add(0, longs({-1}), row); },
        "index -1 is out of bounds for dimension 0 with size 3");
  check([&] { x2.index_copy(0, tensor(std::vector<int32_t>{0}, kInt), row); },
        "index_copy_(): Expected a long tensor for index, but got Int");
  check([&] { x2.index_copy(0, longs({0}), row.to(kDouble)); },
        "index_copy_(): self and source expected to have the same dtype, but got (self) Float and "
        "(source) Double");
  check(
      [&] {
        x2.index_copy(0, longs({0, 1}), row);
      },
      "index_copy_(): Number of indices (2) should be equal to source.size(dim) (1)");
  check([&] { x2.index_copy(0, longs({5}), row); },
        "index_copy_(): index 5 is out of bounds for dimension 0 with size 3");
  check([&] { x2.index_copy(0, longs({-1}), row); },
        "index_copy_(): index -1 is out of bounds for dimension 0 with size 3");
  check(
      [&] {
        x2.index_copy(0, longs({0}).view({1, 1}), row);
      },
      "index_copy_(): Index should have dimension 1 or 0 (got 2)");
  check([&] { x2.index_fill(0, tensor({0.f}), 1); },
        "index_fill_(): Expected dtype int64 for index.");
  check([&] { x2.index_fill(0, longs({5}), 1); },
        "index 5 is out of bounds for dimension 0 with size 3");
  check([&] { x2.index_fill(0, longs({0}), tensor({1.f})); },
        "index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 "
        "dimension(s).");
  check([&] { x2.index_fill(0, longs({0}).view({1, 1}), 1); }, "Index has to be a vector/scalar");
  check(
      [&] {
        x2.scatter(0, longs({5}).view({1, 1}), x2);
      },
      "index 5 is out of bounds for dimension 0 with size 3");
  check(
      [&] {
        x2.scatter(0, longs({0}).view({1, 1}), x2.to(kDouble));
      },
      "scatter(): Expected self.dtype to be equal to src.dtype");
  check(
      [&] {
        x2.scatter(0, longs({0}).view({1, 1}), x2, "max");
      },
      "reduce argument must be either add or multiply.");
  check([&] { ones({2}, kBool).scatter_reduce(0, longs({0}), ones({1}, kBool), "mean"); },
        "\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'");
  check([&] { x2.masked_select(ones({3, 4})); }, "masked_select: expected BoolTensor for mask");
  check([&] { x2.masked_select(ones({5}, kBool)); },
        "The size of tensor a (5) must match the size of tensor b (4) at non-singleton "
        "dimension 1");
  check(
      [&] {
        x2.masked_scatter(ones({3, 4}, kBool), zeros({5}));
      },
      "Number of elements of source < number of ones in mask");
  check(
      [&] {
        x2.masked_scatter(ones({3, 4}, kBool), zeros({12}, kDouble));
      },
      "masked_scatter: expected self and source to have same dtypes");
  check(
      [&] {
        x2.masked_scatter(ones({3, 4}), zeros({12}));
      },
      "masked_scatter_ only supports boolean masks, but got mask with dtype Float");
  check([&] { hstack(std::vector<Tensor>{}); }, "hstack expects a non-empty TensorList");
  check([&] { vstack(std::vector<Tensor>{}); }, "vstack expects a non-empty TensorList");
  check([&] { dstack(std::vector<Tensor>{}); }, "dstack expects a non-empty TensorList");
  check([&] { pad(x2, {1}); }, "Padding length must be divisible by 2");
  check(
      [&] {
        pad(x2, {1, 1, 1, 1, 1, 1});
      },
      "Padding length should be less than or equal to two times the input dimension but got "
      "padding length 6 and input of dimension 2");
  check(
      [&] {
        pad(x, {4, 0}, "reflect");
      },
      "Argument #4: Padding size should be less than the corresponding input dimension, but "
      "got: padding (4, 0) at dimension 2 of input [2, 3, 4]");
  check(
      [&] {
        pad(x2, {1, 1, 1, 1}, "reflect");
      },
      "Padding size 4 is not supported for 2D input tensor.");
  check(
      [&] {
        pad(zeros({4}), {1, 1}, "reflect");
      },
      "Padding size 2 is not supported for 1D input tensor.");
  check(
      [&] {
        pad(ones({1, 1, 4}, kBool), {1, 1}, "replicate");
      },
      "\"replication_pad1d\" not implemented for 'Bool'");
  check(
      [&] {
        pad(x, {5, 0}, "circular");
      },
      "Padding value causes wrapping around more than once.");
  check(
      [&] {
        pad(x, {1, 1}, "reflect", 2.0);
      },
      "Padding mode \"reflect\" doesn't take in value argument");
  check([&] { pad(x, {1, 1}, "foo"); }, "Unrecognised padding mode foo");
  check([&] { constant_pad_nd(x2, {1}); }, "Length of pad must be even but instead it equals 1");
  check(
      [&] {
        constant_pad_nd(x2, {1, 1, 1, 1, 1, 1});
      },
      "Length of pad should be no more than twice the number of dimensions of the input.");
  check([&] { constant_pad_nd(x2, {-3, -3}); }, "resulted in a negative output size");
}

}  // namespace
