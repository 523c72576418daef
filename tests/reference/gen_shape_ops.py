#!/usr/bin/python3
"""Writes tests/cpu/reference/shape_ops_data.inc: inputs and PyTorch's results for the shape
op tests (tests/cpu/ShapeOpsTest.cpp): flip, roll, repeat, repeat_interleave, tile, tril/triu,
diag, diagonal, diag_embed, trace, movedim, unflatten, meshgrid, take_along_dim, index_add,
index_copy, index_fill, scatter, scatter_reduce, masked_select, masked_scatter, the stacks and
padding.

Run from the repository root:
    python3 tests/reference/gen_shape_ops.py

Each entry is (name, shape, dtype, values), written as gen_indexing.py writes them; the C++
test builds its inputs from the entries named in_* and compares its results with the others.
"""

import math
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "shape_ops_data.inc")

DTYPES = {
    torch.uint8: "kByte", torch.int8: "kChar", torch.int16: "kShort", torch.int32: "kInt",
    torch.int64: "kLong", torch.float16: "kHalf", torch.float32: "kFloat",
    torch.float64: "kDouble", torch.bool: "kBool", torch.bfloat16: "kBFloat16",
}
SHORT = {torch.float32: "f32", torch.float64: "f64", torch.float16: "f16",
         torch.bfloat16: "bf16", torch.int64: "i64", torch.int32: "i32", torch.uint8: "u8",
         torch.bool: "bool"}

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
    if t.dtype == torch.bool:
        values = [int(b) for b in t.flatten().tolist()]
    elif t.dtype == torch.int64:
        values = [int(v) for v in t.flatten().tolist()]
    else:
        values = t.to(torch.float64).flatten().tolist()
    entries.append((name, list(t.shape), DTYPES[t.dtype], values))


torch.manual_seed(0)
x = (torch.randn(2, 3, 4) * 10).round() / 4
add("in_x", x)
m = (torch.randn(4, 5) * 10).round() / 4
add("in_m", m)
v = torch.tensor([1.5, -2.0, 3.25])
add("in_v", v)

# Every dtype for the ops that move elements (the C++ test converts in_x to each).
for dt in (torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64,
           torch.int32, torch.uint8, torch.bool):
    xs = x.to(dt) if dt != torch.bool else x > 0
    s = SHORT[dt]
    add(f"flip02_{s}", xs.flip(0, 2))
    add(f"roll_{s}", xs.roll((1, -2), (0, 2)))
    add(f"repeat_{s}", xs.repeat(2, 1, 1, 2))
    add(f"tril_{s}", xs.tril(1))
    add(f"triu_{s}", xs.triu(-1))
    add(f"diag_embed_{s}", xs[0].diag_embed())
    add(f"index_add_{s}", xs[0].index_add(1, torch.tensor([3, 0, 3]), xs[1, :, :3]))
    add(f"index_copy_{s}", xs[0].index_copy(1, torch.tensor([3, 0]), xs[1, :, :2]))
    add(f"index_fill_{s}", xs[0].index_fill(0, torch.tensor([-1, 0]), 1))
    add(f"scatter_{s}", xs[0].scatter(1, torch.tensor([[0, 3], [2, 2], [1, 0]]), xs[1]))
    add(f"masked_select_{s}", xs.masked_select(m[:3, :4] > 0))
    add(f"masked_scatter_{s}", xs.masked_scatter(m[:3, :4] > 0, xs.flip(0)))
    add(f"pad_const_{s}", torch.constant_pad_nd(xs, (1, 2, -1, 1), 1))
    add(f"pad_circular_{s}", F.pad(xs, (1, 2), mode="circular"))
    if dt != torch.bool:
        add(f"pad_reflect_{s}", F.pad(xs, (2, 3), mode="reflect"))
        add(f"pad_replicate_{s}", F.pad(xs, (2, 1, 1, 3), mode="replicate"))
        add(f"trace_{s}", xs[0].trace())
        add(f"scatter_sum_{s}", xs[0].scatter_reduce(1, torch.tensor([[0, 0], [2, 2], [1, 0]]),
                                                     xs[1, :, :2], "sum"))

xt = x.transpose(0, 2)  # non-contiguous [4, 3, 2]
add("flip_t", xt.flip(1))
add("flip_neg", x.flip(-1))
add("roll_flat", x.roll(5))
add("roll_t", xt.roll(-1, 0))
add("roll_big", x.roll(7, 2))
add("repeat_t", xt.repeat(1, 2, 1))
add("repeat_more", v.repeat(2, 2))
add("ri_int", x.repeat_interleave(2))
add("ri_dim", x.repeat_interleave(torch.tensor([1, 0, 2]), dim=1))
add("ri_scalar_t", xt.repeat_interleave(torch.tensor(2), dim=2))
add("ri_repeats", torch.repeat_interleave(torch.tensor([2, 0, 1])))
add("tile_short", x.tile((2,)))
add("tile_long", v.tile((2, 1, 2)))
for k in (-2, 0, 2, 5):
    add(f"tril_m{k}", m.tril(k))
    add(f"triu_m{k}", m.triu(k))
add("tril_t", m.t().tril())
add("diag_v1", v.diag(1))
add("diag_vm1", v.diag(-1))
add("diag_m1", m.diag(1))
add("diag_mm2", m.diag(-2))
add("diagonal_12", x.diagonal(0, 1, 2))
add("diagonal_off", x.diagonal(1, 0, 2))
add("diagonal_neg", x.diagonal(-1, -1, 1))
add("diagonal_big", x.diagonal(9, 1, 2))
add("diag_embed_off", x[0].diag_embed(1, 0, 2))
add("diag_embed_neg", v.diag_embed(-1))
add("trace_m", m.trace())
add("trace_int", m.long().trace())
add("movedim_1", x.movedim(0, 2))
add("movedim_list", x.movedim((0, 1), (2, 0)))
add("swapaxes", x.swapaxes(0, -1))
add("unflatten", x.unflatten(2, (2, 2)))
add("unflatten_infer", x.unflatten(-1, (-1, 1, 2)))
a, b, c = torch.tensor([1., 2.]), torch.tensor([3., 4., 5.]), torch.tensor([6., 7., 8., 9.])
for i, g in enumerate(torch.meshgrid(a, b, c, indexing="ij")):
    add(f"mesh_ij{i}", g)
for i, g in enumerate(torch.meshgrid(a, b, c, indexing="xy")):
    add(f"mesh_xy{i}", g)
tad_idx = torch.tensor([[[0, 2, 1, 0]], [[2, 2, 0, 1]]])
add("in_tad_idx", tad_idx)
add("tad_dim", torch.take_along_dim(x, tad_idx, 1))
add("tad_bcast", torch.take_along_dim(x, torch.tensor([[[1], [0], [3]]]), 2))
add("tad_flat", torch.take_along_dim(x, torch.tensor([23, 0, 5])))
add("index_add_alpha", m.index_add(0, torch.tensor([1, 1, 3]), m[:3] * 2, alpha=-0.5))
add("index_add_int32", m.index_add(1, torch.tensor([4, 0], dtype=torch.int32), m[:, :2]))
add("index_add_t", m.t().index_add(0, torch.tensor([0, 2]), m.t()[:2] * 3))
add("index_copy_t", m.t().index_copy(1, torch.tensor([3, 1]), m.t()[:, :2] + 1))
add("index_fill_t", m.t().index_fill(1, torch.tensor([2, 0, 2]), -7.5))
add("index_fill_tensor", m.index_fill(1, torch.tensor([4]), torch.tensor(2.5)))
sidx = torch.tensor([[0, 1, 2, 0], [2, 2, 2, 1]])
add("in_sidx", sidx)
add("scatter_dim0", torch.zeros(3, 5).scatter(0, sidx, m))
add("scatter_value", torch.zeros(3, 5).scatter(1, sidx, 4.5))
add("scatter_add_reduce", m.scatter(0, sidx, m, reduce="add"))
for red in ("sum", "mean"):
    for inc in (True, False):
        add(f"sr_{red}_{int(inc)}", m.scatter_reduce(0, sidx, m[2:], red, include_self=inc))
add("sr_mean_int", m.long().scatter_reduce(0, sidx, m.long()[1:3], "mean"))
add("ms_bcast", m.masked_select(torch.tensor([True, False, True, True, False])))
mask = m > 0
add("in_mask", mask)
add("msc_bcast", torch.zeros(2, 5).masked_scatter(torch.tensor([True, False, True, False, True]),
                                                   m * 10))
add("hstack_1d", torch.hstack([v, a]))
add("hstack_2d", torch.hstack([m, m[:, :2]]))
add("vstack_1d", torch.vstack([v, v * 2]))
add("vstack_mixed", torch.vstack([m, m[0]]))
add("dstack", torch.dstack([m, m * 2]))
add("dstack_1d", torch.dstack([v, v]))
add("column_stack", torch.column_stack([v, m[:3, :2], torch.tensor([9., 8., 7.])]))
add("pad_const_neg", torch.constant_pad_nd(x, (-1, -2, 2, 0)))
add("pad_const_value", F.pad(x, (1, 1, 1, 1, 1, 1), value=-3.5))
add("pad_reflect1", F.pad(x, (3, 1), mode="reflect"))
add("pad_reflect_neg", F.pad(x, (-1, 2), mode="reflect"))
add("pad_reflect2", F.pad(x, (1, 2, 2, 1), mode="reflect"))
add("pad_reflect3", F.pad(x[None], (1, 2, 1, 0, 1, 1), mode="reflect"))
add("pad_reflect_t", F.pad(xt, (1, 1), mode="reflect"))
add("pad_replicate1", F.pad(x, (4, 2), mode="replicate"))
add("pad_replicate2", F.pad(x, (2, 2, 3, 0), mode="replicate"))
add("pad_replicate3", F.pad(x[None], (1, 1, 1, 1, 2, 2), mode="replicate"))
add("pad_replicate_neg", F.pad(x, (-2, 1), mode="replicate"))
add("pad_circular1", F.pad(x, (3, 4), mode="circular"))
add("pad_circular2", F.pad(x, (1, 2, 3, 0), mode="circular"))
add("pad_circular_neg", F.pad(x, (-1, 2), mode="circular"))

with open(OUT, "w") as f:
    f.write("// Generated by tests/reference/gen_shape_ops.py with PyTorch "
            f"{torch.__version__}; do not edit.\n")
    f.write("// {name, shape, dtype, values}\n")
    for name, shape, dtype, values in entries:
        f.write(f'{{"{name}", {{{", ".join(map(str, shape))}}}, ember::{dtype}, '
                f'{{{", ".join(lit(v) for v in values)}}}}},\n')
print(f"wrote {len(entries)} entries to {os.path.normpath(OUT)}")
