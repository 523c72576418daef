#!/usr/bin/python3
"""Writes tests/cpu/reference/gemm_data.inc: PyTorch's results for the matmul family
(mm, bmm, mv, dot, outer, addmm, matmul) on the inputs tests/cpu/MatmulTest.cpp builds.

Inputs come from a formula both sides evaluate (see `value`): element (r, c) of an operand,
where c is the index along the last dim and r the flat index of the leading dims. Floating
inputs are multiples of 1/8 in [-9/8, 9/8], so every float32/float64 product in these tests
is exact whatever the summation order, and the C++ test can demand exact equality.

Run with /usr/bin/python3 (PyTorch 1.13) from the repository root:
    /usr/bin/python3 tests/reference/gen_gemm.py
"""
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "gemm_data.inc")

DTYPES = {
    "float32": torch.float32, "float64": torch.float64, "bfloat16": torch.bfloat16,
    "float16": torch.float16, "int8": torch.int8, "uint8": torch.uint8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "bool": torch.bool,
}


def value(seed, r, c, dtype):
    h = (r * 131 + c * 71 + seed * 17)
    if dtype == torch.bool:
        return float(h % 3 == 0)
    if dtype == torch.uint8:
        return float(h % 10)
    v = float(h % 19 - 9)
    return v / 8 if dtype.is_floating_point else v


def M(shape, seed, dtype):
    """The logical operand of `shape` built by the formula, as float64 then cast."""
    shape = list(shape)
    cols = shape[-1] if shape else 1
    rows = 1
    for s in shape[:-1]:
        rows *= s
    data = [[value(seed, r, c, dtype) for c in range(cols)] for r in range(rows)]
    return torch.tensor(data, dtype=torch.float64).reshape(shape).to(dtype)


def run(fn, dtype, *args, **kw):
    """fn in `dtype`; float16 and bool, which PyTorch 1.13 cannot multiply on the CPU, go
    through float32 (rounded once, as newer PyTorch does) and int64 (OR of ANDs) instead."""
    if dtype == torch.float16:
        return fn(*[a.float() for a in args], **kw).half()
    if dtype == torch.bool:
        return fn(*[a.long() for a in args], **kw) != 0
    return fn(*args, **kw)


cases = []  # (name, tensor)


def add(name, t):
    cases.append((name, t))


# --- every op in every dtype ----------------------------------------------------------------
for name, dt in DTYPES.items():
    a, b = M([5, 7], 1, dt), M([7, 3], 2, dt)
    add(f"mm_{name}", run(torch.mm, dt, a, b))
    add(f"bmm_{name}", run(torch.bmm, dt, M([2, 4, 6], 1, dt), M([2, 6, 3], 2, dt)))
    add(f"mv_{name}", run(torch.mv, dt, a, M([7], 2, dt)))
    add(f"dot_{name}", run(torch.dot, dt, M([9], 1, dt), M([9], 2, dt)))
    add(f"outer_{name}", torch.outer(M([4], 1, dt), M([3], 2, dt)))
    add(f"matmul_{name}", run(torch.matmul, dt, M([2, 1, 4, 6], 1, dt), M([3, 6, 5], 2, dt)))
    if dt != torch.bool:
        alpha, beta = (2.0, 0.5) if dt.is_floating_point else (3, 2)
        add(f"addmm_{name}", run(lambda s, x, y: torch.addmm(s, x, y, beta=beta, alpha=alpha),
                                 dt, M([5, 3], 3, dt), a, b))

# --- half / bfloat16 products big enough to run as float32 products -------------------------
for name in ("bfloat16", "float16"):
    dt = DTYPES[name]
    add(f"mm_{name}_big", run(torch.mm, dt, M([40, 30], 1, dt), M([30, 50], 2, dt)))
    add(f"bmm_{name}_big", run(torch.bmm, dt, M([3, 20, 30], 1, dt), M([3, 30, 25], 2, dt)))
    add(f"addmm_{name}_big", run(lambda s_, x_, y_: torch.addmm(s_, x_, y_, beta=0.5, alpha=2),
                                 dt, M([40, 50], 3, dt), M([40, 30], 1, dt), M([30, 50], 2, dt)))

# --- shapes that walk every path of the blocked kernel (exact in float32 and float64) --------
GEMM_SHAPES = [(1, 1, 1), (2, 2, 2), (3, 5, 4), (6, 16, 8), (7, 17, 5), (12, 32, 9),
               (13, 33, 300), (64, 64, 64), (100, 40, 20), (65, 47, 257), (100, 1, 50),
               (1, 100, 50), (3, 2100, 2), (150, 3, 7)]
for m, n, k in GEMM_SHAPES:
    add(f"mm_{m}x{n}x{k}", torch.mm(M([m, k], 1, torch.float64), M([k, n], 2, torch.float64)))
add("bmm_3x40x37x260", torch.bmm(M([3, 40, 260], 1, torch.float64),
                                 M([3, 260, 37], 2, torch.float64)))
add("bmm_64x5x6x7", torch.bmm(M([64, 5, 7], 1, torch.float64), M([64, 7, 6], 2, torch.float64)))
add("bmm_broadcast_batch", torch.bmm(M([1, 5, 7], 1, torch.float64).expand(3, 5, 7),
                                     M([3, 7, 4], 2, torch.float64)))
add("bmm_broadcast_both", torch.bmm(M([1, 20, 30], 1, torch.float64).expand(4, 20, 30),
                                    M([1, 30, 25], 2, torch.float64).expand(4, 30, 25)))

# --- addmm: beta / alpha, broadcast self, NaN ignored when beta == 0, empty k ----------------
f32 = torch.float32
x, y = M([6, 9], 1, f32), M([9, 5], 2, f32)
add("addmm_beta0", torch.addmm(torch.full((6, 5), float("nan")), x, y, beta=0, alpha=1.5))
add("addmm_row_self", torch.addmm(M([5], 3, f32), x, y))
add("addmm_col_self", torch.addmm(M([6, 1], 3, f32), x, y, beta=-1, alpha=0.25))
add("addmm_scalar_self", torch.addmm(M([1, 1], 3, f32), x, y, beta=2))
add("addmm_k0", torch.addmm(M([6, 5], 3, f32), M([6, 0], 1, f32), M([0, 5], 2, f32),
                            beta=3, alpha=2))
add("addmm_k0_beta0", torch.addmm(torch.full((6, 5), float("nan")), M([6, 0], 1, f32),
                                  M([0, 5], 2, f32), beta=0))
add("addmm_big", torch.addmm(M([70, 40], 3, f32), M([70, 300], 1, f32), M([300, 40], 2, f32),
                             beta=-0.5, alpha=0.75))

# --- matmul: every rank combination ----------------------------------------------------------
MATMUL = {
    "1d_1d": ([7], [7]), "2d_1d": ([4, 7], [7]), "1d_2d": ([7], [7, 3]), "2d_2d": ([4, 7], [7, 3]),
    "3d_2d": ([2, 4, 7], [7, 3]), "3d_1d": ([2, 4, 7], [7]), "1d_3d": ([7], [2, 7, 3]),
    "2d_3d": ([4, 7], [2, 7, 3]), "4d_3d": ([2, 3, 4, 7], [3, 7, 5]),
    "4d_1d": ([2, 3, 4, 7], [7]), "1d_4d": ([7], [2, 3, 7, 5]),
    "bcast": ([2, 1, 4, 7], [1, 5, 7, 3]), "3d_3d": ([2, 4, 7], [2, 7, 3]),
}
for name, (sa, sb) in MATMUL.items():
    add(f"matmul_{name}", torch.matmul(M(sa, 1, f32), M(sb, 2, f32)))

# --- empty operands -----------------------------------------------------------------------------
add("mm_k0", torch.mm(M([3, 0], 1, f32), M([0, 4], 2, f32)))
add("mm_m0", torch.mm(M([0, 5], 1, f32), M([5, 4], 2, f32)))
add("mm_n0", torch.mm(M([3, 5], 1, f32), M([5, 0], 2, f32)))
add("bmm_b0", torch.bmm(M([0, 3, 5], 1, f32), M([0, 5, 4], 2, f32)))
add("dot_empty", torch.dot(M([0], 1, f32), M([0], 2, f32)))
add("mv_k0", torch.mv(M([3, 0], 1, f32), M([0], 2, f32)))
add("matmul_empty_batch", torch.matmul(M([0, 3, 5], 1, f32), M([5, 4], 2, f32)))


def literal(v):
    if v != v:
        return "kNaN"
    if v == float("inf"):
        return "kInf"
    if v == float("-inf"):
        return "-kInf"
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


with open(OUT, "w") as f:
    f.write("// Generated by tests/reference/gen_gemm.py with PyTorch %s; do not edit.\n"
            "// Expected results of the matmul family, read by MatmulTest.cpp.\n\n"
            % torch.__version__)
    for i, (name, t) in enumerate(cases):
        vals = t.double().flatten().tolist()
        body = ", ".join(literal(v) for v in vals) if vals else "0"
        f.write(f"static const double kRef{i}[] = {{{body}}};\n")
    f.write("\nstatic const GemmReference kGemmReferences[] = {\n")
    for i, (name, t) in enumerate(cases):
        shape = ", ".join(str(s) for s in t.shape)
        f.write(f'    {{"{name}", "{str(t.dtype).replace("torch.", "")}", {{{shape}}}, kRef{i}, '
                f"{t.numel()}}},\n")
    f.write("};\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
