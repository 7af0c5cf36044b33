// SPDX-License-Identifier: MIT
// tapegrad::mpi::sum_over_ranks under mpirun: the sum of the ranks' shards equals one process's
// sum over all rows, every rank gets the same bits, optim::minimize takes the same steps on every
// rank, and a failure on one rank stops every rank.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "autodiff/expression/columnwise.hpp"
#include "autodiff/expression/parser.hpp"
#include "mpi/sum_over_ranks.hpp"
#include "optim/optim.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
int ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

// The data set every rank knows in full: rows i = 0..n-1 of a noisy line.
constexpr std::size_t rows = 1001;
double x_at(std::size_t i) { return -1.0 + 2.0 * static_cast<double>(i) / rows; }
double y_at(std::size_t i) { return 2.0 * x_at(i) + 1.0 + 0.1 * std::sin(37.0 * static_cast<double>(i)); }

// Σ over rows [begin, end) of (y − (w1·x + w0))², column-wise.
struct Shard {
  std::vector<double> x, y;
  Expression e = parse_expression("(y - (w1*x + w0))^2");
  std::unique_ptr<ColumnwiseSum> sum;
  Shard(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) x.push_back(x_at(i)), y.push_back(y_at(i));
    sum = std::make_unique<ColumnwiseSum>(
        e, std::vector{ColumnSource::data(y), ColumnSource::parameter(0), ColumnSource::data(x),
                       ColumnSource::parameter(1)},
        std::vector<std::string>{"w1", "w0"});
  }
  optim::Objective objective() const {
    return [this](const Eigen::VectorXd& w, Eigen::VectorXd& g) {
      return sum->sum(std::span<const double>(w.data(), 2), g) / rows;
    };
  }
};

Shard my_shard() {
  const auto r = static_cast<std::size_t>(rank());
  const auto n = static_cast<std::size_t>(ranks());
  return Shard(rows * r / n, rows * (r + 1) / n);
}

// Every rank's copy of v, gathered on every rank.
std::vector<double> gather(const std::vector<double>& v) {
  std::vector<double> all(v.size() * static_cast<std::size_t>(ranks()));
  MPI_Allgather(v.data(), static_cast<int>(v.size()), MPI_DOUBLE, all.data(),
                static_cast<int>(v.size()), MPI_DOUBLE, MPI_COMM_WORLD);
  return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sum_over_ranks)

BOOST_AUTO_TEST_CASE(the_ranks_shards_add_up_to_the_whole_data_set) {
  BOOST_TEST_REQUIRE(ranks() >= 2);
  const Shard shard = my_shard();
  const Shard whole(0, rows);
  const Eigen::Vector2d w(0.5, -0.25);
  Eigen::VectorXd g, g_whole;
  const double value = mpi::sum_over_ranks(shard.objective())(w, g);
  const double value_whole = whole.objective()(w, g_whole);
  BOOST_TEST(value == value_whole, tt::tolerance(1e-12));
  BOOST_TEST(g[0] == g_whole[0], tt::tolerance(1e-12));
  BOOST_TEST(g[1] == g_whole[1], tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(every_rank_gets_the_same_bits) {
  const Shard shard = my_shard();
  Eigen::VectorXd g;
  const double value = mpi::sum_over_ranks(shard.objective())(Eigen::Vector2d(0.1, 0.2), g);
  const std::vector<double> all = gather({value, g[0], g[1]});
  for (int r = 1; r < ranks(); ++r)
    for (std::size_t k = 0; k < 3; ++k) BOOST_TEST(all[3 * static_cast<std::size_t>(r) + k] == all[k]);
}

BOOST_AUTO_TEST_CASE(minimize_runs_unchanged_on_every_rank) {
  const Shard shard = my_shard();
  const Shard whole(0, rows);
  optim::GradientDescent gd({.learning_rate = 0.2});
  optim::GradientDescent gd_whole({.learning_rate = 0.2});
  const Eigen::Vector2d x0(0.0, 0.0);
  const optim::MinimizeOptions options{.max_steps = 50};
  const auto result = optim::minimize(mpi::sum_over_ranks(shard.objective()), x0, gd, options);
  const auto reference = optim::minimize(whole.objective(), x0, gd_whole, options);
  BOOST_TEST(result.x[0] == reference.x[0], tt::tolerance(1e-12));
  BOOST_TEST(result.x[1] == reference.x[1], tt::tolerance(1e-12));
  const std::vector<double> all = gather({result.x[0], result.x[1]});
  for (int r = 1; r < ranks(); ++r) {
    BOOST_TEST(all[2 * static_cast<std::size_t>(r)] == all[0]);
    BOOST_TEST(all[2 * static_cast<std::size_t>(r) + 1] == all[1]);
  }
}

BOOST_AUTO_TEST_CASE(a_failure_on_the_last_rank_stops_every_rank) {
  const int last = ranks() - 1;
  const optim::Objective local = [last](const Eigen::VectorXd&, Eigen::VectorXd& g) {
    if (rank() == last) throw DomainError(Op::log, {{-1.0, ""}}, "outside the domain a > 0");
    g.setZero(1);
    return 1.0;
  };
  Eigen::VectorXd g;
  if (rank() == last) {
    BOOST_CHECK_THROW(mpi::sum_over_ranks(local)(Eigen::VectorXd::Zero(1), g), DomainError);
  } else {
    try {
      mpi::sum_over_ranks(local)(Eigen::VectorXd::Zero(1), g);
      BOOST_FAIL("no error on this rank");
    } catch (const mpi::PeerError& e) {
      BOOST_TEST(e.rank() == last);
      BOOST_TEST(std::string(e.what()).find("log") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
