#!/usr/bin/python3
"""Writes tests/nn/layers/LayersReference.inc: inputs, outputs and gradients that PyTorch gives
for the nn::functional activations, layer_norm, embedding, the layers' default initialisation
and clip_grad_norm_, for tests/nn/layers/*.cpp.

Run with a Python that has PyTorch (2.x):
    python3 tests/reference/gen_layers.py

Every array is written as `const std::vector<double> name` with `name_shape` beside it.
Gradients are those of (out * grad_out).sum() with the grad_out written alongside.
"""

import os

import torch
import torch.nn.functional as F

torch.manual_seed(7)
torch.set_printoptions(precision=17)

lines = []


def emit(name, t):
    t = t.detach()
    shape = ", ".join(str(s) for s in t.shape)
    values = ", ".join(repr(float(v)) for v in t.to(torch.float64).reshape(-1).tolist())
    lines.append(f"const std::vector<int64_t> {name}_shape = {{{shape}}};")
    lines.append(f"const std::vector<double> {name} = {{{values}}};")


def emit_scalar(name, v):
    lines.append(f"const double {name} = {float(v)!r};")


def with_grad(fn, *inputs, grad_out=None):
    inputs = [i.detach().clone().requires_grad_(True) for i in inputs]
    out = fn(*inputs)
    if grad_out is None:
        grad_out = torch.randn(out.shape, dtype=torch.float64).to(out.dtype)
    (out * grad_out).sum().backward()
    return out, grad_out, [i.grad for i in inputs]


# ---- Activations (float64 input with a zero and values of both signs) ------------------------
x = torch.randn(3, 4, dtype=torch.float64) * 2
x[0, 0] = 0.0
emit("act_x", x)
g = torch.randn(3, 4, dtype=torch.float64)
emit("act_grad_out", g)
activations = {
    "relu": F.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "gelu": F.gelu,
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
    "leaky_relu": F.leaky_relu,
    "leaky_relu_02": lambda t: F.leaky_relu(t, 0.2),
    "softmax_1": lambda t: F.softmax(t, 1),
    "softmax_0": lambda t: F.softmax(t, 0),
    "log_softmax_1": lambda t: F.log_softmax(t, 1),
    "log_softmax_m2": lambda t: F.log_softmax(t, -2),
}
for name, fn in activations.items():
    out, _, (grad,) = with_grad(fn, x, grad_out=g)
    emit(f"{name}_out", out)
    emit(f"{name}_grad", grad)
# float32 input with dtype=float64: softmax converts first.
emit("softmax_dtype_out", F.softmax(x.float(), 1, dtype=torch.float64))

# ---- layer_norm -----------------------------------------------------------------------------
ln_x = torch.randn(2, 3, 4, dtype=torch.float64) * 3 + 1
ln_w = torch.randn(4, dtype=torch.float64)
ln_b = torch.randn(4, dtype=torch.float64)
ln_g = torch.randn(2, 3, 4, dtype=torch.float64)
emit("ln_x", ln_x)
emit("ln_w", ln_w)
emit("ln_b", ln_b)
emit("ln_grad_out", ln_g)
out, _, (gx, gw, gb) = with_grad(lambda a, w, b: F.layer_norm(a, [4], w, b), ln_x, ln_w, ln_b,
                                 grad_out=ln_g)
emit("ln_affine_out", out)
emit("ln_affine_grad_x", gx)
emit("ln_affine_grad_w", gw)
emit("ln_affine_grad_b", gb)
out, _, (gx,) = with_grad(lambda a: F.layer_norm(a, [3, 4], eps=1e-3), ln_x, grad_out=ln_g)
emit("ln_plain_out", out)
emit("ln_plain_grad_x", gx)
emit("ln_float_out", F.layer_norm(ln_x.float(), [4], ln_w.float(), ln_b.float()))

# ---- embedding ------------------------------------------------------------------------------
emb_w = torch.randn(10, 3, dtype=torch.float64)
emb_idx = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
emb_g = torch.randn(2, 4, 3, dtype=torch.float64)
emit("emb_w", emb_w)
emit("emb_idx", emb_idx)
emit("emb_grad_out", emb_g)
out, _, (gw,) = with_grad(lambda w: F.embedding(emb_idx, w), emb_w, grad_out=emb_g)
emit("emb_out", out)
emit("emb_grad_w", gw)
out, _, (gw,) = with_grad(lambda w: F.embedding(emb_idx, w, padding_idx=2), emb_w, grad_out=emb_g)
emit("emb_pad_grad_w", gw)
out, _, (gw,) = with_grad(lambda w: F.embedding(emb_idx, w, scale_grad_by_freq=True), emb_w,
                          grad_out=emb_g)
emit("emb_freq_grad_w", gw)
renormed = emb_w.clone()
out = F.embedding(emb_idx, renormed, max_norm=1.0)
emit("emb_maxnorm_out", out)
emit("emb_maxnorm_w", renormed)
renormed = emb_w.clone()
F.embedding(emb_idx, renormed, max_norm=0.5, norm_type=1.0)
emit("emb_maxnorm_l1_w", renormed)

# ---- Default initialisation after manual_seed ------------------------------------------------
torch.manual_seed(0)
emit("embedding_init_10x3", torch.nn.Embedding(10, 3).weight)
torch.manual_seed(0)
emit("embedding_init_pad1", torch.nn.Embedding(5, 4, padding_idx=1).weight)

# ---- clip_grad_norm_ ------------------------------------------------------------------------
p1 = torch.randn(3, 4)
p2 = torch.randn(5)
g1 = torch.randn(3, 4) * 2
g2 = torch.randn(5) * 2
emit("clip_g1", g1)
emit("clip_g2", g2)
for label, norm_type in [("l2", 2.0), ("inf", float("inf")), ("l1", 1.0), ("l3", 3.0),
                         ("l0", 0.0)]:
    a = p1.clone().requires_grad_(True)
    b = p2.clone().requires_grad_(True)
    a.grad = g1.clone()
    b.grad = g2.clone()
    total = torch.nn.utils.clip_grad_norm_([a, b], 1.5, norm_type=norm_type)
    emit_scalar(f"clip_{label}_total", total.item())
    emit(f"clip_{label}_g1", a.grad)
    emit(f"clip_{label}_g2", b.grad)
# max_norm larger than the total norm: the gradients are multiplied by 1 (unchanged).
a = p1.clone().requires_grad_(True)
a.grad = g1.clone()
emit_scalar("clip_large_total", torch.nn.utils.clip_grad_norm_(a, 100.0).item())

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "nn", "layers", "LayersReference.inc")
with open(path, "w") as f:
    f.write("// Generated by tests/reference/gen_layers.py with PyTorch "
            f"{torch.__version__.split('+')[0]}; do not edit.\n")
    f.write("// clang-format off\n")
    f.write("\n".join(lines))
    f.write("\n// clang-format on\n")
print("wrote", os.path.normpath(path))
