// to_dot follows torchviz's make_dot (torchviz/dot.py) and the text the Python graphviz
// package writes for it: the same nodes, edges, attributes, quoting and graph size, so that
// the pictures match.

#include "ember/autograd/Dot.h"

#include <cctype>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "autograd/AccumulateGrad.h"
#include "ember/autograd/Node.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::autograd {

namespace {

// graphviz.quoting.quote: plain identifiers and numerals as they are, anything else in double
// quotes (inner quotes escaped; newlines stay as they are).
// An identifier ([a-zA-Z_][a-zA-Z0-9_]*) or a numeral (-?(.[0-9]+|[0-9]+(.[0-9]*)?)).
bool is_plain_id(std::string_view id) {
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (id.empty()) return false;
  if (alpha(id[0])) {
    for (char c : id) {
      if (!alpha(c) && !digit(c)) return false;
    }
    return true;
  }
  size_t i = id[0] == '-' ? 1 : 0;
  size_t digits = 0, dots = 0;
  for (; i < id.size(); ++i) {
    if (digit(id[i])) {
      ++digits;
    } else if (id[i] == '.' && dots == 0) {
      ++dots;
    } else {
      return false;
    }
  }
  return digits > 0;
}

std::string quote(std::string_view id) {
  static const std::unordered_set<std::string_view> keywords = {"node",    "edge",     "graph",
                                                                "digraph", "subgraph", "strict"};
  std::string lower(id);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (is_plain_id(id) && keywords.count(lower) == 0) {
    return std::string(id);
  }
  std::string out = "\"";
  for (size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '"' && (i == 0 || id[i - 1] != '\\')) out += '\\';
    out += id[i];
  }
  return out + "\"";
}

// Python's str() of the graph size: "12" for the minimum, a float's repr beyond it.
std::string python_size(size_t rows) {
  const double content = static_cast<double>(rows) * 0.15;
  if (content <= 12) return "12";
  std::string s = fmt::format("{}", content);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

class DotWriter {
 public:
  explicit DotWriter(const std::vector<std::pair<std::string, Tensor>>& params) {
    for (const auto& [name, tensor] : params) {
      EMBER_CHECK(tensor.defined(), "to_dot: parameter '{}' is an undefined tensor", name);
      param_names_.emplace(tensor.unsafeGetTensorImpl(), name);
    }
  }

  void add_base_tensor(const Tensor& var, std::string_view color) {
    if (!seen_.insert(var.unsafeGetTensorImpl()).second) return;
    node(id(var.unsafeGetTensorImpl()), var_name(var), color);
    if (const std::shared_ptr<Node>& fn = var.grad_fn()) {
      add_nodes(fn.get());
      edge(id(fn.get()), id(var.unsafeGetTensorImpl()));
    }
    if (var.is_view()) {
      const Tensor& base = var._base();
      add_base_tensor(base, "darkolivegreen3");
      edge(id(base.unsafeGetTensorImpl()), id(var.unsafeGetTensorImpl()), " [style=dotted]");
    }
  }

  std::string source() const {
    std::string out = "digraph {\n";
    out += fmt::format("\tgraph [size=\"{0},{0}\"]\n", python_size(body_.size()));
    out +=
        "\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box "
        "style=filled]\n";
    for (const std::string& line : body_) out += line;
    return out + "}\n";
  }

 private:
  static std::string id(const void* p) {
    return std::to_string(reinterpret_cast<std::uintptr_t>(p));
  }

  // "name\n (2, 3)", the name empty for tensors not in params.
  std::string var_name(const Tensor& var) const {
    auto it = param_names_.find(var.unsafeGetTensorImpl());
    const std::string name = it == param_names_.end() ? std::string() : it->second;
    return fmt::format("{}\n ({})", name, fmt::join(var.sizes(), ", "));
  }

  // Python's type(fn).__name__: the node's name without libtorch's namespace.
  static std::string fn_name(const Node& fn) {
    std::string name = fn.name();
    constexpr std::string_view prefix = "torch::autograd::";
    if (name.rfind(prefix, 0) == 0) name.erase(0, prefix.size());
    return name;
  }

  void add_nodes(const Node* fn) {
    if (!seen_.insert(fn).second) return;
    if (const auto* acc = dynamic_cast<const AccumulateGrad*>(fn)) {
      const Tensor& var = acc->variable();
      seen_.insert(var.unsafeGetTensorImpl());
      node(id(var.unsafeGetTensorImpl()), var_name(var), "lightblue");
      edge(id(var.unsafeGetTensorImpl()), id(fn));
    }
    node(id(fn), fn_name(*fn), {});
    for (const Edge& next : fn->next_edges()) {
      if (!next.is_valid()) continue;
      edge(id(next.function.get()), id(fn));
      add_nodes(next.function.get());
    }
  }

  void node(const std::string& name, const std::string& label, std::string_view fillcolor) {
    std::string line = fmt::format("\t{} [label={}", name, quote(label));
    if (!fillcolor.empty()) line += fmt::format(" fillcolor={}", fillcolor);
    body_.push_back(line + "]\n");
  }

  void edge(const std::string& tail, const std::string& head, std::string_view attrs = {}) {
    body_.push_back(fmt::format("\t{} -> {}{}\n", tail, head, attrs));
  }

  std::unordered_map<const TensorImpl*, std::string> param_names_;
  std::unordered_set<const void*> seen_;
  std::vector<std::string> body_;
};

}  // namespace

std::string to_dot(const Tensor& t, const std::vector<std::pair<std::string, Tensor>>& params) {
  EMBER_CHECK(t.defined(), "to_dot: expected a defined tensor, got an undefined one");
  DotWriter writer(params);
  writer.add_base_tensor(t, "darkolivegreen1");
  return writer.source();
}

}  // namespace ember::autograd
