#pragma once

// Line and scatter charts written as SVG files, for the samples' plots: axes with "nice"
// ticks and their labels, axis titles, a chart title, and a legend when there is more than one
// series. No dependency beyond the standard library, so every sample can plot.

#include <string>
#include <vector>

namespace ember_samples {

class Plot {
 public:
  Plot(std::string title, std::string x_label, std::string y_label);

  /// Adds a series drawn as a polyline through the points, in order.
  Plot& line(std::vector<double> x, std::vector<double> y, std::string label = {});
  /// Adds a series drawn as dots.
  Plot& scatter(std::vector<double> x, std::vector<double> y, std::string label = {});
  /// Logarithmic y axis (loss curves); non-positive values are left out.
  Plot& log_y(bool on = true);

  /// The chart as an SVG document.
  std::string svg() const;
  /// Writes svg() to `path`; throws std::runtime_error when the file cannot be written.
  void save(const std::string& path) const;

 private:
  struct Series {
    std::vector<double> x, y;
    std::string label;
    bool points;
  };
  Plot& add(std::vector<double> x, std::vector<double> y, std::string label, bool points);

  std::string title_, x_label_, y_label_;
  std::vector<Series> series_;
  bool log_y_ = false;
};

/// Ticks at 1, 2 or 5 times a power of ten covering [lo, hi] (about `target` of them).
std::vector<double> nice_ticks(double lo, double hi, int target = 6);

}  // namespace ember_samples
