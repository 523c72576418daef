#pragma once

// Sorting, selection, counting and scans, with libtorch's signatures: sort, argsort, topk,
// kthvalue, median, nanmedian, mode, quantile, nanquantile, unique, unique_consecutive,
// bincount, histc, searchsorted, bucketize, cummax, cummin, cumprod, logcumsumexp.
// NaN orders as the largest value (as PyTorch), so ascending sorts put NaNs last.

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>

#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember {

// ---- Sorting and selection (values, int64 indices) -----------------------------------------
EMBER_API std::tuple<Tensor, Tensor> sort(const Tensor& t, int64_t dim = -1,
                                          bool descending = false);
/// stable keeps equal elements in their original order (ember's sort is always stable; the
/// argument exists for libtorch's signature).
EMBER_API std::tuple<Tensor, Tensor> sort(const Tensor& t, std::optional<bool> stable,
                                          int64_t dim = -1, bool descending = false);
EMBER_API Tensor argsort(const Tensor& t, int64_t dim = -1, bool descending = false);
/// dim has no default here (libtorch's has one), so that argsort(t, 0) is not ambiguous.
EMBER_API Tensor argsort(const Tensor& t, bool stable, int64_t dim, bool descending = false);
EMBER_API std::tuple<Tensor, Tensor> topk(const Tensor& t, int64_t k, int64_t dim = -1,
                                          bool largest = true, bool sorted = true);
EMBER_API std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, int64_t k, int64_t dim = -1,
                                              bool keepdim = false);
/// The lower median of all elements (NaN when any is NaN).
EMBER_API Tensor median(const Tensor& t);
EMBER_API std::tuple<Tensor, Tensor> median(const Tensor& t, int64_t dim, bool keepdim = false);
/// median ignoring NaNs (NaN only when every element is).
EMBER_API Tensor nanmedian(const Tensor& t);
EMBER_API std::tuple<Tensor, Tensor> nanmedian(const Tensor& t, int64_t dim, bool keepdim = false);
/// The most frequent value along dim (the smallest of equally frequent ones) and the index of
/// its last occurrence.
EMBER_API std::tuple<Tensor, Tensor> mode(const Tensor& t, int64_t dim = -1, bool keepdim = false);
/// interpolation: "linear", "lower", "higher", "midpoint" or "nearest". Without dim, over the
/// flattened input.
EMBER_API Tensor quantile(const Tensor& t, const Tensor& q,
                          std::optional<int64_t> dim = std::nullopt, bool keepdim = false,
                          std::string_view interpolation = "linear");
EMBER_API Tensor quantile(const Tensor& t, double q, std::optional<int64_t> dim = std::nullopt,
                          bool keepdim = false, std::string_view interpolation = "linear");
EMBER_API Tensor nanquantile(const Tensor& t, const Tensor& q,
                             std::optional<int64_t> dim = std::nullopt, bool keepdim = false,
                             std::string_view interpolation = "linear");
EMBER_API Tensor nanquantile(const Tensor& t, double q, std::optional<int64_t> dim = std::nullopt,
                             bool keepdim = false, std::string_view interpolation = "linear");

// ---- Unique values and counting ------------------------------------------------------------
/// The distinct elements of the flattened input (sorted), the index of each input element's
/// value in them (input's shape) and how often each occurs; the last two are empty unless
/// asked for. As torch.unique / at::_unique2 (values are always sorted on the CPU and CUDA).
EMBER_API std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool sorted = true,
                                                    bool return_inverse = false,
                                                    bool return_counts = false);
EMBER_API std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& t, bool sorted = true,
                                                      bool return_inverse = false,
                                                      bool return_counts = false);
/// Collapses runs of equal consecutive elements of the flattened input (dim must be nullopt).
EMBER_API std::tuple<Tensor, Tensor, Tensor> unique_consecutive(
    const Tensor& t, bool return_inverse = false, bool return_counts = false,
    std::optional<int64_t> dim = std::nullopt);
/// Occurrences of each value of a 1-d non-negative integer tensor (int64), or the sums of
/// `weights` per value (weights' dtype: double for integer weights, as PyTorch).
EMBER_API Tensor bincount(const Tensor& t, const std::optional<Tensor>& weights = std::nullopt,
                          int64_t minlength = 0);
/// Histogram of `bins` equal-width bins over [min, max] (the data's range when both are 0).
EMBER_API Tensor histc(const Tensor& t, int64_t bins = 100, const Scalar& min = 0,
                       const Scalar& max = 0);
/// For each value, the index where inserting it into the innermost dim of sorted_sequence
/// keeps it sorted (side "left"/"right", or right = true); sorter sorts an unsorted sequence.
EMBER_API Tensor searchsorted(const Tensor& sorted_sequence, const Tensor& values,
                              bool out_int32 = false, bool right = false,
                              std::optional<std::string_view> side = std::nullopt,
                              const std::optional<Tensor>& sorter = std::nullopt);
EMBER_API Tensor searchsorted(const Tensor& sorted_sequence, const Scalar& value,
                              bool out_int32 = false, bool right = false,
                              std::optional<std::string_view> side = std::nullopt,
                              const std::optional<Tensor>& sorter = std::nullopt);
EMBER_API Tensor bucketize(const Tensor& t, const Tensor& boundaries, bool out_int32 = false,
                           bool right = false);
EMBER_API Tensor bucketize(const Scalar& value, const Tensor& boundaries, bool out_int32 = false,
                           bool right = false);

// ---- Scans ---------------------------------------------------------------------------------
EMBER_API std::tuple<Tensor, Tensor> cummax(const Tensor& t, int64_t dim);
EMBER_API std::tuple<Tensor, Tensor> cummin(const Tensor& t, int64_t dim);
EMBER_API Tensor cumprod(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor logcumsumexp(const Tensor& t, int64_t dim);

}  // namespace ember
