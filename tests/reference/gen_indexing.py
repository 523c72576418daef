#!/usr/bin/python3
"""Writes tests/cpu/reference/indexing_data.inc: inputs and PyTorch's results for the indexing,
joining and splitting tests (tests/cpu/TensorIndexingTest.cpp, IndexPutTest.cpp,
GatherScatterTest.cpp, MaskedFillNonzeroTest.cpp, CatSplitTest.cpp, IndexingDtypesTest.cpp).

Run with /usr/bin/python3 (PyTorch 1.13) from the repository root:
    /usr/bin/python3 tests/reference/gen_indexing.py

Each entry is (name, shape, dtype, values). The C++ tests build the inputs from the entries
named in_*, apply the op the entry's name describes, and compare with the other entries.
Where PyTorch 1.13 differs from NumPy/PyTorch 2 semantics (a mask followed by a non-tensor
index, int32 index tensors in Python indexing), the expected value is computed the way NumPy
defines it, with the equivalent PyTorch expression noted next to it.
"""

import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "indexing_data.inc")

DTYPES = {
    torch.uint8: "kByte", torch.int8: "kChar", torch.int16: "kShort", torch.int32: "kInt",
    torch.int64: "kLong", torch.float16: "kHalf", torch.float32: "kFloat",
    torch.float64: "kDouble", torch.bool: "kBool", torch.bfloat16: "kBFloat16",
}

entries = []
names = set()


def lit(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if math.isnan(v):
        return "kNaN"
    if math.isinf(v):
        return "kInf" if v > 0 else "-kInf"
    r = repr(float(v))
    return r if ("." in r or "e" in r) else r + ".0"


def add(name, t):
    assert name not in names, name
    names.add(name)
    t = t.detach().contiguous()
    values = t.to(torch.float64).flatten().tolist() if t.dtype != torch.bool else \
        [int(b) for b in t.flatten().tolist()]
    if t.dtype in (torch.int64,):
        values = [int(v) for v in t.flatten().tolist()]
    entries.append((name, list(t.shape), DTYPES[t.dtype], values))


torch.manual_seed(0)

# ---- inputs --------------------------------------------------------------------------------
x = (torch.randn(2, 3, 4) * 10).round() / 4  # distinct-ish quarter values, exact in every float
add("in_x234", x)
xi = torch.randperm(24).reshape(2, 3, 4)  # integer input: a permutation, so order matters
add("in_xi234", xi)
m234 = torch.rand(2, 3, 4) > 0.5
add("in_m234", m234)
m23 = torch.tensor([[True, False, True], [False, True, True]])
add("in_m23", m23)
m34 = torch.rand(3, 4) > 0.4
add("in_m34", m34)

# ---- basic indexing (views) ------------------------------------------------------------------
add("b_int", x[1])
add("b_neg_int", x[-1, 2])
add("b_slice", x[:, 1:3])
add("b_slice_step", x[..., ::2])
add("b_slice_step3", x[:, :, 1::3])
add("b_slice_neg", x[:, -2:])
add("b_slice_neg_stop", x[:, :-1, -3:-1])
add("b_slice_oob", x[:, 1:100])
add("b_slice_empty", x[:, 2:1])
add("b_slice_huge_step", x[:, 1:3:2**62])
add("b_none", x[None, 0, :, None])
add("b_ellipsis", x[..., 1])
add("b_ellipsis_mid", x[0, ..., 2])
add("b_ellipsis_none", x[..., None])
add("b_bool_true", x[True])
add("b_bool_false", x[False])
add("b_0d_int_tensor", x[torch.tensor(1)])
add("b_0d_bool_tensor", x[torch.tensor(True)])
add("b_0d_none", torch.tensor(2.5)[None])
add("b_0d_true", torch.tensor(2.5)[True])

# ---- advanced indexing ---------------------------------------------------------------------
add("a_1d", x[[1, 0, 1]])
add("a_neg", x[[-1, 0]])
add("a_adjacent", x[:, [0, 2], [1, 3]])
add("a_separated", x[[0, 1], :, [1, 3]])
add("a_separated_slice", x[[0, 1], 1:, [1, 3]])
add("a_int_then_idx", x[0, :, [1, 3]])
add("a_idx_int_idx", x[[1, 0], 1, [1, 3]])
add("a_broadcast", x[[[0], [1]], :, [1, 3]])
add("a_2d_index", x[:, [[0, 1], [2, 2]]])
add("a_last_dim", x[..., [3, 0, 0]])
add("a_none_between", x[[0, 1], None, [1, 2]])
add("a_none_first", x[None, [1], ..., [1, 3]])
add("a_bool_and_idx", x[True, [0, 1]])
add("a_mask_full", x[m234])
add("a_mask_2d", x[m23])
add("a_mask_after_slice", x[:, m34])
add("a_mask_after_int", x[1, m34])
add("a_mask_ellipsis", x[..., torch.tensor([True, False, True, True])])
add("a_mask_and_idx", x[m23, [0, 1, 3, 2]])
# NumPy semantics: the mask covers dims 0 and 1, the 0 indexes dim 2 (PyTorch 1.13 errors).
add("a_mask_then_int", x[m23][:, 0])
# NumPy semantics: the slice applies to dim 2 (PyTorch 1.13 errors).
add("a_mask_then_slice", x[m23][:, 1:3])
add("a_none_mask", x[None, m23])
add("a_uint8_mask", x[m23.to(torch.uint8)])  # deprecated in PyTorch; still a mask
add("a_int32", x[torch.tensor([1, 0]).long(), :, torch.tensor([3, 2]).long()])
add("a_empty_index", x[torch.zeros(0, dtype=torch.long)])
add("a_mask_none_true", x[torch.zeros(2, 3, 4, dtype=torch.bool)])
add("a_dup_1d", x[[1, 1, 1, 0]])
xt = x.transpose(0, 2)  # [4, 3, 2], non-contiguous
add("a_transposed", xt[[3, 1], :, [0, 1]])
add("a_transposed_adj", xt[:, [2, 0]])
xs = x[:, ::2, 1:]  # [2, 2, 3], sliced
add("a_sliced", xs[[1, 0], [1, 1], [2, 0]])
add("a_index_noncontig", x[:, torch.tensor([[0, 1], [2, 0]]).t()])
add("a_xi", xi[[1, 0], :, [3, 3]])
add("a_0d_index_into_1d", torch.arange(5.)[torch.tensor([[4, 0], [1, 1]])])

# ---- every dtype -----------------------------------------------------------------------------
dtype_inputs = {
    "u8": xi.to(torch.uint8), "i8": (xi - 12).to(torch.int8), "i16": (xi * 1000 - 9000).to(torch.int16),
    "i32": (xi * 100000).to(torch.int32), "i64": xi * (2**40), "f16": x.half(), "bf16": x.bfloat16(),
    "f32": x, "f64": x.double(), "b": xi % 3 == 0,
}
for tag, t in dtype_inputs.items():
    add(f"in_dt_{tag}", t)
    add(f"dt_{tag}_adv", t[[1, 0], :, [3, 1]])
    add(f"dt_{tag}_mask", t[m23])
    y = t.clone()
    y[[0, 1, 0], [2, 0, 2]] = t[1, 1]  # duplicates: last write wins
    add(f"dt_{tag}_put", y)
    add(f"dt_{tag}_index_select", t.index_select(2, torch.tensor([3, 0, 3])))
    add(f"dt_{tag}_gather", t.gather(1, torch.tensor([[[2, 0, 1, 1]], [[0, 0, 2, 1]]])))
    src = t.flip(0)
    add(f"dt_{tag}_scatter_add", t.scatter_add(1, torch.tensor([[[2, 0, 1, 1], [2, 2, 0, 0]]]), src))
    add(f"dt_{tag}_masked_fill", t.masked_fill(m34, 1))
    add(f"dt_{tag}_nonzero", t.nonzero())
    add(f"dt_{tag}_cat", torch.cat([t, t[:, :1]], 1))

# ---- index_put_ ------------------------------------------------------------------------------
def put(base, idx, value):
    y = base.clone()
    y[idx] = value
    return y

add("p_dup", put(torch.zeros(5), torch.tensor([1, 1, 3]), torch.tensor([1., 2., 3.])))
v22 = torch.tensor([[1., 2.], [3., 4.]])
# Duplicates in a 2-d index: PyTorch's CPU writes them in the memory order of the value
# (then of the index), so a transposed value changes which one is written last.
add("p_dup_2d_tvalue", put(torch.zeros(3), torch.tensor([[0, 0], [0, 2]]), v22.t()))
add("p_dup_2d_tindex", put(torch.zeros(3), torch.tensor([[0, 0], [2, 0]]).t(), v22))
v24 = torch.tensor([[10., 20., 30., 40.], [50., 60., 70., 80.]]).reshape(2, 1, 4)
add("in_v214", v24)
add("p_broadcast", put(x, (slice(None), [0, 2]), v24))
add("p_scalar_adv", put(x, ([0, 1], slice(None), [1, 3]), 7.0))
add("p_mask_scalar", put(x, m234, -1.0))
add("p_mask_row", put(x, m23, torch.tensor([1., 2., 3., 4.])))
v1234 = torch.arange(24.).reshape(1, 2, 3, 4)
add("in_v1234", v1234)
add("p_leading_ones", put(x, [1, 0], v1234))
add("p_basic_int", put(x, 1, torch.arange(12.).reshape(3, 4)))
add("p_basic_slice_scalar", put(x, (slice(None), slice(1, None)), 5.0))
add("p_basic_ellipsis", put(x, (Ellipsis, 0), torch.tensor([9., 8., 7.])))
add("p_separated", put(x, ([0, 1], slice(None), [1, 3]), torch.tensor([[1., 2., 3.], [4., 5., 6.]])))
add("p_neg", put(x, (slice(None), -1, [-1, 0]), 0.5))
base = x.clone()
base.transpose(0, 2)[[3, 1], :, [0, 1]] = 100.0
add("p_transposed_self", base)
add("p_bool_true", put(x, (True, 0), torch.tensor([3., 3., 3., 3.])))
add("p_0d", put(torch.tensor(1.5), None, 4.0))
acc = torch.zeros(5).index_put_((torch.tensor([1, 1, 3, 1]),), torch.tensor([1., 2., 3., 4.]), accumulate=True)
add("p_accumulate", acc)
acc2 = x.clone().index_put_((torch.tensor([0, 0]), torch.tensor([1, 1])), torch.ones(2, 4), accumulate=True)
add("p_accumulate_2d", acc2)

# ---- index_select ----------------------------------------------------------------------------
add("is_dim0", x.index_select(0, torch.tensor([1, 1, 0])))
add("is_dim1", x.index_select(1, torch.tensor([2, 0])))
add("is_dim2_neg_dim", x.index_select(-1, torch.tensor([3, 1, 2, 0])))
add("is_transposed", xt.index_select(1, torch.tensor([0, 2])))
add("is_0d", torch.tensor(3.5).index_select(0, torch.tensor([0])))
add("is_empty", x.index_select(1, torch.zeros(0, dtype=torch.long)))
add("is_0d_index", x.index_select(0, torch.tensor(1)))

# ---- gather / scatter_add --------------------------------------------------------------------
g_idx = torch.tensor([[[1, 0], [0, 0]], [[1, 1], [0, 1]]])
add("in_g_idx", g_idx)
add("g_dim0", x.gather(0, g_idx))
add("g_dim1", x.gather(1, g_idx))
add("g_dim2", x.gather(2, g_idx))
add("g_transposed", xt.gather(0, torch.tensor([[[3, 2]], [[0, 1]]])))
add("g_0d", torch.tensor(3.5).gather(0, torch.tensor(0)))
add("g_empty", x.gather(1, torch.zeros(2, 0, 4, dtype=torch.long)))
s_idx = torch.tensor([[0, 1, 2, 0], [2, 2, 2, 1]])
s_src = torch.arange(1., 13.).reshape(3, 4)
add("in_s_idx", s_idx)
add("in_s_src", s_src)
add("s_dim0", torch.zeros(3, 4).scatter_add(0, s_idx, s_src))
add("s_dim1", torch.zeros(3, 5).scatter_add(1, s_idx, s_src))
add("s_half_order", torch.zeros(3, dtype=torch.half).scatter_add(
    0, torch.tensor([0, 0, 0, 2]), torch.tensor([0.1, 0.2, 0.3, 1.0], dtype=torch.half)))
add("s_0d", torch.tensor(1.0).scatter_add(0, torch.tensor(0), torch.tensor(2.5)))
add("s_transposed_self", torch.arange(12.).reshape(4, 3).t().scatter_add(1, s_idx[:, :2], s_src[:2, :2]))

# ---- masked_fill -----------------------------------------------------------------------------
add("mf_broadcast", x.masked_fill(m34, -2.5))
add("mf_full", x.masked_fill(m234, 0.0))
add("mf_tensor_value", x.masked_fill(m34, torch.tensor(4.0)))
add("mf_outplace_bcast", torch.arange(4.).masked_fill(m34, 9.0))
add("mf_int_float_value", xi.masked_fill(m34, 2.7))
add("mf_uint8_neg", xi.to(torch.uint8).masked_fill(m34, -1))
add("in_xi_even", xi % 2 == 0)
add("mf_bool", (xi % 2 == 0).masked_fill(m34, 5))
add("mf_half_inf", x.half().masked_fill(m34, float("inf")))
add("mf_transposed", xt.masked_fill(m34.t()[:, :, None], 1.0))

# ---- nonzero ---------------------------------------------------------------------------------
add("nz_floats", torch.tensor([[float("nan"), 0.0, -0.0], [1e-30, 0.0, -2.0]]).nonzero())
add("nz_0d", torch.tensor(5).nonzero())
add("nz_0d_zero", torch.tensor(0).nonzero())
add("nz_empty", torch.zeros(0, 3).nonzero())
add("nz_transposed", xi.transpose(0, 2).remainder(3).nonzero())
add("in_nz_tmod3", xi.transpose(0, 2).remainder(3))

# ---- cat / stack -----------------------------------------------------------------------------
a = torch.tensor([[1, 2], [3, 4]], dtype=torch.int8)
add("cat_i8_u8", torch.cat([a, a.to(torch.uint8)]))
add("cat_i8_bool", torch.cat([a, torch.tensor([[True, False]])]))
add("cat_half_bf16", torch.cat([a.half(), a.bfloat16()], 1))
add("cat_long_float", torch.cat([a.long(), a.float() / 2]))
add("cat_int_double", torch.cat([a.int(), a.double()], 1))
add("cat_skip_empty", torch.cat([torch.tensor([], dtype=torch.float64), a, torch.tensor([])]))
add("cat_all_empty", torch.cat([torch.tensor([], dtype=torch.long), torch.tensor([], dtype=torch.int32)]))
add("cat_dim2", torch.cat([x, x[:, :, :1], x[:, :, 2:]], 2))
add("cat_neg_dim", torch.cat([x, x[:, :2]], -2))
add("cat_transposed", torch.cat([xt, xt[:1]], 0))
add("cat_transposed_dim1", torch.cat([xt[:, :1], xt], 1))
add("cat_zero_width", torch.cat([torch.zeros(2, 0), torch.ones(2, 3)], 1))
add("stack_dim0", torch.stack([x[0], x[1]]))
add("stack_dim1", torch.stack([x[0], x[1]], 1))
add("stack_last", torch.stack([x[0], x[1]], -1))
add("stack_0d", torch.stack([torch.tensor(1.5), torch.tensor(2.5)]))
add("stack_promote", torch.stack([torch.tensor([1, 2]), torch.tensor([0.5, 1.5])], 1))

with open(OUT, "w") as f:
    f.write("// Generated by tests/reference/gen_indexing.py with PyTorch "
            f"{torch.__version__}; do not edit.\n")
    f.write("// {name, shape, dtype, values}\n")
    for name, shape, dtype, values in entries:
        f.write(f'{{"{name}", {{{", ".join(map(str, shape))}}}, ember::{dtype}, '
                f'{{{", ".join(lit(v) for v in values)}}}}},\n')
print(f"wrote {len(entries)} entries to {os.path.normpath(OUT)}")
