#!/usr/bin/python3
"""Writes tests/nn/cnn/CnnReference.inc: outputs and gradients that PyTorch gives for the
convolutions, poolings and batch_norm, and the conv layers' default initialisation, for
tests/nn/cnn/*.cpp.

Run with a Python that has PyTorch (2.x):
    python3 tests/reference/gen_cnn.py

Every array is written as `const std::vector<double> name` with `name_shape` beside it.
Gradients are those of (out * grad_out).sum() with the grad_out written alongside.
"""

import os

import torch
import torch.nn.functional as F

torch.manual_seed(14)
lines = []


def emit(name, t):
    t = t.detach()
    shape = ", ".join(str(s) for s in t.shape)
    values = ", ".join(repr(float(v)) for v in t.to(torch.float64).reshape(-1).tolist())
    lines.append(f"const std::vector<int64_t> {name}_shape = {{{shape}}};")
    lines.append(f"const std::vector<double> {name} = {{{values}}};")


def case(name, fn, *shapes):
    """Random float64 inputs of `shapes`; emits name_in{i}, name_out, name_gout, name_grad{i}."""
    inputs = [torch.randn(*s, dtype=torch.float64).requires_grad_(True) for s in shapes]
    out = fn(*inputs)
    gout = torch.randn(out.shape, dtype=torch.float64)
    (out * gout).sum().backward()
    for i, t in enumerate(inputs):
        emit(f"{name}_in{i}", t)
        emit(f"{name}_grad{i}", t.grad)
    emit(f"{name}_out", out)
    emit(f"{name}_gout", gout)


# ---- Convolutions ----------------------------------------------------------------------------
case("conv2d_basic", lambda x, w, b: F.conv2d(x, w, b), (2, 3, 8, 8), (4, 3, 3, 3), (4,))
case("conv2d_groups", lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2),
                                                dilation=(1, 2), groups=2),
     (2, 4, 7, 6), (6, 2, 3, 3), (6,))
case("conv2d_same", lambda x, w: F.conv2d(x, w, padding="same", dilation=(1, 2)),
     (1, 2, 6, 5), (3, 2, 4, 3))
case("conv2d_unbatched", lambda x, w: F.conv2d(x, w, stride=2), (3, 5, 5), (2, 3, 1, 1))
case("conv1d", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1), (2, 3, 10), (4, 3, 3),
     (4,))
case("conv1d_same", lambda x, w: F.conv1d(x, w, padding="same"), (2, 2, 7), (3, 2, 4))
case("conv_transpose2d", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1,
                                                             output_padding=1, groups=2),
     (2, 4, 5, 4), (4, 3, 3, 3), (6,))
case("conv_transpose2d_dilated", lambda x, w: F.conv_transpose2d(
    x, w, stride=(2, 3), padding=(0, 1), output_padding=(1, 2), dilation=2),
     (1, 3, 4, 3), (3, 2, 2, 3))

# ---- Pooling ---------------------------------------------------------------------------------
case("max_pool2d", lambda x: F.max_pool2d(x, 3, stride=2, padding=1, dilation=(1, 2),
                                          ceil_mode=True), (2, 3, 7, 8))
x = torch.randn(2, 3, 7, 8, dtype=torch.float64)
emit("max_pool2d_idx_in", x)
emit("max_pool2d_idx_indices", F.max_pool2d(x, 3, stride=2, padding=1, dilation=(1, 2),
                                            ceil_mode=True, return_indices=True)[1])
case("max_pool1d", lambda x: F.max_pool1d(x, 2), (2, 3, 9))
case("avg_pool2d", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True,
                                          count_include_pad=False), (2, 3, 7, 8))
case("avg_pool2d_pad", lambda x: F.avg_pool2d(x, (2, 3), stride=(1, 2), padding=1), (1, 2, 5, 6))
case("avg_pool2d_divisor", lambda x: F.avg_pool2d(x, 2, divisor_override=3), (2, 2, 4, 5))
case("avg_pool1d", lambda x: F.avg_pool1d(x, 3, stride=2, padding=1), (2, 3, 9))
case("adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 4)), (2, 3, 7, 9))
case("adaptive_avg_pool1d", lambda x: F.adaptive_avg_pool1d(x, 4), (2, 3, 10))

# ---- batch_norm ------------------------------------------------------------------------------
rm = torch.randn(3, dtype=torch.float64)
rv = torch.rand(3, dtype=torch.float64) + 0.5
emit("bn_running_mean", rm)
emit("bn_running_var", rv)
rm_t, rv_t = rm.clone(), rv.clone()
case("bn_train", lambda x, w, b: F.batch_norm(x, rm_t, rv_t, w, b, training=True, momentum=0.2,
                                              eps=1e-3), (4, 3, 2, 5), (3,), (3,))
emit("bn_train_running_mean", rm_t)
emit("bn_train_running_var", rv_t)
case("bn_eval", lambda x, w, b: F.batch_norm(x, rm, rv, w, b, training=False), (4, 3, 5), (3,),
     (3,))
m = torch.nn.BatchNorm1d(3, momentum=None).double()
x1 = torch.randn(6, 3, dtype=torch.float64)
x2 = torch.randn(6, 3, dtype=torch.float64)
m(x1)
m(x2)
emit("bn_cumulative_x1", x1)
emit("bn_cumulative_x2", x2)
emit("bn_cumulative_running_mean", m.running_mean)
emit("bn_cumulative_running_var", m.running_var)

# ---- Default initialisation after manual_seed ------------------------------------------------
torch.manual_seed(0)
c = torch.nn.Conv2d(3, 4, 3)
emit("conv2d_init_weight", c.weight)
emit("conv2d_init_bias", c.bias)
torch.manual_seed(0)
c = torch.nn.ConvTranspose2d(4, 6, (2, 3), groups=2)
emit("conv_transpose2d_init_weight", c.weight)
emit("conv_transpose2d_init_bias", c.bias)
torch.manual_seed(0)
c = torch.nn.Conv1d(2, 3, 5)
emit("conv1d_init_weight", c.weight)
emit("conv1d_init_bias", c.bias)

# ---- Native pooling and batch_norm kernels: window and divisor corners, double backward -----
torch.manual_seed(21)
case("avg_pool2d_ceil_include_pad", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1,
                                                           ceil_mode=True), (2, 3, 6, 7))
case("avg_pool2d_ceil_divisor", lambda x: F.avg_pool2d(x, (3, 2), stride=(2, 3), padding=1,
                                                       ceil_mode=True, divisor_override=5),
     (1, 2, 7, 8))
case("adaptive_avg_pool2d_overlap", lambda x: F.adaptive_avg_pool2d(x, (5, 7)), (1, 2, 3, 4))
case("bn_train_plain", lambda x: F.batch_norm(x, None, None, training=True), (5, 4, 3, 3))
# Double backward: gi, gw, gb = d(out * gout)/d(x, w, b) with create_graph, then the
# gradients of (gi * u + gw * v + gb * z).sum() with respect to x, w, b and gout.
for mode in ("train", "eval"):
    x = torch.randn(3, 2, 2, 3, dtype=torch.float64, requires_grad=True)
    w = torch.randn(2, dtype=torch.float64, requires_grad=True)
    b = torch.randn(2, dtype=torch.float64, requires_grad=True)
    gout = torch.randn(3, 2, 2, 3, dtype=torch.float64, requires_grad=True)
    out = F.batch_norm(x, rm.clone()[:2], rv.clone()[:2], w, b, training=mode == "train", eps=1e-3)
    gi, gw, gb = torch.autograd.grad((out * gout).sum(), (x, w, b), create_graph=True)
    u, v, z = torch.randn_like(gi), torch.randn_like(gw), torch.randn_like(gb)
    dx, dw, dgout = torch.autograd.grad((gi * u).sum() + (gw * v).sum() + (gb * z).sum(),
                                        (x, w, gout))
    for name, t in (("x", x), ("w", w), ("b", b), ("gout", gout), ("u", u), ("v", v), ("z", z),
                    ("gi", gi), ("gw", gw), ("gb", gb), ("dx", dx), ("dw", dw),
                    ("dgout", dgout)):
        emit(f"bn_double_{mode}_{name}", t)

# ---- Conv layers' padding modes: the input padded by the mode, then an unpadded convolution -
torch.manual_seed(22)
for mode in ("reflect", "replicate", "circular"):
    case(f"conv2d_{mode}", lambda x, w, b, mode=mode: torch.nn.functional.conv2d(
        F.pad(x, (2, 2, 1, 1), mode=mode), w, b), (2, 2, 5, 6), (3, 2, 3, 2), (3,))
case("conv1d_circular_same", lambda x, w: F.conv1d(F.pad(x, (3, 3), mode="circular"), w,
                                                   dilation=2), (1, 2, 7), (2, 2, 4))

# ---- 3x3 convolutions at stride 1 with 8+ channels: the CPU computes these by Winograd -------
torch.manual_seed(23)
case("conv2d_winograd", lambda x, w, b: F.conv2d(x, w, b, padding=1), (2, 8, 7, 6), (9, 8, 3, 3),
     (9,))
case("conv2d_winograd_pad02", lambda x, w: F.conv2d(x, w, padding=(0, 2)), (1, 10, 5, 4),
     (8, 10, 3, 3))
case("conv_transpose2d_winograd", lambda x, w, b: F.conv_transpose2d(x, w, b, padding=1),
     (2, 8, 5, 4), (8, 9, 3, 3), (9,))
case("conv_transpose2d_winograd_pad2", lambda x, w: F.conv_transpose2d(x, w, padding=2),
     (1, 8, 6, 5), (8, 8, 3, 3))

out = os.path.join(os.path.dirname(__file__), "..", "nn", "cnn", "CnnReference.inc")
with open(out, "w") as f:
    f.write("// Generated by tests/reference/gen_cnn.py from PyTorch " + torch.__version__.split("+")[0]
            + ". Do not edit.\n")
    f.write("\n".join(lines) + "\n")
