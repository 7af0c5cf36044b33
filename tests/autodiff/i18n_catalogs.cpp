// SPDX-License-Identifier: MIT
// The catalogs po/ru.po and po/zh.po against the way trf() uses them: every translation must
// format with the arguments its msgid is given, and show each of them. msgfmt --check-format
// knows printf's %d, not fmt's {} and {0}, so a translation with a brace too many or an argument
// lost would only fail in front of a Russian or Chinese user (fmt::format_error, or a missing name).
#include <boost/test/unit_test.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

struct Entry {
  std::string msgid;
  std::vector<std::string> translations;  // msgstr, or msgstr[0], msgstr[1], …
  int line = 0;
};

// A .po file's entries (the quoted strings joined; only the escapes the catalogs use: \" and \\).
std::vector<Entry> read_po(const std::string& path) {
  std::vector<Entry> entries;
  std::ifstream in(path);
  std::string line;
  std::string* target = nullptr;
  int number = 0;
  const auto unquote = [](const std::string& s) {
    std::string out;
    for (std::size_t i = s.find('"') + 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) ++i;
      out += s[i];
    }
    return out;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("msgid \"")) {
      entries.push_back({.msgid = unquote(line), .translations = {}, .line = number});
      target = &entries.back().msgid;
    } else if (line.starts_with("msgid_plural ")) {
      target = nullptr;
    } else if (line.starts_with("msgstr") && !entries.empty()) {
      entries.back().translations.push_back(unquote(line));
      target = &entries.back().translations.back();
    } else if (line.starts_with("\"") && target != nullptr) {
      *target += unquote(line);
    } else {
      target = nullptr;
    }
  }
  return entries;
}

// How many arguments a msgid takes: the count of {} / {:spec}, or the highest {N} + 1.
int argument_count(const std::string& text) {
  static const std::regex field(R"(\{(\d*)(:[^}]*)?\})");
  int automatic = 0, manual = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), field); it != std::sregex_iterator(); ++it) {
    if ((*it)[1].length() == 0) ++automatic;
    else manual = std::max(manual, std::stoi((*it)[1]) + 1);
  }
  return std::max(automatic, manual);
}

void check_catalog(const std::string& lang) {
  const std::vector<Entry> entries = read_po(std::string(TAPEGRAD_PO_DIR) + "/" + lang + ".po");
  BOOST_TEST_REQUIRE(entries.size() > 100u, lang + ".po: too few entries read");
  std::set<std::string> seen;
  for (const Entry& e : entries) {
    if (e.msgid.empty()) continue;  // the header
    const std::string where = lang + ".po:" + std::to_string(e.line) + ": " + e.msgid;
    BOOST_TEST(seen.insert(e.msgid).second, where + ": given twice");
    const int n = argument_count(e.msgid);
    const bool has_spec = e.msgid.find("{:") != std::string::npos;
    for (const std::string& t : e.translations) {
      BOOST_TEST(!t.empty(), where + ": no translation");
      // Arguments 1001, 1002, …: numbers, so that {:02X} formats too, and easy to find again.
      fmt::dynamic_format_arg_store<fmt::format_context> args;
      for (int i = 0; i < n; ++i) args.push_back(1001 + i);
      std::string out;
      try {
        out = fmt::vformat(t, args);
      } catch (const fmt::format_error& error) {
        BOOST_ERROR(where + " → " + t + ": " + error.what());
        continue;
      }
      if (has_spec) continue;  // 0x3E9 is 1001, but not as text
      for (int i = 0; i < n; ++i)
        BOOST_TEST(out.find(std::to_string(1001 + i)) != std::string::npos,
                   where + " → " + t + ": argument " + std::to_string(i) + " is not shown");
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(i18n_catalogs)

BOOST_AUTO_TEST_CASE(russian_translations_format_with_their_arguments) { check_catalog("ru"); }
BOOST_AUTO_TEST_CASE(chinese_translations_format_with_their_arguments) { check_catalog("zh"); }

BOOST_AUTO_TEST_CASE(a_lost_argument_is_caught) {
  // The counting itself, on the forms the catalogs use.
  BOOST_TEST(argument_count("{} at {}") == 2);
  BOOST_TEST(argument_count("the loss became {0} at step {1} (was {2} at step {3})") == 4);
  BOOST_TEST(argument_count("byte 0x{:02X}") == 1);
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(1001);
  BOOST_CHECK_THROW(fmt::vformat("{} {}", args), fmt::format_error);
}

BOOST_AUTO_TEST_SUITE_END()
