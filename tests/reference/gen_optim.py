#!/usr/bin/env python3
"""Writes tests/nn/data/optim/reference.json: PyTorch's results for the optimisers and the
learning-rate schedulers, which tests/nn/optim compares Ember against.

The model is three fixed parameter tensors p_k with the loss
    sum_k  sum(a_k * (p_k - t_k)^2) + sum(b_k * tanh(p_k)),
trained STEPS steps from the same initial values in float64 and in float32 (the float32 run
starts from the float64 values rounded to float32). Each case records every parameter after
the last step, flattened. Scheduler cases record the learning rates after each step().
    python3 tests/reference/gen_optim.py
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "nn", "data", "optim", "reference.json")

STEPS = 8
SHAPES = [[4, 3], [3], [2, 2]]

gen = torch.Generator().manual_seed(1234)


def rand(shape, low, high):
    return (torch.rand(shape, generator=gen, dtype=torch.float64) * (high - low) + low)


INIT = [rand(s, -1.5, 1.5) for s in SHAPES]
A = [rand(s, 0.2, 2.0) for s in SHAPES]
B = [rand(s, -1.0, 1.0) for s in SHAPES]
T = [rand(s, -1.0, 1.0) for s in SHAPES]

# name, optimiser class, default options, per-group options (None: one group of all params)
CASES = [
    ("sgd_plain", "SGD", {"lr": 0.1}, None),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}, None),
    ("sgd_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3}, None),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}, None),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("sgd_maximize", "SGD", {"lr": 0.05, "maximize": True, "momentum": 0.5}, None),
    ("sgd_all", "SGD",
     {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.05, "nesterov": True}, None),
    ("sgd_groups", "SGD", {"lr": 0.1, "momentum": 0.9},
     [{"params": [0, 1]}, {"params": [2], "lr": 0.01, "momentum": 0.5, "weight_decay": 0.2}]),
    ("adam_default", "Adam", {"lr": 0.05}, None),
    ("adam_weight_decay", "Adam", {"lr": 0.05, "weight_decay": 0.1}, None),
    ("adam_amsgrad", "Adam", {"lr": 0.05, "amsgrad": True}, None),
    ("adam_maximize", "Adam", {"lr": 0.05, "maximize": True}, None),
    ("adam_betas_eps", "Adam", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-3}, None),
    ("adam_groups", "Adam", {"lr": 0.05},
     [{"params": [0]}, {"params": [1, 2], "lr": 0.02, "amsgrad": True, "weight_decay": 0.1}]),
    ("adam_lr_default", "Adam", {}, None),
    ("adamw_default", "AdamW", {"lr": 0.05}, None),
    ("adamw_weight_decay", "AdamW", {"lr": 0.05, "weight_decay": 0.3}, None),
    ("adamw_amsgrad", "AdamW", {"lr": 0.05, "amsgrad": True}, None),
    ("adamw_maximize", "AdamW", {"lr": 0.05, "maximize": True, "betas": [0.7, 0.9]}, None),
    ("rmsprop_default", "RMSprop", {}, None),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.5}, None),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}, None),
    ("rmsprop_centered_momentum", "RMSprop",
     {"lr": 0.01, "centered": True, "momentum": 0.9, "weight_decay": 0.1}, None),
    ("rmsprop_alpha_eps", "RMSprop", {"lr": 0.02, "alpha": 0.9, "eps": 1e-4}, None),
    ("rmsprop_weight_decay", "RMSprop", {"lr": 0.01, "weight_decay": 0.2}, None),
    ("rmsprop_maximize", "RMSprop", {"lr": 0.01, "maximize": True}, None),
    ("adagrad_default", "Adagrad", {"lr": 0.1}, None),
    ("adagrad_lr_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.1}, None),
    ("adagrad_weight_decay", "Adagrad", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("adagrad_initial_accumulator", "Adagrad",
     {"lr": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-5}, None),
    ("adagrad_maximize", "Adagrad", {"lr": 0.1, "maximize": True}, None),
    ("adadelta_default", "Adadelta", {}, None),
    ("adadelta_rho", "Adadelta", {"rho": 0.8, "lr": 0.5, "eps": 1e-4}, None),
    ("adadelta_weight_decay", "Adadelta", {"weight_decay": 0.1}, None),
    ("adadelta_maximize", "Adadelta", {"maximize": True}, None),
    ("adamax_default", "Adamax", {"lr": 0.05}, None),
    ("adamax_betas_eps", "Adamax", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-3}, None),
    ("adamax_weight_decay", "Adamax", {"lr": 0.05, "weight_decay": 0.1}, None),
    ("adamax_maximize", "Adamax", {"lr": 0.05, "maximize": True}, None),
]

# name, scheduler, arguments; run on an SGD with two groups (lr 0.1 and 0.05), SCHED_STEPS steps
SCHED_STEPS = 15
SCHEDULERS = [
    ("step_lr", "StepLR", {"step_size": 3, "gamma": 0.5}),
    ("step_lr_default_gamma", "StepLR", {"step_size": 2}),
    ("multi_step_lr", "MultiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.3}),
    ("exponential_lr", "ExponentialLR", {"gamma": 0.9}),
    ("cosine_annealing_lr", "CosineAnnealingLR", {"T_max": 4, "eta_min": 0.01}),
    ("cosine_annealing_lr_zero_min", "CosineAnnealingLR", {"T_max": 6}),
]
METRICS = [1.0, 0.9, 0.9, 0.95, 0.91, 0.9, 0.89995, 0.92, 0.93, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6,
           0.6, 0.7]
PLATEAU = [
    ("plateau_min_rel", {"mode": "min", "patience": 2}),
    ("plateau_min_abs_cooldown", {"mode": "min", "threshold": 0.05, "threshold_mode": "abs",
                                  "cooldown": 2, "patience": 1, "factor": 0.5}),
    ("plateau_max_rel_min_lr", {"mode": "max", "patience": 1, "factor": 0.2, "min_lr": 0.003}),
    ("plateau_max_abs_min_lrs", {"mode": "max", "threshold_mode": "abs", "patience": 0,
                                 "min_lr": [0.01, 0.02], "eps": 1e-3}),
]


def loss_of(params):
    total = 0
    for p, a, b, t in zip(params, A, B, T):
        a, b, t = a.to(p.dtype), b.to(p.dtype), t.to(p.dtype)
        total = total + ((p - t).square() * a).sum() + (p.tanh() * b).sum()
    return total


def train(case, dtype, scheduler=None):
    name, cls, options, groups = case
    params = [torch.nn.Parameter(x.clone().to(dtype)) for x in INIT]
    options = {k: tuple(v) if k == "betas" else v for k, v in options.items()}
    if groups is None:
        opt = getattr(torch.optim, cls)(params, **options)
    else:
        spec = []
        for g in groups:
            g = dict(g)
            g["params"] = [params[i] for i in g["params"]]
            spec.append(g)
        opt = getattr(torch.optim, cls)(spec, **options)
    sched = None
    if scheduler is not None:
        sched = getattr(torch.optim.lr_scheduler, scheduler[0])(opt, **scheduler[1])
    for _ in range(STEPS):
        opt.zero_grad()
        loss_of(params).backward()
        opt.step()
        if sched is not None:
            sched.step()
    return [p.detach().to(torch.float64).flatten().tolist() for p in params], opt


def main():
    out = {
        "steps": STEPS,
        "model": {
            "shapes": SHAPES,
            "init": [x.flatten().tolist() for x in INIT],
            "a": [x.flatten().tolist() for x in A],
            "b": [x.flatten().tolist() for x in B],
            "t": [x.flatten().tolist() for x in T],
        },
        "cases": [],
        "schedulers": [],
        "plateau": [],
    }
    for case in CASES:
        name, cls, options, groups = case
        f64, opt = train(case, torch.float64)
        f32, _ = train(case, torch.float32)
        sd = opt.state_dict()
        state_keys = {str(i): list(s.keys()) for i, s in sd["state"].items()}
        out["cases"].append({
            "name": name, "optimizer": cls, "options": options, "groups": groups,
            "float64": f64, "float32": f32,
            "param_groups": sd["param_groups"], "state_keys": state_keys,
        })
    # Training with a scheduler stepping after each optimiser step.
    case = ("sgd_momentum_step_lr", "SGD", {"lr": 0.1, "momentum": 0.9}, None)
    f64, _ = train(case, torch.float64, ("StepLR", {"step_size": 3, "gamma": 0.5}))
    f32, _ = train(case, torch.float32, ("StepLR", {"step_size": 3, "gamma": 0.5}))
    out["scheduled_training"] = {"name": case[0], "options": case[2], "step_size": 3,
                                 "gamma": 0.5, "float64": f64, "float32": f32}

    # A 4-8-3 MLP (nn.Linear's default initialisation after manual_seed(0)), tanh between the
    # layers, mean squared error on fixed inputs and targets drawn after the layers.
    out["mlp"] = []
    for cls, options in [("Adam", {"lr": 0.01}), ("SGD", {"lr": 0.1, "momentum": 0.9})]:
        for dtype, key in [(torch.float64, "float64"), (torch.float32, "float32")]:
            torch.manual_seed(0)
            l1 = torch.nn.Linear(4, 8)
            l2 = torch.nn.Linear(8, 3)
            x = torch.randn(6, 4)
            y = torch.randn(6, 3)
            l1, l2, x, y = l1.to(dtype), l2.to(dtype), x.to(dtype), y.to(dtype)
            params = [l1.weight, l1.bias, l2.weight, l2.bias]
            opt = getattr(torch.optim, cls)(params, **options)
            for _ in range(STEPS):
                opt.zero_grad()
                ((l2(l1(x).tanh()) - y).square().mean()).backward()
                opt.step()
            entry = next((e for e in out["mlp"] if e["optimizer"] == cls), None)
            if entry is None:
                entry = {"optimizer": cls, "options": options}
                out["mlp"].append(entry)
            entry[key] = [p.detach().to(torch.float64).flatten().tolist() for p in params]

    def two_groups():
        w = torch.nn.Parameter(torch.zeros(2))
        v = torch.nn.Parameter(torch.zeros(2))
        return torch.optim.SGD([{"params": [w]}, {"params": [v], "lr": 0.05}], lr=0.1)

    for name, cls, args in SCHEDULERS:
        opt = two_groups()
        sched = getattr(torch.optim.lr_scheduler, cls)(opt, **args)
        lrs = [sched.get_last_lr()]
        for _ in range(SCHED_STEPS):
            opt.step()
            sched.step()
            lrs.append(sched.get_last_lr())
        out["schedulers"].append({"name": name, "scheduler": cls, "args": args, "lrs": lrs})
    for name, args in PLATEAU:
        opt = two_groups()
        sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **args)
        lrs = []
        for m in METRICS:
            opt.step()
            sched.step(m)
            lrs.append(sched.get_last_lr())
        out["plateau"].append({"name": name, "args": args, "metrics": METRICS, "lrs": lrs})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
