// SPDX-License-Identifier: MIT
// Everything in tapegrad::optim in one include: the optimizers, line searches, schedules,
// stopping rules, the minimise loop, minibatch training, CSV history and the test problems.
#pragma once

#include "optim/adagrad.hpp"
#include "optim/adam.hpp"
#include "optim/adamw.hpp"
#include "optim/errors.hpp"
#include "optim/gradient_descent.hpp"
#include "optim/history_csv.hpp"
#include "optim/lbfgs.hpp"
#include "optim/line_search.hpp"
#include "optim/minibatch.hpp"
#include "optim/minimize.hpp"
#include "optim/momentum.hpp"
#include "optim/nesterov.hpp"
#include "optim/objective.hpp"
#include "optim/optimizer.hpp"
#include "optim/problems.hpp"
#include "optim/progress.hpp"
#include "optim/rmsprop.hpp"
#include "optim/schedule.hpp"
#include "optim/step_record.hpp"
#include "optim/stopping.hpp"
