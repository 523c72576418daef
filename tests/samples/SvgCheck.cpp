#include "SvgCheck.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace ember_test {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  SvgSummary run() {
    SvgSummary out;
    std::vector<std::string> open;
    bool seen_root = false;
    while (pos_ < s_.size()) {
      if (s_[pos_] != '<') {
        const size_t end = s_.find('<', pos_);
        std::string chunk =
            s_.substr(pos_, end == std::string::npos ? std::string::npos : end - pos_);
        if (!check_entities(chunk)) return fail(out, "unknown entity in text");
        if (open.empty() && chunk.find_first_not_of(" \t\r\n") != std::string::npos) {
          return fail(out, "text outside the root element");
        }
        out.text += chunk + " ";
        pos_ = end == std::string::npos ? s_.size() : end;
        continue;
      }
      if (s_.compare(pos_, 5, "<?xml") == 0) {
        const size_t end = s_.find("?>", pos_);
        if (end == std::string::npos || pos_ != 0) return fail(out, "bad XML declaration");
        pos_ = end + 2;
        continue;
      }
      if (s_.compare(pos_, 4, "<!--") == 0) {
        const size_t end = s_.find("-->", pos_);
        if (end == std::string::npos) return fail(out, "unterminated comment");
        pos_ = end + 3;
        continue;
      }
      if (s_.compare(pos_, 9, "<!DOCTYPE") == 0) {
        const size_t end = s_.find('>', pos_);
        if (end == std::string::npos) return fail(out, "unterminated DOCTYPE");
        pos_ = end + 1;
        continue;
      }
      if (s_.compare(pos_, 2, "</") == 0) {
        pos_ += 2;
        const std::string name = read_name();
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '>') return fail(out, "bad closing tag " + name);
        ++pos_;
        if (open.empty() || open.back() != name) return fail(out, "mismatched </" + name + ">");
        open.pop_back();
        continue;
      }
      ++pos_;
      const std::string name = read_name();
      if (name.empty()) return fail(out, "empty element name");
      if (open.empty()) {
        if (seen_root) return fail(out, "a second root element");
        if (name != "svg") return fail(out, "the root element is <" + name + ">, not <svg>");
        seen_root = true;
      }
      ++out.elements[name];
      // Attributes: name="value" or name='value'.
      for (;;) {
        skip_space();
        if (pos_ >= s_.size()) return fail(out, "unterminated tag <" + name + ">");
        if (s_[pos_] == '>') {
          ++pos_;
          open.push_back(name);
          break;
        }
        if (s_.compare(pos_, 2, "/>") == 0) {
          pos_ += 2;
          break;
        }
        const std::string attribute = read_name();
        if (attribute.empty()) return fail(out, "bad attribute in <" + name + ">");
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '=') return fail(out, "attribute without value");
        ++pos_;
        skip_space();
        if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
          return fail(out, "unquoted attribute " + attribute);
        }
        const char quote = s_[pos_++];
        const size_t end = s_.find(quote, pos_);
        if (end == std::string::npos) return fail(out, "unterminated attribute " + attribute);
        const std::string value = s_.substr(pos_, end - pos_);
        if (value.find('<') != std::string::npos || !check_entities(value)) {
          return fail(out, "bad attribute value of " + attribute);
        }
        pos_ = end + 1;
      }
    }
    if (!seen_root) return fail(out, "no <svg> element");
    if (!open.empty()) return fail(out, "<" + open.back() + "> is never closed");
    out.ok = true;
    return out;
  }

 private:
  static SvgSummary fail(SvgSummary& out, const std::string& why) {
    out.ok = false;
    out.error = why;
    return out;
  }
  static bool check_entities(const std::string& text) {
    for (size_t i = text.find('&'); i != std::string::npos; i = text.find('&', i + 1)) {
      const size_t end = text.find(';', i);
      if (end == std::string::npos) return false;
      const std::string entity = text.substr(i + 1, end - i - 1);
      if (entity != "amp" && entity != "lt" && entity != "gt" && entity != "quot" &&
          entity != "apos" && (entity.empty() || entity[0] != '#')) {
        return false;
      }
    }
    return true;
  }
  std::string read_name() {
    const size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  const std::string& s_;
  size_t pos_ = 0;
};

}  // namespace

SvgSummary check_svg(const std::string& document) { return Parser(document).run(); }

SvgSummary check_svg_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    SvgSummary out;
    out.error = "cannot read " + path;
    return out;
  }
  std::ostringstream content;
  content << file.rdbuf();
  return check_svg(content.str());
}

}  // namespace ember_test
