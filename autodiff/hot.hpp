// SPDX-License-Identifier: MIT
// TAPEGRAD_HOT: marks the few functions on the recording hot path (one call per recorded op).
#pragma once

// Inlined into the user's expression, the operands stay in registers and the per-op cost halves
// (see bench/).
#define TAPEGRAD_HOT [[gnu::always_inline]] inline
