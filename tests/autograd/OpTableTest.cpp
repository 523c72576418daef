// The table-driven gradient test: gradcheck and gradgradcheck of every case of every op
// family (tests/autograd/cases/) on random float64 inputs in (-1, 1), as given and with 2-d
// inputs transposed (non-contiguous); and a failure when an op with a backward formula has no
// formula in the table or no case.

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "autograd/Formula.h"
#include "autograd/cases/OpCase.h"
#include "ember/autograd/GradCheck.h"

namespace {

using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;
using ember_test::all_cases;
using ember_test::OpCase;

TEST(AutogradOpTable, EveryGradOpHasAFormula) {
  for (int i = 0; i < ember::detail::kNumGradOps; ++i) {
    const auto op = static_cast<GradOp>(i);
    EXPECT_NE(ember::autograd::formula_table().get(op).backward, nullptr)
        << ember::detail::grad_op_name(op) << " has no backward formula";
  }
}

TEST(AutogradOpTable, EveryGradOpHasAGradcheckCase) {
  std::set<GradOp> covered;
  for (const OpCase& c : all_cases()) covered.insert(c.op);
  for (int i = 0; i < ember::detail::kNumGradOps; ++i) {
    const auto op = static_cast<GradOp>(i);
    // RandomBackward0 has no public op of its own (uniform_/normal_ have theirs).
    if (op == GradOp::random) continue;
    EXPECT_TRUE(covered.count(op))
        << ember::detail::grad_op_name(op) << " has no case in tests/autograd/cases/";
  }
}

// The differentiable ops of the public API (API.md), composites included: each needs a case
// named after it, so that a public op that stops recording (or never did) fails gradcheck.
TEST(AutogradOpTable, EveryDifferentiablePublicOpHasACase) {
  std::set<std::string> names;
  for (const OpCase& c : all_cases()) names.insert(c.name.substr(0, c.name.find('/')));
  for (const char* op : {"add",
                         "add_scalar",
                         "sub_scalar",
                         "rsub_scalar",
                         "mul",
                         "mul_scalar",
                         "div",
                         "div_scalar",
                         "pow",
                         "pow_scalar",
                         "pow_scalar_base",
                         "maximum",
                         "minimum",
                         "clamp",
                         "clamp_min",
                         "clamp_max",
                         "neg",
                         "abs",
                         "sqrt",
                         "rsqrt",
                         "exp",
                         "log",
                         "log1p",
                         "sin",
                         "cos",
                         "tanh",
                         "sigmoid",
                         "relu",
                         "square",
                         "reciprocal",
                         "sign",
                         "floor",
                         "ceil",
                         "round",
                         "gelu",
                         "leaky_relu",
                         "softmax",
                         "log_softmax",
                         "where",
                         "masked_fill",
                         "sum",
                         "mean",
                         "prod",
                         "max",
                         "min",
                         "max_dim",
                         "min_dim",
                         "var",
                         "std",
                         "norm",
                         "logsumexp",
                         "cumsum",
                         "matmul",
                         "mm",
                         "mv",
                         "bmm",
                         "dot",
                         "outer",
                         "addmm",
                         "cat",
                         "stack",
                         "split",
                         "split_with_sizes",
                         "chunk",
                         "unbind",
                         "index_select",
                         "gather",
                         "scatter_add",
                         "index",
                         "index_put_",
                         "masked_fill_",
                         "scatter_add_",
                         "view",
                         "view_as",
                         "reshape",
                         "reshape_as",
                         "flatten",
                         "t",
                         "transpose",
                         "permute",
                         "squeeze",
                         "unsqueeze",
                         "expand",
                         "expand_as",
                         "slice",
                         "narrow",
                         "select",
                         "as_strided",
                         "to",
                         "clone",
                         "contiguous",
                         "copy_",
                         "fill_",
                         "zero_",
                         "uniform_",
                         "normal_",
                         "flip",
                         "roll",
                         "repeat",
                         "tile",
                         "repeat_interleave",
                         "tril",
                         "triu",
                         "tril_",
                         "triu_",
                         "diag",
                         "diagonal",
                         "diag_embed",
                         "trace",
                         "movedim",
                         "swapaxes",
                         "unflatten",
                         "broadcast_to",
                         "broadcast_tensors",
                         "meshgrid",
                         "take_along_dim",
                         "index_add",
                         "index_add_",
                         "index_copy",
                         "index_fill",
                         "scatter",
                         "scatter_reduce",
                         "masked_select",
                         "masked_scatter",
                         "hstack",
                         "vstack",
                         "dstack",
                         "column_stack",
                         "constant_pad_nd",
                         "pad"}) {
    EXPECT_TRUE(names.count(op)) << op << " has no case in tests/autograd/cases/";
  }
}

struct TableParam {
  OpCase c;
  bool transposed;
};

void PrintTo(const TableParam& p, std::ostream* os) {
  *os << p.c.name << (p.transposed ? " (transposed)" : "");
}

class OpGradcheck : public ::testing::TestWithParam<TableParam> {};

TEST_P(OpGradcheck, FirstAndSecondOrder) {
  const OpCase& c = GetParam().c;
  ember::manual_seed(0);
  const variable_list inputs = ember_test::case_inputs(c, GetParam().transposed);
  try {
    EXPECT_TRUE(ember::autograd::gradcheck(c.fn, inputs));
    if (c.second_order) {
      EXPECT_TRUE(ember::autograd::gradgradcheck(c.fn, inputs));
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << c.name << ": " << e.what();
  }
}

std::vector<TableParam> table_params() {
  std::vector<TableParam> params;
  for (const OpCase& c : all_cases()) {
    params.push_back({c, false});
    // view() of a transposed tensor is an error in PyTorch too.
    if (c.op == GradOp::view) continue;
    bool has_matrix = false;
    for (const auto& shape : c.input_shapes) has_matrix = has_matrix || shape.size() == 2;
    if (has_matrix) params.push_back({c, true});
  }
  return params;
}

INSTANTIATE_TEST_SUITE_P(AllOps, OpGradcheck, ::testing::ValuesIn(table_params()),
                         [](const ::testing::TestParamInfo<TableParam>& info) {
                           std::string name = info.param.c.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name + (info.param.transposed ? "_T" : "") + "_" +
                                  std::to_string(info.index);
                         });

}  // namespace
