// SPDX-License-Identifier: MIT
// Lets Boost.Test print the gradient checker's enums in failure messages.
#pragma once

#include <ostream>

#include "autodiff/check/report.hpp"
#include "autodiff/check/diagnosis.hpp"

namespace tapegrad {
inline std::ostream& operator<<(std::ostream& out, Verdict v) { return out << to_string(v); }
inline std::ostream& operator<<(std::ostream& out, DiagnosisKind k) { return out << to_string(k); }
}  // namespace tapegrad
