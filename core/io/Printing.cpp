// Tensor printing, identical to Python PyTorch's repr (torch/_tensor_str.py): the same
// formatter choices (integer mode, scientific mode, widths), the same line breaking and
// summarisation, the same suffixes. Values are formatted from their float64 value, as Python
// formats its floats.

#include <cmath>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/Printing.h"

namespace ember {

namespace {

// Lines are assembled in memory; a width beyond any terminal only risks overflow.
constexpr int64_t kMaxLinewidth = int64_t{1} << 31;

// The settings are process-wide and may change while another thread prints: every access
// takes the mutex, and each print works from its own copy.
std::mutex& options_mutex() {
  static std::mutex m;
  return m;
}
PrintOptions& options_locked() {
  static PrintOptions opts;
  return opts;
}
PrintOptions current_options() {
  std::lock_guard<std::mutex> lock(options_mutex());
  return options_locked();
}

enum class ValueKind { kFloat, kInt, kBool };

// A host copy of the tensor as float64 (floating dtypes) or int64 (integers, bool).
struct HostValues {
  ValueKind kind;
  std::vector<int64_t> strides;
  const double* f = nullptr;
  const int64_t* i = nullptr;
  Tensor holder;
};

HostValues host_values(const Tensor& t) {
  HostValues h;
  Tensor host = t.detach();
  if (!host.is_cpu()) host = host.cpu();
  if (is_floating_type(t.dtype())) {
    h.kind = ValueKind::kFloat;
    h.holder = host.to(kDouble).contiguous();
    h.f = h.holder.data_ptr<double>();
  } else {
    h.kind = t.dtype() == kBool ? ValueKind::kBool : ValueKind::kInt;
    h.holder = host.to(kLong).contiguous();
    h.i = h.holder.data_ptr<int64_t>();
  }
  h.strides = h.holder.strides().vec();
  return h;
}

std::string printf_string(const char* format, int width, int precision, double v) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, format, width, precision, v);
  if (n >= 0 && static_cast<size_t>(n) < sizeof buf) return std::string(buf, n);
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(big.data(), big.size(), format, width, precision, v);
  big.resize(static_cast<size_t>(n));
  return big;
}

// Python's "{:W.Pf}" / "{:W.Pe}" / "{:.0f}": as printf, except NaN prints as "nan" whatever
// its sign bit.
std::string py_float(double v, char conv, int precision, int width = 0) {
  if (std::isnan(v)) {
    std::string s = "nan";
    if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), ' ');
    return s;
  }
  const char* format = conv == 'e' ? "%*.*e" : "%*.*f";
  return printf_string(format, width, precision, v);
}

class Formatter {
 public:
  Formatter(const HostValues& h, const std::vector<int64_t>& offsets, const PrintOptions& opts)
      : kind_(h.kind), precision_(opts.precision) {
    const int precision = precision_;
    if (kind_ != ValueKind::kFloat) {
      for (int64_t off : offsets) {
        max_width_ = std::max(max_width_, static_cast<int>(int_string(h.i[off]).size()));
      }
      return;
    }
    std::vector<double> finite;
    for (int64_t off : offsets) {
      const double v = h.f[off];
      if (std::isfinite(v) && v != 0) finite.push_back(v);
    }
    if (!finite.empty()) {
      double lo = std::fabs(finite[0]), hi = lo;
      for (double v : finite) {
        lo = std::min(lo, std::fabs(v));
        hi = std::max(hi, std::fabs(v));
        if (v != std::ceil(v)) int_mode_ = false;
      }
      if (int_mode_) {
        if (hi / lo > 1000.0 || hi > 1.0e8) {
          sci_mode_ = true;
          for (double v : finite) widen(py_float(v, 'e', precision).size());
        } else {
          for (double v : finite) widen(py_float(v, 'f', 0).size() + 1);
        }
      } else if (hi / lo > 1000.0 || hi > 1.0e8 || lo < 1.0e-4) {
        sci_mode_ = true;
        for (double v : finite) widen(py_float(v, 'e', precision).size());
      } else {
        for (double v : finite) widen(py_float(v, 'f', precision).size());
      }
    }
    if (opts.sci_mode) sci_mode_ = *opts.sci_mode;
  }

  int width() const { return max_width_; }

  std::string format_float(double v) const {
    const int precision = precision_;
    std::string s;
    if (sci_mode_) {
      s = py_float(v, 'e', precision, max_width_);
    } else if (int_mode_) {
      s = py_float(v, 'f', 0);
      if (std::isfinite(v)) s += ".";
    } else {
      s = py_float(v, 'f', precision);
    }
    return pad(std::move(s));
  }

  std::string format_int(int64_t v) const { return pad(int_string(v)); }

  std::string format(const HostValues& h, int64_t off) const {
    return kind_ == ValueKind::kFloat ? format_float(h.f[off]) : format_int(h.i[off]);
  }

 private:
  std::string int_string(int64_t v) const {
    if (kind_ == ValueKind::kBool) return v ? "True" : "False";
    return std::to_string(v);
  }
  std::string pad(std::string s) const {
    if (static_cast<int>(s.size()) < max_width_) s.insert(0, max_width_ - s.size(), ' ');
    return s;
  }
  void widen(size_t w) { max_width_ = std::max(max_width_, static_cast<int>(w)); }

  ValueKind kind_;
  int precision_;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  int max_width_ = 1;
};

// Whether dimension `size` shows only its first and last `edge` items (size > 2 * edge,
// written so that a huge edgeitems cannot overflow).
bool summarizes(int64_t size, int64_t edge) { return size - edge > edge; }

// The items a summarised print shows (get_summarized_data): the first and last `edge` along
// every summarised dim, gathered without copying the rest, so that a huge (e.g. expanded)
// tensor prints without being materialised. Each summarised dim at least doubles the shown
// items, so the pieces concatenated here never outnumber them.
Tensor summarized_data(const Tensor& t, int64_t dim, int64_t edge) {
  if (dim == t.dim()) return t;
  const int64_t n = t.size(dim);
  if (!summarizes(n, edge)) return summarized_data(t, dim + 1, edge);
  if (edge == 0) {  // nothing is shown: empty every summarised dim, keeping the rest small
    Tensor none = t;
    for (int64_t d = dim; d < t.dim(); ++d) {
      if (summarizes(t.size(d), 0)) none = none.narrow(d, 0, 0);
    }
    return none;
  }
  return cat({summarized_data(t.narrow(dim, 0, edge), dim + 1, edge),
              summarized_data(t.narrow(dim, n - edge, edge), dim + 1, edge)},
             dim);
}

// Prints a tensor of shape `sizes` from `h`: all of its values, or, when summarising, the
// summarized_data() of it.
class Printer {
 public:
  Printer(const HostValues& h, IntArrayRef sizes, bool summarize, const PrintOptions& opts)
      : h_(h), sizes_(sizes.vec()), summarize_(summarize), edge_(opts.edgeitems), opts_(opts) {}

  std::string render(int indent) {
    std::vector<int64_t> offsets;
    collect(0, 0, offsets);
    formatter_.emplace(h_, offsets, opts_);
    return tensor_str(0, 0, indent);
  }

 private:
  bool summarized(size_t dim) const { return summarize_ && summarizes(sizes_[dim], edge_); }

  // The offset in h_ of item i along `dim` (the last `edge_` items of a summarised dim follow
  // its first ones there).
  int64_t item_offset(size_t dim, int64_t i) const {
    const int64_t pos = summarized(dim) && i >= edge_ ? i - (sizes_[dim] - 2 * edge_) : i;
    return pos * h_.strides[dim];
  }

  // The offsets of the elements that are shown (get_summarized_data).
  void collect(size_t dim, int64_t off, std::vector<int64_t>& out) const {
    if (dim == sizes_.size()) {
      out.push_back(off);
      return;
    }
    const int64_t n = sizes_[dim];
    if (summarized(dim)) {
      for (int64_t i = 0; i < edge_; ++i) collect(dim + 1, off + item_offset(dim, i), out);
      for (int64_t i = n - edge_; i < n; ++i) collect(dim + 1, off + item_offset(dim, i), out);
    } else {
      for (int64_t i = 0; i < n; ++i) collect(dim + 1, off + item_offset(dim, i), out);
    }
  }

  std::string tensor_str(size_t dim, int64_t off, int indent) const {
    const size_t ndim = sizes_.size() - dim;
    if (ndim == 0) return formatter_->format(h_, off);
    const int64_t n = sizes_[dim];
    if (ndim == 1) return vector_str(dim, off, indent);
    std::vector<std::string> slices;
    auto add = [&](int64_t i) {
      slices.push_back(tensor_str(dim + 1, off + item_offset(dim, i), indent + 1));
    };
    if (summarized(dim)) {
      for (int64_t i = 0; i < edge_; ++i) add(i);
      slices.emplace_back("...");
      for (int64_t i = n - edge_; i < n; ++i) add(i);
    } else {
      for (int64_t i = 0; i < n; ++i) add(i);
    }
    const std::string sep = "," + std::string(ndim - 1, '\n') + std::string(indent + 1, ' ');
    std::string s = "[";
    for (size_t i = 0; i < slices.size(); ++i) {
      if (i) s += sep;
      s += slices[i];
    }
    return s + "]";
  }

  std::string vector_str(size_t dim, int64_t off, int indent) const {
    const int64_t element_length = formatter_->width() + 2;
    const int64_t per_line = std::max<int64_t>(1, (opts_.linewidth - indent) / element_length);
    const int64_t n = sizes_[dim];
    std::vector<std::string> data;
    auto add = [&](int64_t i) {
      data.push_back(formatter_->format(h_, off + item_offset(dim, i)));
    };
    if (summarized(dim)) {
      for (int64_t i = 0; i < edge_; ++i) add(i);
      data.emplace_back(" ...");
      for (int64_t i = n - edge_; i < n; ++i) add(i);
    } else {
      for (int64_t i = 0; i < n; ++i) add(i);
    }
    std::string s = "[";
    for (size_t i = 0; i < data.size(); ++i) {
      if (i) {
        s += static_cast<int64_t>(i) % per_line == 0 ? ",\n" + std::string(indent + 1, ' ') : ", ";
      }
      s += data[i];
    }
    return s + "]";
  }

  const HostValues& h_;
  std::vector<int64_t> sizes_;
  bool summarize_;
  int64_t edge_;
  const PrintOptions& opts_;
  std::optional<Formatter> formatter_;
};

std::string shape_tuple(IntArrayRef sizes) {
  std::string s = "(";
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(sizes[i]);
  }
  if (sizes.size() == 1) s += ",";
  return s + ")";
}

std::string add_suffixes(const std::string& body, const std::vector<std::string>& suffixes,
                         int indent, int64_t linewidth) {
  std::string out = body;
  const size_t nl = body.rfind('\n');
  int64_t last_line_len = static_cast<int64_t>(body.size()) -
                          (nl == std::string::npos ? -1 : static_cast<int64_t>(nl)) + 1;
  for (const std::string& suffix : suffixes) {
    const int64_t len = static_cast<int64_t>(suffix.size());
    if (last_line_len + len + 2 > linewidth) {
      out += ",\n" + std::string(indent, ' ') + suffix;
      last_line_len = indent + len;
    } else {
      out += ", " + suffix;
      last_line_len += len + 2;
    }
  }
  return out + ")";
}

}  // namespace

void set_printoptions(std::optional<int> precision, std::optional<int64_t> threshold,
                      std::optional<int64_t> edgeitems, std::optional<int64_t> linewidth,
                      std::optional<bool> sci_mode) {
  EMBER_CHECK(!precision || (*precision >= 0 && *precision <= 100),
              "set_printoptions: precision must be in [0, 100], got {}", *precision);
  EMBER_CHECK(!edgeitems || *edgeitems >= 0, "set_printoptions: edgeitems must be >= 0, got {}",
              *edgeitems);
  EMBER_CHECK(!linewidth || (*linewidth > 0 && *linewidth <= kMaxLinewidth),
              "set_printoptions: linewidth must be in [1, {}], got {}", kMaxLinewidth, *linewidth);
  std::lock_guard<std::mutex> lock(options_mutex());
  PrintOptions& o = options_locked();
  if (precision) o.precision = *precision;
  if (threshold) o.threshold = *threshold;
  if (edgeitems) o.edgeitems = *edgeitems;
  if (linewidth) o.linewidth = *linewidth;
  o.sci_mode = sci_mode;  // as torch.set_printoptions: not passing it resets to automatic
}

void reset_printoptions() {
  std::lock_guard<std::mutex> lock(options_mutex());
  options_locked() = PrintOptions();
}

PrintOptions get_printoptions() { return current_options(); }

std::string to_string(const Tensor& t) {
  if (!t.defined()) return "[ Tensor (undefined) ]";
  const PrintOptions opts = current_options();
  const std::string prefix = "tensor(";
  const int indent = static_cast<int>(prefix.size());
  std::vector<std::string> suffixes;
  if (t.is_cuda()) suffixes.push_back("device='" + t.device().str() + "'");
  const Dtype dt = t.dtype();
  const std::string dtype_suffix = "dtype=ember." + std::string(dtype_python_name(dt));
  std::string body;
  if (t.numel() == 0) {
    if (t.dim() != 1) suffixes.push_back("size=" + shape_tuple(t.sizes()));
    if (dt != default_dtype()) suffixes.push_back(dtype_suffix);
    body = "[]";
  } else {
    if (dt != default_dtype() && dt != kLong && dt != kBool) suffixes.push_back(dtype_suffix);
    const bool summarize = t.numel() > opts.threshold;
    const HostValues h =
        host_values(summarize ? summarized_data(t.detach(), 0, opts.edgeitems) : t);
    body = Printer(h, t.sizes(), summarize, opts).render(indent);
  }
  if (t.requires_grad()) suffixes.emplace_back("requires_grad=True");
  return add_suffixes(prefix + body, suffixes, indent, opts.linewidth);
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) { return os << to_string(t); }

std::ostream& operator<<(std::ostream& os, IntArrayRef values) {
  os << '[';
  for (size_t i = 0; i < values.size(); ++i) os << (i ? ", " : "") << values[i];
  return os << ']';
}

std::ostream& operator<<(std::ostream& os, const TensorOptions& o) {
  return os << "TensorOptions(dtype=" << o.dtype() << ", device=" << o.device()
            << ", requires_grad=" << (o.requires_grad() ? "true" : "false") << ")";
}

}  // namespace ember
