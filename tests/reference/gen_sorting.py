#!/usr/bin/python3
"""Writes tests/cpu/reference/sorting_data.inc: cases of the sorting, selection, counting and
scan ops with the results PyTorch gives, for tests/cpu/SortingReferenceTest.cpp.

    python3 tests/reference/gen_sorting.py

Each case names the op, its input (dtype, shape, values), integer arguments (`ints`: dim, k,
flags, as SortingReferenceTest.cpp reads them for each op), real arguments (`reals`: q, min,
max), a text argument (interpolation, side), a second tensor input where the op has one
(weights, boundaries, sorter), and up to three expected outputs (shape and values). Where
PyTorch does not specify which of equal elements' index it returns (topk, kthvalue, median),
the inputs have no equal elements along the dim, so the indices are compared too.
"""

import math
import os

import torch

torch.manual_seed(20261206)

DTYPES = {torch.float32: "kFloat", torch.float64: "kDouble", torch.int32: "kInt",
          torch.int64: "kLong", torch.uint8: "kByte", torch.bool: "kBool",
          torch.float16: "kHalf", torch.int16: "kShort", torch.int8: "kChar"}

cases = []


def num(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if math.isnan(v):
        return "kNaN"
    if math.isinf(v):
        return "kInf" if v > 0 else "-kInf"
    return repr(float(v))


def tensor_lit(t):
    if t is None:
        return "{}"
    t = t.detach()
    shape = "{" + ", ".join(str(s) for s in t.shape) + "}"
    vals = t.reshape(-1).tolist()
    dtype = DTYPES[t.dtype]
    return "{%s, %s, {%s}}" % (dtype, shape, ", ".join(num(v) for v in vals))


def add(op, x, ints=(), reals=(), text="", other=None, outs=()):
    outs = list(outs) + [None] * (3 - len(outs))
    cases.append("    {\"%s\", %s, {%s}, {%s}, \"%s\", %s, %s, %s, %s}," % (
        op, tensor_lit(x), ", ".join(str(int(i)) for i in ints),
        ", ".join(num(float(r)) for r in reals), text, tensor_lit(other),
        tensor_lit(outs[0]), tensor_lit(outs[1]), tensor_lit(outs[2])))


def distinct(shape, dtype=torch.float32):
    """Values without ties anywhere (a permutation, scaled)."""
    n = 1
    for s in shape:
        n *= s
    if not dtype.is_floating_point:
        return (torch.randperm(n) - n // 2).reshape(shape).to(dtype)
    return (torch.randperm(n).to(torch.float64) * 0.25 - n / 8).reshape(shape).to(dtype)


def with_ties(shape, dtype=torch.float32, nan=False):
    x = torch.randint(-3, 4, shape).to(torch.float64)
    if nan:
        x[torch.rand(shape) < 0.2] = float("nan")
    return x.to(dtype)


nan = float("nan")
inf = float("inf")

# ---- sort / argsort: stable, NaN largest, -0.0 equal to 0.0 -----------------------------------
special = torch.tensor([3., nan, 1., -0.0, 2., nan, 1., 0.0, -inf, inf, -2., 1.])
for desc in (False, True):
    v, i = torch.sort(special, stable=True, descending=desc)
    add("sort", special, (0, desc), outs=(v, i))
for dtype in (torch.float32, torch.float64, torch.float16, torch.int32, torch.int64, torch.uint8,
              torch.int8, torch.int16):
    x = with_ties((3, 5, 4), dtype, nan=dtype.is_floating_point)
    if dtype == torch.uint8:
        x = torch.randint(0, 255, (3, 5, 4)).to(dtype)
    for dim in (0, 1, -1):
        for desc in (False, True):
            v, i = torch.sort(x, dim=dim, descending=desc, stable=True)
            add("sort", x, (dim, desc), outs=(v, i))
xb = torch.rand(2, 7) < 0.5
for desc in (False, True):
    v, i = torch.sort(xb, dim=1, descending=desc, stable=True)
    add("sort", xb, (1, desc), outs=(v, i))
long_row = with_ties((1, 300), torch.float32, nan=True)  # radix path
for desc in (False, True):
    v, i = torch.sort(long_row, dim=1, descending=desc, stable=True)
    add("sort", long_row, (1, desc), outs=(v, i))
add("argsort", special, (0, 1), outs=(torch.argsort(special, descending=True, stable=True),))
x0 = torch.tensor(2.5)
add("sort", x0, (0, 0), outs=torch.sort(x0))

# ---- topk: distinct values (PyTorch leaves ties' order unspecified) ---------------------------
for dtype in (torch.float32, torch.int64):
    x = distinct((3, 100), dtype)
    for k, largest in ((1, True), (5, True), (5, False), (80, True), (100, False)):
        v, i = torch.topk(x, k, dim=1, largest=largest)
        add("topk", x, (k, 1, largest), outs=(v, i))
x = distinct((6, 3, 5))
for dim in (0, 1):
    v, i = torch.topk(x, 2, dim=dim)
    add("topk", x, (2, dim, 1), outs=(v, i))
xn = torch.tensor([1., nan, 3., -inf, 2.])
for largest in (True, False):
    v, i = torch.topk(xn, 3, largest=largest)
    add("topk", xn, (3, 0, largest), outs=(v, i))

# ---- kthvalue, median, nanmedian: distinct values ---------------------------------------------
x = distinct((5, 7))
for k, dim, keepdim in ((1, 1, False), (4, 1, True), (7, 1, False), (3, 0, False)):
    v, i = torch.kthvalue(x, k, dim, keepdim)
    add("kthvalue", x, (k, dim, keepdim), outs=(v, i))
for dim, keepdim in ((0, False), (1, True)):
    v, i = torch.median(x, dim, keepdim)
    add("median", x, (dim, keepdim), outs=(v, i))
add("median_all", x, outs=(torch.median(x),))
xe = distinct((4, 6))
add("median_all", xe, outs=(torch.median(xe),))
v, i = torch.median(xe, 1)
add("median", xe, (1, 0), outs=(v, i))
xi = distinct((3, 5), torch.int64)
v, i = torch.median(xi, 1)
add("median", xi, (1, 0), outs=(v, i))
xnan = torch.tensor([[1., nan, 3., 0.5], [4., 2., 8., 5.], [nan, nan, 2., 1.], [nan, nan, nan, nan]])
v, i = torch.median(xnan, 1)
add("median", xnan, (1, 0), outs=(v, i))
v, i = torch.nanmedian(xnan, 1)
add("nanmedian", xnan, (1, 0), outs=(v,))  # all-NaN row: PyTorch's index is arbitrary
add("median_all", xnan, outs=(torch.median(xnan),))
add("nanmedian_all", xnan, outs=(torch.nanmedian(xnan),))

# ---- mode: the smallest of the most frequent values, index of its last occurrence -------------
for dtype in (torch.float32, torch.int64):
    x = with_ties((4, 9), dtype)
    for dim, keepdim in ((1, False), (0, True)):
        v, i = torch.mode(x, dim, keepdim)
        add("mode", x, (dim, keepdim), outs=(v, i))

# ---- quantile / nanquantile (ints: has dim, dim, keepdim; q from reals, or the other input) --
xq = torch.randn(4, 6, dtype=torch.float64)
qs = torch.tensor([0.0, 0.1, 0.25, 0.5, 0.77, 1.0], dtype=torch.float64)
for interp in ("linear", "lower", "higher", "midpoint", "nearest"):
    add("quantile", xq, (1, 1, 0), (), interp, qs, outs=(torch.quantile(xq, qs, dim=1, interpolation=interp),))
    add("quantile", xq, (0, 0, 0), (0.375,), interp, None,
        outs=(torch.quantile(xq, 0.375, interpolation=interp),))
add("quantile", xq, (1, 0, 1), (0.4,), "linear", None, outs=(torch.quantile(xq, 0.4, dim=0, keepdim=True),))
add("quantile", xq, (0, 0, 1), (), "linear", qs, outs=(torch.quantile(xq, qs, keepdim=True),))
xr = torch.tensor([1., 2., 3., 4., 5.], dtype=torch.float32)
for q in (0.375, 0.625, 0.125):  # nearest rounds half to even
    add("quantile", xr, (1, 0, 0), (q,), "nearest", None, outs=(torch.quantile(xr, q, dim=0, interpolation="nearest"),))
xqn = torch.tensor([[1., nan, 3., 4.], [2., 1., 0., 5.], [nan, nan, nan, nan]])
add("quantile", xqn, (1, 1, 0), (0.3,), "linear", None, outs=(torch.quantile(xqn, 0.3, dim=1),))
add("nanquantile", xqn, (1, 1, 0), (0.3,), "linear", None, outs=(torch.nanquantile(xqn, 0.3, dim=1),))
add("nanquantile", xqn, (1, 1, 0), (), "higher", torch.tensor([0.2, 0.9]),
    outs=(torch.nanquantile(xqn, torch.tensor([0.2, 0.9]), dim=1, interpolation="higher"),))

# ---- unique, unique_consecutive ---------------------------------------------------------------
for dtype in (torch.int64, torch.float32, torch.int32, torch.uint8):
    x = torch.randint(0, 6, (3, 7)).to(dtype)
    v, inv, cnt = torch.unique(x, sorted=True, return_inverse=True, return_counts=True)
    add("unique", x, (1, 1), outs=(v, inv, cnt))
    v, inv, cnt = torch.unique_consecutive(x, return_inverse=True, return_counts=True)
    add("unique_consecutive", x, (1, 1), outs=(v, inv, cnt))
xu = torch.tensor([3., nan, 1., 3., nan, -0.0, 0.0, 1.])
v, inv, cnt = torch.unique(xu, return_inverse=True, return_counts=True)
add("unique", xu, (1, 1), outs=(v, inv, cnt))
v = torch.unique(xu)
add("unique", xu, (0, 0), outs=(v,))
xbig = torch.randint(-50, 50, (300,))
v, inv, cnt = torch.unique(xbig, return_inverse=True, return_counts=True)
add("unique", xbig, (1, 1), outs=(v, inv, cnt))
add("unique", xbig, (0, 1), outs=(v, None, cnt))
xbool = torch.tensor([True, False, True])
v, inv, cnt = torch.unique(xbool, return_inverse=True, return_counts=True)
add("unique", xbool, (1, 1), outs=(v, inv, cnt))

# ---- bincount, histc ---------------------------------------------------------------------------
xc = torch.randint(0, 8, (20,))
add("bincount", xc, (0,), outs=(torch.bincount(xc),))
add("bincount", xc, (12,), outs=(torch.bincount(xc, minlength=12),))
w = torch.rand(20)
add("bincount", xc, (0,), (), "", w, outs=(torch.bincount(xc, weights=w),))
wi = torch.randint(0, 5, (20,))
add("bincount", xc, (3,), (), "", wi, outs=(torch.bincount(xc, weights=wi, minlength=3),))
xh = torch.randn(100)
add("histc", xh, (10,), (0, 0), outs=(torch.histc(xh, bins=10),))
add("histc", xh, (7,), (-1, 1.5), outs=(torch.histc(xh, bins=7, min=-1, max=1.5),))
xh2 = torch.tensor([0., 1, 2, 3, 1, 2, 3, 3, nan, -1, 4], dtype=torch.float64)
add("histc", xh2, (3,), (0, 3), outs=(torch.histc(xh2, bins=3, min=0, max=3),))
xh3 = torch.linspace(0, 1, 101)
add("histc", xh3, (10,), (0, 1), outs=(torch.histc(xh3, bins=10, min=0, max=1),))
add("histc", torch.tensor([2., 2.]), (4,), (0, 0), outs=(torch.histc(torch.tensor([2., 2.]), bins=4),))

# ---- searchsorted, bucketize -------------------------------------------------------------------
bd = torch.tensor([1., 3., 3., 5., 7., nan])
vals = torch.tensor([[0., 1., 3., 4.], [7., 8., nan, 3.]])
for right in (False, True):
    add("searchsorted", vals, (right, 0), (), "", bd, outs=(torch.searchsorted(bd, vals, right=right),))
bd2 = torch.sort(torch.randn(3, 6), dim=1)[0]
v2 = torch.randn(3, 4)
for right in (False, True):
    add("searchsorted", v2, (right, 0), (), "", bd2, outs=(torch.searchsorted(bd2, v2, right=right),))
bdi = torch.tensor([2, 4, 6, 8])
vi = torch.tensor([1, 4, 5, 9])
add("searchsorted", vi, (0, 0), (), "", bdi, outs=(torch.searchsorted(bdi, vi),))
add("searchsorted", vi, (1, 1), (), "", bdi, outs=(torch.searchsorted(bdi, vi, right=True, out_int32=True),))
add("bucketize", v2, (1,), (), "", bd2[0], outs=(torch.bucketize(v2, bd2[0], right=True),))

# ---- cummax, cummin, cumprod, logcumsumexp -----------------------------------------------------
xs = torch.tensor([[1., 3., 3., nan, 2., nan, 5.], [2., 2., 1., 1., 0., -1., -1.]])
for dim in (0, 1):
    add("cummax", xs, (dim,), outs=torch.cummax(xs, dim))
    add("cummin", xs, (dim,), outs=torch.cummin(xs, dim))
xt = with_ties((3, 4, 5), torch.int64)
add("cummax", xt, (1,), outs=torch.cummax(xt, 1))
add("cummin", xt, (2,), outs=torch.cummin(xt, 2))
xp = torch.randn(3, 5, dtype=torch.float64)
xp[1, 2] = 0.0
for dim in (0, 1):
    add("cumprod", xp, (dim,), outs=(torch.cumprod(xp, dim),))
    add("logcumsumexp", xp, (dim,), outs=(torch.logcumsumexp(xp, dim),))
xpi = torch.randint(-3, 4, (2, 6), dtype=torch.int32)
add("cumprod", xpi, (1,), outs=(torch.cumprod(xpi, 1),))
xl = torch.tensor([-inf, -inf, 1., inf, 2., nan, 3.])
add("logcumsumexp", xl, (0,), outs=(torch.logcumsumexp(xl, 0),))
xl32 = torch.randn(4, 6) * 30
add("logcumsumexp", xl32, (1,), outs=(torch.logcumsumexp(xl32, 1),))

out = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "sorting_data.inc")
with open(out, "w") as f:
    f.write("// Generated by tests/reference/gen_sorting.py from PyTorch %s; do not edit.\n"
            % torch.__version__.split("+")[0])
    f.write("// {op, input, ints, reals, text, other input, expected outputs 0..2}\n")
    f.write("\n".join(cases) + "\n")
print("wrote", len(cases), "cases to", os.path.normpath(out))
