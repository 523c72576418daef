// to_dot: the text torchviz's make_dot writes for a small graph (nodes, attributes, edges and
// their order), views, and that Graphviz's dot accepts it.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ember/ember.h"

namespace {

using ember::Tensor;

std::string id(const void* p) { return std::to_string(reinterpret_cast<std::uintptr_t>(p)); }
std::string id(const Tensor& t) { return id(t.unsafeGetTensorImpl()); }

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

TEST(Dot, SmallGraphIsWhatMakeDotWrites) {
  Tensor x = ember::tensor({1.0, 2.0, 3.0}, ember::kDouble).requires_grad_();
  Tensor w = ember::tensor({4.0, 5.0, 6.0}, ember::kDouble).requires_grad_();
  Tensor y = x * w + x;
  const auto& add = y.grad_fn();
  const auto& mul = add->next_edges()[0].function;
  const auto& acc_x = add->next_edges()[1].function;
  const auto& acc_w = mul->next_edges()[1].function;
  ASSERT_EQ(mul->next_edges()[0].function, acc_x);

  const std::string dot = ember::autograd::to_dot(y, {{"x", x}, {"w", w}});
  // make_dot's traversal: the output, then each node before the nodes it leads to, a leaf's
  // box and edge just before its AccumulateGrad.
  const std::string expected =
      "digraph {\n"
      "\tgraph [size=\"12,12\"]\n"
      "\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box "
      "style=filled]\n"
      "\t" +
      id(y) +
      " [label=\"\n (3)\" fillcolor=darkolivegreen1]\n"
      "\t" +
      id(add.get()) +
      " [label=AddBackward0]\n"
      "\t" +
      id(mul.get()) + " -> " + id(add.get()) +
      "\n"
      "\t" +
      id(mul.get()) +
      " [label=MulBackward0]\n"
      "\t" +
      id(acc_x.get()) + " -> " + id(mul.get()) +
      "\n"
      "\t" +
      id(x) +
      " [label=\"x\n (3)\" fillcolor=lightblue]\n"
      "\t" +
      id(x) + " -> " + id(acc_x.get()) +
      "\n"
      "\t" +
      id(acc_x.get()) +
      " [label=AccumulateGrad]\n"
      "\t" +
      id(acc_w.get()) + " -> " + id(mul.get()) +
      "\n"
      "\t" +
      id(w) +
      " [label=\"w\n (3)\" fillcolor=lightblue]\n"
      "\t" +
      id(w) + " -> " + id(acc_w.get()) +
      "\n"
      "\t" +
      id(acc_w.get()) +
      " [label=AccumulateGrad]\n"
      "\t" +
      id(acc_x.get()) + " -> " + id(add.get()) +
      "\n"
      "\t" +
      id(add.get()) + " -> " + id(y) +
      "\n"
      "}\n";
  EXPECT_EQ(dot, expected);
}

TEST(Dot, UnnamedLeavesScalarsAndViews) {
  Tensor x = ember::ones({2, 3}, ember::kDouble).requires_grad_();
  Tensor v = ember::as_strided(x * 2, {3}, {1}, 0);
  const std::string dot = ember::autograd::to_dot(v);
  EXPECT_NE(dot.find("[label=AsStridedBackward0]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"\n (2, 3)\" fillcolor=lightblue]"), std::string::npos) << dot;
  // The view's base, in darkolivegreen3, with a dotted edge to the view.
  ASSERT_TRUE(v.is_view());
  const Tensor& base = v._base();
  EXPECT_NE(dot.find("\t" + id(base) + " [label=\"\n (2, 3)\" fillcolor=darkolivegreen3]"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\t" + id(base) + " -> " + id(v) + " [style=dotted]\n"), std::string::npos)
      << dot;
  // A leaf output: one box, no edges.
  const std::string leaf_dot = ember::autograd::to_dot(ember::ones({}, ember::kDouble));
  EXPECT_EQ(count(leaf_dot, "->"), 0u);
  EXPECT_NE(leaf_dot.find("[label=\"\n ()\" fillcolor=darkolivegreen1]"), std::string::npos);
}

TEST(Dot, LargeGraphsGrowAsResizeGraphSays) {
  Tensor x = ember::ones({1}, ember::kDouble).requires_grad_();
  Tensor y = x;
  for (int i = 0; i < 50; ++i) y = y * 1.5;
  // 2 * 50 + 5 body lines; Python's str(105 * 0.15).
  const std::string dot = ember::autograd::to_dot(y);
  EXPECT_EQ(count(dot, "MulBackward1"), 50u);
  EXPECT_NE(dot.find("\tgraph [size=\"15.75,15.75\"]\n"), std::string::npos) << dot.substr(0, 80);
}

TEST(Dot, GraphvizAcceptsTheText) {
  if (std::system("command -v dot > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "Graphviz's dot is not installed";
  Tensor x = ember::tensor({1.0, 2.0}, ember::kDouble).requires_grad_();
  Tensor w = ember::tensor({3.0, 4.0}, ember::kDouble).requires_grad_();
  Tensor y = ember::as_strided((x * w - x / w) * 2, {1}, {1}, 1);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ember_dot_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(&x)));
  std::filesystem::create_directories(dir);
  const auto dot_file = dir / "graph.dot";
  const auto svg_file = dir / "graph.svg";
  std::ofstream(dot_file) << ember::autograd::to_dot(y, {{"x", x}, {"w", w}});
  const std::string command =
      "dot -Tsvg '" + dot_file.string() + "' -o '" + svg_file.string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::stringstream svg;
  svg << std::ifstream(svg_file).rdbuf();
  EXPECT_NE(svg.str().find("<svg"), std::string::npos);
  EXPECT_NE(svg.str().find("MulBackward0"), std::string::npos);
  EXPECT_NE(svg.str().find("DivBackward0"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Dot, UndefinedTensorsAreErrors) {
  EXPECT_THROW(ember::autograd::to_dot(Tensor()), ember::Error);
  Tensor x = ember::ones({1}, ember::kDouble).requires_grad_();
  EXPECT_THROW(ember::autograd::to_dot(x * 2, {{"p", Tensor()}}), ember::Error);
}

}  // namespace
