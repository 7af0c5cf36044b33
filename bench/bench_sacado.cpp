// SPDX-License-Identifier: MIT
// Trilinos Sacado (Debian libtrilinos-sacado-dev) on the scalar workloads, with its templated
// reverse mode (Sacado::Rad::ADvar, "TRAD"): record by computing with ADvars, then Gradcomp()
// sweeps once and leaves each input's adjoint in adj(). Its memory blocks are reused after Gradcomp.
#include <Sacado_trad.hpp>

#include <vector>

#include "bench/harness.hpp"

namespace bench {
namespace {

using ADvar = Sacado::Rad::ADvar<double>;

struct SacadoRad {
  // Sacado keeps its memory blocks in a global context; giving them back when a variant ends lets
  // the next one's peak heap include the blocks it grows.
  ~SacadoRad() { Sacado::Rad::ADcontext<double>::re_init(); }

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    std::vector<ADvar> x(p.begin(), p.end());
    const ADvar y = w.template f<ADvar>(std::span<const ADvar>(x));
    ADvar::Gradcomp();
    for (std::size_t i = 0; i < p.size(); ++i) g[i] = x[i].adj();
    return y.val();
  }
};

const bool registered = [] {
  add_matrix_workloads<SacadoRad>("sacado", true);
  add_scalar_workloads<SacadoRad>("sacado");
  return true;
}();

}  // namespace
}  // namespace bench
