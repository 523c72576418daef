#!/usr/bin/env python3
"""Writes tests/core/reference/core_ops_data.inc: PyTorch's results for the foundation ops
(creation, conversion, arithmetic with broadcasting and promotion, sum/mean, matmul, views).

Each case pairs an Ember C++ expression with the same computation in PyTorch; the expected
result is written as a C++ expression building the tensor from literal values.
    python3 tests/reference/gen_core_ops.py
"""
import os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "core", "reference", "core_ops_data.inc")

DTYPES = {
    torch.uint8: "kByte", torch.int8: "kChar", torch.int16: "kShort", torch.int32: "kInt",
    torch.int64: "kLong", torch.float16: "kHalf", torch.float32: "kFloat",
    torch.float64: "kDouble", torch.bool: "kBool", torch.bfloat16: "kBFloat16",
}

# name, Ember expression, PyTorch expression
CASES = [
    # creation
    ("zeros_default", "zeros({2, 3})", "torch.zeros(2, 3)"),
    ("ones_int", "ones({3}, kInt)", "torch.ones(3, dtype=torch.int32)"),
    ("full_infers_long", "full({2}, 7)", "torch.full((2,), 7)"),
    ("full_infers_float", "full({2}, 2.5)", "torch.full((2,), 2.5)"),
    ("full_infers_bool", "full({2}, true)", "torch.full((2,), True)"),
    ("full_explicit", "full({2, 2}, 3, kDouble)", "torch.full((2, 2), 3, dtype=torch.float64)"),
    ("arange_end", "arange(5)", "torch.arange(5)"),
    ("arange_float_step", "arange(0, 1, 0.25)", "torch.arange(0, 1, 0.25)"),
    ("arange_negative_step", "arange(10, 0, -3)", "torch.arange(10, 0, -3)"),
    ("arange_double", "arange(1.5, 4, kDouble)", "torch.arange(1.5, 4, dtype=torch.float64)"),
    ("arange_float_frac", "arange(0, 1, 0.1)", "torch.arange(0, 1, 0.1)"),
    ("linspace_5", "linspace(0, 1, 5)", "torch.linspace(0, 1, 5)"),
    ("linspace_int", "linspace(0, 10, 5, kLong)", "torch.linspace(0, 10, 5, dtype=torch.int64)"),
    ("linspace_one", "linspace(3, 7, 1)", "torch.linspace(3, 7, 1)"),
    ("linspace_double", "linspace(-2.5, 3.5, 9, kDouble)",
     "torch.linspace(-2.5, 3.5, 9, dtype=torch.float64)"),
    ("eye_rect", "eye(2, 3)", "torch.eye(2, 3)"),
    ("eye_bool", "eye(3, kBool)", "torch.eye(3, dtype=torch.bool)"),
    ("tensor_nested_double", "tensor({{1.5, 2.}, {3., 4.}}, kDouble)",
     "torch.tensor([[1.5, 2.], [3., 4.]], dtype=torch.float64)"),
    ("tensor_mixed_literals", "tensor({1, 2.5})", "torch.tensor([1, 2.5])"),
    ("tensor_bools", "tensor({true, false})", "torch.tensor([True, False])"),
    ("tensor_vector_int", "tensor(std::vector<int>{4, 5, 6})", "torch.tensor([4, 5, 6])"),
    ("tensor_vector_double", "tensor(std::vector<double>{0.1, 0.2})", "torch.tensor([0.1, 0.2])"),
    ("zeros_like_keeps_dtype", "zeros_like(ones({2}, kShort))",
     "torch.zeros_like(torch.ones(2, dtype=torch.int16))"),
    ("full_like_value", "full_like(ones({2}, kInt), 9)",
     "torch.full_like(torch.ones(2, dtype=torch.int32), 9)"),
    ("ones_like_new_dtype", "ones_like(ones({2}, kInt), kDouble)",
     "torch.ones_like(torch.ones(2, dtype=torch.int32), dtype=torch.float64)"),
    # conversion with PyTorch's rounding / wrapping
    ("float_to_uint8", "tensor({-1.5, 2.7, 300.0, 255.9}).to(kByte)",
     "torch.tensor([-1.5, 2.7, 300.0, 255.9]).to(torch.uint8)"),
    ("float_to_int8", "tensor({-129.0, 127.9, -0.5}).to(kChar)",
     "torch.tensor([-129.0, 127.9, -0.5]).to(torch.int8)"),
    ("float_to_int32_overflow", "tensor({3e10, -3e10, NAN}).to(kInt)",
     "torch.tensor([3e10, -3e10, float('nan')]).to(torch.int32)"),
    ("double_to_int64", "tensor({1e19, -2.5, NAN}, kDouble).to(kLong)",
     "torch.tensor([1e19, -2.5, float('nan')], dtype=torch.float64).to(torch.int64)"),
    ("int_to_int8_wraps", "tensor({200, -200, 1000}).to(kChar)",
     "torch.tensor([200, -200, 1000]).to(torch.int8)"),
    ("to_bool", "tensor({0.0, -0.0, 0.1, NAN}).to(kBool)",
     "torch.tensor([0.0, -0.0, 0.1, float('nan')]).to(torch.bool)"),
    ("bool_to_float", "tensor({true, false}).to(kFloat)", "torch.tensor([True, False]).float()"),
    ("to_half_rounding", "tensor({0.1, 65519.0, 65520.0, 1e-8, 6e-8}).to(kHalf)",
     "torch.tensor([0.1, 65519.0, 65520.0, 1e-8, 6e-8]).half()"),
    ("to_bfloat16_rounding", "tensor({0.1, 3.14159, 1e30}).to(kBFloat16)",
     "torch.tensor([0.1, 3.14159, 1e30]).bfloat16()"),
    ("half_to_int", "tensor({2.5, -7.75}, kHalf).to(kInt)",
     "torch.tensor([2.5, -7.75], dtype=torch.float16).int()"),
    # arithmetic: broadcasting, promotion, scalars on either side
    ("add_broadcast", "arange(6).reshape({2, 3}) + arange(3)",
     "torch.arange(6).reshape(2, 3) + torch.arange(3)"),
    ("add_broadcast_both", "arange(3).reshape({3, 1}) + arange(4).to(kFloat)",
     "torch.arange(3).reshape(3, 1) + torch.arange(4).float()"),
    ("add_alpha", "add(arange(4).to(kFloat), ones({4}), 2.5)",
     "torch.add(torch.arange(4).float(), torch.ones(4), alpha=2.5)"),
    ("add_int_alpha", "add(arange(4), arange(4), 3)",
     "torch.add(torch.arange(4), torch.arange(4), alpha=3)"),
    ("sub_alpha", "sub(arange(4).to(kDouble), ones({4}, kDouble), 0.5)",
     "torch.sub(torch.arange(4).double(), torch.ones(4).double(), alpha=0.5)"),
    ("int8_plus_scalar_keeps_dtype", "tensor({100, -100}, kChar) + 100",
     "torch.tensor([100, -100], dtype=torch.int8) + 100"),
    ("uint8_plus_300_wraps", "tensor({1, 2}, kByte) + 300",
     "torch.tensor([1, 2], dtype=torch.uint8) + 300"),
    ("int_times_float_scalar", "arange(3) * 1.5", "torch.arange(3) * 1.5"),
    ("half_times_float_scalar", "tensor({1.5, 2.}, kHalf) * 2.5",
     "torch.tensor([1.5, 2.], dtype=torch.float16) * 2.5"),
    ("int32_times_zero_dim_long", "tensor({1, 2}, kInt) * tensor(3)",
     "torch.tensor([1, 2], dtype=torch.int32) * torch.tensor(3)"),
    ("int_times_zero_dim_double", "tensor({1, 2}, kInt) * tensor(0.5, kDouble)",
     "torch.tensor([1, 2], dtype=torch.int32) * torch.tensor(0.5, dtype=torch.float64)"),
    ("uint8_plus_int8", "tensor({200}, kByte) + tensor({-1}, kChar)",
     "torch.tensor([200], dtype=torch.uint8) + torch.tensor([-1], dtype=torch.int8)"),
    ("half_plus_bfloat16", "tensor({1.5}, kHalf) + tensor({2.25}, kBFloat16)",
     "torch.tensor([1.5], dtype=torch.float16) + torch.tensor([2.25], dtype=torch.bfloat16)"),
    ("bool_plus_bool", "tensor({true, false, false}) + tensor({true, true, false})",
     "torch.tensor([True, False, False]) + torch.tensor([True, True, False])"),
    ("bool_times_int", "tensor({true, false}) * 5", "torch.tensor([True, False]) * 5"),
    ("scalar_minus_tensor", "10 - arange(3)", "10 - torch.arange(3)"),
    ("scalar_div_tensor", "1 / arange(1, 4)", "1 / torch.arange(1, 4)"),
    ("int_div_int_is_float", "arange(5) / 2", "torch.arange(5) / 2"),
    ("div_by_zero", "tensor({1., -1., 0.}) / 0", "torch.tensor([1., -1., 0.]) / 0"),
    ("int64_overflow_wraps", "tensor({9223372036854775807}) + 1",
     "torch.tensor([9223372036854775807]) + 1"),
    ("mul_transposed", "arange(6).reshape({2, 3}).t() * arange(2)",
     "torch.arange(6).reshape(2, 3).t() * torch.arange(2)"),
    ("inplace_add_broadcast", "ones({2, 3}).add_(arange(3))",
     "torch.ones(2, 3).add_(torch.arange(3))"),
    ("inplace_float_with_double", "ones({2}).mul_(tensor({0.1, 0.2}, kDouble))",
     "torch.ones(2).mul_(torch.tensor([0.1, 0.2], dtype=torch.float64))"),
    ("inplace_div_scalar", "arange(4).to(kFloat).div_(4)", "torch.arange(4).float().div_(4)"),
    ("compound_assign", "[] { auto t = ones({2}); t += 2; t *= 3; t -= 1; t /= 2; return t; }()",
     "(((torch.ones(2) + 2) * 3) - 1) / 2"),
    # sum / mean
    ("sum_all_int_is_long", "arange(10, kInt).sum()", "torch.arange(10, dtype=torch.int32).sum()"),
    ("sum_bool", "tensor({true, true, false}).sum()", "torch.tensor([True, True, False]).sum()"),
    ("sum_dim0", "arange(12).reshape({3, 4}).to(kFloat).sum({0})",
     "torch.arange(12).reshape(3, 4).float().sum(0)"),
    ("sum_dim1_keepdim", "arange(12).reshape({3, 4}).sum({1}, true)",
     "torch.arange(12).reshape(3, 4).sum(1, keepdim=True)"),
    ("sum_dims_list", "arange(24).reshape({2, 3, 4}).to(kDouble).sum({0, 2})",
     "torch.arange(24).reshape(2, 3, 4).double().sum((0, 2))"),
    ("sum_negative_dim", "arange(24).reshape({2, 3, 4}).sum({-1})",
     "torch.arange(24).reshape(2, 3, 4).sum(-1)"),
    ("sum_transposed", "arange(12).reshape({3, 4}).t().sum({1})",
     "torch.arange(12).reshape(3, 4).t().sum(1)"),
    ("sum_dtype", "arange(4).sum(kDouble)", "torch.arange(4).sum(dtype=torch.float64)"),
    ("sum_empty", "zeros({0}).sum()", "torch.zeros(0).sum()"),
    ("sum_empty_dim", "zeros({0, 3}).sum({0})", "torch.zeros(0, 3).sum(0)"),
    ("sum_zero_dim", "tensor(5.5).sum()", "torch.tensor(5.5).sum()"),
    ("sum_half", "tensor({0.1, 0.2, 0.3}, kHalf).sum()",
     "torch.tensor([0.1, 0.2, 0.3], dtype=torch.float16).sum()"),
    ("sum_large", "(arange(100000).to(kFloat) / 7).sum()",
     "(torch.arange(100000).float() / 7).sum()"),
    ("mean_all", "arange(10).to(kFloat).mean()", "torch.arange(10).float().mean()"),
    ("mean_dims_keepdim", "arange(24).reshape({2, 3, 4}).to(kFloat).mean({1}, true)",
     "torch.arange(24).reshape(2, 3, 4).float().mean(1, keepdim=True)"),
    ("mean_dtype_from_int", "arange(4).mean(kDouble)", "torch.arange(4).mean(dtype=torch.float64)"),
    ("mean_empty_is_nan", "zeros({0}).mean()", "torch.zeros(0).mean()"),
    # matmul (2-d)
    ("matmul_2d", "arange(6).reshape({2, 3}).to(kFloat).matmul(arange(12).reshape({3, 4}).to(kFloat))",
     "torch.arange(6).reshape(2, 3).float() @ torch.arange(12).reshape(3, 4).float()"),
    ("matmul_transposed_operands",
     "arange(6).reshape({3, 2}).to(kDouble).t().matmul(arange(6).reshape({2, 3}).to(kDouble).t())",
     "torch.arange(6).reshape(3, 2).double().t() @ torch.arange(6).reshape(2, 3).double().t()"),
    ("matmul_int", "arange(6).reshape({2, 3}).matmul(arange(6).reshape({3, 2}))",
     "torch.arange(6).reshape(2, 3) @ torch.arange(6).reshape(3, 2)"),
    ("mm_empty_inner", "mm(zeros({2, 0}), zeros({0, 3}))", "torch.mm(torch.zeros(2, 0), torch.zeros(0, 3))"),
    # views
    ("transpose_contiguous", "arange(6).reshape({2, 3}).transpose(0, 1).contiguous()",
     "torch.arange(6).reshape(2, 3).transpose(0, 1).contiguous()"),
    ("permute", "arange(24).reshape({2, 3, 4}).permute({2, 0, 1}).contiguous()",
     "torch.arange(24).reshape(2, 3, 4).permute(2, 0, 1).contiguous()"),
    ("expand", "arange(3).reshape({3, 1}).expand({3, 4}).clone()",
     "torch.arange(3).reshape(3, 1).expand(3, 4).clone()"),
    ("expand_minus_one", "arange(3).expand({2, -1}).clone()", "torch.arange(3).expand(2, -1).clone()"),
    ("slice_step", "arange(10).slice(0, 1, 9, 3)", "torch.arange(10)[1:9:3]"),
    ("slice_negative", "arange(10).slice(0, -4)", "torch.arange(10)[-4:]"),
    ("slice_clamped", "arange(5).slice(0, 2, 100)", "torch.arange(5)[2:100]"),
    ("narrow", "arange(12).reshape({3, 4}).narrow(1, 1, 2)", "torch.arange(12).reshape(3, 4).narrow(1, 1, 2)"),
    ("select", "arange(12).reshape({3, 4}).select(1, -1)", "torch.arange(12).reshape(3, 4).select(1, -1)"),
    ("index_operator", "arange(12).reshape({3, 4})[1]", "torch.arange(12).reshape(3, 4)[1]"),
    ("flatten_partial", "arange(24).reshape({2, 3, 4}).flatten(1)", "torch.arange(24).reshape(2, 3, 4).flatten(1)"),
    ("reshape_noncontiguous", "arange(6).reshape({2, 3}).t().reshape({6})",
     "torch.arange(6).reshape(2, 3).t().reshape(6)"),
    ("view_infer", "arange(12).view({-1, 4})", "torch.arange(12).view(-1, 4)"),
    ("squeeze_all", "zeros({1, 2, 1, 3}).squeeze()", "torch.zeros(1, 2, 1, 3).squeeze()"),
    ("squeeze_dim", "zeros({1, 2, 1}).squeeze(-1)", "torch.zeros(1, 2, 1).squeeze(-1)"),
    ("unsqueeze_end", "arange(3).unsqueeze(-1)", "torch.arange(3).unsqueeze(-1)"),
    ("t_of_vector", "arange(3).t()", "torch.arange(3).t()"),
]


def literal(t):
    """A C++ expression that builds tensor t exactly."""
    dt = DTYPES[t.dtype]
    shape = "{" + ", ".join(str(s) for s in t.shape) + "}"
    flat = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        vals = ", ".join(repr(float(v)) if v == v and abs(v) != float("inf")
                         else ("NAN" if v != v else ("INFINITY" if v > 0 else "-INFINITY"))
                         for v in flat.double().tolist())
        data = "std::vector<double>{" + vals + "}"
    elif t.dtype == torch.bool:
        data = "std::vector<bool>{" + ", ".join("true" if v else "false" for v in flat.tolist()) + "}"
    else:
        vals = ", ".join(("INT64_C(%d)" % v) if v != -2**63 else "INT64_MIN" for v in flat.tolist())
        data = "std::vector<int64_t>{" + vals + "}"
    return "expected_tensor(%s, %s, %s)" % (data, shape, dt)


def main():
    lines = ["// Generated by tests/reference/gen_core_ops.py from PyTorch "
             + torch.__version__ + "; do not edit.",
             "// EMBER_VALUE_CASE(name, ember expression, expected tensor)"]
    for name, cpp, py in CASES:
        result = eval(py)
        lines.append("EMBER_VALUE_CASE(%s, (%s), %s)" % (name, cpp, literal(result)))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
