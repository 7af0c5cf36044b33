// SPDX-License-Identifier: MIT
// The old include path of tapegrad::i18n (i18n/i18n.hpp, its own module since csv/ and optim/
// translate their messages too), kept for the files that still include it (autodiff/explain/,
// autodiff/reduce.hpp). New code includes "i18n/i18n.hpp".
#pragma once

#include "i18n/i18n.hpp"
