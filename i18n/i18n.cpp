// SPDX-License-Identifier: MIT
// gettext for tapegrad (see i18n.hpp): bindtextdomain on the first directory that has the
// catalog, LANGUAGE for the choice, and C.UTF-8 for LC_MESSAGES when the locale is plain C.
#include "i18n/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace tapegrad {
namespace {

constexpr const char* domain = "tapegrad";

std::string& language() {
  static std::string lang = "en";
  return lang;
}

// Where the compiled catalogs are: $TAPEGRAD_LOCALEDIR, the build tree, the install prefix.
std::string locale_directory(std::string_view lang) {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("TAPEGRAD_LOCALEDIR"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  candidates.emplace_back(TAPEGRAD_BUILD_LOCALEDIR);
  candidates.emplace_back(TAPEGRAD_INSTALL_LOCALEDIR);
  for (const std::string& dir : candidates) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(dir) / lang / "LC_MESSAGES" / "tapegrad.mo", ec))
      return dir;
  }
  return TAPEGRAD_INSTALL_LOCALEDIR;
}

// "ru_RU.UTF-8" → "ru"; "zh_CN:en" → "zh"; else "".
std::string supported_prefix(std::string_view value) {
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t end = value.find(':', start);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view item = value.substr(start, end - start);
    const std::string_view code = item.substr(0, item.find_first_of("_.@"));
    if (is_supported_language(code)) return std::string(code);
    if (code == "en") return "en";
    start = end + 1;
  }
  return "";
}

}  // namespace

bool is_supported_language(std::string_view lang) { return lang == "ru" || lang == "zh"; }

std::string language_from_environment() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string lang = supported_prefix(value);
    if (!lang.empty()) return lang;
  }
  return "en";
}

void set_language(std::string_view lang) {
  if (lang != "en" && !is_supported_language(lang))
    throw std::invalid_argument("unsupported language '" + std::string(lang) + "': use en, ru or zh");
  language() = std::string(lang);
  if (lang == "en") return;
  // gettext ignores LANGUAGE when the messages locale is "C": use the locale the environment
  // names if it is installed, else C.UTF-8 (built into glibc), which does not count as "C".
  const char* messages = std::setlocale(LC_MESSAGES, "");
  if (messages == nullptr || std::string_view(messages) == "C" || std::string_view(messages) == "POSIX")
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  // tapegrad's Chinese catalog is zh/, the system's (the C library's, below) are zh_CN/.
  setenv("LANGUAGE", lang == "zh" ? "zh:zh_CN" : std::string(lang).c_str(), 1);
  bindtextdomain(domain, locale_directory(lang).c_str());
  bind_textdomain_codeset(domain, "UTF-8");
  // The C library's own messages (strerror, in "cannot open the file for reading (…)") are
  // translated too when the system has them; without this they would come in LC_CTYPE's charset,
  // plain ASCII under the "C" locale: Russian transliterated ("Net takogo fajla"), Chinese English.
  bind_textdomain_codeset("libc", "UTF-8");
}

const std::string& current_language() { return language(); }

const char* tr(const char* msgid) {
  if (language() == "en") return msgid;
  return dgettext(domain, msgid);
}

const char* trn(const char* one, const char* many, unsigned long n) {
  if (language() == "en") return n == 1 ? one : many;
  return dngettext(domain, one, many, n);
}

}  // namespace tapegrad
