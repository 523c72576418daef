#!/usr/bin/env python3
"""Reference values of the normalisation, embedding-bag, interpolation, distance and
distribution/margin-loss functions (outputs and gradients) computed by PyTorch.

Writes tests/nn/data/extras/nn_extras.json: one entry per case with the function, its options,
the named input tensors, the output, the gradient output used for backward and the gradient of
every floating input. tests/nn/extras reads it. Run from the repository root:
    python3 tests/reference/gen_nn_extras.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)


def enc_value(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc(t):
    t = t.detach()
    vals = t.double().flatten().tolist() if t.is_floating_point() else t.flatten().tolist()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "data": [enc_value(v) for v in vals]}


def kl_div(i, o):
    return F.kl_div(i["input"], i["target"], reduction=o["reduction"], log_target=o["log_target"])


def instance_norm(i, o):
    rm = i.get("running_mean")
    rv = i.get("running_var")
    rm = rm.detach().clone() if rm is not None else None
    rv = rv.detach().clone() if rv is not None else None
    out = F.instance_norm(i["input"], rm, rv, i.get("weight"), i.get("bias"),
                          o["use_input_stats"], o["momentum"], o["eps"])
    extra = {}
    if rm is not None:
        extra["running_mean_after"] = enc(rm)
        extra["running_var_after"] = enc(rv)
    return out, extra


def interpolate(i, o):
    return F.interpolate(i["input"], size=o.get("size"), scale_factor=o.get("scale_factor"),
                         mode=o["mode"], align_corners=o.get("align_corners"),
                         recompute_scale_factor=o.get("recompute_scale_factor"))


CALL = {
    "group_norm": lambda i, o: F.group_norm(i["input"], o["num_groups"], i.get("weight"),
                                            i.get("bias"), o["eps"]),
    "instance_norm": instance_norm,
    "normalize": lambda i, o: F.normalize(i["input"], p=o["p"], dim=o["dim"], eps=o["eps"]),
    "cosine_similarity": lambda i, o: F.cosine_similarity(i["x1"], i["x2"], dim=o["dim"],
                                                          eps=o["eps"]),
    "pairwise_distance": lambda i, o: F.pairwise_distance(i["x1"], i["x2"], p=o["p"],
                                                          eps=o["eps"], keepdim=o["keepdim"]),
    "cdist": lambda i, o: torch.cdist(i["x1"], i["x2"], p=o["p"]),
    "one_hot": lambda i, o: F.one_hot(i["input"], o["num_classes"]),
    "embedding_bag": lambda i, o: F.embedding_bag(
        i["input"], i["weight"], i.get("offsets"), mode=o["mode"],
        per_sample_weights=i.get("per_sample_weights"),
        include_last_offset=o["include_last_offset"], padding_idx=o.get("padding_idx")),
    "interpolate": interpolate,
    "kl_div": kl_div,
    "margin_ranking_loss": lambda i, o: F.margin_ranking_loss(
        i["input1"], i["input2"], i["target"], margin=o["margin"], reduction=o["reduction"]),
    "cosine_embedding_loss": lambda i, o: F.cosine_embedding_loss(
        i["input1"], i["input2"], i["target"], margin=o["margin"], reduction=o["reduction"]),
    "triplet_margin_loss": lambda i, o: F.triplet_margin_loss(
        i["anchor"], i["positive"], i["negative"], margin=o["margin"], p=o["p"], eps=o["eps"],
        swap=o["swap"], reduction=o["reduction"]),
    "poisson_nll_loss": lambda i, o: F.poisson_nll_loss(
        i["input"], i["target"], log_input=o["log_input"], full=o["full"], eps=o["eps"],
        reduction=o["reduction"]),
    "gaussian_nll_loss": lambda i, o: F.gaussian_nll_loss(
        i["input"], i["target"], i["var"], full=o["full"], eps=o["eps"],
        reduction=o["reduction"]),
}

cases = []


def add(name, fn, inputs, no_grad=(), **opts):
    inputs = {k: (v.clone().requires_grad_(True)
                  if v.is_floating_point() and k not in no_grad else v.clone())
              for k, v in inputs.items()}
    result = CALL[fn](inputs, opts)
    extra = {}
    if isinstance(result, tuple):
        result, extra = result
    case = {"name": name, "fn": fn, "options": {k: enc_value(v) for k, v in opts.items()},
            "inputs": {k: enc(v) for k, v in inputs.items()}, "output": enc(result)}
    case.update(extra)
    differentiable = [k for k, v in inputs.items() if v.requires_grad]
    if result.requires_grad and differentiable:
        grad_output = torch.randn_like(result)
        grads = torch.autograd.grad(result, [inputs[k] for k in differentiable], grad_output,
                                    allow_unused=True)
        case["grad_output"] = enc(grad_output)
        case["grads"] = {k: enc(g if g is not None else torch.zeros_like(inputs[k]))
                         for k, g in zip(differentiable, grads)}
    cases.append(case)


def rnd(*shape, dtype=torch.float64):
    return torch.randn(*shape, dtype=dtype)


# ---- group_norm -------------------------------------------------------------------------------
x = rnd(2, 6, 3, 2)
add("group_norm_affine", "group_norm", {"input": x, "weight": rnd(6), "bias": rnd(6)},
    num_groups=3, eps=1e-5)
add("group_norm_plain", "group_norm", {"input": x}, num_groups=2, eps=1e-3)
add("group_norm_2d", "group_norm", {"input": rnd(4, 6), "weight": rnd(6)}, num_groups=6,
    eps=1e-5)
add("group_norm_float", "group_norm", {"input": rnd(3, 4, 5, dtype=torch.float32),
                                        "weight": rnd(4, dtype=torch.float32),
                                        "bias": rnd(4, dtype=torch.float32)},
    num_groups=2, eps=1e-5)

# ---- instance_norm ----------------------------------------------------------------------------
x = rnd(2, 3, 5)
add("instance_norm_plain", "instance_norm", {"input": x}, use_input_stats=True, momentum=0.1,
    eps=1e-5)
add("instance_norm_affine_4d", "instance_norm",
    {"input": rnd(2, 3, 4, 4), "weight": rnd(3), "bias": rnd(3)}, use_input_stats=True,
    momentum=0.1, eps=1e-5)
add("instance_norm_running", "instance_norm",
    {"input": x, "running_mean": rnd(3), "running_var": rnd(3).abs() + 0.5},
    no_grad=("running_mean", "running_var"), use_input_stats=True, momentum=0.3, eps=1e-5)
add("instance_norm_eval", "instance_norm",
    {"input": x, "running_mean": rnd(3), "running_var": rnd(3).abs() + 0.5, "weight": rnd(3)},
    no_grad=("running_mean", "running_var"), use_input_stats=False, momentum=0.1, eps=1e-3)

# ---- normalize ----------------------------------------------------------------------------------
x = rnd(3, 4)
add("normalize_default", "normalize", {"input": x}, p=2.0, dim=1, eps=1e-12)
add("normalize_p1_dim0", "normalize", {"input": x}, p=1.0, dim=0, eps=1e-12)
add("normalize_eps", "normalize", {"input": x * 0.01}, p=2.0, dim=-1, eps=0.05)

# ---- distances ----------------------------------------------------------------------------------
add("cosine_similarity_default", "cosine_similarity", {"x1": rnd(4, 5), "x2": rnd(4, 5)}, dim=1,
    eps=1e-8)
add("cosine_similarity_broadcast", "cosine_similarity", {"x1": rnd(4, 1, 5), "x2": rnd(3, 5)},
    dim=-1, eps=1e-8)
small = rnd(3, 4)
small[1] *= 1e-4
add("cosine_similarity_eps", "cosine_similarity", {"x1": small, "x2": rnd(3, 4)}, dim=1,
    eps=1e-2)
add("cosine_similarity_float", "cosine_similarity",
    {"x1": rnd(4, 6, dtype=torch.float32), "x2": rnd(4, 6, dtype=torch.float32)}, dim=0, eps=1e-8)
for p in [2.0, 1.0, 3.0, math.inf]:
    add(f"pairwise_distance_p{p}", "pairwise_distance", {"x1": rnd(4, 5), "x2": rnd(4, 5)}, p=p,
        eps=1e-6, keepdim=False)
add("pairwise_distance_keepdim_broadcast", "pairwise_distance", {"x1": rnd(4, 5), "x2": rnd(5)},
    p=2.0, eps=1e-6, keepdim=True)
for p in [2.0, 1.0, 0.5, 3.0, math.inf, 0.0]:
    add(f"cdist_p{p}", "cdist", {"x1": rnd(5, 3), "x2": rnd(4, 3)}, p=p)
add("cdist_batched", "cdist", {"x1": rnd(2, 5, 3), "x2": rnd(2, 4, 3)}, p=2.0)
add("cdist_batch_broadcast", "cdist", {"x1": rnd(2, 1, 5, 3), "x2": rnd(3, 4, 3)}, p=1.0)
add("cdist_matmul_path", "cdist", {"x1": rnd(30, 4), "x2": rnd(27, 4)}, p=2.0)
add("cdist_float", "cdist", {"x1": rnd(6, 3, dtype=torch.float32),
                              "x2": rnd(7, 3, dtype=torch.float32)}, p=2.0)

# ---- one_hot ------------------------------------------------------------------------------------
add("one_hot_inferred", "one_hot", {"input": torch.tensor([[0, 3], [1, 1]])}, num_classes=-1)
add("one_hot_given", "one_hot", {"input": torch.tensor([2, 0, 1])}, num_classes=5)
add("one_hot_scalar", "one_hot", {"input": torch.tensor(2)}, num_classes=4)

# ---- embedding_bag ------------------------------------------------------------------------------
w = rnd(10, 3)
flat = torch.tensor([1, 2, 4, 5, 4, 3, 2, 9, 0, 0])
offs = torch.tensor([0, 3, 3, 6])
for mode in ["sum", "mean", "max"]:
    add(f"embedding_bag_2d_{mode}", "embedding_bag",
        {"input": torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9], [1, 1, 0, 3]]), "weight": w},
        mode=mode, include_last_offset=False)
    add(f"embedding_bag_offsets_{mode}", "embedding_bag",
        {"input": flat, "weight": w, "offsets": offs}, mode=mode, include_last_offset=False)
    add(f"embedding_bag_padding_{mode}", "embedding_bag",
        {"input": flat, "weight": w, "offsets": offs}, mode=mode, include_last_offset=False,
        padding_idx=4)
# The last offset is the input's length: PyTorch's CPU kernel sums the last bag up to the last
# offset but divides by (and sends gradients to) everything up to the input's end.
for mode in ["sum", "mean", "max"]:
    add(f"embedding_bag_last_offset_{mode}", "embedding_bag",
        {"input": flat, "weight": w, "offsets": torch.tensor([0, 3, 3, 10])}, mode=mode,
        include_last_offset=True)
add("embedding_bag_per_sample_weights", "embedding_bag",
    {"input": flat, "weight": w, "offsets": offs, "per_sample_weights": rnd(10)}, mode="sum",
    include_last_offset=False)
add("embedding_bag_per_sample_weights_padding", "embedding_bag",
    {"input": flat, "weight": w, "offsets": offs, "per_sample_weights": rnd(10)}, mode="sum",
    include_last_offset=False, padding_idx=2)
add("embedding_bag_int32_float", "embedding_bag",
    {"input": flat.int(), "weight": w.float(), "offsets": offs.int()}, mode="mean",
    include_last_offset=False)

# ---- interpolate --------------------------------------------------------------------------------
x3 = rnd(2, 3, 5)
x4 = rnd(2, 2, 4, 5)
x5 = rnd(1, 2, 3, 4, 2)
add("nearest_1d_size", "interpolate", {"input": x3}, size=[8], mode="nearest")
add("nearest_1d_scale", "interpolate", {"input": x3}, scale_factor=[1.7], mode="nearest")
add("nearest_2d_size_down", "interpolate", {"input": x4}, size=[3, 2], mode="nearest")
add("nearest_2d_scale_2", "interpolate", {"input": x4}, scale_factor=[2.0, 2.0], mode="nearest")
add("nearest_2d_scale_mixed", "interpolate", {"input": x4}, scale_factor=[1.5, 0.6],
    mode="nearest")
add("nearest_2d_recompute", "interpolate", {"input": x4}, scale_factor=[1.5, 0.6],
    mode="nearest", recompute_scale_factor=True)
add("nearest_3d", "interpolate", {"input": x5}, size=[4, 3, 5], mode="nearest")
add("nearest_exact_2d", "interpolate", {"input": x4}, size=[7, 3], mode="nearest-exact")
add("linear_size", "interpolate", {"input": x3}, size=[9], mode="linear", align_corners=False)
add("linear_align", "interpolate", {"input": x3}, size=[9], mode="linear", align_corners=True)
add("linear_down", "interpolate", {"input": x3}, size=[3], mode="linear", align_corners=False)
for ac in [False, True]:
    add(f"bilinear_size_{ac}", "interpolate", {"input": x4}, size=[7, 8], mode="bilinear",
        align_corners=ac)
    add(f"bilinear_scale_{ac}", "interpolate", {"input": x4}, scale_factor=[1.5, 2.3],
        mode="bilinear", align_corners=ac)
    add(f"bilinear_down_{ac}", "interpolate", {"input": x4}, size=[3, 2], mode="bilinear",
        align_corners=ac)
add("bilinear_one_pixel", "interpolate", {"input": x4}, size=[1, 5], mode="bilinear",
    align_corners=True)
add("bilinear_float", "interpolate", {"input": x4.float()}, scale_factor=[2.0, 2.0],
    mode="bilinear")
add("trilinear", "interpolate", {"input": x5}, size=[5, 3, 4], mode="trilinear",
    align_corners=False)
add("nearest_uint8", "interpolate", {"input": torch.arange(12, dtype=torch.uint8).view(1, 1, 3, 4)}, size=[5, 6],
    mode="nearest")

# ---- losses -------------------------------------------------------------------------------------
logp = torch.log_softmax(rnd(3, 4), 1)
prob = torch.softmax(rnd(3, 4), 1)
prob[0, 1] = 0.0
for red in ["none", "mean", "sum", "batchmean"]:
    add(f"kl_div_{red}", "kl_div", {"input": logp, "target": prob}, reduction=red,
        log_target=False)
    add(f"kl_div_log_target_{red}", "kl_div",
        {"input": logp, "target": torch.log_softmax(rnd(3, 4), 1)}, reduction=red,
        log_target=True)
for red in ["none", "mean", "sum"]:
    sign = torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0], dtype=torch.float64)
    add(f"margin_ranking_{red}", "margin_ranking_loss",
        {"input1": rnd(5), "input2": rnd(5), "target": sign}, margin=0.3, reduction=red)
    add(f"cosine_embedding_{red}", "cosine_embedding_loss",
        {"input1": rnd(5, 4), "input2": rnd(5, 4), "target": sign}, margin=0.2, reduction=red)
    add(f"triplet_{red}", "triplet_margin_loss",
        {"anchor": rnd(5, 4), "positive": rnd(5, 4), "negative": rnd(5, 4)}, margin=1.0, p=2.0,
        eps=1e-6, swap=False, reduction=red)
    add(f"poisson_log_{red}", "poisson_nll_loss",
        {"input": rnd(3, 4), "target": torch.poisson(torch.full((3, 4), 2.0)).double()},
        log_input=True, full=False, eps=1e-8, reduction=red)
    add(f"gaussian_{red}", "gaussian_nll_loss",
        {"input": rnd(3, 4), "target": rnd(3, 4), "var": rnd(3, 4).abs() + 0.1}, full=False,
        eps=1e-6, reduction=red)
add("cosine_embedding_0d", "cosine_embedding_loss",
    {"input1": rnd(4), "input2": rnd(4), "target": torch.tensor(-1.0, dtype=torch.float64)},
    margin=-0.5, reduction="mean")
add("margin_ranking_default", "margin_ranking_loss",
    {"input1": rnd(2, 3), "input2": rnd(2, 3), "target": torch.sign(rnd(2, 3))}, margin=0.0,
    reduction="mean")
add("triplet_p1_swap", "triplet_margin_loss",
    {"anchor": rnd(5, 4), "positive": rnd(5, 4), "negative": rnd(5, 4)}, margin=0.5, p=1.0,
    eps=1e-6, swap=True, reduction="mean")
add("triplet_1d", "triplet_margin_loss",
    {"anchor": rnd(4), "positive": rnd(4), "negative": rnd(4)}, margin=2.0, p=3.0,
    eps=1e-6, swap=False, reduction="none")
add("poisson_rate_full", "poisson_nll_loss",
    {"input": rnd(3, 4).abs() + 0.2, "target": torch.tensor([0., 1., 2., 5.] * 3,
                                                            dtype=torch.float64).view(3, 4)},
    log_input=False, full=True, eps=1e-8, reduction="sum")
add("poisson_log_full", "poisson_nll_loss",
    {"input": rnd(3, 4), "target": torch.tensor([0., 1., 2., 5.] * 3,
                                                dtype=torch.float64).view(3, 4)},
    no_grad=("target",), log_input=True, full=True, eps=1e-8, reduction="none")
add("gaussian_full_shared_last", "gaussian_nll_loss",
    {"input": rnd(3, 4), "target": rnd(3, 4), "var": rnd(3).abs() + 0.1}, full=True, eps=1e-6,
    reduction="mean")
add("gaussian_size1_dim_clamped", "gaussian_nll_loss",
    {"input": rnd(3, 4), "target": rnd(3, 4),
     "var": torch.tensor([[0.5], [1e-9], [2.0]], dtype=torch.float64)}, full=False, eps=1e-3,
    reduction="sum")

out_dir = os.path.join(os.path.dirname(__file__), "..", "nn", "data", "extras")
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "nn_extras.json"), "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases")
