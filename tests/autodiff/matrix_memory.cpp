// SPDX-License-Identifier: MIT
// Where MatrixVar values live (matrix_var.hpp, block_arena.hpp): a rewound training loop of matrix
// ops allocates nothing once it has run; a tape may outlive the constants it multiplied by; a
// recorded value read after its tape recorded over it throws instead of returning another op's
// numbers. Run under ASan in CI (./dev.sh sanitize), which would catch a dangling reference.
#include <boost/test/unit_test.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"

// Counts every heap allocation of this test executable by wrapping glibc's malloc family (Eigen
// allocates with malloc, not operator new). ASan brings its own malloc: not counted there.
#if !defined(__SANITIZE_ADDRESS__) && defined(__GLIBC__)
#define TAPEGRAD_COUNT_ALLOCATIONS 1
#include <cerrno>
#include <cstddef>

namespace {
std::atomic<std::int64_t> allocations{0};
void* counted(void* p) {
  if (p != nullptr) allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void* malloc(std::size_t n) { return counted(__libc_malloc(n)); }
void* calloc(std::size_t n, std::size_t size) { return counted(__libc_calloc(n, size)); }
void* realloc(void* p, std::size_t n) { return counted(__libc_realloc(p, n)); }
void* memalign(std::size_t align, std::size_t n) { return counted(__libc_memalign(align, n)); }
void* aligned_alloc(std::size_t align, std::size_t n) { return counted(__libc_memalign(align, n)); }
int posix_memalign(void** out, std::size_t align, std::size_t n) {
  if (align < sizeof(void*) || (align & (align - 1)) != 0) return EINVAL;
  void* p = counted(__libc_memalign(align, n));
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}
}
#endif

using namespace tapegrad;
using Eigen::MatrixXd;

BOOST_AUTO_TEST_SUITE(matrix_memory)

namespace {

// One recording of a loss that uses every matrix op (small shapes: Eigen's own products stay on
// the stack below 128 KiB of workspace); the gradient goes into a reused buffer.
struct Workload {
  MatrixVar x = MatrixXd::Random(20, 6);             // data, made once
  MatrixVar labels = (MatrixXd::Random(20, 1).array() > 0).cast<double>().matrix();
  MatrixVar targets = MatrixXd::Random(20, 1);
  std::array<int, 20> classes{};
  MatrixXd w_now = MatrixXd::Random(6, 1) * 0.3, v_now = MatrixXd::Random(4, 6) * 0.3;
  MatrixXd b_now = MatrixXd::Random(1, 4) * 0.1;
  Tape tape;
  Adjoints<double> adjoints;

  Workload() {
    for (std::size_t i = 0; i < classes.size(); ++i) classes[i] = int(i % 4);
  }
  double step() {
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar w = MatrixVar::input(tape, w_now);
    const MatrixVar v = MatrixVar::input(tape, v_now);
    const MatrixVar b = MatrixVar::input(tape, b_now);
    const Var s = tape.input(0.7);
    const MatrixVar z = x * w;                                    // matmul, data × parameters
    Var loss = bce_with_logits(z, labels) + mse(z * s + s, targets);
    const MatrixVar h = tanh(x * transpose(v) + b);               // broadcast row
    loss = loss + softmax_cross_entropy(h, classes) + 0.1 * squared_norm(h);
    loss = loss + sum(softmax(h)) + mean(log_softmax(h)) + log_sum_exp(h);
    loss = loss + dot(row_sums(h), z) + sum(col_sums(h)) + sum(col_means(exp(-h)));
    loss = loss + sum(cwise_quotient(sigmoid(h), 2.0 + abs(h))) + sum(pow(relu(h) + 1.0, s));
    loss = loss + sum(softplus(h) - h / s) + mean(sqrt(cwise_product(h, h) + 1.0));
    loss = loss + sum(log(exp(h) + 1.0));
    tape.backward(loss, adjoints);
    return adjoints.all()[w.first()];
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_rewound_loop_of_matrix_ops_allocates_nothing) {
#ifdef TAPEGRAD_COUNT_ALLOCATIONS
  Workload work;
  const double first = work.step();
  for (int k = 0; k < 3; ++k) work.step();  // the arena and the tape's columns reach their size
  const std::int64_t before = allocations.load();
  double last = 0;
  for (int k = 0; k < 5; ++k) last = work.step();
  const std::int64_t during = allocations.load() - before;
  BOOST_TEST(during == 0);
  BOOST_TEST(last == first);  // the same graph, the same gradient
#else
  BOOST_TEST_MESSAGE("allocations are not counted under AddressSanitizer");
#endif
}

BOOST_AUTO_TEST_CASE(a_tape_outlives_the_constant_it_multiplied_by) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixXd data = MatrixXd::Random(5, 3);
  const MatrixXd w_now = MatrixXd::Random(3, 1);
  std::optional<MatrixVar> x = MatrixVar(data);
  const MatrixVar w = MatrixVar::input(tape, w_now);
  const Var loss = sum(*x * w) + dot(w, MatrixVar(MatrixXd::Ones(3, 1)));
  x.reset();  // the user's only handle on the data is gone; the tape still needs it
  const MatrixXd g = w.adjoint(tape.backward(loss));
  const MatrixXd expected = data.colwise().sum().transpose().array() + 1.0;
  BOOST_TEST(g.isApprox(expected, 1e-14));
}

BOOST_AUTO_TEST_CASE(a_recorded_value_read_after_its_tape_recorded_over_it_throws) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, MatrixXd::Constant(2, 2, 1.0));
  const MatrixVar y = exp(a);
  BOOST_TEST(y.value()(1, 1) == std::exp(1.0));
  tape.rewind();
  const MatrixVar b = MatrixVar::input(tape, MatrixXd::Constant(2, 2, 2.0));
  const MatrixVar z = exp(b);  // reuses the memory y's value had
  BOOST_TEST(z.value()(0, 0) == std::exp(2.0));
  BOOST_CHECK_THROW((void)y.value(), StaleVarError);
  BOOST_CHECK_THROW((void)a.value(), StaleVarError);
  BOOST_CHECK_THROW((void)exp(y), StaleVarError);
}

BOOST_AUTO_TEST_CASE(a_recorded_value_stays_readable_after_its_tape_is_gone) {
  std::optional<MatrixVar> y;
  {
    Tape tape;
    auto scope = tape.activate();
    y = tanh(MatrixVar::input(tape, MatrixXd::Constant(3, 1, 0.5)));
  }
  // The value shares the tape's memory, which stays alive while y holds it.
  BOOST_TEST(y->value()(2, 0) == std::tanh(0.5));
  Tape other;
  auto scope = other.activate();
  BOOST_CHECK_THROW((void)exp(*y), TapeMisuseError);
}

BOOST_AUTO_TEST_CASE(a_partial_rewind_keeps_the_values_before_the_position) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, MatrixXd::Constant(2, 3, 0.25));
  const MatrixVar s = sqrt(a);
  const TapePosition kept = tape.position();
  for (int k = 0; k < 3; ++k) {
    tape.rewind(kept);
    const Var loss = sum(cwise_product(s, MatrixVar(MatrixXd::Constant(2, 3, double(k)))));
    const MatrixXd g = a.adjoint(tape.backward(loss));
    BOOST_TEST(s.value()(1, 2) == 0.5);
    BOOST_TEST(g(0, 0) == double(k), boost::test_tools::tolerance(1e-14));  // k·1/(2√a)
  }
}

BOOST_AUTO_TEST_SUITE_END()
