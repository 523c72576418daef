#!/usr/bin/env python3
"""Writes tests/cpu/reference/elementwise_data.inc: expected results of Ember's elementwise
ops, computed by PyTorch (run with /usr/bin/python3 from the repository root).

Each case names an op from the table in tests/cpu/ElementwiseReferenceTest.cpp, its tensor
inputs (dtype, shape, values in row-major order), scalar arguments, the expected result and
the tolerance. Where PyTorch 1.13's CPU backend lacks a 16-bit float kernel, the expected
value is the float32 result rounded to the 16-bit type (which is how Ember computes it).
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "elementwise_data.inc")

DTYPES = {
    torch.float32: "kFloat", torch.float64: "kDouble", torch.float16: "kHalf",
    torch.bfloat16: "kBFloat16", torch.int8: "kChar", torch.uint8: "kByte",
    torch.int16: "kShort", torch.int32: "kInt", torch.int64: "kLong", torch.bool: "kBool",
}
FLOATS = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
INTS = [torch.int8, torch.uint8, torch.int16, torch.int32, torch.int64]

FLOAT_VALUES = [-3.5, -2.5, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 1.5, 2.5, 3.75, 10.0,
                -20.0, 80.0, float("nan"), float("inf"), float("-inf"), 1e-3]
INT_VALUES = {
    torch.int8: [-100, -7, -2, -1, 0, 1, 2, 3, 5, 7, 100, 127],
    torch.uint8: [0, 1, 2, 3, 5, 7, 9, 100, 127, 128, 200, 255],
    torch.int16: [-300, -7, -2, -1, 0, 1, 2, 3, 5, 7, 300, 32767],
    torch.int32: [-70000, -7, -2, -1, 0, 1, 2, 3, 5, 7, 70000, 2**31 - 1],
    torch.int64: [-(2**40), -7, -2, -1, 0, 1, 2, 3, 5, 7, 2**40, 2**62],
}
BOOL_VALUES = [True, False, True, True, False, False]


def base_input(dtype):
    if dtype in FLOATS:
        return torch.tensor(FLOAT_VALUES, dtype=torch.float64).to(dtype).reshape(3, 6)
    if dtype == torch.bool:
        return torch.tensor(BOOL_VALUES).reshape(2, 3)
    return torch.tensor(INT_VALUES[dtype], dtype=dtype).reshape(3, 4)


def lit(v, dtype):
    if dtype.is_floating_point:
        v = float(v)
        if math.isnan(v):
            return "kNaN"
        if math.isinf(v):
            return "kInf" if v > 0 else "-kInf"
        return repr(v)
    return str(int(v))


FLOAT_POOL = []
INT_POOL = []
POOL_INDEX = {}


def tensor_lit(t):
    """A TensorRef aggregate: dtype, rank, shape, which pool, offset and count."""
    dtype = DTYPES[t.dtype]
    assert t.dim() <= 4
    shape = list(t.shape) + [0] * (4 - t.dim())
    flat = t.reshape(-1)
    is_float = t.dtype.is_floating_point
    if is_float:
        vals = tuple(lit(v, t.dtype) for v in flat.double().tolist())
    else:
        vals = tuple(str(int(v)) for v in flat.tolist())
    key = (is_float, vals)
    if key not in POOL_INDEX:
        pool = FLOAT_POOL if is_float else INT_POOL
        POOL_INDEX[key] = len(pool)
        pool.extend(vals)
    offset = POOL_INDEX[key]
    return (f"{{{dtype}, {t.dim()}, {{{', '.join(map(str, shape))}}}, {int(is_float)}, "
            f"{offset}, {len(vals)}}}")


def scalar_lit(s):
    if s is None:
        return "{kNone, 0.0, 0}"
    if isinstance(s, bool):
        return f"{{kBoolean, 0.0, {int(s)}}}"
    if isinstance(s, int):
        return f"{{kInteger, 0.0, {s}}}"
    return f"{{kFloating, {lit(s, torch.float64)}, 0}}"


def tolerance(out_dtype, exact):
    if exact or not out_dtype.is_floating_point:
        return 0.0, 0.0
    return {torch.float32: (3e-6, 1e-7), torch.float64: (1e-12, 1e-300),
            torch.float16: (1e-3, 1e-6), torch.bfloat16: (8e-3, 1e-6)}[out_dtype]


cases = []
seen = set()


def add(name, op, inputs, scalars, expected, exact, layout="c", atol=None):
    assert name not in seen, name
    seen.add(name)
    rtol, default_atol = tolerance(expected.dtype, exact)
    atol = default_atol if atol is None else atol
    assert len(inputs) <= 3 and len(scalars) <= 2
    ins = ", ".join(tensor_lit(t) for t in inputs)
    sc = ", ".join(scalar_lit(s) for s in scalars)
    cases.append(f'{{"{name}", "{op}", \'{layout}\', {len(inputs)}, {{{ins}}}, {len(scalars)}, '
                 f'{{{sc}}}, {tensor_lit(expected)}, {rtol!r}, {atol!r}}},')


def reference(fn, inputs, scalars):
    """fn on the inputs; 16-bit float inputs PyTorch cannot handle are computed in float32."""
    try:
        return fn(*inputs, *scalars)
    except RuntimeError as e:
        if "not implemented for 'Half'" not in str(e) and "not implemented for 'BFloat16'" not in str(e):
            raise
        low = [t for t in inputs if t.dtype in (torch.float16, torch.bfloat16)]
        target = low[0].dtype
        up = [t.float() if t.dtype == target else t for t in inputs]
        return fn(*up, *scalars).to(target)


def try_case(name, op, fn, inputs, scalars=(), exact=False, layouts=("c",), atol=None,
             in_float32=False):
    """in_float32: compute 16-bit float inputs in float32 and round the result, which is
    Ember's rule (PyTorch 1.13 evaluates some activations in bfloat16 arithmetic)."""
    try:
        if in_float32 and inputs[0].dtype in (torch.float16, torch.bfloat16):
            expected = fn(inputs[0].float(), *scalars).to(inputs[0].dtype)
        else:
            expected = reference(fn, inputs, list(scalars))
    except RuntimeError:
        return False  # an error case: covered by the hand-written error tests
    for layout in layouts:
        add(f"{name}/{layout}", op, inputs, list(scalars), expected, exact, layout, atol)
    return True


# ---- Unary ops --------------------------------------------------------------------------
EXACT_UNARY = {"neg", "abs", "relu", "square", "sign", "floor", "ceil", "round", "isnan",
               "logical_not", "bitwise_not", "reciprocal", "sqrt"}
UNARY = {
    "neg": torch.neg, "abs": torch.abs, "sqrt": torch.sqrt, "rsqrt": torch.rsqrt,
    "exp": torch.exp, "log": torch.log, "log1p": torch.log1p, "sin": torch.sin,
    "cos": torch.cos, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
    "square": torch.square, "reciprocal": torch.reciprocal, "sign": torch.sign,
    "floor": torch.floor, "ceil": torch.ceil, "round": torch.round, "isnan": torch.isnan,
    "logical_not": torch.logical_not, "bitwise_not": torch.bitwise_not,
}
for op, fn in UNARY.items():
    for dtype in FLOATS + INTS + [torch.bool]:
        x = base_input(dtype)
        layouts = ("c", "t", "s") if dtype in (torch.float32, torch.int64) else ("c",)
        # Correctly rounded ops (and integer results) must match exactly.
        exact = op in EXACT_UNARY
        ok = try_case(f"{op}/{DTYPES[dtype]}", op, fn, [x], exact=exact, layouts=layouts)
        # In-place form where the result keeps the dtype.
        if ok:
            out = reference(fn, [x], [])
            if out.dtype == dtype and op not in ("isnan",):
                try_case(f"{op}_/{DTYPES[dtype]}", op + "_", fn, [x], exact=exact,
                         layouts=("c", "t") if dtype == torch.float32 else ("c",))
    # 0-d and empty inputs.
    try_case(f"{op}/0d", op, fn, [torch.tensor(2.5)])
    try_case(f"{op}/0d_long", op, fn, [torch.tensor(3)])
    try_case(f"{op}/empty", op, fn, [torch.zeros(0, 3)])

# Special inputs for the fast exp/tanh/sigmoid paths: the whole float32 range.
wide = torch.tensor([-110.0, -104.0, -103.5, -100.0, -88.0, -87.5, -50.0, -10.0, -1e-6, 0.0,
                     1e-6, 0.3, 0.62, 0.63, 1.0, 9.0, 20.0, 44.0, 88.0, 88.7, 88.75, 89.0,
                     200.0, -0.0], dtype=torch.float32).reshape(4, 6)
for op in ("exp", "tanh", "sigmoid"):
    try_case(f"{op}/wide_range", op, UNARY[op], [wide])
    try_case(f"{op}/wide_range_double", op, UNARY[op], [wide.double()])
dense = torch.linspace(-12, 12, 1200, dtype=torch.float32).reshape(24, 50)
for op in ("exp", "tanh", "sigmoid"):
    try_case(f"{op}/dense", op, UNARY[op], [dense])
try_case("round/halves", "round", torch.round,
         [torch.tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 1e30, 4194304.5, -7.5])])

# ---- Activations --------------------------------------------------------------------------
for dtype in FLOATS:
    x = base_input(dtype)
    # 1 + erf(x / sqrt(2)) cancels for negative x: PyTorch's float32 result is only good to
    # a few 1e-7 absolutely there.
    gelu_atol = {torch.float32: 2e-6, torch.float64: 1e-14}.get(dtype)
    try_case(f"gelu/{DTYPES[dtype]}", "gelu", F.gelu, [x], atol=gelu_atol, in_float32=True)
    try_case(f"gelu_tanh/{DTYPES[dtype]}", "gelu_tanh",
             lambda t: F.gelu(t, approximate="tanh"), [x], atol=gelu_atol, in_float32=True)
    try_case(f"leaky_relu/{DTYPES[dtype]}", "leaky_relu", F.leaky_relu, [x], [0.2], exact=True)
try_case("leaky_relu/default", "leaky_relu_default", F.leaky_relu, [base_input(torch.float32)],
         exact=True, layouts=("c", "t", "s"))
try_case("gelu/0d", "gelu", F.gelu, [torch.tensor(-0.75)])
try_case("gelu/dense", "gelu", F.gelu, [dense], atol=2e-6)
try_case("gelu_tanh/dense", "gelu_tanh", lambda t: F.gelu(t, approximate="tanh"), [dense],
         atol=2e-6)
try_case("gelu/dense_double", "gelu", F.gelu, [dense.double()], atol=1e-14)
try_case("gelu_tanh/dense_double", "gelu_tanh", lambda t: F.gelu(t, approximate="tanh"),
         [dense.double()], atol=1e-14)

# ---- pow ----------------------------------------------------------------------------------
small_f = torch.tensor([[0.5, 2.0, 3.0], [-2.0, 0.0, 1.5]])
for dtype in FLOATS:
    base = small_f.to(dtype)
    expo = torch.tensor([[2.0, -1.0, 0.5], [3.0, -2.0, 2.5]]).to(dtype)
    try_case(f"pow/tt/{DTYPES[dtype]}", "pow", torch.pow, [base, expo], layouts=("c", "t"))
    for e in (2, 3, 0.5, -0.5, -1.0, -2.0, 2.5, 0, 1, 0.0, -3):
        try_case(f"pow/ts/{DTYPES[dtype]}/{e!r}", "pow_s", torch.pow, [base], [e])
        try_case(f"pow_/ts/{DTYPES[dtype]}/{e!r}", "pow_s_", torch.pow, [base], [e])
    try_case(f"pow/st/{DTYPES[dtype]}", "rpow", lambda t, s: torch.pow(s, t), [expo], [2.5])
for dtype in INTS:
    base = torch.tensor([[2, 3, -2], [0, 1, -1]], dtype=dtype) if dtype != torch.uint8 else \
        torch.tensor([[2, 3, 7], [0, 1, 255]], dtype=dtype)
    expo = torch.tensor([[3, 2, 5], [-1, -2, -3]], dtype=dtype) if dtype != torch.uint8 else \
        torch.tensor([[3, 2, 5], [1, 2, 3]], dtype=dtype)
    try_case(f"pow/tt/{DTYPES[dtype]}", "pow", torch.pow, [base, expo], exact=True)
    for e in (2, 3, 7, 0, 1, 2.5, -1.5, True):
        try_case(f"pow/ts/{DTYPES[dtype]}/{e!r}", "pow_s", torch.pow, [base], [e], exact=True)
    try_case(f"pow/st/{DTYPES[dtype]}", "rpow", lambda t, s: torch.pow(s, t), [expo.abs()], [3],
             exact=True)
    try_case(f"pow/st_float/{DTYPES[dtype]}", "rpow", lambda t, s: torch.pow(s, t), [expo],
             [1.5])
try_case("pow/ts/int64_wrap", "pow_s", torch.pow, [torch.tensor([3, -3, 5])], [40], exact=True)
try_case("pow/tt/int64_wrap", "pow", torch.pow, [torch.tensor([3, 7]), torch.tensor([45, 30])],
         exact=True)
try_case("pow/ts/bool", "pow_s", torch.pow, [torch.tensor([True, False])], [2], exact=True)
try_case("pow/st/one", "rpow", lambda t, s: torch.pow(s, t),
         [torch.tensor([float("nan"), 2.0, -1.0])], [1])
try_case("pow/st/one_int", "rpow", lambda t, s: torch.pow(s, t), [torch.tensor([5, -2])], [1],
         exact=True)
try_case("pow/st/wrap", "rpow", lambda t, s: torch.pow(s, t),
         [torch.tensor([2], dtype=torch.int8)], [300], exact=True)
try_case("pow/tt/broadcast", "pow", torch.pow,
         [torch.tensor([[1.5], [2.0], [3.0]]), torch.tensor([1.0, 2.0, -1.0, 0.5])])
try_case("pow/tt/mixed", "pow", torch.pow, [torch.tensor([1, 2, 3]), torch.tensor([0.5, 2.0, 1.5])])
try_case("pow/tt/0d_exponent", "pow", torch.pow, [torch.tensor([2, -3]), torch.tensor(-1)],
         exact=True)
try_case("pow/tt/specials", "pow", torch.pow,
         [torch.tensor([0.0, -0.0, -8.0, float("nan"), 1.0, float("inf")]),
          torch.tensor([-1.0, -1.0, 1.0 / 3, 0.0, float("nan"), -2.0])])
try_case("pow/tt/empty", "pow", torch.pow, [torch.zeros(0, 2), torch.zeros(2)])
try_case("pow_/tt", "pow_", torch.pow, [torch.tensor([[1.5, 2.0], [3.0, 4.0]]),
                                        torch.tensor([2.0, 0.5])])
try_case("pow_/tt/int8_long0d", "pow_", lambda a, b: torch.pow(a, b).to(torch.int8),
         [torch.tensor([2, 3], dtype=torch.int8), torch.tensor([[3, 2]])[0]], exact=True)

# ---- maximum / minimum ----------------------------------------------------------------------
NAN = float("nan")
for op, fn in (("maximum", torch.maximum), ("minimum", torch.minimum)):
    for dtype in FLOATS + INTS + [torch.bool]:
        if dtype in FLOATS:
            a = torch.tensor([[1.0, NAN, -2.0], [3.5, 0.0, NAN]]).to(dtype)
            b = torch.tensor([[2.0, 1.0, -3.0], [NAN, -0.5, NAN]]).to(dtype)
        elif dtype == torch.bool:
            a = torch.tensor([[True, False, True], [False, True, False]])
            b = torch.tensor([[True, True, False], [False, False, True]])
        else:
            a = torch.tensor([[1, 5, 100], [7, 0, 3]], dtype=dtype)
            b = torch.tensor([[2, 4, 100], [9, 1, 2]], dtype=dtype)
        try_case(f"{op}/{DTYPES[dtype]}", op, fn, [a, b], exact=True,
                 layouts=("c", "t", "s") if dtype == torch.float32 else ("c",))
    try_case(f"{op}/broadcast_promote", op, fn,
             [torch.tensor([[1], [5], [-3]]), torch.tensor([0.5, 2.5, NAN, 9.0])], exact=True)
    try_case(f"{op}/0d_int_vs_float", op, fn,
             [torch.tensor([1, 2, 3], dtype=torch.int8), torch.tensor(2.5)], exact=True)
    try_case(f"{op}/uint8_int8", op, fn,
             [torch.tensor([200, 3], dtype=torch.uint8), torch.tensor([-1, 5], dtype=torch.int8)],
             exact=True)
    try_case(f"{op}/empty", op, fn, [torch.zeros(0, 3), torch.zeros(1, 3)], exact=True)
try_case("max_ab", "max_ab", torch.max, [torch.tensor([1, -2]), torch.tensor([0, 3], dtype=torch.uint8)],
         exact=True)
try_case("min_ab", "min_ab", torch.min, [torch.tensor([1.0, -2.0]), torch.tensor([[0.0], [3.0]])],
         exact=True)

# ---- clamp ----------------------------------------------------------------------------------
cx = torch.tensor([[-5.0, -1.5, 0.0], [0.5, 2.0, NAN], [7.25, -0.25, 100.0]])
cx_int = torch.tensor([[-5, -1, 0], [1, 2, 3], [7, 100, -100]])
CLAMP_BOUNDS = [(-1.0, 2.0), (None, 1.0), (0.0, None), (3.0, 1.0), (NAN, 1.0), (1.0, NAN),
                (NAN, None), (None, NAN), (-1, 2), (0, None)]
for dtype in FLOATS + INTS:
    x = cx.to(dtype) if dtype in FLOATS else cx_int.to(dtype)
    for lo, hi in CLAMP_BOUNDS:
        if dtype == torch.uint8 and isinstance(lo, int) and lo < 0:
            continue
        name = f"clamp/{DTYPES[dtype]}/{lo!r},{hi!r}"
        try_case(name, "clamp", torch.clamp, [x], [lo, hi], exact=True,
                 layouts=("c", "t", "s") if dtype == torch.float32 else ("c",))
        if reference(torch.clamp, [x], [lo, hi]).dtype == dtype:
            try_case(name.replace("clamp/", "clamp_/"), "clamp_", torch.clamp, [x], [lo, hi],
                     exact=True)
    for v in (1.0, NAN, 2, -1):
        if dtype == torch.uint8 and v == -1:
            continue
        for op, fn in (("clamp_min", torch.clamp_min), ("clamp_max", torch.clamp_max)):
            try_case(f"{op}/{DTYPES[dtype]}/{v!r}", op, fn, [x], [v], exact=True)
            if reference(fn, [x], [v]).dtype == dtype:
                try_case(f"{op}_/{DTYPES[dtype]}/{v!r}", op + "_", fn, [x], [v], exact=True)
try_case("clamp/uint8_negative_wraps", "clamp", torch.clamp,
         [torch.tensor([1, 200], dtype=torch.uint8)], [-1, 5], exact=True)
try_case("clamp/bool_float_bound", "clamp", torch.clamp, [torch.tensor([True, False])], [0.5, None],
         exact=True)
try_case("clamp/bool_int_bound", "clamp", torch.clamp, [torch.tensor([True, False])], [0, None],
         exact=True)
try_case("clamp/0d", "clamp", torch.clamp, [torch.tensor(7.0)], [None, 2.0], exact=True)
try_case("clamp/empty", "clamp", torch.clamp, [torch.zeros(2, 0)], [0.0, 1.0], exact=True)
try_case("clamp/int_inf_bound", "clamp", torch.clamp, [cx_int], [float("-inf"), 2.5], exact=True)

# ---- comparisons ----------------------------------------------------------------------------
CMP = {"eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt,
       "ge": torch.ge}
for op, fn in CMP.items():
    for dtype in FLOATS + INTS + [torch.bool]:
        if dtype in FLOATS:
            a = torch.tensor([[1.0, NAN, -2.0], [3.5, 0.0, float("inf")]]).to(dtype)
            b = torch.tensor([[1.0, NAN, -3.0], [4.0, -0.0, float("inf")]]).to(dtype)
        elif dtype == torch.bool:
            a = torch.tensor([[True, False, True], [False, True, False]])
            b = torch.tensor([[True, True, False], [False, False, True]])
        else:
            a = torch.tensor([[1, 5, 100], [7, 0, 3]], dtype=dtype)
            b = torch.tensor([[1, 4, 101], [9, 0, 2]], dtype=dtype)
        try_case(f"{op}/{DTYPES[dtype]}", op, fn, [a, b], exact=True,
                 layouts=("c", "t", "s") if dtype == torch.float32 else ("c",))
    try_case(f"{op}/broadcast_promote", op, fn,
             [torch.tensor([[1], [2], [3]]), torch.tensor([0.5, 2.0, 3.0, NAN])], exact=True)
    try_case(f"{op}/empty", op, fn, [torch.zeros(0, 2), torch.zeros(2)], exact=True)
    for dtype, x, s in ((torch.uint8, torch.tensor([1, 200, 44, 255], dtype=torch.uint8), -1),
                        (torch.uint8, torch.tensor([1, 200, 44, 0], dtype=torch.uint8), 300),
                        (torch.int8, torch.tensor([1, 2, -24, 127], dtype=torch.int8), 1000),
                        (torch.int64, torch.tensor([1, 2, 3]), 2.5),
                        (torch.float16, torch.tensor([1.5, 2.0, 65504.0]).half(), 70000.0),
                        (torch.float32, torch.tensor([0.1, 0.2, NAN]), 0.1),
                        (torch.bool, torch.tensor([True, False]), 1),
                        (torch.bool, torch.tensor([True, False]), 0.5),
                        (torch.bool, torch.tensor([True, False]), True),
                        (torch.int32, torch.tensor([1, 2], dtype=torch.int32), 2)):
        try_case(f"{op}_s/{DTYPES[dtype]}/{s!r}", op + "_s", fn, [x], [s], exact=True)
    try_case(f"{op}_s/0d", op + "_s", fn, [torch.tensor(3.0)], [3], exact=True)
    try_case(f"{op}_rs/int", op + "_rs", lambda t, s, fn=fn: fn(torch.tensor(s), t),
             [torch.tensor([1, 2, 3])], [2], exact=True)

# ---- logical and bitwise -----------------------------------------------------------------------
LOGIC_INPUTS = [
    (torch.tensor([[1.0, 0.0, NAN], [0.0, -0.0, 2.0]]), torch.tensor([[1, 1, 0], [0, 3, 5]])),
    (torch.tensor([True, False, True]), torch.tensor([[True], [False]])),
    (torch.tensor([0, 200, 3], dtype=torch.uint8), torch.tensor([1, 0, -2], dtype=torch.int8)),
]
for op, fn in (("logical_and", torch.logical_and), ("logical_or", torch.logical_or)):
    for i, (a, b) in enumerate(LOGIC_INPUTS):
        try_case(f"{op}/{i}", op, fn, [a, b], exact=True)
for op, fn in (("bitwise_and", torch.bitwise_and), ("bitwise_or", torch.bitwise_or)):
    for dtype in INTS + [torch.bool]:
        if dtype == torch.bool:
            a = torch.tensor([[True, False, True], [False, True, False]])
            b = torch.tensor([[True, True, False], [False, False, True]])
        else:
            a = torch.tensor([[12, 5, 100], [7, 0, -3 if dtype != torch.uint8 else 253]]).to(dtype)
            b = torch.tensor([[10, 4, 36], [9, 255 if dtype == torch.uint8 else -1, 2]]).to(dtype)
        try_case(f"{op}/{DTYPES[dtype]}", op, fn, [a, b], exact=True,
                 layouts=("c", "t") if dtype == torch.int64 else ("c",))
    try_case(f"{op}/promote", op, fn, [torch.tensor([12, 5]), torch.tensor([10, 6], dtype=torch.uint8)],
             exact=True)
    for s in (3, True, -1):
        try_case(f"{op}_s/long/{s!r}", op + "_s", fn, [torch.tensor([1, 2, 6])], [s], exact=True)
        try_case(f"{op}_s/bool/{s!r}", op + "_s", fn, [torch.tensor([True, False])], [s], exact=True)
    try_case(f"{op}_rs/long", op + "_rs", lambda t, s, fn=fn: fn(t, s), [torch.tensor([1, 2, 6])],
             [3], exact=True)

# ---- where ----------------------------------------------------------------------------------
cond = torch.tensor([[True, False, True], [False, False, True]])
for dtype in FLOATS + INTS + [torch.bool]:
    a = (torch.arange(6).reshape(2, 3) * 3 % 7).to(dtype)
    b = (torch.arange(6).reshape(2, 3) + 1).to(dtype)
    try_case(f"where/{DTYPES[dtype]}", "where", torch.where, [cond, a, b], exact=True,
             layouts=("c", "t", "s") if dtype == torch.float32 else ("c",))
try_case("where/broadcast", "where", torch.where,
         [torch.tensor([[True], [False]]), torch.tensor([1.0, 2.0, 3.0]), torch.tensor(-1.0)],
         exact=True)
try_case("where/promote", "where", torch.where,
         [cond, torch.tensor([1, 2, 3], dtype=torch.uint8), torch.tensor([[-1], [2]], dtype=torch.int8)],
         exact=True)
try_case("where/promote_float", "where", torch.where,
         [cond, torch.tensor([1, 2, 3]), torch.tensor([NAN, 2.5, 0.5])], exact=True)
try_case("where/uint8_condition", "where", torch.where,
         [torch.tensor([0, 2, 255], dtype=torch.uint8), torch.tensor([1, 2, 3]), torch.tensor(0)],
         exact=True)
try_case("where/0d", "where", torch.where, [torch.tensor(False), torch.tensor(1.0), torch.tensor(2.0)],
         exact=True)
try_case("where/empty", "where", torch.where, [torch.zeros(0, 3, dtype=torch.bool), torch.zeros(3), torch.ones(1)],
         exact=True)
try_case("where_ts/float", "where_ts", torch.where, [cond, torch.tensor([1, 2, 3])], [2.5], exact=True)
try_case("where_ts/uint8_neg", "where_ts", torch.where, [cond, torch.tensor([1, 2, 3], dtype=torch.uint8)],
         [-1], exact=True)
try_case("where_ts/int8", "where_ts", torch.where, [cond, torch.tensor([1, 2, 3], dtype=torch.int8)],
         [100], exact=True)
try_case("where_st/half", "where_st", lambda c, t, s: torch.where(c, s, t),
         [cond, torch.tensor([1.5, 2, 3], dtype=torch.half)], [7], exact=True)
try_case("where_st/long", "where_st", lambda c, t, s: torch.where(c, s, t),
         [cond, torch.tensor([1, 2, 3])], [True], exact=True)
for s1, s2 in ((1, 0), (1.0, 0), (True, False), (2.5, True)):
    try_case(f"where_ss/{s1!r},{s2!r}", "where_ss", torch.where, [cond], [s1, s2], exact=True)
try_case("where_method", "where_method", lambda a, c, b: a.where(c, b),
         [torch.tensor([1.0, 2.0, 3.0]), torch.tensor([True, False, True]), torch.tensor([0.0, -1.0, -2.0])],
         exact=True)

with open(OUT, "w") as f:
    f.write("// Generated by tests/reference/gen_elementwise.py with PyTorch "
            f"{torch.__version__}; do not edit.\n")
    f.write("static const double kFloatPool[] = {\n")
    for i in range(0, len(FLOAT_POOL), 8):
        f.write("    " + ", ".join(FLOAT_POOL[i:i + 8]) + ",\n")
    f.write("};\nstatic const int64_t kIntPool[] = {\n")
    for i in range(0, len(INT_POOL), 12):
        f.write("    " + ", ".join(v if int(v) > -2**63 else "INT64_MIN" for v in INT_POOL[i:i + 12]) + ",\n")
    f.write("};\nstatic const ReferenceCase kCases[] = {\n")
    f.write("\n".join(cases) + "\n};\n")
print(f"{len(cases)} cases -> {OUT}", file=sys.stderr)
