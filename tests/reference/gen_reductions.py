#!/usr/bin/python3
"""Writes tests/cpu/reference/reductions_data.inc: reduction and along-dim cases with the
results PyTorch gives, for tests/cpu/ReductionReferenceTest.cpp.

Run with the system Python that has PyTorch 1.13:
    /usr/bin/python3 tests/reference/gen_reductions.py

Each case names an op, its input (stored values, or a formula both sides evaluate the same way
for large inputs), a layout transform (transpose, slice, expand, permute) applied before the op,
the op's arguments, and the expected result(s). Where PyTorch's CPU backend lacks a dtype that
Ember supports (half prod/cumsum/softmax/log_softmax/logsumexp, bool argmax excepted), the
reference is computed in float32 and rounded to the dtype, as PyTorch's CUDA kernels do, and
compared with a tolerance of a couple of ulps.
"""

import math
import os
from fractions import Fraction

import torch

torch.manual_seed(20240611)

DTYPE_NAMES = {
    torch.uint8: "kByte", torch.int8: "kChar", torch.int16: "kShort", torch.int32: "kInt",
    torch.int64: "kLong", torch.float16: "kHalf", torch.float32: "kFloat",
    torch.float64: "kDouble", torch.bool: "kBool", torch.bfloat16: "kBFloat16",
}
FLOATS = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
INTS = [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64]

cases = []


# ---- Inputs ----------------------------------------------------------------------------------

def formula_values(n, dtype):
    """Deterministic values for large inputs; tests/cpu/ReductionReferenceTest.cpp computes
    the same numbers."""
    i = torch.arange(n, dtype=torch.int64)
    if dtype.is_floating_point:
        v = ((i * 7919 + 13) % 10007).to(torch.float64) / 10007.0 - 0.5
    elif dtype == torch.bool:
        v = ((i * 7919 + 13) % 3) != 0
    else:
        v = (i * 7919 + 13) % 11 - (0 if dtype == torch.uint8 else 5)
    return v.to(dtype)


def random_values(shape, dtype, scale=3.0):
    n = math.prod(shape)
    if dtype.is_floating_point:
        return (torch.randn(n, dtype=torch.float64) * scale).to(dtype).reshape(shape)
    if dtype == torch.bool:
        return (torch.rand(n) < 0.5).reshape(shape)
    low = 0 if dtype == torch.uint8 else -5
    return torch.randint(low, 6, (n,), dtype=torch.int64).to(dtype).reshape(shape)


def apply_layout(base, layout, arg):
    if layout == "":
        return base
    if layout == "t":
        return base.transpose(-1, -2)
    if layout == "s":
        return base[::2]
    if layout == "s_last":
        return base[..., ::2]
    if layout == "e":
        return base.expand(*arg)
    if layout == "p":
        return base.permute(*arg)
    raise ValueError(layout)


# ---- C++ literals -----------------------------------------------------------------------------
# Values live in static arrays (constant-initialised: quick to compile); cases point at them.

arrays = []
array_names = {}


def fmt_double(x):
    if math.isnan(x):
        return "kNaN"
    if math.isinf(x):
        return "kInf" if x > 0 else "-kInf"
    return repr(float(x))


def array_literal(ctype, items):
    """Name of a new static array holding `items` (nullptr when empty)."""
    if not items:
        return "nullptr"
    body = "%s[] = {%s};" % (ctype, ", ".join(items))
    if body not in array_names:  # identical arrays are shared
        array_names[body] = "kArr%d" % len(arrays)
        arrays.append("static const %s %s\n" % (ctype, body.replace(ctype + "[]", array_names[body] + "[]", 1)))
    return array_names[body]


def tensor_literal(t, stored=True, stride=1):
    """RefTensor{dtype, shape, ndim, values, ints, count, formula, stride}: stored values (every
    `stride`-th of the flattened tensor), or none when the test computes the formula."""
    if t is None:
        return "{}"
    dtype = DTYPE_NAMES[t.dtype]
    shape = array_literal("int64_t", [str(v) for v in t.shape])
    flat = t.reshape(-1)[::stride] if stored else t.reshape(-1)[:0]
    if t.dtype.is_floating_point or t.dtype == torch.bool:
        vals = array_literal("double", [fmt_double(v) for v in flat.to(torch.float64).tolist()])
        ints = "nullptr"
    else:
        vals = "nullptr"
        ints = array_literal("int64_t", ["INT64_MIN" if v == -2 ** 63 else str(v) + "LL"
                                         for v in flat.tolist()])
    return "{ember::%s, %s, %d, %s, %s, %d, %s, %d}" % (
        dtype, shape, t.dim(), vals, ints, flat.numel(), "false" if stored else "true", stride)


# ---- Reference computation --------------------------------------------------------------------

def run_op(op, x, args, other=None):
    dims, keepdim, dtype, p, unbiased = (args.get(k) for k in
                                         ("dims", "keepdim", "dtype", "p", "unbiased"))
    keepdim = bool(keepdim)
    if op in ("sum", "mean"):
        f = getattr(torch, op)
        if dims is None:
            return f(x, dtype=dtype) if dtype is not None else f(x)
        return f(x, dims, keepdim, dtype=dtype)
    if op == "prod":
        if dims is None:
            return torch.prod(x, dtype=dtype)
        return torch.prod(x, dims[0], keepdim, dtype=dtype)
    if op in ("max", "min"):
        f = getattr(torch, op)
        if dims is None:
            return f(x)
        r = f(x, dims[0], keepdim)
        return (r.values, r.indices)
    if op in ("argmax", "argmin"):
        f = getattr(torch, op)
        return f(x, dims[0] if dims is not None else None, keepdim)
    if op in ("any", "all"):
        f = getattr(torch, op)
        return f(x) if dims is None else f(x, dims[0], keepdim)
    if op in ("var", "std"):
        f = getattr(torch, op)
        return f(x, unbiased=unbiased) if dims is None else f(x, dims, unbiased, keepdim)
    if op == "norm":
        if dims is None:
            return torch.norm(x, p if p is not None else 2)
        return x.norm(p, dims, keepdim)
    if op == "logsumexp":
        return torch.logsumexp(x, dims, keepdim)
    if op == "cumsum":
        return torch.cumsum(x, dims[0], dtype=dtype)
    if op in ("softmax", "log_softmax"):
        return getattr(torch, op)(x, dims[0], dtype=dtype)
    if op == "allclose":
        return torch.tensor(torch.allclose(x, other, args["rtol"], args["atol"],
                                           args["equal_nan"]))
    if op == "equal":
        return torch.tensor(torch.equal(x, other))
    raise ValueError(op)


# Ops whose float32 / half reference is computed in float64 and rounded (see add_case).
ACCUMULATING = ("sum", "mean", "var", "std", "norm", "logsumexp", "cumsum")

ULP = {torch.float16: 2 ** -10, torch.bfloat16: 2 ** -7, torch.float32: 2 ** -23,
       torch.float64: 2 ** -52}


def tolerance(op, dtype, emulated):
    """(rtol, atol) for comparing Ember's result with the reference."""
    if dtype is None or not dtype.is_floating_point:
        return (0.0, 0.0)
    if op in ("max", "min") or (op in ("any", "all", "argmax", "argmin", "equal", "allclose")):
        return (0.0, 0.0)
    ulp = ULP[dtype]
    if dtype in (torch.float16, torch.bfloat16):
        # One rounding apart, or a few when PyTorch rounds intermediate steps (or the
        # reference is computed in float32).
        return (4 * ulp if emulated or op in ("logsumexp", "var", "std", "norm") else 2 * ulp,
                4 * ulp)
    if dtype == torch.float32:
        return (1e-5, 1e-6)
    return (1e-12, 1e-13)


def add_case(name, op, base, layout="", layout_arg=None, other=None, stored=True, stride=1,
             **args):
    args.setdefault("dims", None)
    args.setdefault("keepdim", False)
    args.setdefault("dtype", None)
    args.setdefault("p", None)
    args.setdefault("unbiased", True)
    args.setdefault("rtol", 1e-5)
    args.setdefault("atol", 1e-8)
    args.setdefault("equal_nan", False)
    direct = args.pop("direct", False)
    exact = args.pop("exact", None)
    check_atol = args.pop("check_atol", None)
    x = apply_layout(base, layout, layout_arg)
    emulated = False
    try:
        result = run_op(op, x, args, other)
        if (not direct and op in ACCUMULATING and args["dtype"] is None
                and (x.dtype in (torch.float32, torch.float16, torch.bfloat16)
                     or (op == "logsumexp" and not x.dtype.is_floating_point))):
            # PyTorch accumulates float32 and half in float; Ember in double. Compare with
            # the float64 result, rounded: the accurate answer.
            result = run_op(op, x.double(), args, other).to(result.dtype)
    except RuntimeError as e:
        if "not implemented for 'Half'" not in str(e) and "not implemented for 'BFloat16'" not in str(e):
            raise
        # PyTorch's CPU backend lacks this dtype: compute in float32 and round.
        emulated = True
        a = dict(args)
        if a["dtype"] is not None:
            a["dtype"] = torch.float32
        result = run_op(op, x.float(), a, None if other is None else other.float())
        out_dtype = args["dtype"] if args["dtype"] is not None else base.dtype
        if isinstance(result, tuple):
            result = (result[0].to(out_dtype), result[1])
        else:
            result = result.to(out_dtype)
    if exact is not None:
        result = exact(x).to(result.dtype)
    values, indices = (result if isinstance(result, tuple) else (result, None))
    rtol, atol = tolerance(op, values.dtype, emulated)
    if check_atol is not None:
        atol = check_atol
    def opt_dtype(d):
        return "-1" if d is None else "static_cast<int>(ember::%s)" % DTYPE_NAMES[d]
    dims = args["dims"]
    p = args["p"]
    fields = [
        '"%s"' % name, '"%s"' % op, tensor_literal(base, stored), '"%s"' % layout,
        array_literal("int64_t", [str(v) for v in (layout_arg or [])]),
        str(len(layout_arg or [])),
        tensor_literal(other) if other is not None else "{}",
        array_literal("int64_t", [str(d) for d in (dims or [])]),
        str(len(dims or [])),
        "true" if dims is not None else "false",
        "true" if args["keepdim"] else "false",
        opt_dtype(args["dtype"]),
        fmt_double(float(p)) if p is not None else "0.0",
        "true" if p is not None else "false",
        "true" if args["unbiased"] else "false",
        fmt_double(args["rtol"]), fmt_double(args["atol"]),
        "true" if args["equal_nan"] else "false",
        tensor_literal(values.contiguous(), stride=stride),
        tensor_literal(indices.contiguous(), stride=stride) if indices is not None else "{}",
        fmt_double(rtol), fmt_double(atol),
    ]
    cases.append("    {" + ",\n     ".join(fields) + "},\n")


def dname(d):
    return str(d).replace("torch.", "")


# ---- The cases --------------------------------------------------------------------------------

ALL_DTYPES = FLOATS + INTS + [torch.bool]

# sum, mean, prod: whole tensor, dims lists, keepdim, dtype argument, layouts, 0-d and empty.
for dt in ALL_DTYPES:
    x = random_values((3, 4), dt, scale=2.0)
    add_case(f"sum_all_{dname(dt)}", "sum", x)
    add_case(f"sum_dim1_{dname(dt)}", "sum", x, dims=[1])
    add_case(f"sum_dim0_keep_t_{dname(dt)}", "sum", x, layout="t", dims=[0], keepdim=True)
    add_case(f"prod_all_{dname(dt)}", "prod", random_values((2, 3), dt, scale=1.5))
    add_case(f"prod_dim0_{dname(dt)}", "prod", x, dims=[0])
    add_case(f"prod_dimneg1_keep_s_{dname(dt)}", "prod", random_values((4, 3), dt, 1.5), layout="s",
             dims=[-1], keepdim=True)
    if dt.is_floating_point:
        add_case(f"mean_all_{dname(dt)}", "mean", x)
        add_case(f"mean_dims_{dname(dt)}", "mean", random_values((2, 3, 4), dt), dims=[0, 2])
        add_case(f"mean_dim_keep_t_{dname(dt)}", "mean", x, layout="t", dims=[1], keepdim=True)
    else:
        add_case(f"mean_dtype_{dname(dt)}", "mean", x, dims=[1], dtype=torch.float64)

x3 = random_values((2, 3, 4), torch.float32)
add_case("sum_dims02_f32", "sum", x3, dims=[0, 2])
add_case("sum_dims_neg_keep_f32", "sum", x3, dims=[-1, -3], keepdim=True)
add_case("sum_dims_all_list_f32", "sum", x3, dims=[0, 1, 2])
add_case("sum_empty_dim_list_f32", "sum", x3, dims=[])
add_case("sum_permuted_f32", "sum", x3, layout="p", layout_arg=[2, 0, 1], dims=[1])
add_case("sum_expanded_f32", "sum", random_values((1, 4), torch.float32), layout="e",
         layout_arg=[3, 4], dims=[0])
add_case("sum_expanded_all_i32", "sum", random_values((3, 1), torch.int32), layout="e",
         layout_arg=[3, 5])
add_case("sum_slice_last_f64", "sum", random_values((3, 8), torch.float64), layout="s_last",
         dims=[1])
add_case("sum_0d_f32", "sum", torch.tensor(2.5))
add_case("sum_0d_dim_f32", "sum", torch.tensor(2.5), dims=[0], keepdim=True)
add_case("sum_empty_f32", "sum", torch.empty(0, 3))
add_case("sum_empty_dim0_f32", "sum", torch.empty(0, 3), dims=[0])
add_case("sum_empty_dim1_f32", "sum", torch.empty(0, 3), dims=[1])
add_case("sum_empty_i64", "sum", torch.empty(0, dtype=torch.int64))
add_case("sum_dtype_f64_from_f32", "sum", x3, dims=[1], dtype=torch.float64)
add_case("sum_dtype_f32_from_i64", "sum", random_values((3, 4), torch.int64), dtype=torch.float32)
add_case("sum_dtype_i8_wraps", "sum", torch.tensor([100, 100, 100], dtype=torch.int64),
         dtype=torch.int8)
add_case("sum_dtype_bool", "sum", torch.tensor([[0, 2], [0, 0]]), dims=[1], dtype=torch.bool)
add_case("sum_dtype_half_from_i64", "sum", torch.tensor([1, 2, 3]), dtype=torch.float16)
add_case("sum_half_overflow", "sum", torch.tensor([60000.0, 60000.0], dtype=torch.float16))
add_case("sum_i64_wraps", "sum", torch.tensor([2 ** 62, 2 ** 62, 2 ** 62], dtype=torch.int64))
add_case("sum_nan_inf_f32", "sum", torch.tensor([[1.0, math.nan], [math.inf, 2.0],
                                                [math.inf, -math.inf]]), dims=[1])
add_case("sum_large_cancel_f32", "sum",
         torch.tensor([1e8, 1.0, -1e8, 1.0, 1e-3], dtype=torch.float32))
add_case("mean_empty_f32", "mean", torch.empty(0))
add_case("mean_empty_dim_f32", "mean", torch.empty(0, 3), dims=[0])
add_case("mean_0d_f64", "mean", torch.tensor(3.0, dtype=torch.float64))
# Half sums round to half before the division, as PyTorch.
add_case("mean_half_overflow", "mean", torch.tensor([60000.0, 60000.0], dtype=torch.float16),
         direct=True)
add_case("mean_dtype_from_i32", "mean", random_values((2, 5), torch.int32), dtype=torch.float32)
add_case("prod_empty_f32", "prod", torch.empty(0))
add_case("prod_empty_dim_i32", "prod", torch.empty(2, 0, dtype=torch.int32), dims=[1])
add_case("prod_0d_dim_dtype", "prod", torch.tensor(3), dims=[0], dtype=torch.float32)
add_case("prod_i64_overflow_wraps", "prod", torch.tensor([2 ** 40, 2 ** 40]))
add_case("prod_i8_dtype_wraps", "prod", torch.tensor([16, 16], dtype=torch.int8), dtype=torch.int8)
add_case("prod_i8_to_i64", "prod", torch.tensor([16, 16], dtype=torch.int8), dims=[0])
add_case("prod_dtype_f64", "prod", torch.tensor([1, 2, 3]), dims=[0], dtype=torch.float64)
add_case("prod_dtype_bool", "prod", torch.tensor([1, 2]), dtype=torch.bool)
add_case("prod_nan_zero_f32", "prod", torch.tensor([[0.0, math.nan], [math.inf, 0.0]]), dims=[1])

# max, min (whole and along a dim with indices), argmax, argmin.
for dt in ALL_DTYPES:
    x = random_values((4, 5), dt, scale=2.0)
    for op in ("max", "min"):
        add_case(f"{op}_all_{dname(dt)}", op, x)
        add_case(f"{op}_dim1_{dname(dt)}", op, x, dims=[1])
        add_case(f"{op}_dim0_keep_t_{dname(dt)}", op, x, layout="t", dims=[0], keepdim=True)
    if dt != torch.bool:
        for op in ("argmax", "argmin"):
            add_case(f"{op}_all_{dname(dt)}", op, x)
            add_case(f"{op}_dim0_{dname(dt)}", op, x, dims=[0])
            add_case(f"{op}_dimneg1_keep_s_{dname(dt)}", op, x, layout="s", dims=[-1],
                     keepdim=True)
ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, -1.0, -1.0]])
for op in ("max", "min", "argmax", "argmin"):
    add_case(f"{op}_ties_first_index", op, ties, dims=[1])
nans = torch.tensor([[1.0, math.nan, 3.0, math.nan], [math.inf, 2.0, -math.inf, 0.0],
                     [-0.0, 0.0, -1.0, math.nan]])
for op in ("max", "min"):
    add_case(f"{op}_nan_all", op, nans)
    add_case(f"{op}_nan_dim1", op, nans, dims=[1])
    add_case(f"{op}_nan_dim0", op, nans, dims=[0])
    add_case(f"{op}_no_nan_all", op, nans[1:2])
for op in ("argmax", "argmin"):
    add_case(f"{op}_nan_all", op, nans)
    add_case(f"{op}_nan_dim1", op, nans, dims=[1])
    add_case(f"{op}_inf_all", op, torch.tensor([math.inf, math.inf, -math.inf, -math.inf]))
add_case("max_signed_zero_dim", "max", torch.tensor([-0.0, 0.0]), dims=[0])
add_case("max_0d_dim", "max", torch.tensor(5.0), dims=[0])
add_case("max_0d_dim_keep", "max", torch.tensor(5.0), dims=[-1], keepdim=True)
add_case("argmax_0d", "argmax", torch.tensor(5.0))
add_case("argmax_0d_dim", "argmax", torch.tensor(5.0), dims=[0])
add_case("argmax_keep_nodim", "argmax", random_values((2, 3), torch.float32), keepdim=True)
add_case("max_empty_kept_dim", "max", torch.empty(0, 3), dims=[1])
add_case("argmin_empty_kept_dim_keep", "argmin", torch.empty(2, 0), dims=[0], keepdim=True)
add_case("max_expanded", "max", torch.tensor([[3.0], [1.0], [2.0]]), layout="e",
         layout_arg=[3, 4], dims=[1])
add_case("argmax_3d_dim1", "argmax", random_values((2, 5, 3), torch.float64), dims=[1])
add_case("min_3d_permuted", "min", random_values((2, 5, 3), torch.int16), layout="p",
         layout_arg=[1, 2, 0], dims=[2])
add_case("max_extreme_i64", "max",
         torch.tensor([-2 ** 63, 2 ** 63 - 1, 0], dtype=torch.int64), dims=[0])
add_case("min_extreme_i64", "min",
         torch.tensor([2 ** 63 - 1, -2 ** 63, 0], dtype=torch.int64))

# any, all.
for dt in ALL_DTYPES:
    x = random_values((3, 4), dt, scale=1.0)
    if not dt.is_floating_point and dt != torch.bool:
        x = torch.where(x > 0, x, torch.zeros_like(x))  # plenty of zeros
    for op in ("any", "all"):
        add_case(f"{op}_all_{dname(dt)}", op, x)
        add_case(f"{op}_dim1_{dname(dt)}", op, x, dims=[1])
        add_case(f"{op}_dim0_keep_t_{dname(dt)}", op, x, layout="t", dims=[0], keepdim=True)
logic = torch.tensor([[0.0, 0.0, 0.0], [0.0, math.nan, 0.0], [1.0, 2.0, -3.0]])
for op in ("any", "all"):
    add_case(f"{op}_nan_counts_true", op, logic, dims=[1])
    add_case(f"{op}_empty", op, torch.empty(0))
    add_case(f"{op}_empty_dim0", op, torch.empty(0, 3), dims=[0])
    add_case(f"{op}_empty_dim1", op, torch.empty(0, 3), dims=[1])
    add_case(f"{op}_0d_dim", op, torch.tensor(0.0), dims=[0])
    add_case(f"{op}_u8_result", op, torch.tensor([[1, 0], [2, 3]], dtype=torch.uint8), dims=[0])
    add_case(f"{op}_expanded", op, torch.tensor([[1], [0]], dtype=torch.int32), layout="e",
             layout_arg=[2, 3], dims=[1])

# var, std.
for dt in FLOATS:
    x = random_values((4, 5), dt)
    for op in ("var", "std"):
        add_case(f"{op}_all_{dname(dt)}", op, x)
        add_case(f"{op}_all_biased_{dname(dt)}", op, x, unbiased=False)
        add_case(f"{op}_dim1_{dname(dt)}", op, x, dims=[1])
        add_case(f"{op}_dim0_keep_t_{dname(dt)}", op, x, layout="t", dims=[0], keepdim=True)
        add_case(f"{op}_dims_biased_{dname(dt)}", op, random_values((2, 3, 4), dt),
                 dims=[0, 2], unbiased=False)
def exact_variance(take_sqrt):
    """The unbiased variance (or std) of a 1-d tensor in exact rational arithmetic."""
    def f(x):
        values = [Fraction(v) for v in x.double().tolist()]
        mean = sum(values) / len(values)
        var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
        return torch.tensor(math.sqrt(var) if take_sqrt else float(var), dtype=torch.float64)
    return f


for op in ("var", "std"):
    # Data with a large mean: PyTorch's float64 result is off in the 9th digit here, so these
    # compare with the exact answer.
    add_case(f"{op}_large_mean_f32", op,
             (torch.randn(64, dtype=torch.float64) + 1e4).to(torch.float32),
             exact=exact_variance(op == "std"))
    add_case(f"{op}_large_mean_f64", op, torch.randn(200, dtype=torch.float64) * 1e-3 + 1e9,
             exact=exact_variance(op == "std"))
    add_case(f"{op}_one_element", op, torch.tensor([2.0]))
    add_case(f"{op}_one_element_biased", op, torch.tensor([2.0]), unbiased=False)
    add_case(f"{op}_0d", op, torch.tensor(1.0))
    add_case(f"{op}_empty", op, torch.empty(0))
    add_case(f"{op}_empty_dim", op, torch.empty(0, 3), dims=[0])
    add_case(f"{op}_inf_nan", op, torch.tensor([[1.0, math.inf], [1.0, math.nan], [2.0, 4.0]]),
             dims=[1])
    add_case(f"{op}_empty_list_all", op, random_values((2, 3), torch.float64), dims=[])
    add_case(f"{op}_dim_neg_keep_s", op, random_values((6, 3), torch.float32), layout="s",
             dims=[-2], keepdim=True)
    add_case(f"{op}_expanded", op, torch.tensor([[1.0, 2.0, 4.0]]), layout="e",
             layout_arg=[5, 3], dims=[0, 1])

# norm.
PS = [0, 1, 2, 3, 0.5, -1, -2, math.inf, -math.inf]
for dt in FLOATS:
    x = random_values((3, 4), dt)
    x[0, 1] = 0  # p = 0 counts non-zeros
    for p in PS:
        ptag = str(p).replace("-", "m").replace(".", "_")
        add_case(f"norm_all_p{ptag}_{dname(dt)}", "norm", x, p=p)
        add_case(f"norm_dim1_p{ptag}_{dname(dt)}", "norm", x, dims=[1], p=p)
    add_case(f"norm_default_{dname(dt)}", "norm", x)
    add_case(f"norm_dims_keep_t_{dname(dt)}", "norm", x, layout="t", dims=[0], keepdim=True, p=2)
for p in PS:
    ptag = str(p).replace("-", "m").replace(".", "_")
    add_case(f"norm_empty_p{ptag}", "norm", torch.empty(0, 3), p=p)
    add_case(f"norm_empty_dim0_p{ptag}", "norm", torch.empty(0, 3), dims=[0], p=p)
    add_case(f"norm_nan_p{ptag}", "norm", torch.tensor([[1.0, math.nan], [0.0, 2.0]]), dims=[1],
             p=p)
add_case("norm_inf_p2", "norm", torch.tensor([1.0, math.inf]))
# Ember accumulates float32 norms in double: no overflow or underflow of the squares.
add_case("norm_no_spurious_overflow", "norm", torch.tensor([1e30, 1e30]))
add_case("norm_no_spurious_underflow", "norm", torch.tensor([1e-30, 1e-30]))
add_case("norm_neg_p_zero", "norm", torch.tensor([0.0, 2.0]), p=-2)
add_case("norm_3d_dims", "norm", random_values((2, 3, 4), torch.float64), dims=[0, 2], p=3)
add_case("norm_0d", "norm", torch.tensor(-3.0), p=1)
add_case("norm_empty_list_all", "norm", random_values((2, 3), torch.float32), dims=[], p=2)

# logsumexp.
for dt in FLOATS + [torch.int64, torch.bool, torch.uint8]:
    x = random_values((3, 4), dt, scale=5.0)
    add_case(f"logsumexp_dim1_{dname(dt)}", "logsumexp", x, dims=[1])
    add_case(f"logsumexp_dims_keep_t_{dname(dt)}", "logsumexp", x, layout="t", dims=[0, 1],
             keepdim=True)
lse_special = torch.tensor([[math.inf, 1.0], [-math.inf, -math.inf], [math.inf, -math.inf],
                            [math.nan, 1.0], [1000.0, 999.0], [-1000.0, -1001.0]])
add_case("logsumexp_special", "logsumexp", lse_special, dims=[1])
add_case("logsumexp_empty", "logsumexp", torch.empty(0), dims=[0])
add_case("logsumexp_empty_kept", "logsumexp", torch.empty(0, 3), dims=[1])
add_case("logsumexp_empty_reduced", "logsumexp", torch.empty(0, 3), dims=[0])
add_case("logsumexp_0d", "logsumexp", torch.tensor(2.0), dims=[0])
add_case("logsumexp_dim0_3d", "logsumexp", random_values((5, 2, 3), torch.float32, 10.0),
         dims=[0])

# cumsum.
for dt in ALL_DTYPES:
    x = random_values((3, 5), dt, scale=2.0)
    add_case(f"cumsum_dim1_{dname(dt)}", "cumsum", x, dims=[1])
    add_case(f"cumsum_dim0_t_{dname(dt)}", "cumsum", x, layout="t", dims=[0])
add_case("cumsum_dtype_i32_from_f32", "cumsum", torch.tensor([1.5, 2.5, -3.7]), dims=[0],
         dtype=torch.int32)
add_case("cumsum_dtype_f64_from_f32", "cumsum", random_values((4,), torch.float32), dims=[0],
         dtype=torch.float64)
add_case("cumsum_dtype_i8_wraps", "cumsum", torch.tensor([100, 100]), dims=[0], dtype=torch.int8)
add_case("cumsum_dimneg_3d", "cumsum", random_values((2, 3, 4), torch.int32), dims=[-2])
add_case("cumsum_3d_dim2_s", "cumsum", random_values((4, 3, 2), torch.float64), layout="s",
         dims=[2])
add_case("cumsum_0d", "cumsum", torch.tensor(3.0), dims=[0])
add_case("cumsum_empty", "cumsum", torch.empty(0, 3), dims=[1])
add_case("cumsum_expanded", "cumsum", torch.tensor([[1.0, 2.0, 3.0]]), layout="e",
         layout_arg=[4, 3], dims=[0])
add_case("cumsum_nan_inf", "cumsum", torch.tensor([1.0, math.inf, 2.0, math.nan, 3.0]), dims=[0])

# softmax, log_softmax.
for dt in FLOATS:
    x = random_values((3, 5), dt, scale=4.0)
    for op in ("softmax", "log_softmax"):
        add_case(f"{op}_dim1_{dname(dt)}", op, x, dims=[1])
        add_case(f"{op}_dim0_{dname(dt)}", op, x, dims=[0])
        add_case(f"{op}_dim1_t_{dname(dt)}", op, x, layout="t", dims=[1])
for op in ("softmax", "log_softmax"):
    add_case(f"{op}_3d_dim1", op, random_values((2, 4, 3), torch.float32, 4.0), dims=[1])
    add_case(f"{op}_3d_dim0_wide", op, random_values((3, 2, 70), torch.float64, 4.0), dims=[0])
    add_case(f"{op}_dtype_f64", op, random_values((2, 3), torch.float32), dims=[1],
             dtype=torch.float64)
    add_case(f"{op}_dtype_from_int", op, torch.tensor([[1, 2, 3], [4, 5, 9]]), dims=[1],
             dtype=torch.float32)
    add_case(f"{op}_dtype_half", op, random_values((2, 3), torch.float32), dims=[1],
             dtype=torch.float16)
    add_case(f"{op}_0d", op, torch.tensor(2.0), dims=[0])
    add_case(f"{op}_empty", op, torch.empty(0, 3), dims=[0])
    add_case(f"{op}_large", op, torch.tensor([[1000.0, 0.0, -1000.0], [88.0, 89.0, 90.0]]),
             dims=[1])
    add_case(f"{op}_special", op, torch.tensor([[math.inf, 1.0], [-math.inf, -math.inf],
                                                [-math.inf, 1.0], [math.nan, 1.0]]), dims=[1])
    add_case(f"{op}_special_dim0", op, torch.tensor([[math.inf, -math.inf, -math.inf, math.nan],
                                                     [1.0, -math.inf, 1.0, 1.0]]), dims=[0])
    add_case(f"{op}_expanded", op, torch.tensor([[1.0, 2.0, 3.0]]), layout="e",
             layout_arg=[2, 3], dims=[1])
    add_case(f"{op}_tiny_probabilities", op,
             torch.tensor([[0.0, -90.0, -100.0, -103.0, -110.0]]), dims=[1])

# allclose, equal.
a = torch.tensor([1.0, 2.0, math.inf, -math.inf, 0.0])
add_case("allclose_same", "allclose", a, other=a.clone())
add_case("allclose_within_rtol", "allclose", torch.tensor([100.0, 1.0]),
         other=torch.tensor([100.0009, 1.0]))
add_case("allclose_outside_rtol", "allclose", torch.tensor([100.0, 1.0]),
         other=torch.tensor([100.002, 1.0]))
add_case("allclose_custom_tol", "allclose", torch.tensor([1.0, 2.0]),
         other=torch.tensor([1.05, 2.1]), rtol=0.0, atol=0.11)
add_case("allclose_inf_sign", "allclose", torch.tensor([math.inf]), other=torch.tensor([-math.inf]))
add_case("allclose_inf_vs_finite_inf_atol", "allclose", torch.tensor([math.inf]),
         other=torch.tensor([1.0]), atol=math.inf)
add_case("allclose_nan", "allclose", torch.tensor([math.nan, 1.0]),
         other=torch.tensor([math.nan, 1.0]))
add_case("allclose_nan_equal", "allclose", torch.tensor([math.nan, 1.0]),
         other=torch.tensor([math.nan, 1.0]), equal_nan=True)
add_case("allclose_broadcast", "allclose", torch.tensor([1.0, 2.0]),
         other=torch.tensor([[1.0, 2.0], [1.0, 2.0000001]]))
add_case("allclose_broadcast_false", "allclose", torch.tensor([1.0, 2.0]),
         other=torch.tensor([[1.0, 2.0], [1.0, 2.1]]))
add_case("allclose_empty", "allclose", torch.empty(0), other=torch.empty(0))
add_case("allclose_u8_no_wrap", "allclose", torch.tensor([0], dtype=torch.uint8),
         other=torch.tensor([255], dtype=torch.uint8), atol=2.0)
add_case("allclose_i8_no_wrap", "allclose", torch.tensor([100], dtype=torch.int8),
         other=torch.tensor([-100], dtype=torch.int8), atol=60.0)
add_case("allclose_i64_rtol", "allclose", torch.tensor([100, 7]), other=torch.tensor([109, 7]),
         rtol=0.1, atol=0.0)
add_case("allclose_i64_exact_zero_tol", "allclose", torch.tensor([2 ** 40 + 1]),
         other=torch.tensor([2 ** 40]), rtol=0.0, atol=0.0)
add_case("allclose_i64_float_rounding", "allclose", torch.tensor([2 ** 40 + 1]),
         other=torch.tensor([2 ** 40]), rtol=0.0, atol=1e-30)
add_case("allclose_bool", "allclose", torch.tensor([True, False]),
         other=torch.tensor([False, False]), atol=1.0)
add_case("allclose_bool_false", "allclose", torch.tensor([True, False]),
         other=torch.tensor([False, False]))
add_case("allclose_half", "allclose", torch.tensor([1.0, 2.0], dtype=torch.float16),
         other=torch.tensor([1.001, 2.0], dtype=torch.float16))
add_case("allclose_half_loose", "allclose", torch.tensor([1.0, 2.0], dtype=torch.float16),
         other=torch.tensor([1.001, 2.0], dtype=torch.float16), rtol=1e-3)
add_case("allclose_bf16", "allclose", torch.tensor([1.0, 256.0], dtype=torch.bfloat16),
         other=torch.tensor([1.0, 257.0], dtype=torch.bfloat16))
add_case("allclose_f64_tiny", "allclose", torch.tensor([1e-300], dtype=torch.float64),
         other=torch.tensor([0.0], dtype=torch.float64))
xt = random_values((3, 4), torch.float32)
add_case("allclose_t_layout", "allclose", xt, layout="t", other=xt.t() * (1 + 1e-6))
xe = random_values((3, 4), torch.float32)
add_case("equal_same", "equal", xe, other=xe.clone())
add_case("equal_transposed_views", "equal", xe.t().contiguous(), layout="t", other=xe.clone())
add_case("equal_differs", "equal", torch.tensor([1, 2, 3]), other=torch.tensor([1, 2, 4]))
add_case("equal_shape_differs", "equal", torch.tensor([1.0]), other=torch.tensor([1.0, 1.0]))
add_case("equal_no_broadcast", "equal", torch.tensor(1.0), other=torch.tensor([1.0]))
add_case("equal_empty", "equal", torch.empty(0), other=torch.empty(0))
add_case("equal_empty_shapes", "equal", torch.empty(0), other=torch.empty(0, 1))
add_case("equal_nan", "equal", torch.tensor([math.nan]), other=torch.tensor([math.nan]))
add_case("equal_signed_zero", "equal", torch.tensor([0.0]), other=torch.tensor([-0.0]))
add_case("equal_promotes", "equal", torch.tensor([1.0, 2.0]),
         other=torch.tensor([1.0, 2.0], dtype=torch.float64))
add_case("equal_int_bool", "equal", torch.tensor([1, 0]), other=torch.tensor([True, False]))
add_case("equal_i64_large", "equal", torch.tensor([2 ** 62 + 1]), other=torch.tensor([2 ** 62]))

# Large inputs (values from a formula, not stored): several chunks, threads, the vertical
# loop with full and partial blocks, few outputs over many elements.
def big(shape, dt):
    return formula_values(math.prod(shape), dt).reshape(shape)

# A whole contiguous float32 tensor is summed in float lanes (block sums in double), as
# accurate as PyTorch's float cascade sum, not exact: with this cancellation (sum -2.94, sum of
# magnitudes 17500) PyTorch's own float32 result is 4.1e-5 from the exact one.
BIG_SUM_ALL_ATOL = {torch.float32: 1e-4}
for dt in (torch.float32, torch.float64, torch.int32, torch.float16):
    add_case(f"big_sum_all_{dname(dt)}", "sum", big((70001,), dt), stored=False,
             check_atol=BIG_SUM_ALL_ATOL.get(dt))
    add_case(f"big_sum_dim0_{dname(dt)}", "sum", big((600, 1100), dt), stored=False, dims=[0])
    add_case(f"big_sum_dim1_{dname(dt)}", "sum", big((3, 40000), dt), stored=False, dims=[1])
add_case("big_sum_dim0_narrow", "sum", big((40000, 3), torch.float32), stored=False, dims=[0])
add_case("big_sum_dims02", "sum", big((30, 50, 40), torch.float64), stored=False, dims=[0, 2])
add_case("big_sum_t_dim1", "sum", big((300, 500), torch.float32), layout="t", stored=False,
         dims=[1])
add_case("big_sum_dim0_few_rows", "sum", big((2, 50000), torch.float32), stored=False, dims=[0],
         stride=97)
add_case("big_prod_dim0", "prod", big((400, 20), torch.int64), stored=False, dims=[0])
add_case("big_max_all", "max", big((90001,), torch.float32), stored=False)
add_case("big_min_dim0", "min", big((3000, 40), torch.float32), stored=False, dims=[0])
add_case("big_max_dim1", "max", big((5, 30000), torch.float32), stored=False, dims=[1])
add_case("big_argmax_all", "argmax", big((90001,), torch.float64), stored=False)
add_case("big_argmin_dim0", "argmin", big((3000, 40), torch.int32), stored=False, dims=[0])
add_case("big_any_dim0", "any", big((3000, 40), torch.bool), stored=False, dims=[0])
add_case("big_all_all", "all", big((90001,), torch.int16), stored=False)
add_case("big_var_all", "var", big((70001,), torch.float32), stored=False)
add_case("big_std_dim0", "std", big((2000, 300), torch.float64), stored=False, dims=[0])
add_case("big_var_dim1", "var", big((4, 50000), torch.float32), stored=False, dims=[1],
         unbiased=False)
add_case("big_norm_all", "norm", big((70001,), torch.float32), stored=False)
add_case("big_norm_dim0_p3", "norm", big((2000, 70), torch.float64), stored=False, dims=[0], p=3)
add_case("big_norm_inf", "norm", big((70001,), torch.float32), stored=False, p=math.inf)
add_case("big_logsumexp_all", "logsumexp", big((70001,), torch.float32), stored=False,
         dims=[0])
add_case("big_logsumexp_dim0", "logsumexp", big((2000, 70), torch.float64), stored=False,
         dims=[0])
add_case("big_cumsum_dim0", "cumsum", big((300, 70), torch.float32),
         stored=False, dims=[0], stride=97)
add_case("big_cumsum_dim1", "cumsum", big((3, 20000), torch.int32),
         stored=False, dims=[1], stride=97)
add_case("big_softmax_dim1", "softmax", big((40, 3000), torch.float32),
         stored=False, dims=[1], stride=97)
add_case("big_softmax_dim0", "softmax", big((300, 300), torch.float32),
         stored=False, dims=[0], stride=97)
add_case("big_log_softmax_dim0", "log_softmax", big((300, 130), torch.float64), stored=False,
         dims=[0], stride=97)
add_case("big_softmax_bf16", "softmax", big((20, 700), torch.bfloat16),
         stored=False, dims=[1], stride=97)


out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpu", "reference",
                        "reductions_data.inc")
os.makedirs(os.path.dirname(out_path), exist_ok=True)
with open(out_path, "w") as f:
    f.write("// Generated by tests/reference/gen_reductions.py with PyTorch %s; do not edit.\n"
            % torch.__version__)
    f.write("// clang-format off\n")
    for a in arrays:
        f.write(a)
    f.write("constexpr RefCase kReductionCases[] = {\n")
    for c in cases:
        f.write(c)
    f.write("};\n")
    f.write("// clang-format on\n")
print("wrote %d cases to %s" % (len(cases), os.path.normpath(out_path)))
