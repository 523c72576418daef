// Sorting, selection, counting and scan ops against PyTorch's results
// (tests/reference/gen_sorting.py writes reference/sorting_data.inc).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

using namespace ember;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A tensor written in the data file: dtype, shape, values (absent when both are empty).
struct Literal {
  Dtype dtype = kFloat;
  std::vector<int64_t> shape;
  std::vector<double> values;

  bool present() const { return !shape.empty() || !values.empty(); }
  Tensor make() const {
    return tensor(values, TensorOptions().dtype(kDouble)).to(dtype).reshape(shape);
  }
};

struct SortingCase {
  const char* op;
  Literal input;
  std::vector<int64_t> ints;
  std::vector<double> reals;
  const char* text;
  Literal other;
  Literal out0, out1, out2;
};

const SortingCase kCases[] = {
#include "reference/sorting_data.inc"
};

// Runs the case's op; returns its outputs (up to three).
std::vector<Tensor> run(const SortingCase& c) {
  const Tensor x = c.input.make();
  const std::string op = c.op;
  const auto& i = c.ints;
  const auto flag = [&](size_t k) { return i.at(k) != 0; };
  const auto tuple2 = [](const std::tuple<Tensor, Tensor>& t) {
    return std::vector<Tensor>{std::get<0>(t), std::get<1>(t)};
  };
  const auto tuple3 = [](const std::tuple<Tensor, Tensor, Tensor>& t) {
    return std::vector<Tensor>{std::get<0>(t), std::get<1>(t), std::get<2>(t)};
  };
  if (op == "sort") return tuple2(x.sort(/*stable=*/true, i.at(0), flag(1)));
  if (op == "argsort") return {x.argsort(i.at(0), flag(1))};
  if (op == "topk") return tuple2(x.topk(i.at(0), i.at(1), flag(2)));
  if (op == "kthvalue") return tuple2(x.kthvalue(i.at(0), i.at(1), flag(2)));
  if (op == "median") return tuple2(x.median(i.at(0), flag(1)));
  if (op == "nanmedian") return tuple2(x.nanmedian(i.at(0), flag(1)));
  if (op == "median_all") return {x.median()};
  if (op == "nanmedian_all") return {x.nanmedian()};
  if (op == "mode") return tuple2(x.mode(i.at(0), flag(1)));
  if (op == "quantile" || op == "nanquantile") {
    // ints: has dim, dim, keepdim, scalar q (q from reals) or tensor q (the other input).
    const std::optional<int64_t> dim = flag(0) ? std::optional<int64_t>(i.at(1)) : std::nullopt;
    const bool keepdim = flag(2);
    const bool nan = op == "nanquantile";
    if (c.other.present()) {
      const Tensor q = c.other.make().to(x.dtype());
      return {nan ? x.nanquantile(q, dim, keepdim, c.text) : x.quantile(q, dim, keepdim, c.text)};
    }
    const double q = c.reals.at(0);
    return {nan ? x.nanquantile(q, dim, keepdim, c.text) : x.quantile(q, dim, keepdim, c.text)};
  }
  if (op == "unique") {
    auto [v, inv, cnt] = unique(x, true, flag(0), flag(1));
    std::vector<Tensor> out{v, inv, cnt};
    if (!flag(0)) out[1] = Tensor();
    if (!flag(1)) out[2] = Tensor();
    return out;
  }
  if (op == "unique_consecutive") return tuple3(x.unique_consecutive(flag(0), flag(1)));
  if (op == "bincount") {
    const std::optional<Tensor> w =
        c.other.present() ? std::optional<Tensor>(c.other.make()) : std::nullopt;
    return {x.bincount(w, i.at(0))};
  }
  if (op == "histc") return {x.histc(i.at(0), c.reals.at(0), c.reals.at(1))};
  if (op == "searchsorted") {
    return {searchsorted(c.other.make(), x, /*out_int32=*/flag(1), /*right=*/flag(0))};
  }
  if (op == "bucketize") return {bucketize(x, c.other.make(), false, flag(0))};
  if (op == "cummax") return tuple2(x.cummax(i.at(0)));
  if (op == "cummin") return tuple2(x.cummin(i.at(0)));
  if (op == "cumprod") return {x.cumprod(i.at(0))};
  if (op == "logcumsumexp") return {x.logcumsumexp(i.at(0))};
  ADD_FAILURE() << "unknown op " << op;
  return {};
}

TEST(SortingReference, MatchesPyTorch) {
  int index = 0;
  for (const SortingCase& c : kCases) {
    SCOPED_TRACE(std::string("case ") + std::to_string(index++) + ": " + c.op);
    const std::vector<Tensor> outs = run(c);
    const Literal* expected[] = {&c.out0, &c.out1, &c.out2};
    for (size_t k = 0; k < 3; ++k) {
      if (!expected[k]->present()) continue;
      ASSERT_LT(k, outs.size());
      const Tensor want = expected[k]->make();
      // Half sorts compare exactly; float sums (quantile, logcumsumexp) within rounding.
      EXPECT_TRUE(ember_test::tensors_close(outs[k], want, 1e-6, 1e-6)) << "output " << k;
    }
  }
}

}  // namespace
