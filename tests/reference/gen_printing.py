#!/usr/bin/env python3
"""Writes tests/core/reference/printing_data.inc: how PyTorch prints each tensor below.

Each case pairs a C++ expression (Ember) with the same tensor built in Python (PyTorch) and
the print options in effect. Run with PyTorch installed:
    python3 tests/reference/gen_printing.py
"""
import os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "core", "reference", "printing_data.inc")

# (name, C++ expression, Python expression, print options as a dict)
CASES = [
    ("float_matrix", "tensor({{1., 2.}, {3., 4.}})", "torch.tensor([[1., 2.], [3., 4.]])", {}),
    ("int_vector", "tensor({1, 2, 3})", "torch.tensor([1, 2, 3])", {}),
    ("negative_ints", "tensor({-1, 200, -30000})", "torch.tensor([-1, 200, -30000])", {}),
    ("int32", "tensor({1, 2}, kInt)", "torch.tensor([1, 2], dtype=torch.int32)", {}),
    ("uint8", "tensor({0, 255}, kByte)", "torch.tensor([0, 255], dtype=torch.uint8)", {}),
    ("int8_0d", "tensor(-7, kChar)", "torch.tensor(-7, dtype=torch.int8)", {}),
    ("bool", "tensor({true, false, true})", "torch.tensor([True, False, True])", {}),
    ("bool_matrix", "tensor({{true, false}, {false, false}})",
     "torch.tensor([[True, False], [False, False]])", {}),
    ("fractions", "tensor({0.5, 1.25, -3.125})", "torch.tensor([0.5, 1.25, -3.125])", {}),
    ("precision4", "tensor({1.0 / 3.0, 2.0 / 3.0})", "torch.tensor([1.0 / 3.0, 2.0 / 3.0])", {}),
    ("float64", "tensor({1.5, 2.5}, kDouble)", "torch.tensor([1.5, 2.5], dtype=torch.float64)", {}),
    ("float64_ints", "tensor({1., 2.}, kDouble)", "torch.tensor([1., 2.], dtype=torch.float64)", {}),
    ("float16", "tensor({0.1, 0.2}, kHalf)", "torch.tensor([0.1, 0.2], dtype=torch.float16)", {}),
    ("bfloat16", "tensor({0.1, 3.0}, kBFloat16)",
     "torch.tensor([0.1, 3.0], dtype=torch.bfloat16)", {}),
    ("sci_small", "tensor({1e-5, 1.0})", "torch.tensor([1e-5, 1.0])", {}),
    ("sci_large", "tensor({1e10, 1.5})", "torch.tensor([1e10, 1.5])", {}),
    ("sci_ratio", "tensor({0.001, 2.0})", "torch.tensor([0.001, 2.0])", {}),
    ("int_valued_big_ratio", "tensor({1., 10000.})", "torch.tensor([1., 10000.])", {}),
    ("int_valued_1e9", "tensor({1e9, 2.})", "torch.tensor([1e9, 2.])", {}),
    ("nan_inf", "tensor({1.5, NAN, INFINITY, -INFINITY})",
     "torch.tensor([1.5, float('nan'), float('inf'), float('-inf')])", {}),
    ("nan_inf_ints", "tensor({1., NAN, -INFINITY})",
     "torch.tensor([1., float('nan'), float('-inf')])", {}),
    ("all_nan", "tensor({NAN, NAN})", "torch.tensor([float('nan'), float('nan')])", {}),
    ("zeros_float", "zeros({2, 3})", "torch.zeros(2, 3)", {}),
    ("negative_zero", "tensor({-0.0, 1.5})", "torch.tensor([-0.0, 1.5])", {}),
    ("scalar_float", "tensor(3.5)", "torch.tensor(3.5)", {}),
    ("scalar_int", "tensor(42)", "torch.tensor(42)", {}),
    ("scalar_bool", "tensor(true)", "torch.tensor(True)", {}),
    ("scalar_double", "tensor(2.0, kDouble)", "torch.tensor(2.0, dtype=torch.float64)", {}),
    ("empty_1d", "tensor(std::vector<float>{})", "torch.tensor([])", {}),
    ("empty_long", "zeros({0}, kLong)", "torch.zeros(0, dtype=torch.int64)", {}),
    ("empty_2d", "zeros({0, 3})", "torch.zeros(0, 3)", {}),
    ("empty_3d_int", "zeros({2, 0, 3}, kInt)", "torch.zeros(2, 0, 3, dtype=torch.int32)", {}),
    ("three_d", "arange(24).reshape({2, 3, 4})", "torch.arange(24).reshape(2, 3, 4)", {}),
    ("three_d_float", "arange(12).reshape({2, 3, 2}).to(kFloat) / 4",
     "torch.arange(12).reshape(2, 3, 2).float() / 4", {}),
    ("four_d", "arange(16).reshape({2, 2, 2, 2})", "torch.arange(16).reshape(2, 2, 2, 2)", {}),
    ("summarized_1d", "arange(2000)", "torch.arange(2000)", {}),
    ("summarized_2d", "arange(3000).reshape({100, 30}).to(kFloat) / 7",
     "torch.arange(3000).reshape(100, 30).float() / 7", {}),
    ("summarized_3d", "arange(6000).reshape({10, 20, 30})",
     "torch.arange(6000).reshape(10, 20, 30)", {}),
    ("long_line_wrap", "arange(40).to(kFloat) / 3", "torch.arange(40).float() / 3", {}),
    ("wide_ints_wrap", "arange(30) * 1000003", "torch.arange(30) * 1000003", {}),
    ("transposed", "arange(6).reshape({2, 3}).t()", "torch.arange(6).reshape(2, 3).t()", {}),
    ("requires_grad", "tensor({1., 2.}, requires_grad())",
     "torch.tensor([1., 2.], requires_grad=True)", {}),
    ("requires_grad_double", "tensor({1.5, 2.}, TensorOptions().dtype(kDouble).requires_grad(true))",
     "torch.tensor([1.5, 2.], dtype=torch.float64, requires_grad=True)", {}),
    ("suffix_wraps", "arange(20).to(kDouble) / 3", "torch.arange(20).double() / 3", {}),
    ("opt_precision2", "tensor({1.23456, 2.5})", "torch.tensor([1.23456, 2.5])", {"precision": 2}),
    ("opt_precision8", "tensor({1.0 / 3.0})", "torch.tensor([1.0 / 3.0])", {"precision": 8}),
    ("opt_threshold", "arange(10)", "torch.arange(10)", {"threshold": 5}),
    ("opt_edgeitems", "arange(100)", "torch.arange(100)", {"threshold": 5, "edgeitems": 2}),
    ("opt_linewidth", "arange(20).to(kFloat)", "torch.arange(20).float()", {"linewidth": 40}),
    ("opt_sci_on", "tensor({1.5, 2.25})", "torch.tensor([1.5, 2.25])", {"sci_mode": True}),
    ("opt_sci_off", "tensor({1e-6, 1.0})", "torch.tensor([1e-6, 1.0])", {"sci_mode": False}),
    ("linspace", "linspace(-1, 1, 7)", "torch.linspace(-1, 1, 7)", {}),
    ("eye_double", "eye(3, kDouble)", "torch.eye(3, dtype=torch.float64)", {}),
    ("full_int16", "full({2, 2}, 7, kShort)", "torch.full((2, 2), 7, dtype=torch.int16)", {}),
    ("mixed_magnitudes", "tensor({123.456, 0.5, 99.0})", "torch.tensor([123.456, 0.5, 99.0])", {}),
    ("large_negative", "tensor({-123456.78, 1.0})", "torch.tensor([-123456.78, 1.0])", {}),
]


def cpp_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    lines = ["// Generated by tests/reference/gen_printing.py from PyTorch "
             + torch.__version__ + "; do not edit.",
             "// EMBER_PRINT_CASE(name, expression, expected, precision, threshold, edgeitems,",
             "//                  linewidth, sci_mode: -1 unset, 0 false, 1 true)"]
    for name, cpp, py, opts in CASES:
        torch.set_printoptions(profile="default")
        torch.set_printoptions(**opts)
        text = repr(eval(py)).replace("torch.", "ember.")
        torch.set_printoptions(profile="default")
        sci = opts.get("sci_mode")
        lines.append("EMBER_PRINT_CASE({}, {}, {}, {}, {}, {}, {}, {})".format(
            name, cpp, cpp_string(text), opts.get("precision", 4), opts.get("threshold", 1000),
            opts.get("edgeitems", 3), opts.get("linewidth", 80),
            -1 if sci is None else int(sci)))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
