// SPDX-License-Identifier: MIT
// UsageError: the command line asks for something that cannot be done (a malformed --at, a
// variable without a value, a name given twice). The tool exits with code 2 on it.
#pragma once

#include "autodiff/errors.hpp"

namespace tapegrad::cli {

class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace tapegrad::cli
