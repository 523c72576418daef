#pragma once

// A small well-formedness check for the SVG files the samples write: the document parses as
// XML (every element closed in order, attributes quoted, entities known), its root is <svg>,
// and it is counted by element name so that tests can ask for axes, lines and text.

#include <map>
#include <string>

namespace ember_test {

struct SvgSummary {
  bool ok = false;
  std::string error;                    // why parsing failed, when !ok
  std::map<std::string, int> elements;  // element name -> count
  std::string text;                     // all character data, concatenated with spaces
};

SvgSummary check_svg(const std::string& document);
SvgSummary check_svg_file(const std::string& path);

}  // namespace ember_test
