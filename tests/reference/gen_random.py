#!/usr/bin/env python3
"""Writes tests/cpu/reference/random_data.inc: PyTorch's CPU random numbers for sequences of
calls after torch.manual_seed (rand, randn, randint, randperm, uniform_, normal_), for several
seeds, sizes (below and above 16, where PyTorch's normal path changes), dtypes and
non-contiguous outputs.

Each case is a seed and a list of steps run in order on that seed; a step pairs an Ember C++
expression with the same call in PyTorch. Small results are written as literal values, large
ones as an order-sensitive digest of their bits (sum over i of bits[i] * (i + 1) mod 2^64).
    /usr/bin/python3 tests/reference/gen_random.py
The values depend on PyTorch's CPU capability: they are those of the AVX2 kernels (the
default on x86-64 machines with AVX2), which Ember reproduces on every machine.
"""
import os
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")  # PyTorch's precision warnings for wide float randint ranges

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "cpu", "reference", "random_data.inc")

DTYPES = {
    torch.uint8: "kByte", torch.int8: "kChar", torch.int16: "kShort", torch.int32: "kInt",
    torch.int64: "kLong", torch.float16: "kHalf", torch.float32: "kFloat",
    torch.float64: "kDouble", torch.bool: "kBool", torch.bfloat16: "kBFloat16",
}
BITS = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}
DIGEST_ABOVE = 1200  # elements; larger results are checked by digest

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1


def i64(v):
    return "(-INT64_C(9223372036854775807) - 1)" if v == I64_MIN else f"INT64_C({v})"


def cpp_values(t):
    flat = t.flatten()
    if t.dtype == torch.bool:
        return "std::vector<bool>{" + ", ".join("true" if v else "false" for v in flat.tolist()) + "}"
    if t.dtype.is_floating_point:
        return "std::vector<double>{" + ", ".join(repr(float(v)) for v in flat.double().tolist()) + "}"
    return "std::vector<int64_t>{" + ", ".join(i64(int(v)) for v in flat.tolist()) + "}"


def digest(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        bits = t.view(torch.int16).numpy().view(np.uint16)
    else:
        a = t.numpy()
        bits = a.view(BITS[a.itemsize])
    n = bits.size
    weights = np.arange(1, n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return int(np.sum(bits.reshape(-1).astype(np.uint64) * weights, dtype=np.uint64))


def shape(t):
    return "{" + ", ".join(str(s) for s in t.shape) + "}"


# (name, seed, [(ember expression, torch expression), ...])
CASES = []


def case(name, seed, *steps):
    CASES.append((name, seed, list(steps)))


for seed in (0, 1, 42, 2**32 + 7):
    case(f"rand_small_seed{seed}", seed,
         ("rand({5})", "torch.rand(5)"),
         ("rand({2, 3}, kDouble)", "torch.rand(2, 3, dtype=torch.float64)"),
         ("rand({7}, kHalf)", "torch.rand(7, dtype=torch.float16)"),
         ("rand({7}, kBFloat16)", "torch.rand(7, dtype=torch.bfloat16)"),
         ("rand({})", "torch.rand(())"))
    case(f"randn_sizes_seed{seed}", seed,
         *[(f"randn({{{n}}})", f"torch.randn({n})") for n in (1, 5, 15, 16, 17, 31, 32, 33, 100)])
    case(f"randint_seed{seed}", seed,
         ("randint(0, 10, {8})", "torch.randint(0, 10, (8,))"),
         ("randint(-5, 5, {3, 3})", "torch.randint(-5, 5, (3, 3))"),
         ("randperm(10)", "torch.randperm(10)"))

case("seed_uses_low_32_bits", 2**32 + 7, ("randn({20})", "torch.randn(20)"),
     ("(manual_seed(7), randn({20}))", "(torch.manual_seed(7), torch.randn(20))[1]"))

# Sizes around the block path and 0-d / empty, in each floating dtype.
for dt, name in ((torch.float32, "kFloat"), (torch.float64, "kDouble"), (torch.float16, "kHalf"),
                 (torch.bfloat16, "kBFloat16")):
    short = name[1:].lower()
    case(f"randn_{short}_sizes", 123,
         *[(f"randn({{{n}}}, {name})", f"torch.randn({n}, dtype={dt})") for n in (0, 1, 3, 15, 16, 17, 40, 47)],
         (f"randn({{}}, {name})", f"torch.randn((), dtype={dt})"),
         (f"randn({{4, 4}}, {name})", f"torch.randn(4, 4, dtype={dt})"),
         (f"randn({{3, 5}}, {name})", f"torch.randn(3, 5, dtype={dt})"))
    case(f"normal_{short}_mean_std", 7,
         (f"empty({{40}}, {name}).normal_(0.3, 2.7)", f"torch.empty(40, dtype={dt}).normal_(0.3, 2.7)"),
         (f"empty({{7}}, {name}).normal_(-1.5, 0.25)", f"torch.empty(7, dtype={dt}).normal_(-1.5, 0.25)"),
         (f"empty({{16}}, {name}).normal_(100, 0)", f"torch.empty(16, dtype={dt}).normal_(100, 0)"),
         (f"empty({{3}}, {name}).normal_(2, 0)", f"torch.empty(3, dtype={dt}).normal_(2, 0)"))
    case(f"uniform_{short}", 99,
         (f"rand({{20}}, {name})", f"torch.rand(20, dtype={dt})"),
         (f"empty({{20}}, {name}).uniform_(-2.5, 3.7)", f"torch.empty(20, dtype={dt}).uniform_(-2.5, 3.7)"),
         (f"empty({{5}}, {name}).uniform_(1, 1)", f"torch.empty(5, dtype={dt}).uniform_(1, 1)"),
         (f"empty({{6}}, {name}).uniform_(-1000, 0.001)", f"torch.empty(6, dtype={dt}).uniform_(-1000, 0.001)"))
    # Non-contiguous outputs: PyTorch fills them in memory order, one sample at a time.
    case(f"noncontiguous_{short}", 5,
         (f"empty({{8, 6}}, {name}).t().normal_()", f"torch.empty(8, 6, dtype={dt}).t().normal_()"),
         (f"empty({{5, 4}}, {name}).t().uniform_(-1, 1)", f"torch.empty(5, 4, dtype={dt}).t().uniform_(-1, 1)"),
         (f"empty({{40}}, {name}).slice(0, 1, 40, 2).normal_(1, 2)",
          f"torch.empty(40, dtype={dt})[1:40:2].normal_(1, 2)"),
         (f"empty({{3, 20}}, {name}).slice(1, 2, 19).uniform_()",
          f"torch.empty(3, 20, dtype={dt})[:, 2:19].uniform_()"))

# The Box-Muller value cached by one call is used by the next, across calls and dtypes;
# manual_seed drops it.
case("normal_cache_across_calls", 2024,
     ("randn({3})", "torch.randn(3)"),
     ("randn({3})", "torch.randn(3)"),
     ("randn({1}, kDouble)", "torch.randn(1, dtype=torch.float64)"),
     ("randn({20})", "torch.randn(20)"),
     ("randn({1}, kHalf)", "torch.randn(1, dtype=torch.float16)"),
     ("rand({2})", "torch.rand(2)"),
     ("randn({1})", "torch.randn(1)"),
     ("randn({2})", "torch.randn(2)"),
     ("(manual_seed(2024), randn({3}))", "(torch.manual_seed(2024), torch.randn(3))[1]"),
     ("randn({1})", "torch.randn(1)"),
     ("(manual_seed(2024), randn({4}))", "(torch.manual_seed(2024), torch.randn(4))[1]"))
case("mixed_sequence", 31337,
     ("rand({3})", "torch.rand(3)"),
     ("randn({17})", "torch.randn(17)"),
     ("randint(0, 10, {4})", "torch.randint(0, 10, (4,))"),
     ("randperm(6)", "torch.randperm(6)"),
     ("randn({2}, kDouble)", "torch.randn(2, dtype=torch.float64)"),
     ("empty({2, 9}).uniform_(-4, 4)", "torch.empty(2, 9).uniform_(-4, 4)"),
     ("randint(100, {2, 2}, kInt)", "torch.randint(100, (2, 2), dtype=torch.int32)"),
     ("randn({33}, kBFloat16)", "torch.randn(33, dtype=torch.bfloat16)"),
     ("randn({5})", "torch.randn(5)"))

# randint into every dtype; ranges of 2^32 or more take 64 random bits for int64, double,
# float and bfloat16; floating dtypes move the bounds to values they can hold.
case("randint_dtypes", 77,
     ("randint(-100, 100, {6}, kChar)", "torch.randint(-100, 100, (6,), dtype=torch.int8)"),
     ("randint(-128, 128, {6}, kChar)", "torch.randint(-128, 128, (6,), dtype=torch.int8)"),
     ("randint(0, 256, {6}, kByte)", "torch.randint(0, 256, (6,), dtype=torch.uint8)"),
     ("randint(-30000, 30000, {6}, kShort)", "torch.randint(-30000, 30000, (6,), dtype=torch.int16)"),
     ("randint(0, int64_t{1} << 31, {6}, kInt)", "torch.randint(0, 2**31, (6,), dtype=torch.int32)"),
     ("randint(-(int64_t{1} << 31), (int64_t{1} << 31), {6}, kInt)",
      "torch.randint(-2**31, 2**31, (6,), dtype=torch.int32)"),
     ("randint(0, 2, {8}, kBool)", "torch.randint(0, 2, (8,), dtype=torch.bool)"),
     ("randint(1, 2, {3}, kBool)", "torch.randint(1, 2, (3,), dtype=torch.bool)"),
     ("randint(0, 100, {5}, kFloat)", "torch.randint(0, 100, (5,), dtype=torch.float32)"),
     ("randint(-50, 50, {5}, kDouble)", "torch.randint(-50, 50, (5,), dtype=torch.float64)"),
     ("randint(0, 1000, {5}, kHalf)", "torch.randint(0, 1000, (5,), dtype=torch.float16)"),
     ("randint(0, 300, {5}, kBFloat16)", "torch.randint(0, 300, (5,), dtype=torch.bfloat16)"))
case("randint_wide_ranges", 78,
     ("randint(-(int64_t{1} << 40), int64_t{1} << 40, {5})", "torch.randint(-2**40, 2**40, (5,))"),
     ("randint(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), {4})",
      f"torch.randint({I64_MIN}, {I64_MAX}, (4,))"),
     ("randint(std::numeric_limits<int64_t>::min(), 0, {3})", f"torch.randint({I64_MIN}, 0, (3,))"),
     ("randint(0, int64_t{1} << 32, {3})", "torch.randint(0, 2**32, (3,))"),
     ("randint(0, (int64_t{1} << 32) - 1, {3})", "torch.randint(0, 2**32 - 1, (3,))"),
     ("randint(0, int64_t{1} << 40, {5}, kFloat)", "torch.randint(0, 2**40, (5,), dtype=torch.float32)"),
     ("randint(0, int64_t{1} << 53, {5}, kDouble)", "torch.randint(0, 2**53, (5,), dtype=torch.float64)"),
     ("randint(0, int64_t{1} << 40, {5}, kBFloat16)", "torch.randint(0, 2**40, (5,), dtype=torch.bfloat16)"),
     ("randint(0, 65504, {5}, kHalf)", "torch.randint(0, 65504, (5,), dtype=torch.float16)"),
     ("randint((int64_t{1} << 25) + 1, (int64_t{1} << 25) + 100, {4}, kFloat)",
      "torch.randint(2**25 + 1, 2**25 + 100, (4,), dtype=torch.float32)"),
     ("randint(-(int64_t{1} << 25) - 99, -(int64_t{1} << 25), {4}, kFloat)",
      "torch.randint(-2**25 - 99, -2**25, (4,), dtype=torch.float32)"))

case("randperm_dtypes", 2,
     ("randperm(0)", "torch.randperm(0)"),
     ("randperm(1)", "torch.randperm(1)"),
     ("randperm(2)", "torch.randperm(2)"),
     ("randperm(100)", "torch.randperm(100)"),
     ("randperm(20, kInt)", "torch.randperm(20, dtype=torch.int32)"),
     ("randperm(20, kShort)", "torch.randperm(20, dtype=torch.int16)"),
     ("randperm(128, kChar)", "torch.randperm(128, dtype=torch.int8)"),
     ("randperm(256, kByte)", "torch.randperm(256, dtype=torch.uint8)"),
     ("randperm(20, kFloat)", "torch.randperm(20, dtype=torch.float32)"),
     ("randperm(20, kDouble)", "torch.randperm(20, dtype=torch.float64)"),
     ("randperm(20, kHalf)", "torch.randperm(20, dtype=torch.float16)"),
     ("randperm(300, kBFloat16)", "torch.randperm(300, dtype=torch.bfloat16)"))

case("requires_grad_option", 3,
     ("rand({2, 2}, requires_grad())", "torch.rand(2, 2, requires_grad=True)"),
     ("randn({3}, TensorOptions().dtype(kDouble).requires_grad(true))",
      "torch.randn(3, dtype=torch.float64, requires_grad=True)"))

# Large results, checked by digest.
case("large_float", 11,
     ("randn({100003})", "torch.randn(100003)"),
     ("rand({100003})", "torch.rand(100003)"),
     ("empty({100003}).uniform_(-3, 5)", "torch.empty(100003).uniform_(-3, 5)"),
     ("empty({100003}).normal_(0.3, 2.7)", "torch.empty(100003).normal_(0.3, 2.7)"),
     ("empty({300, 400}).t().normal_()", "torch.empty(300, 400).t().normal_()"))
case("large_other_dtypes", 12,
     ("randn({50001}, kDouble)", "torch.randn(50001, dtype=torch.float64)"),
     ("empty({50001}, kDouble).uniform_(-3, 5)", "torch.empty(50001, dtype=torch.float64).uniform_(-3, 5)"),
     ("randn({50001}, kHalf)", "torch.randn(50001, dtype=torch.float16)"),
     ("randn({50001}, kBFloat16)", "torch.randn(50001, dtype=torch.bfloat16)"),
     ("rand({50001}, kHalf)", "torch.rand(50001, dtype=torch.float16)"),
     ("randint(-1000, 1000, {50001}, kInt)", "torch.randint(-1000, 1000, (50001,), dtype=torch.int32)"),
     ("randint(0, int64_t{1} << 50, {50001})", "torch.randint(0, 2**50, (50001,))"),
     ("randperm(100000)", "torch.randperm(100000)"),
     ("randperm(2049, kHalf)", "torch.randperm(2049, dtype=torch.float16)"))


def main():
    lines = [
        "// Generated by tests/reference/gen_random.py from PyTorch " + torch.__version__ + "; do not edit.",
        "// EMBER_RANDOM_CASE(name, seed, steps...): after manual_seed(seed), the steps run in order.",
        "// EMBER_RANDOM_STEP(expression, expected): exact dtype, shape and values.",
        "// EMBER_RANDOM_DIGEST(expression, dtype, shape, digest): sum of bits[i] * (i + 1) mod 2^64.",
    ]
    total = 0
    for name, seed, steps in CASES:
        torch.manual_seed(seed)
        body = []
        for ember, pt in steps:
            value = eval(pt, {"torch": torch})
            value = value.detach()
            total += 1
            if value.numel() > DIGEST_ABOVE:
                body.append(f"    EMBER_RANDOM_DIGEST(({ember}), {DTYPES[value.dtype]}, (std::vector<int64_t>{shape(value)}), "
                            f"UINT64_C({digest(value)}))")
            else:
                body.append(f"    EMBER_RANDOM_STEP(({ember}), expected_tensor({cpp_values(value)}, "
                            f"{shape(value)}, {DTYPES[value.dtype]}))")
        lines.append(f"EMBER_RANDOM_CASE({name}, UINT64_C({seed}),\n" + "\n".join(body) + ")")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(CASES)} cases, {total} steps to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
