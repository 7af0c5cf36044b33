// SPDX-License-Identifier: MIT
// Everything in tapegrad::models in one include: data (CSV, standardisation, split, one-hot),
// metrics, the models (linear, logistic, softmax regression, MLP), training and pictures.
#pragma once

#include "models/dataset.hpp"
#include "models/errors.hpp"
#include "models/linear_regression.hpp"
#include "models/logistic_regression.hpp"
#include "models/metrics.hpp"
#include "models/mlp.hpp"
#include "models/plot.hpp"
#include "models/preprocess.hpp"
#include "models/softmax_regression.hpp"
#include "models/training.hpp"
