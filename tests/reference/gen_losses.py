#!/usr/bin/env python3
"""Reference values of the losses (forward, input and target gradients) computed by PyTorch.

Writes tests/nn/data/losses/losses.json: one entry per case with the loss, its options, the
tensors (dtype, shape, values; null stands for NaN), the output, the gradient output used for
backward and the gradients PyTorch computes. Run from the repository root:
    python3 tests/reference/gen_losses.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
REDUCTIONS = ["none", "mean", "sum"]


def enc_value(v):
    """JSON has no NaN or infinity: null stands for NaN, "inf" and "-inf" for infinities."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc(t):
    if t is None:
        return None
    t = t.detach()
    vals = t.double().flatten().tolist() if t.is_floating_point() else t.flatten().tolist()
    vals = [enc_value(v) for v in vals]
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "data": vals}


CALL = {
    "mse_loss": lambda i, t, o: F.mse_loss(i, t, reduction=o["reduction"]),
    "l1_loss": lambda i, t, o: F.l1_loss(i, t, reduction=o["reduction"]),
    "huber_loss": lambda i, t, o: F.huber_loss(i, t, reduction=o["reduction"], delta=o["delta"]),
    "smooth_l1_loss": lambda i, t, o: F.smooth_l1_loss(i, t, reduction=o["reduction"],
                                                       beta=o["beta"]),
    "binary_cross_entropy": lambda i, t, o: F.binary_cross_entropy(
        i, t, weight=o.get("weight"), reduction=o["reduction"]),
    "binary_cross_entropy_with_logits": lambda i, t, o: F.binary_cross_entropy_with_logits(
        i, t, weight=o.get("weight"), pos_weight=o.get("pos_weight"), reduction=o["reduction"]),
    "nll_loss": lambda i, t, o: F.nll_loss(i, t, weight=o.get("weight"),
                                           ignore_index=o["ignore_index"],
                                           reduction=o["reduction"]),
    "cross_entropy": lambda i, t, o: F.cross_entropy(
        i, t, weight=o.get("weight"), ignore_index=o["ignore_index"], reduction=o["reduction"],
        label_smoothing=o["label_smoothing"]),
}

cases = []


def add(name, loss, inp, target, **opts):
    for reduction in REDUCTIONS:
        o = dict(opts)
        o["reduction"] = reduction
        o.setdefault("ignore_index", -100)
        o.setdefault("label_smoothing", 0.0)
        o.setdefault("delta", 1.0)
        o.setdefault("beta", 1.0)
        i = inp.clone().requires_grad_(True)
        t = target.clone()
        if t.is_floating_point():
            t.requires_grad_(True)
        out = CALL[loss](i, t, o)
        n = out.numel()
        grad_out = (torch.linspace(0.5, 1.5, n, dtype=out.dtype).reshape(out.shape)
                    if n > 0 else torch.zeros_like(out))
        if out.dim() == 0:
            grad_out = torch.tensor(1.25, dtype=out.dtype)
        grads = torch.autograd.grad(out, [i, t] if t.requires_grad else [i], grad_out,
                                    allow_unused=True)
        cases.append({
            "name": f"{name}_{reduction}",
            "loss": loss,
            "reduction": reduction,
            "ignore_index": o["ignore_index"],
            "label_smoothing": o["label_smoothing"],
            "delta": o["delta"],
            "beta": o["beta"],
            "input": enc(inp),
            "target": enc(target),
            "weight": enc(o.get("weight")),
            "pos_weight": enc(o.get("pos_weight")),
            "output": enc(out),
            "grad_output": enc(grad_out),
            "input_grad": enc(grads[0]),
            "target_grad": enc(grads[1]) if len(grads) > 1 else None,
        })


# Regression losses.
x = torch.randn(3, 4)
y = torch.randn(3, 4)
add("mse", "mse_loss", x, y)
add("mse_broadcast", "mse_loss", torch.randn(2, 3), torch.randn(3))
add("mse_float64", "mse_loss", x.double(), y.double())
add("l1", "l1_loss", x, y)
add("l1_broadcast", "l1_loss", torch.randn(3, 1), torch.randn(1, 4))
wide = torch.randn(4, 5) * 2
wide_t = torch.randn(4, 5)
add("huber", "huber_loss", wide, wide_t)
add("huber_delta", "huber_loss", wide, wide_t, delta=0.5)
add("huber_broadcast", "huber_loss", torch.randn(2, 3) * 2, torch.randn(3), delta=1.5)
add("smooth_l1", "smooth_l1_loss", wide, wide_t)
add("smooth_l1_beta", "smooth_l1_loss", wide, wide_t, beta=0.5)
add("smooth_l1_beta0", "smooth_l1_loss", wide, wide_t, beta=0.0)

# Binary cross entropy.
p = torch.rand(3, 4) * 0.98 + 0.01
q = torch.rand(3, 4)
add("bce", "binary_cross_entropy", p, q)
add("bce_weight", "binary_cross_entropy", p, q, weight=torch.rand(4) + 0.5)
add("bce_extremes", "binary_cross_entropy", torch.tensor([0.0, 1.0, 0.0, 1.0, 1e-30, 0.5]),
    torch.tensor([0.0, 1.0, 1.0, 0.0, 0.5, 0.5]))
logits = torch.randn(3, 4) * 3
add("bce_logits", "binary_cross_entropy_with_logits", logits, q)
add("bce_logits_weight", "binary_cross_entropy_with_logits", logits, q,
    weight=torch.rand(3, 1) + 0.5)
add("bce_logits_pos_weight", "binary_cross_entropy_with_logits", logits, q,
    pos_weight=torch.rand(4) * 3)
add("bce_logits_both", "binary_cross_entropy_with_logits", logits, q,
    weight=torch.rand(4) + 0.5, pos_weight=torch.rand(4) * 3)
add("bce_logits_large", "binary_cross_entropy_with_logits",
    torch.tensor([-120.0, -30.0, 0.0, 30.0, 120.0]), torch.tensor([0.0, 1.0, 0.5, 0.0, 1.0]))

# Negative log likelihood.
logp = torch.randn(5, 4).log_softmax(1)
tgt = torch.tensor([0, 3, 1, 2, 3])
w = torch.rand(4) + 0.5
add("nll", "nll_loss", logp, tgt)
add("nll_weight", "nll_loss", logp, tgt, weight=w)
add("nll_ignore", "nll_loss", logp, torch.tensor([0, -100, 1, -100, 3]))
add("nll_ignore_in_range", "nll_loss", logp, tgt, weight=w, ignore_index=3)
add("nll_all_ignored", "nll_loss", logp, torch.full((5,), -100))
add("nll_no_batch", "nll_loss", torch.randn(4), torch.tensor(2))
add("nll_no_batch_weight", "nll_loss", torch.randn(4), torch.tensor(1), weight=w)
add("nll_byte_target", "nll_loss", logp, tgt.to(torch.uint8))
add("nll_3d", "nll_loss", torch.randn(2, 4, 3), torch.randint(0, 4, (2, 3)), weight=w)
add("nll_4d", "nll_loss", torch.randn(2, 4, 3, 2), torch.tensor([[[0, 1], [2, 3], [1, -100]],
                                                                [[3, 3], [0, 2], [-100, 1]]]),
    weight=w)
add("nll_5d", "nll_loss", torch.randn(2, 3, 2, 2, 2), torch.randint(0, 3, (2, 2, 2, 2)))

# Cross entropy with class indices.
z = torch.randn(5, 4) * 2
add("ce", "cross_entropy", z, tgt)
add("ce_float64", "cross_entropy", z.double(), tgt)
add("ce_weight", "cross_entropy", z, tgt, weight=w)
add("ce_ignore", "cross_entropy", z, torch.tensor([0, -100, 1, -100, 3]), weight=w)
add("ce_ignore_in_range", "cross_entropy", z, tgt, ignore_index=0)
add("ce_all_ignored", "cross_entropy", z, torch.full((5,), 7), ignore_index=7)
add("ce_no_batch", "cross_entropy", torch.randn(4), torch.tensor(3))
zk = torch.randn(2, 4, 3, 2)
tk = torch.tensor([[[0, 1], [2, 3], [1, -100]], [[3, 3], [0, 2], [-100, 1]]])
add("ce_4d", "cross_entropy", zk, tk)
add("ce_4d_weight", "cross_entropy", zk, tk, weight=w)
add("ce_3d", "cross_entropy", torch.randn(2, 4, 5), torch.randint(0, 4, (2, 5)))
add("ce_smoothing", "cross_entropy", z, tgt, label_smoothing=0.1)
add("ce_smoothing_weight_ignore", "cross_entropy", z, torch.tensor([0, -100, 1, 2, 3]),
    weight=w, label_smoothing=0.25)
add("ce_smoothing_ignore", "cross_entropy", z, torch.tensor([0, -100, 1, 2, -100]),
    label_smoothing=0.3)
add("ce_smoothing_all_ignored", "cross_entropy", z, torch.full((5,), -100), label_smoothing=0.2)
add("ce_smoothing_4d", "cross_entropy", zk, tk, weight=w, label_smoothing=0.2)
add("ce_smoothing_no_batch", "cross_entropy", torch.randn(4), torch.tensor(1),
    label_smoothing=0.4)
add("ce_smoothing_one", "cross_entropy", z, tgt, label_smoothing=1.0)
# Cross entropy with class probabilities.
probs = torch.rand(5, 4).softmax(1)
add("ce_probs", "cross_entropy", z, probs)
add("ce_probs_weight", "cross_entropy", z, probs, weight=w)
add("ce_probs_smoothing", "cross_entropy", z, probs, label_smoothing=0.2)
add("ce_probs_weight_smoothing", "cross_entropy", z, probs, weight=w, label_smoothing=0.3)
add("ce_probs_4d", "cross_entropy", zk, torch.rand(2, 4, 3, 2).softmax(1), weight=w)
add("ce_probs_no_batch", "cross_entropy", torch.randn(4), torch.rand(4).softmax(0))

out = os.path.join(os.path.dirname(__file__), "..", "nn", "data", "losses", "losses.json")
with open(out, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases -> {out}")
