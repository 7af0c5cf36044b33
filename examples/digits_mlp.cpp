// SPDX-License-Identifier: MIT
// Lesson 002's network that recognises digits: a 64-32-10 ReLU MLP on the UCI handwritten digits
// (data/digits.csv, 8×8 images), trained with Adam on minibatches. Reports the test accuracy (the
// test suite asserts the stated value), the confusion matrix, a few test images as text, and draws
// the training and test loss curves. The recipe is in digits_recipe.hpp.
#include <fmt/format.h>

#include <string>

#include "examples/digits_recipe.hpp"
#include "examples/guarded_main.hpp"

namespace m = tapegrad::models;

static int run(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : "pictures";
  const auto run = tapegrad::examples::run_digits(TAPEGRAD_DATA_DIR);
  const auto& h = run.net.history();
  fmt::print("digits: 64-32-10 ReLU MLP, Adam η = 0.005, batches of 32, L2 = 1e-4, {} epochs\n",
             h.records.size() - 1);
  for (std::size_t e = 0; e < h.records.size(); e += 5)
    fmt::print("  epoch {:2}: loss {:.4f}\n", e, h.records[e].value);
  fmt::print("  stopped: {}\n", h.stop.message);
  fmt::print("train accuracy {:.4f}\ntest accuracy  {:.4f} on {} held-out images (stated: ≥ {})\n\n",
             run.train_accuracy, run.test_accuracy, run.test_labels.size(),
             tapegrad::examples::digits_stated_accuracy);

  const Eigen::VectorXi predicted = run.net.predict(run.x_test);
  const Eigen::MatrixXi c = m::confusion_matrix(run.test_labels, predicted, 10);
  fmt::print("confusion matrix (rows: true digit, columns: predicted)\n     ");
  for (int j = 0; j < 10; ++j) fmt::print("{:4}", j);
  fmt::print("\n");
  for (int i = 0; i < 10; ++i) {
    fmt::print("  {}: ", i);
    for (int j = 0; j < 10; ++j) fmt::print("{:4}", c(i, j));
    fmt::print("\n");
  }

  // The first misclassified test image, drawn with characters (values are standardised, so
  // print the sign of each pixel's deviation from the training mean).
  for (Eigen::Index i = 0; i < predicted.size(); ++i) {
    if (predicted[i] == run.test_labels[i]) continue;
    fmt::print("\ntest image {}: a {} the network read as {}\n", i, run.test_labels[i], predicted[i]);
    for (int r = 0; r < 8; ++r) {
      fmt::print("  ");
      for (int col = 0; col < 8; ++col) fmt::print("{}", run.x_test(i, r * 8 + col) > 0.5 ? "##" : "..");
      fmt::print("\n");
    }
    break;
  }

  const m::PlotFiles f = m::plot_loss_curves(
      out + "/digits_loss",
      {{"training: the epoch's batches' cross-entropy + L2", h.losses()},
       {"test: cross-entropy on the held-out images", h.held_out_losses}},
      {.title = "digits MLP: loss per epoch on the training and the test images", .log_y = true});
  for (const auto& d : f.data) fmt::print("\nwrote {}", d);
  fmt::print("\n{}\n", f.image.empty() ? "no picture: " + f.note : "wrote " + f.image);
  return run.test_accuracy >= tapegrad::examples::digits_stated_accuracy ? 0 : 1;
}

int main(int argc, char** argv) {
  return tapegrad::examples::guarded_main(argv[0], [&] { return run(argc, argv); });
}
