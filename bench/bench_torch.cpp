// SPDX-License-Identifier: MIT
// PyTorch's C++ autograd (Debian libtorch-dev) on the scalar workloads, written as a PyTorch user
// would: the sums over data as whole-tensor operations (one autograd node per tensor op, not per
// element), the chain as a loop over 0-dimensional tensors. One intra-op thread, like every other
// variant here. Data tensors wrap the workload's arrays without copying.
#include <torch/torch.h>

#include <vector>

#include "bench/harness.hpp"

namespace bench {
namespace {

const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);

torch::Tensor wrap(const std::vector<double>& v) {
  return torch::from_blob(const_cast<double*>(v.data()), {std::int64_t(v.size())}, f64);
}
torch::Tensor leaf(double v) { return torch::scalar_tensor(v, f64).requires_grad_(true); }

struct Torch {
  Torch() { torch::set_num_threads(1); }

  double gradient(const Mse& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor x = wrap(w.x), y = wrap(w.y), w0 = leaf(p[0]), w1 = leaf(p[1]);
    const torch::Tensor loss = (y - (w1 * x + w0)).square().mean();
    loss.backward();
    g[0] = w0.grad().item<double>();
    g[1] = w1.grad().item<double>();
    return loss.item<double>();
  }
  double gradient(const LogSumExp&, std::span<const double> p, std::span<double> g) {
    const torch::Tensor x =
        torch::from_blob(const_cast<double*>(p.data()), {std::int64_t(p.size())}, f64)
            .clone()
            .requires_grad_(true);
    const torch::Tensor loss = torch::logsumexp(x, 0);
    loss.backward();
    const torch::Tensor grad = x.grad();
    std::copy_n(grad.data_ptr<double>(), p.size(), g.begin());
    return loss.item<double>();
  }
  double gradient(const NormalLogDensity& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor x = wrap(w.x), mu = leaf(p[0]), sigma = leaf(p[1]);
    const double n = double(w.x.size());
    const torch::Tensor z = (x - mu) / sigma;
    const torch::Tensor loss =
        -0.5 * z.square().sum() - n * sigma.log() - n * NormalLogDensity::half_log_2pi;
    loss.backward();
    g[0] = mu.grad().item<double>();
    g[1] = sigma.grad().item<double>();
    return loss.item<double>();
  }
  double gradient(const Chain& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor x0 = leaf(p[0]);
    torch::Tensor x = x0;
    for (std::size_t i = 0; i < w.steps; ++i) x = x.sin() * x + (-(x * x)).exp();
    x.backward();
    g[0] = x0.grad().item<double>();
    return x.item<double>();
  }

  // Logistic regression: X·w, then the fused, stable binary cross-entropy on logits.
  double gradient(const Logistic& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor X = torch::from_blob(const_cast<double*>(w.Xr.data()),
                                             {w.Xr.rows(), w.Xr.cols()}, f64);
    const torch::Tensor y = torch::from_blob(const_cast<double*>(w.y.data()), {w.y.size()}, f64);
    const torch::Tensor weights = params(p);
    const torch::Tensor loss =
        torch::binary_cross_entropy_with_logits(torch::mv(X, weights), y);
    loss.backward();
    return finish(loss, weights, g);
  }
  double gradient(const SumMatmul& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor ab = params(p);
    // The flat parameters hold A then B column-major: viewed row-major they are Aᵀ and Bᵀ, and
    // sum(A·B) = sum((Bᵀ·Aᵀ)ᵀ) = sum(Bᵀ·Aᵀ).
    const torch::Tensor at = ab.narrow(0, 0, w.n * w.n).view({w.n, w.n});
    const torch::Tensor bt = ab.narrow(0, w.n * w.n, w.n * w.n).view({w.n, w.n});
    const torch::Tensor loss = torch::matmul(bt, at).sum();
    loss.backward();
    return finish(loss, ab, g);
  }
  // The MLP as a PyTorch user writes it, on views of one flat parameter tensor.
  double gradient(const Mlp& w, std::span<const double> p, std::span<double> g) {
    const torch::Tensor X = torch::from_blob(const_cast<double*>(w.Xr.data()),
                                             {w.Xr.rows(), w.Xr.cols()}, f64);
    const torch::Tensor y = torch::from_blob(const_cast<double*>(w.y.data()), {w.y.size()}, f64);
    const torch::Tensor all = params(p);
    // W1 is stored column-major (hidden × in), i.e. row-major in × hidden: W1ᵀ as a view.
    const torch::Tensor w1t = all.narrow(0, Mlp::w1, Mlp::hidden * Mlp::in).view({Mlp::in, Mlp::hidden});
    const torch::Tensor b1 = all.narrow(0, Mlp::b1, Mlp::hidden);
    const torch::Tensor w2 = all.narrow(0, Mlp::w2, Mlp::hidden);
    const torch::Tensor b2 = all.narrow(0, Mlp::b2, 1);
    const torch::Tensor hidden = torch::tanh(torch::addmm(b1, X, w1t));
    const torch::Tensor out = torch::mv(hidden, w2) + b2;
    const torch::Tensor loss = torch::mse_loss(out, y);
    loss.backward();
    return finish(loss, all, g);
  }

 private:
  static torch::Tensor params(std::span<const double> p) {
    return torch::from_blob(const_cast<double*>(p.data()), {std::int64_t(p.size())}, f64)
        .clone()
        .requires_grad_(true);
  }
  static double finish(const torch::Tensor& loss, const torch::Tensor& leaf,
                       std::span<double> g) {
    const torch::Tensor grad = leaf.grad();
    std::copy_n(grad.data_ptr<double>(), g.size(), g.begin());
    return loss.item<double>();
  }
};

const bool registered = [] {
  add<Torch, Mse>("torch", data_sizes);
  add<Torch, LogSumExp>("torch", data_sizes);
  add<Torch, NormalLogDensity>("torch", data_sizes);
  // A 0-dimensional tensor op costs microseconds: the 10⁵-step chain would take ~7 s a gradient.
  add<Torch, Chain>("torch", {1000});
  add_matrix_workloads<Torch>("torch", false);
  return true;
}();

}  // namespace
}  // namespace bench
