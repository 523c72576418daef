#include "Plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace ember_samples {
namespace {

// Chart geometry (SVG user units): the plotting area sits inside margins that hold the tick
// labels, axis titles, title and legend.
constexpr double kWidth = 720, kHeight = 480;
constexpr double kLeft = 80, kRight = 30, kTop = 50, kBottom = 60;
constexpr const char* kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

// A tick label: short, without trailing zeros; scientific for very large or small values.
std::string tick_label(double v, bool exponent_only) {
  if (exponent_only) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "1e%d", static_cast<int>(std::lround(v)));
    return buffer;
  }
  if (std::abs(v) < 1e-12) return "0";
  char buffer[32];
  if (std::abs(v) >= 1e5 || std::abs(v) < 1e-3) {
    std::snprintf(buffer, sizeof buffer, "%.3g", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
  }
  return buffer;
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  // An empty or zero-width range is widened so that the axis still has a scale.
  void settle() {
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (lo == hi) {
      const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
};

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  const double span = hi - lo;
  if (!(span > 0) || !std::isfinite(span)) return {lo};
  const double raw = span / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

Plot::Plot(std::string title, std::string x_label, std::string y_label)
    : title_(std::move(title)), x_label_(std::move(x_label)), y_label_(std::move(y_label)) {}

Plot& Plot::add(std::vector<double> x, std::vector<double> y, std::string label, bool points) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("Plot: a series needs as many x values as y values (got " +
                                std::to_string(x.size()) + " and " + std::to_string(y.size()) +
                                ")");
  }
  series_.push_back({std::move(x), std::move(y), std::move(label), points});
  return *this;
}

Plot& Plot::line(std::vector<double> x, std::vector<double> y, std::string label) {
  return add(std::move(x), std::move(y), std::move(label), false);
}

Plot& Plot::scatter(std::vector<double> x, std::vector<double> y, std::string label) {
  return add(std::move(x), std::move(y), std::move(label), true);
}

Plot& Plot::log_y(bool on) {
  log_y_ = on;
  return *this;
}

std::string Plot::svg() const {
  auto y_value = [&](double v) {
    return log_y_ ? (v > 0 ? std::log10(v) : std::numeric_limits<double>::quiet_NaN()) : v;
  };
  Range xr, yr;
  for (const auto& s : series_) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(y_value(s.y[i]))) continue;
      xr.add(s.x[i]);
      yr.add(y_value(s.y[i]));
    }
  }
  xr.settle();
  yr.settle();
  std::vector<double> x_ticks = nice_ticks(xr.lo, xr.hi);
  std::vector<double> y_ticks;
  if (log_y_) {
    for (double e = std::floor(yr.lo); e <= std::ceil(yr.hi); ++e) y_ticks.push_back(e);
    if (y_ticks.size() > 8) {  // keep about eight decades labelled
      std::vector<double> thinned;
      const size_t every = (y_ticks.size() + 7) / 8;
      for (size_t i = 0; i < y_ticks.size(); i += every) thinned.push_back(y_ticks[i]);
      y_ticks = thinned;
    }
  } else {
    y_ticks = nice_ticks(yr.lo, yr.hi);
  }
  // The axes span the data and the ticks, so the outermost ticks sit on the frame or inside.
  const double x0 = std::min(xr.lo, x_ticks.front()), x1 = std::max(xr.hi, x_ticks.back());
  // A little room above and below, so that no point sits on the frame.
  const double y_pad = log_y_ ? 0 : 0.03 * (yr.hi - yr.lo);
  const double y0 = std::min(yr.lo - y_pad, y_ticks.front());
  const double y1 = std::max(yr.hi + y_pad, y_ticks.back());
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - x0) / (x1 - x0) * plot_w; };
  auto py = [&](double y) { return kTop + plot_h - (y - y0) / (y1 - y0) * plot_h; };

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" viewBox=\"0 0 " << kWidth << " " << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kWidth / 2 << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">"
      << escape(title_) << "</text>\n";
  // Grid lines and tick labels.
  out << "<g stroke=\"#dddddd\" stroke-width=\"1\">\n";
  for (double t : x_ticks) {
    out << "<line x1=\"" << number(px(t)) << "\" y1=\"" << kTop << "\" x2=\"" << number(px(t))
        << "\" y2=\"" << kTop + plot_h << "\"/>\n";
  }
  for (double t : y_ticks) {
    out << "<line x1=\"" << kLeft << "\" y1=\"" << number(py(t)) << "\" x2=\"" << kLeft + plot_w
        << "\" y2=\"" << number(py(t)) << "\"/>\n";
  }
  out << "</g>\n<g fill=\"#333333\">\n";
  for (double t : x_ticks) {
    out << "<text x=\"" << number(px(t)) << "\" y=\"" << kTop + plot_h + 18
        << "\" text-anchor=\"middle\">" << tick_label(t, false) << "</text>\n";
  }
  for (double t : y_ticks) {
    out << "<text x=\"" << kLeft - 8 << "\" y=\"" << number(py(t) + 4) << "\" text-anchor=\"end\">"
        << tick_label(t, log_y_) << "</text>\n";
  }
  out << "</g>\n";
  // Frame and axis titles.
  out << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << plot_w << "\" height=\""
      << plot_h << "\" fill=\"none\" stroke=\"#333333\"/>\n"
      << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << kHeight - 18
      << "\" text-anchor=\"middle\" font-size=\"13\">" << escape(x_label_) << "</text>\n"
      << "<text x=\"18\" y=\"" << kTop + plot_h / 2 << "\" text-anchor=\"middle\" font-size=\"13\""
      << " transform=\"rotate(-90 18 " << kTop + plot_h / 2 << ")\">"
      << escape(log_y_ ? y_label_ + " (log scale)" : y_label_) << "</text>\n";
  // The series, clipped to the plotting area.
  out << "<defs><clipPath id=\"area\"><rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\""
      << plot_w << "\" height=\"" << plot_h << "\"/></clipPath></defs>\n"
      << "<g clip-path=\"url(#area)\">\n";
  for (size_t k = 0; k < series_.size(); ++k) {
    const Series& s = series_[k];
    const char* colour = kColours[k % std::size(kColours)];
    if (s.points) {
      out << "<g fill=\"" << colour << "\" fill-opacity=\"0.7\">\n";
      for (size_t i = 0; i < s.x.size(); ++i) {
        const double y = y_value(s.y[i]);
        if (!std::isfinite(s.x[i]) || !std::isfinite(y)) continue;
        out << "<circle cx=\"" << number(px(s.x[i])) << "\" cy=\"" << number(py(y))
            << "\" r=\"2.5\"/>\n";
      }
      out << "</g>\n";
    } else {
      out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
      for (size_t i = 0; i < s.x.size(); ++i) {
        const double y = y_value(s.y[i]);
        if (!std::isfinite(s.x[i]) || !std::isfinite(y)) continue;
        out << number(px(s.x[i])) << "," << number(py(y)) << " ";
      }
      out << "\"/>\n";
    }
  }
  out << "</g>\n";
  // Legend, top right inside the frame, when two or more series have labels.
  std::vector<size_t> labelled;
  for (size_t k = 0; k < series_.size(); ++k) {
    if (!series_[k].label.empty()) labelled.push_back(k);
  }
  if (labelled.size() >= 2) {
    size_t longest = 0;
    for (size_t k : labelled) longest = std::max(longest, series_[k].label.size());
    const double box_w = 40 + 7.0 * static_cast<double>(longest),
                 box_h = 8 + 18.0 * labelled.size();
    // The corner whose box covers the fewest data points (top right on a tie).
    double bx = kLeft + plot_w - box_w - 10, by = kTop + 10;
    size_t fewest = std::numeric_limits<size_t>::max();
    for (const auto& [cx, cy] :
         {std::pair{kLeft + plot_w - box_w - 10, kTop + 10}, std::pair{kLeft + 10, kTop + 10},
          std::pair{kLeft + plot_w - box_w - 10, kTop + plot_h - box_h - 10},
          std::pair{kLeft + 10, kTop + plot_h - box_h - 10}}) {
      size_t covered = 0;
      for (const auto& s : series_) {
        for (size_t i = 0; i < s.x.size(); ++i) {
          const double x = px(s.x[i]), y = py(y_value(s.y[i]));
          covered += x >= cx && x <= cx + box_w && y >= cy && y <= cy + box_h;
        }
      }
      if (covered < fewest) {
        fewest = covered;
        bx = cx;
        by = cy;
      }
    }
    out << "<g class=\"legend\">\n<rect x=\"" << number(bx) << "\" y=\"" << number(by)
        << "\" width=\"" << number(box_w) << "\" height=\"" << number(box_h)
        << "\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#999999\"/>\n";
    for (size_t i = 0; i < labelled.size(); ++i) {
      const Series& s = series_[labelled[i]];
      const char* colour = kColours[labelled[i] % std::size(kColours)];
      const double cy = by + 15 + 18.0 * i;
      if (s.points) {
        out << "<circle cx=\"" << number(bx + 18) << "\" cy=\"" << number(cy)
            << "\" r=\"3.5\" fill=\"" << colour << "\"/>\n";
      } else {
        out << "<line x1=\"" << number(bx + 8) << "\" y1=\"" << number(cy) << "\" x2=\""
            << number(bx + 28) << "\" y2=\"" << number(cy) << "\" stroke=\"" << colour
            << "\" stroke-width=\"2\"/>\n";
      }
      out << "<text x=\"" << number(bx + 34) << "\" y=\"" << number(cy + 4) << "\">"
          << escape(s.label) << "</text>\n";
    }
    out << "</g>\n";
  }
  out << "</svg>\n";
  return out.str();
}

void Plot::save(const std::string& path) const {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot write the plot to " + path);
  file << svg();
  if (!file.flush()) throw std::runtime_error("cannot write the plot to " + path);
}

}  // namespace ember_samples
