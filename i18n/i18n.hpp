// SPDX-License-Identifier: MIT
// Translations of what tapegrad prints (the explain renderers, the check reports, the domain
// errors, the CSV reader's, the optimizers' and gnuplot's messages, the command's texts) through
// GNU gettext catalogs: po/ru.po and po/zh.po, compiled to tapegrad.mo by msgfmt at build time.
// set_language("ru") works on a machine without a Russian locale: it sets LANGUAGE and, when the
// messages locale is "C" (where gettext ignores LANGUAGE), switches LC_MESSAGES to C.UTF-8.
//
//   tapegrad::set_language("ru");
//   tapegrad::tr("Forward pass: each step computes one value from earlier ones");  // "Прямой проход…"
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace tapegrad {

// The languages with a catalog, besides English (the msgids): "ru", "zh".
bool is_supported_language(std::string_view lang);

// The language from the environment: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that names
// a supported language (ru_RU.UTF-8 → ru, zh_CN → zh), else "en".
std::string language_from_environment();

// Chooses the language of tr() for this process: "en", "ru" or "zh" (an unsupported code throws
// std::invalid_argument). The catalogs are looked up in TAPEGRAD_LOCALEDIR (the environment), the
// build tree, then the install prefix.
void set_language(std::string_view lang);
// The language chosen ("en" until set_language).
const std::string& current_language();

// The translation of `msgid` in the chosen language (msgid itself for English or a missing entry).
const char* tr(const char* msgid);
// The plural form for `n` of `one` / `many` (msgid and msgid_plural) in the chosen language.
const char* trn(const char* one, const char* many, unsigned long n);

// tr(msgid) formatted with fmt: trf("point {} of {}", 1, 5) → "точка 1 из 5". The msgid is a
// literal so that it can be found in the catalogs; a translation may reorder with {0}, {1}.
template <class... T>
std::string trf(const char* msgid, T&&... args) {
  return fmt::format(fmt::runtime(tr(msgid)), std::forward<T>(args)...);
}

}  // namespace tapegrad
