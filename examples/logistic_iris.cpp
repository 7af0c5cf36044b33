// SPDX-License-Identifier: MIT
// Lesson 001's logistic regression, ŷ = σ(wᵀx + b) trained on the binary cross-entropy, on Fisher's
// iris (data/iris.csv): is a flower virginica (1) or not (0)? Split 70/30 with a seed, standardise
// on the training part, train, report accuracy, log-loss and the confusion matrix on the test part,
// then the same with softmax regression on all three species. Draws the training and test loss
// curves, and lesson 001's decision boundary of a logistic model on the two petal features.
// Usage: logistic_iris [PICTURE_FOLDER [IRIS_CSV]].
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <string>

#include "models/models.hpp"
#include "examples/guarded_main.hpp"

namespace m = tapegrad::models;

static int run(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : "pictures";
  const std::string csv = argc > 2 ? argv[2] : TAPEGRAD_DATA_DIR "/iris.csv";
  const m::Dataset iris = m::load_csv(csv, {.target = "species", .classes = 3});
  auto [train, test] = m::train_test_split(iris, {.test_fraction = 0.3, .seed = 1});
  m::Standardizer scaler;
  const Eigen::MatrixXd x_train = scaler.fit_transform(train.x);
  const Eigen::MatrixXd x_test = scaler.transform(test.x);
  const Eigen::VectorXi species_train = m::to_labels(train.y), species_test = m::to_labels(test.y);
  fmt::print("iris: {} training and {} test flowers, features {}\n\n", x_train.rows(),
             x_test.rows(), fmt::join(iris.feature_names, ", "));

  // Binary: virginica (species 2) or not.
  const Eigen::VectorXi virginica_train = (species_train.array() == 2).cast<int>();
  const Eigen::VectorXi virginica_test = (species_test.array() == 2).cast<int>();
  m::LogisticRegression logistic({.fit = {.solver = m::Solver::gradient_descent,
                                          .learning_rate = 0.5,
                                          .epochs = 300}});
  // The test flowers ride along as held-out data: their log-loss after every step is the test curve.
  logistic.fit(x_train, virginica_train, x_test, virginica_test);
  fmt::print("Logistic regression (virginica or not), gradient descent η = 0.5, 300 steps\n");
  fmt::print("  w = [{:.3f}], b = {:.3f}\n", fmt::join(logistic.weights(), ", "), logistic.bias());
  fmt::print("  training loss {:.4f} → {:.4f}\n", logistic.history().records.front().value,
             logistic.history().records.back().value);
  fmt::print("  test accuracy {:.3f}, test log-loss {:.4f}\n", logistic.score(x_test, virginica_test),
             m::log_loss(virginica_test, Eigen::VectorXd(logistic.predict_proba(x_test))));
  const Eigen::MatrixXi c2 = m::confusion_matrix(virginica_test, logistic.predict(x_test), 2);
  fmt::print("  confusion (rows: true 0/1, columns: predicted 0/1): [{} {}; {} {}]\n\n", c2(0, 0),
             c2(0, 1), c2(1, 0), c2(1, 1));

  // All three species.
  m::SoftmaxRegression softmax({.fit = {.solver = m::Solver::adam, .learning_rate = 0.05,
                                        .epochs = 300, .l2 = 1e-3}});
  softmax.fit(x_train, species_train);
  fmt::print("Softmax regression (3 species), Adam η = 0.05, 300 steps, L2 = 0.001\n");
  fmt::print("  test accuracy {:.3f}, test log-loss {:.4f}\n", softmax.score(x_test, species_test),
             m::log_loss(species_test, softmax.predict_proba(x_test)));
  const Eigen::MatrixXi c3 = m::confusion_matrix(species_test, softmax.predict(x_test), 3);
  fmt::print("  confusion (rows: true species, columns: predicted):\n");
  for (Eigen::Index r = 0; r < 3; ++r)
    fmt::print("    {:>10}: {:3} {:3} {:3}\n",
               std::array{"setosa", "versicolor", "virginica"}[std::size_t(r)], c3(r, 0), c3(r, 1),
               c3(r, 2));

  // A test curve that turns up while the training curve still falls would be overfitting.
  std::vector<m::PlotFiles> files;
  files.push_back(m::plot_loss_curves(
      out + "/iris_loss",
      {{"logistic (virginica?), GD: training", logistic.history().losses()},
       {"logistic (virginica?), GD: test", logistic.history().held_out_losses},
       {"softmax (3 species), Adam: training", softmax.history().losses()}},
      {.title = "iris: cross-entropy per step, on the training and the test flowers", .x_label = "step"}));

  // Lesson 001's picture: a logistic model on two features, its boundary p = 0.5 between the classes.
  const Eigen::MatrixXd petals_train = x_train(Eigen::all, std::vector<int>{2, 3});
  m::LogisticRegression two({.fit = {.solver = m::Solver::gradient_descent, .learning_rate = 0.5,
                                     .epochs = 300}});
  two.fit(petals_train, virginica_train);
  fmt::print("\nOn the petals alone (standardised length and width): w = [{:.3f}], b = {:.3f}, test "
             "accuracy {:.3f}\n", fmt::join(two.weights(), ", "), two.bias(),
             two.score(x_test(Eigen::all, std::vector<int>{2, 3}), virginica_test));
  files.push_back(m::plot_decision_boundary(
      out + "/iris_boundary", petals_train, virginica_train,
      {.w = two.weights(), .b = two.bias(), .x_name = "petal length (standardised)",
       .y_name = "petal width (standardised)"},
      {.title = fmt::format("virginica (1) or not (0): p = σ({:.2f}·length {} {:.2f}·width {} {:.2f})",
                            two.weights()[0], two.weights()[1] < 0 ? "−" : "+", std::abs(two.weights()[1]),
                            two.bias() < 0 ? "−" : "+", std::abs(two.bias()))}));
  for (const auto& f : files) {
    for (const auto& d : f.data) fmt::print("\nwrote {}", d);
    fmt::print("\n{}\n", f.image.empty() ? "no picture: " + f.note : "wrote " + f.image);
  }
  return logistic.score(x_test, virginica_test) > 0.9 && softmax.score(x_test, species_test) > 0.9
             ? 0
             : 1;
}

int main(int argc, char** argv) {
  return tapegrad::examples::guarded_main(argv[0], [&] { return run(argc, argv); });
}
