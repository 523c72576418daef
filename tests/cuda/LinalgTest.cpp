// ember::linalg on the GPU against the CPU: the composites (einsum, tensordot, kron, cross,
// vector and elementwise matrix norms, matrix_power) run on CUDA through their pieces; the
// factorizations run on cuSOLVER and must give LAPACK's values and the same errors.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cmath>
#include <tuple>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;
using ember_cuda_test::random;

::testing::AssertionResult matches_cpu(const Tensor& cuda_result, const Tensor& cpu_result) {
  return ember_test::tensors_close(cuda_result.cpu(), cpu_result, 1e-5, 1e-5);
}

TEST(CudaLinalg, CompositesMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor p = random({2, 3, 4}, kFloat, 1, -1, 1), q = random({2, 4, 5}, kFloat, 2, -1, 1);
  const Tensor sq = random({3, 3}, kFloat, 3, -1, 1);
  EXPECT_TRUE(
      matches_cpu(einsum("bij,bjk->bik", {p.cuda(), q.cuda()}), einsum("bij,bjk->bik", {p, q})));
  EXPECT_TRUE(matches_cpu(einsum("ii->i", {sq.cuda()}), einsum("ii->i", {sq})));
  EXPECT_TRUE(
      matches_cpu(einsum("...ij,jk", {p.cuda(), q[0].cuda()}), einsum("...ij,jk", {p, q[0]})));
  EXPECT_TRUE(
      matches_cpu(tensordot(p.cuda(), q.cuda(), {0, 2}, {0, 1}), tensordot(p, q, {0, 2}, {0, 1})));
  EXPECT_TRUE(matches_cpu(kron(sq.cuda(), p[0].cuda()), kron(sq, p[0])));
  const Tensor c1 = random({4, 3}, kFloat, 4, -1, 1), c2 = random({4, 3}, kFloat, 5, -1, 1);
  EXPECT_TRUE(matches_cpu(linalg::cross(c1.cuda(), c2.cuda()), linalg::cross(c1, c2)));
  EXPECT_TRUE(matches_cpu(linalg::vector_norm(p.cuda(), 3, {-1}), linalg::vector_norm(p, 3, {-1})));
  EXPECT_TRUE(matches_cpu(linalg::matrix_norm(p.cuda(), 1), linalg::matrix_norm(p, 1)));
  EXPECT_TRUE(matches_cpu(linalg::matrix_norm(p.cuda()), linalg::matrix_norm(p)));
  EXPECT_TRUE(matches_cpu(linalg::matrix_power(sq.cuda(), 5), linalg::matrix_power(sq, 5)));
}

// The factorizations on cuSOLVER against LAPACK, float32 and float64, batched. Vectors
// (eigenvectors, singular vectors, Q) are compared through what does not depend on their
// signs: the reconstructions and the absolute values.
TEST(CudaLinalg, FactorizationsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : {kFloat, kDouble}) {
    SCOPED_TRACE(d);
    const double tol = d == kFloat ? 1e-4 : 1e-10;
    const auto close = [tol](const Tensor& cuda_result, const Tensor& cpu_result) {
      EXPECT_TRUE(cuda_result.is_cuda());
      return ember_test::tensors_close(cuda_result.cpu(), cpu_result, tol, tol);
    };
    const Tensor a = random({2, 3, 4, 4}, d, 11, -1, 1) + eye(4, dtype(d)) * 3;
    const Tensor b = random({2, 3, 4, 2}, d, 12, -1, 1);
    const Tensor g = a.cuda();
    EXPECT_TRUE(close(linalg::inv(g), linalg::inv(a)));
    EXPECT_TRUE(close(linalg::solve(g, b.cuda()), linalg::solve(a, b)));
    EXPECT_TRUE(close(linalg::det(g), linalg::det(a)));
    EXPECT_TRUE(close(std::get<1>(linalg::slogdet(g)), std::get<1>(linalg::slogdet(a))));
    EXPECT_TRUE(close(g.logdet(), a.logdet()));
    const Tensor spd = matmul(a, a.transpose(-2, -1));
    EXPECT_TRUE(close(linalg::cholesky(spd.cuda()), linalg::cholesky(spd)));
    EXPECT_TRUE(close(linalg::cholesky(spd.cuda(), true), linalg::cholesky(spd, true)));
    EXPECT_TRUE(close(spd.cuda().cholesky(true), spd.cholesky(true)));
    for (const std::vector<int64_t>& shape :
         std::vector<std::vector<int64_t>>{{2, 5, 3}, {2, 3, 5}, {4, 4}}) {
      const Tensor m = random(shape, d, 13, -1, 1);
      for (const char* mode : {"reduced", "complete"}) {
        SCOPED_TRACE(mode);
        auto [q, r] = linalg::qr(m.cuda(), mode);
        auto [q_cpu, r_cpu] = linalg::qr(m, mode);
        EXPECT_TRUE(close(q.abs(), q_cpu.abs()));
        EXPECT_TRUE(close(r.abs(), r_cpu.abs()));
        EXPECT_TRUE(close(matmul(q, r), m));
      }
      for (bool full : {false, true}) {
        SCOPED_TRACE(full);
        auto [u, s, vh] = linalg::svd(m.cuda(), full);
        auto [u_cpu, s_cpu, vh_cpu] = linalg::svd(m, full);
        EXPECT_EQ(u.sizes(), u_cpu.sizes());
        EXPECT_EQ(vh.sizes(), vh_cpu.sizes());
        EXPECT_TRUE(close(s, s_cpu));
        const int64_t k = s.size(-1);
        EXPECT_TRUE(close(matmul(u.narrow(-1, 0, k) * s.unsqueeze(-2), vh.narrow(-2, 0, k)), m));
        const Tensor gram = matmul(u.transpose(-2, -1), u);
        EXPECT_TRUE(close(gram, eye(u.size(-1), dtype(d)).expand(gram.sizes()).contiguous()));
      }
      EXPECT_TRUE(close(linalg::svdvals(m.cuda()), linalg::svdvals(m)));
      EXPECT_TRUE(close(linalg::pinv(m.cuda()), linalg::pinv(m)));
      auto [U, S, V] = m.cuda().svd();
      EXPECT_TRUE(close(matmul(U * S.unsqueeze(-2), V.transpose(-2, -1)), m));
    }
    const Tensor sym = a + a.transpose(-2, -1);
    for (const char* uplo : {"L", "U"}) {
      auto [w, v] = linalg::eigh(sym.cuda(), uplo);
      auto [w_cpu, v_cpu] = linalg::eigh(sym, uplo);
      EXPECT_TRUE(close(w, w_cpu));
      EXPECT_TRUE(close(v.abs(), v_cpu.abs()));
      EXPECT_TRUE(close(linalg::eigvalsh(sym.cuda(), uplo), w_cpu));
    }
  }
}

TEST(CudaLinalg, FactorizationErrorsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  using ember_test::throws_error_with;
  // The second matrix of the batch is singular / not positive-definite.
  Tensor batch = eye(3).expand({2, 3, 3}).clone();
  batch[1][1][1].fill_(0);
  EXPECT_TRUE(throws_error_with([&] { linalg::inv(batch.cuda()); },
                                "linalg.inv: (Batch element 1): The diagonal element 2 is zero, "
                                "the inversion could not be completed because the input matrix "
                                "is singular."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        linalg::solve(batch.cuda(), ones({2, 3}).cuda());
      },
      "torch.linalg.solve: (Batch element 1): The solver failed "
      "because the input matrix is singular."));
  batch[1][1][1].fill_(-1);
  EXPECT_TRUE(throws_error_with([&] { linalg::cholesky(batch.cuda()); },
                                "linalg.cholesky: (Batch element 1): The factorization could not "
                                "be completed because the input is not positive-definite (the "
                                "leading minor of order 2 is not positive-definite)."));
  // The _ex forms report instead of raising: the same info as the CPU's.
  auto [L, info] = linalg::cholesky_ex(batch.cuda());
  EXPECT_TRUE(ember_test::tensors_equal(info.cpu(), std::get<1>(linalg::cholesky_ex(batch))));
  auto [inverse, inv_info] = linalg::inv_ex(zeros({3, 3}).cuda());
  EXPECT_EQ(inv_info.item<int>(), 1);
  // Singular matrices still have a determinant (0) and a log-determinant (-inf).
  EXPECT_EQ(linalg::det(zeros({3, 3}).cuda()).item<float>(), 0.0f);
  EXPECT_TRUE(std::isinf(zeros({3, 3}).cuda().logdet().item<float>()));
}

}  // namespace
