#include <exsolve/chemistry/local_equilibria.h>
#include <exsolve/core/input_error.h>

#include <cmath>

namespace exsolve
{
  namespace
  {
    bool
    acts_in_the_bulk(const DefectReaction &r)
    {
      for (const auto &t : r.terms)
        if (t.kind == ReactionTerm::Kind::oxygen_gas
            || t.kind == ReactionTerm::Kind::pure_phase)
          return false;
      return true;
    }
  } // namespace



  LocalEquilibria::LocalEquilibria(const DefectChemistry &chemistry,
                                   const double           concentration_scale)
      : chemistry(chemistry)
      , to_fraction(concentration_scale / chemistry.formula_unit_density)
  {
    for (const auto &r : chemistry.reactions)
      if (r.rate_constant == 0. && acts_in_the_bulk(r))
        fast.push_back(&r);
    const unsigned int n = chemistry.n_species();
    stoichiometry.reinit(n, fast.size());
    for (unsigned int f = 0; f < fast.size(); ++f)
      for (const auto &t : fast[f]->terms)
        if (t.kind == ReactionTerm::Kind::species)
          stoichiometry(t.species_index, f) += t.coefficient;
    log_K.resize(fast.size());
    set_temperature(temperature);
  }



  void
  LocalEquilibria::set_temperature(const double T)
  {
    temperature = T;
    for (unsigned int f = 0; f < fast.size(); ++f)
      log_K[f] = fast[f]->log_equilibrium_constant(T);
  }



  void
  LocalEquilibria::evaluate(const std::vector<double>  &c,
                            std::vector<double>        &rho,
                            dealii::FullMatrix<double> *derivative) const
  {
    const unsigned int               n = chemistry.n_species();
    thread_local std::vector<double> x, d_products, d_reactants;
    x.resize(n);
    for (unsigned int i = 0; i < n; ++i)
      x[i] = c[i] * to_fraction;
    rho.resize(fast.size());
    if (derivative)
      derivative->reinit(fast.size(), n);
    for (unsigned int f = 0; f < fast.size(); ++f)
    {
      d_products.assign(n, 0.);
      d_reactants.assign(n, 0.);
      // O2 takes no part (log pressure 0 is never used).
      rho[f] = chemistry.log_activity_product(
                 *fast[f], true, x, temperature, 0., &d_products)
               - chemistry.log_activity_product(
                 *fast[f], false, x, temperature, 0., &d_reactants)
               - log_K[f];
      if (derivative)
        for (unsigned int j = 0; j < n; ++j)
          (*derivative)(f, j) = d_products[j] - d_reactants[j];
    }
  }



  LocalEquilibria::Elimination
  LocalEquilibria::eliminate(const std::vector<double> &weight) const
  {
    const unsigned int n = chemistry.n_species(), m = fast.size();
    Elimination        result;
    result.constraint_of.assign(n, -1);
    result.pivot.resize(m);
    // Gaussian elimination over the reactions (columns), choosing as row
    // pivot the admissible species of smallest weight.
    dealii::FullMatrix<double> reduced(stoichiometry);
    for (unsigned int f = 0; f < m; ++f)
    {
      int best = -1;
      for (unsigned int i = 0; i < n; ++i)
        if (result.constraint_of[i] < 0 && std::abs(reduced(i, f)) > 1e-9
            && (best < 0 || weight[i] < weight[best]))
          best = i;
      require_input(best >= 0,
                    "Defect chemistry/Reactions",
                    fast[f]->name + ": " + fast[f]->equation,
                    "the fast reactions (those without a rate constant) are "
                    "linearly dependent in the species; give one of them a "
                    "rate constant or remove it");
      const unsigned int p    = best;
      result.pivot[f]         = p;
      result.constraint_of[p] = f;
      for (unsigned int g = f + 1; g < m; ++g)
      {
        const double factor = reduced(p, g) / reduced(p, f);
        for (unsigned int i = 0; i < n; ++i)
          reduced(i, g) -= factor * reduced(i, f);
      }
    }
    // T = nu B^{-1} with B(q, f) = nu_{pivot(q) f}.
    dealii::FullMatrix<double> B(m, m);
    for (unsigned int q = 0; q < m; ++q)
      for (unsigned int f = 0; f < m; ++f)
        B(q, f) = stoichiometry(result.pivot[q], f);
    B.gauss_jordan();
    result.combination.reinit(n, m);
    stoichiometry.mmult(result.combination, B);
    result.constraint_weights = B;
    return result;
  }



  std::vector<unsigned int>
  LocalEquilibria::species_of(const unsigned int f) const
  {
    std::vector<unsigned int> result;
    for (unsigned int i = 0; i < chemistry.n_species(); ++i)
      if (stoichiometry(i, f) != 0.)
        result.push_back(i);
    return result;
  }
} // namespace exsolve
