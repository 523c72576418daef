#!/usr/bin/python3
"""Writes tests/cpu/reference/linalg_data.inc: PyTorch's results for ember::linalg (inv,
solve, det, slogdet, cholesky, qr, eigh, svd, norms, pinv, matrix_power, lstsq), einsum,
tensordot, kron and cross, and the gradients of sum(W * f(A)) for fixed weights W.

Every tensor is written as `RefTensor name{{shape}, {values}}` (float64 values printed with
17 significant digits); tests/cpu/LinalgTest.cpp builds its inputs from the same literals.
Eigenvectors and singular vectors are only determined up to sign: the tests compare their
absolute values, and the gradient cases use losses that do not depend on the signs.

Run from the repository root:  python3 tests/reference/gen_linalg.py
"""
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "cpu", "reference", "linalg_data.inc")
torch.manual_seed(0)
D = torch.float64
lines = []


def emit(name, t):
    t = torch.as_tensor(t).detach().to(D).contiguous()
    shape = ", ".join(str(s) for s in t.shape)
    vals = ", ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    lines.append(f"inline const RefTensor {name}{{{{{shape}}}, {{{vals}}}}};")


def well_conditioned(*shape):
    n = shape[-1]
    return torch.randn(*shape, dtype=D) * 0.3 + torch.eye(n, dtype=D) * 2


def spd(*shape):
    a = torch.randn(*shape, dtype=D)
    return a @ a.mT + torch.eye(shape[-1], dtype=D) * shape[-1]


def grad_of(f, *inputs, weights):
    xs = [x.clone().requires_grad_() for x in inputs]
    outs = f(*xs)
    if not isinstance(outs, (tuple, list)):
        outs = (outs,)
    loss = sum((o * w).sum() for o, w in zip(outs, weights) if w is not None)
    return torch.autograd.grad(loss, xs)


# ---- inverse, solve, det, slogdet -----------------------------------------------------------
A = well_conditioned(2, 3, 3)
A[1] = A[1] @ torch.diag(torch.tensor([1.0, -1.0, 1.0], dtype=D))  # a negative determinant
emit("kA", A)
emit("kInvA", torch.linalg.inv(A))
W33 = torch.randn(2, 3, 3, dtype=D)
emit("kW33", W33)
emit("kInvGrad", grad_of(torch.linalg.inv, A, weights=[W33])[0])
emit("kDetA", torch.linalg.det(A))
Wdet = torch.tensor([0.5, -1.5], dtype=D)
emit("kWdet", Wdet)
emit("kDetGrad", grad_of(torch.linalg.det, A, weights=[Wdet])[0])
sign, logabs = torch.linalg.slogdet(A)
emit("kSlogdetSign", sign)
emit("kSlogdetLogabs", logabs)
emit("kSlogdetGrad", grad_of(lambda a: torch.linalg.slogdet(a)[1], A, weights=[Wdet])[0])
B = torch.randn(2, 3, 2, dtype=D)
emit("kB", B)
emit("kSolveAB", torch.linalg.solve(A, B))
W32 = torch.randn(2, 3, 2, dtype=D)
emit("kW32", W32)
gA, gB = grad_of(torch.linalg.solve, A, B, weights=[W32])
emit("kSolveGradA", gA)
emit("kSolveGradB", gB)
b = torch.randn(3, dtype=D)
emit("kb", b)
emit("kSolveVector", torch.linalg.solve(A, b))  # batched A, one vector: broadcast
Bl = torch.randn(2, 2, 3, dtype=D)
emit("kBl", Bl)
emit("kSolveRight", torch.linalg.solve(A, Bl, left=False))

# ---- cholesky, qr, eigh, svd ----------------------------------------------------------------
S = spd(2, 3, 3)
emit("kSpd", S)
emit("kCholL", torch.linalg.cholesky(S))
emit("kCholU", torch.linalg.cholesky(S, upper=True))
emit("kCholGrad", grad_of(torch.linalg.cholesky, S, weights=[W33])[0])
for name, shape in (("Tall", (4, 3)), ("Wide", (3, 4))):
    M = torch.randn(*shape, dtype=D)
    emit(f"k{name}", M)
    Q, R = torch.linalg.qr(M)
    emit(f"kQr{name}Q", Q)
    emit(f"kQr{name}R", R)
    Qc, Rc = torch.linalg.qr(M, mode="complete")
    emit(f"kQrC{name}Q", Qc)
    emit(f"kQrC{name}R", Rc)
    WQ, WR = torch.randn_like(Q), torch.randn_like(R)
    emit(f"kW{name}Q", WQ)
    emit(f"kW{name}R", WR)
    emit(f"kQrGrad{name}", grad_of(torch.linalg.qr, M, weights=[WQ, WR])[0])
    U, Sv, Vh = torch.linalg.svd(M, full_matrices=False)
    emit(f"kSvd{name}S", Sv)
    emit(f"kSvd{name}U", U)
    emit(f"kSvd{name}Vh", Vh)
    emit(f"kPinv{name}", torch.linalg.pinv(M))
    Ws = torch.randn_like(Sv)
    emit(f"kWs{name}", Ws)
    emit(f"kSvdGrad{name}", grad_of(lambda a: torch.linalg.svdvals(a), M, weights=[Ws])[0])
    emit(f"kPinvGrad{name}", grad_of(torch.linalg.pinv, M, weights=[torch.ones(shape[::-1], dtype=D)])[0])
Sym = S + torch.diag(torch.tensor([0.0, 1.0, 3.0], dtype=D))
emit("kSym", Sym)
L, V = torch.linalg.eigh(Sym)
emit("kEighL", L)
emit("kEighV", V)
Wl = torch.randn(2, 3, dtype=D)
emit("kWl", Wl)
# A loss of the eigenvalues and of V^2 (independent of the eigenvectors' signs).
emit("kEighGrad", grad_of(lambda a: (torch.linalg.eigh(a)[0], torch.linalg.eigh(a)[1] ** 2),
                          Sym, weights=[Wl, W33])[0])

# ---- norms, matrix_power, lstsq ---------------------------------------------------------------
X = torch.randn(2, 3, 4, dtype=D)
emit("kX", X)
for tag, ord_ in (("2", 2), ("1", 1), ("Inf", float("inf")), ("NegInf", float("-inf")),
                  ("0", 0), ("3", 3), ("Half", 0.5)):
    emit(f"kVecNorm{tag}", torch.linalg.vector_norm(X, ord_, dim=-1))
emit("kVecNormAll", torch.linalg.vector_norm(X))
emit("kVecNormDims", torch.linalg.vector_norm(X, 2, dim=(0, 2), keepdim=True))
for tag, ord_ in (("Fro", "fro"), ("Nuc", "nuc"), ("2", 2), ("Neg2", -2), ("1", 1), ("Neg1", -1),
                  ("Inf", float("inf")), ("NegInf", float("-inf"))):
    emit(f"kMatNorm{tag}", torch.linalg.matrix_norm(X, ord_))
emit("kMatNormDims", torch.linalg.matrix_norm(X, 1, dim=(2, 0), keepdim=True))
emit("kNormDefault", torch.linalg.norm(X))
for n in (0, 1, 3, 6, -2):
    emit(f"kPow{'Neg' if n < 0 else ''}{abs(n)}", torch.linalg.matrix_power(A, n))
At = torch.randn(5, 3, dtype=D)
Bt = torch.randn(5, 2, dtype=D)
emit("kLsA", At)
emit("kLsB", Bt)
sol, res, rank, sv = torch.linalg.lstsq(At, Bt, driver="gelsd")
emit("kLsSolution", sol)
emit("kLsResiduals", res)
emit("kLsSingular", sv)
Aw = torch.randn(2, 4, dtype=D)
Bw = torch.randn(2, 1, dtype=D)
emit("kLsWideA", Aw)
emit("kLsWideB", Bw)
emit("kLsWideSolution", torch.linalg.lstsq(Aw, Bw).solution)

# ---- einsum, tensordot, kron, cross ---------------------------------------------------------
P = torch.randn(2, 3, 4, dtype=D)
Q3 = torch.randn(2, 4, 5, dtype=D)
Sq = torch.randn(3, 3, dtype=D)
v3 = torch.randn(3, dtype=D)
v4 = torch.randn(4, dtype=D)
T4 = torch.randn(2, 3, 3, 4, dtype=D)
emit("kP", P)
emit("kQ3", Q3)
emit("kSq", Sq)
emit("kV3", v3)
emit("kV4", v4)
emit("kT4", T4)
einsums = [
    ("BatchMatmul", "bij,bjk->bik", (P, Q3)),
    ("Implicit", "bij,bjk", (P, Q3)),
    ("Trace", "ii", (Sq,)),
    ("Diagonal", "ii->i", (Sq,)),
    ("Outer", "i,j->ij", (v3, v4)),
    ("Dot", "i,i", (v3, v3)),
    ("SumAll", "bij->", (P,)),
    ("Transpose", "bij->jib", (P,)),
    ("Ellipsis", "...ij,...jk->...ik", (P, Q3)),
    ("EllipsisBroadcast", "...ij,jk", (P, Q3[0])),
    ("Bilinear", "bn,anm,bm->ba", (P[:, :, 0], torch.ones(2, 3, 3, dtype=D) * 0.5 + Sq, P[:, :, 1])),
    ("RepeatedInner", "bjjk->bk", (T4,)),
    ("MatVec", "ij,j->i", (Sq, v3)),
    ("Hadamard", "ij,ij->ij", (Sq, Sq.T)),
    ("Upper", "Ab,bC->AC", (Sq, P[0])),
]
for name, eq, ops in einsums:
    emit(f"kEinsum{name}", torch.einsum(eq, *ops))
emit("kEinsumGradP", grad_of(lambda p, q: torch.einsum("bij,bjk->bik", p, q), P, Q3,
                             weights=[torch.ones(2, 3, 5, dtype=D)])[0])
emit("kTensordot", torch.tensordot(P, Q3, dims=([0, 2], [0, 1])))
emit("kTensordot1", torch.tensordot(P, Q3.transpose(0, 1), dims=1))
emit("kKron", torch.kron(Sq, P[0]))
emit("kKronMixed", torch.kron(v3, P))
C1 = torch.randn(4, 3, dtype=D)
C2 = torch.randn(4, 3, dtype=D)
emit("kC1", C1)
emit("kC2", C2)
emit("kCross", torch.linalg.cross(C1, C2))
emit("kCrossDim0", torch.cross(C1.T, C2.T, dim=0))

header = [
    "// Generated by tests/reference/gen_linalg.py with PyTorch " + torch.__version__ + ": do not edit.",
    "// NOLINTBEGIN",
]
with open(OUT, "w") as f:
    f.write("\n".join(header + lines + ["// NOLINTEND"]) + "\n")
print("wrote", OUT, len(lines), "tensors")
