#pragma once

// Autograd-free bodies of the sorting, selection and scan ops that call a backend kernel
// (the public ones, which record for autograd, are in core/api/Sorting.cpp).

#include <cstdint>
#include <optional>
#include <tuple>

#include "ember/core/Tensor.h"

namespace ember::native {

std::tuple<Tensor, Tensor> sort(const Tensor& t, int64_t dim, bool descending);
std::tuple<Tensor, Tensor> topk(const Tensor& t, int64_t k, int64_t dim, bool largest);
std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool return_inverse, bool return_counts);
Tensor cumprod(const Tensor& t, int64_t dim, std::optional<Dtype> dtype);
Tensor logcumsumexp(const Tensor& t, int64_t dim);
std::tuple<Tensor, Tensor> cummax(const Tensor& t, int64_t dim);
std::tuple<Tensor, Tensor> cummin(const Tensor& t, int64_t dim);

}  // namespace ember::native

namespace ember::native {

// Composites of sort (core/ops/Selection.cpp), recorded as one node by their front ends.
std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, int64_t k, int64_t dim, bool keepdim);
/// Lower median along dim; `ignore_nan`: nanmedian.
std::tuple<Tensor, Tensor> median(const Tensor& t, int64_t dim, bool keepdim, bool ignore_nan);
Tensor median_all(const Tensor& t, bool ignore_nan);
std::tuple<Tensor, Tensor> mode(const Tensor& t, int64_t dim, bool keepdim);

}  // namespace ember::native
