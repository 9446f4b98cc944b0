#include <exsolve/chemistry/bulk_equilibrium.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    constexpr double blakemore_gamma = DefectChemistry::blakemore_gamma;

    double
    max_norm(const std::vector<double> &v)
    {
      double m = 0.;
      for (const double x : v)
        m = std::isfinite(x) ? std::max(m, std::abs(x))
                             : std::numeric_limits<double>::infinity();
      return m;
    }
  } // namespace



  BulkEquilibriumSolver::BulkEquilibriumSolver(const DefectChemistry &chemistry)
      : chemistry(chemistry)
  {
    const unsigned int n = chemistry.n_species();
    for (const auto &[element, content] : chemistry.dopant_contents)
    {
      std::vector<double> row(n, 0.);
      for (unsigned int i = 0; i < n; ++i)
      {
        const auto atoms = chemistry.species[i].composition();
        const auto it    = atoms.find(element);
        row[i]           = it == atoms.end() ? 0. : it->second;
      }
      content_matrix.push_back(row);
      contents.push_back(content);
    }

    const unsigned int n_equations
      = chemistry.reactions.size() + 1 + contents.size();
    std::string names;
    for (const auto &s : chemistry.species)
      names += (names.empty() ? "" : ", ") + s.name;
    require_input(
      n_equations == n,
      "Defect chemistry/Reactions",
      std::to_string(chemistry.reactions.size()) + " reaction(s)",
      "the " + std::to_string(n) + " species (" + names + ") need exactly "
        + std::to_string(n)
        + " equations: electroneutrality, one per element of Dopant contents ("
        + std::to_string(contents.size())
        + ") and one per independent "
          "reaction, so "
        + std::to_string(int(n) - 1 - int(contents.size()))
        + " reaction(s); leave out reactions that follow from others (e.g. "
          "oxidation = band gap x 2 - reduction)");

    // Each species must enter some equation, and the reactions must be
    // independent: the linear (dilute) part of the Jacobian has full rank.
    LAPACKFullMatrix<double> linear(n, n);
    for (unsigned int r = 0; r < chemistry.reactions.size(); ++r)
      for (const auto &t : chemistry.reactions[r].terms)
        if (t.kind == ReactionTerm::Kind::species)
          linear(r, t.species_index) = t.coefficient;
    const unsigned int neutral = chemistry.reactions.size();
    for (unsigned int i = 0; i < n; ++i)
      linear(neutral, i) = chemistry.species[i].charge;
    for (unsigned int e = 0; e < contents.size(); ++e)
      for (unsigned int i = 0; i < n; ++i)
        linear(neutral + 1 + e, i) = content_matrix[e][i];
    for (unsigned int i = 0; i < n; ++i)
    {
      bool used = false;
      for (unsigned int r = 0; r < n; ++r)
        used = used || linear(r, i) != 0.;
      require_input(used,
                    "Physics/Species/Names",
                    chemistry.species[i].name,
                    "this species takes part in no reaction and carries no "
                    "element of Defect chemistry/Dopant contents, so its "
                    "concentration is undetermined");
    }
    LAPACKFullMatrix<double> copy(linear);
    copy.compute_svd();
    const double largest = copy.singular_value(0);
    require_input(copy.singular_value(n - 1) > 1e-10 * largest,
                  "Defect chemistry/Reactions",
                  std::to_string(chemistry.reactions.size()) + " reaction(s)",
                  "the reactions, electroneutrality and dopant contents do "
                  "not determine every species: some reactions are linear "
                  "combinations of others, or a group of species appears "
                  "only in fixed ratios");
  }



  BulkEquilibriumSolver::State
  BulkEquilibriumSolver::evaluate(const std::vector<double> &y,
                                  const double               temperature) const
  {
    const unsigned int n         = chemistry.n_species();
    const bool         exclusion = chemistry.ionic_statistics
                           == DefectChemistry::IonicStatistics::site_exclusion;
    const bool blakemore = chemistry.electronic_statistics
                           == DefectChemistry::ElectronicStatistics::blakemore;
    State state;
    state.x.resize(n);
    state.log_a.resize(n);
    state.d_log_x.reinit(n, n);
    state.d_log_a.reinit(n, n);
    // ln(theta_S) = -ln(1 + sum_{j on S} e^{y_j} / m_S) under site exclusion.
    for (const auto &[site, m] : chemistry.sublattices)
    {
      double sum = 0.;
      if (exclusion)
        for (unsigned int j = 0; j < n; ++j)
          if (chemistry.species[j].kind == KrogerVinkSpecies::Kind::lattice
              && chemistry.species[j].site == site)
            sum += std::exp(y[j]) / m;
      state.log_theta[site] = -std::log1p(sum);
      state.d_log_theta[site].assign(n, 0.);
    }
    for (unsigned int i = 0; i < n; ++i)
    {
      const auto &s = chemistry.species[i];
      if (s.kind == KrogerVinkSpecies::Kind::lattice)
      {
        // a_i = x_i; under site exclusion y_i = ln(x_i / theta_S).
        const double log_x = y[i] + (exclusion ? state.log_theta[s.site] : 0.);
        state.x[i]         = std::exp(log_x);
        state.log_a[i]     = log_x;
      }
      else if (blakemore)
      {
        // y_i = ln a_i, x = e^y / (1 + gamma e^y / N).
        const double states = s.kind == KrogerVinkSpecies::Kind::electron
                                ? chemistry.conduction_states(temperature)
                                : chemistry.valence_states(temperature);
        const double f      = blakemore_gamma * std::exp(y[i]) / states;
        state.x[i]          = std::exp(y[i] - std::log1p(f));
        state.log_a[i]      = y[i];
        state.d_log_x(i, i) = 1. / (1. + f);
        state.d_log_a(i, i) = 1.;
        continue;
      }
      else
      {
        state.x[i]     = std::exp(y[i]);
        state.log_a[i] = y[i];
      }
      state.d_log_x(i, i) = 1.;
      state.d_log_a(i, i) = 1.;
    }
    if (exclusion)
      for (unsigned int i = 0; i < n; ++i)
      {
        const auto &s = chemistry.species[i];
        if (s.kind != KrogerVinkSpecies::Kind::lattice)
          continue;
        const double m               = chemistry.sublattices.at(s.site);
        state.d_log_theta[s.site][i] = -state.x[i] / m;
        for (unsigned int k = 0; k < n; ++k)
          if (chemistry.species[k].kind == KrogerVinkSpecies::Kind::lattice
              && chemistry.species[k].site == s.site)
          {
            state.d_log_x(k, i) -= state.x[i] / m;
            state.d_log_a(k, i) -= state.x[i] / m;
          }
      }
    return state;
  }



  std::vector<double>
  BulkEquilibriumSolver::to_unknowns(const std::vector<double> &x,
                                     const double temperature) const
  {
    const unsigned int  n = chemistry.n_species();
    std::vector<double> y(n);
    for (unsigned int i = 0; i < n; ++i)
    {
      const auto &s = chemistry.species[i];
      y[i]          = std::log(x[i]);
      if (s.kind == KrogerVinkSpecies::Kind::lattice)
        y[i] -= chemistry.log_regular_activity(s.site, x);
      else if (chemistry.electronic_statistics
               == DefectChemistry::ElectronicStatistics::blakemore)
        y[i] = chemistry.log_activities(x, temperature)[i];
    }
    return y;
  }



  std::vector<double>
  BulkEquilibriumSolver::residual(const std::vector<double> &y,
                                  const double               temperature,
                                  const double log_pressure_ratio) const
  {
    return residual(evaluate(y, temperature), temperature, log_pressure_ratio);
  }



  std::vector<double>
  BulkEquilibriumSolver::residual(const State &state,
                                  const double temperature,
                                  const double log_pressure_ratio) const
  {
    const unsigned int  n = chemistry.n_species();
    const auto         &x = state.x;
    std::vector<double> g;
    g.reserve(n);
    for (const auto &reaction : chemistry.reactions)
    {
      double sum = -reaction.log_equilibrium_constant(temperature);
      for (const auto &t : reaction.terms)
        switch (t.kind)
        {
          case ReactionTerm::Kind::species:
            sum += t.coefficient * state.log_a[t.species_index];
            break;
          case ReactionTerm::Kind::regular:
            sum += t.coefficient * state.log_theta.at(t.sublattice);
            break;
          case ReactionTerm::Kind::oxygen_gas:
            sum += t.coefficient * log_pressure_ratio;
            break;
          case ReactionTerm::Kind::pure_phase:
            break;
        }
      g.push_back(sum);
    }
    double positive = std::max(chemistry.fixed_charge, 0.);
    double negative = std::max(-chemistry.fixed_charge, 0.);
    for (unsigned int i = 0; i < n; ++i)
      (chemistry.species[i].charge > 0 ? positive : negative)
        += std::abs(chemistry.species[i].charge) * x[i];
    g.push_back(std::log(positive) - std::log(negative));
    for (unsigned int e = 0; e < contents.size(); ++e)
    {
      double sum = 0.;
      for (unsigned int i = 0; i < n; ++i)
        sum += content_matrix[e][i] * x[i];
      g.push_back(std::log(sum) - std::log(contents[e]));
    }
    return g;
  }



  void
  BulkEquilibriumSolver::jacobian(const State              &state,
                                  LAPACKFullMatrix<double> &J) const
  {
    const unsigned int n = chemistry.n_species();
    const auto        &x = state.x;
    J.reinit(n, n);
    J = 0.;
    for (unsigned int r = 0; r < chemistry.reactions.size(); ++r)
      for (const auto &t : chemistry.reactions[r].terms)
        for (unsigned int j = 0; j < n; ++j)
          if (t.kind == ReactionTerm::Kind::species)
            J(r, j) += t.coefficient * state.d_log_a(t.species_index, j);
          else if (t.kind == ReactionTerm::Kind::regular)
            J(r, j) += t.coefficient * state.d_log_theta.at(t.sublattice)[j];

    // d ln(sum_i w_i x_i) / dy_j = sum_i w_i x_i dln x_i/dy_j / sum.
    auto log_sum_row = [&](const std::vector<double> &w,
                           const double               offset,
                           const unsigned int         row,
                           const double               sign)
    {
      double sum = offset;
      for (unsigned int i = 0; i < n; ++i)
        sum += w[i] * x[i];
      for (unsigned int i = 0; i < n; ++i)
        if (w[i] != 0.)
          for (unsigned int j = 0; j < n; ++j)
            J(row, j) += sign * w[i] * x[i] * state.d_log_x(i, j) / sum;
    };
    const unsigned int  neutral = chemistry.reactions.size();
    std::vector<double> plus(n, 0.), minus(n, 0.);
    for (unsigned int i = 0; i < n; ++i)
      (chemistry.species[i].charge > 0 ? plus[i] : minus[i])
        = std::abs(chemistry.species[i].charge);
    log_sum_row(plus, std::max(chemistry.fixed_charge, 0.), neutral, +1.);
    log_sum_row(minus, std::max(-chemistry.fixed_charge, 0.), neutral, -1.);
    for (unsigned int e = 0; e < contents.size(); ++e)
      log_sum_row(content_matrix[e], 0., neutral + 1 + e, +1.);
  }



  bool
  BulkEquilibriumSolver::newton(std::vector<double> &y,
                                const double         temperature,
                                const double         log_pressure_ratio,
                                unsigned int        &iterations) const
  {
    constexpr double   tolerance = 1e-13; // on the O(1) log equations
    constexpr double   max_step  = 5.;    // largest change of ln x per step
    const unsigned int n         = y.size();
    State              state     = evaluate(y, temperature);
    auto               g    = residual(state, temperature, log_pressure_ratio);
    double             norm = max_norm(g);
    LAPACKFullMatrix<double> J;
    for (unsigned int it = 0; it < 200; ++it, ++iterations)
    {
      if (norm < tolerance)
        return true;
      jacobian(state, J);
      Vector<double> step(g.begin(), g.end());
      try
      {
        J.compute_lu_factorization();
        J.solve(step);
      }
      catch (...)
      {
        return false;
      }
      double largest = 0.;
      for (unsigned int i = 0; i < n; ++i)
        largest = std::max(largest, std::abs(step[i]));
      if (!std::isfinite(largest))
        return false;
      double alpha = std::min(1., max_step / largest);
      while (true)
      {
        std::vector<double> trial(y);
        for (unsigned int i = 0; i < n; ++i)
          trial[i] -= alpha * step[i];
        State      trial_state = evaluate(trial, temperature);
        const auto g_trial
          = residual(trial_state, temperature, log_pressure_ratio);
        const double trial_norm = max_norm(g_trial);
        if (trial_norm < (1. - 1e-4 * alpha) * norm
            || (alpha * largest < 1e-14 && trial_norm <= norm))
        {
          state = std::move(trial_state);
          y     = trial;
          g     = g_trial;
          norm  = trial_norm;
          break;
        }
        alpha /= 2;
        if (alpha < 1e-6)
          return norm < 1e3 * tolerance; // round-off stagnation
      }
    }
    return norm < tolerance;
  }



  BulkEquilibrium
  BulkEquilibriumSolver::solve(const double               temperature,
                               const double               pressure,
                               const std::vector<double> &initial_guess) const
  {
    const unsigned int n   = chemistry.n_species();
    const double log_ratio = std::log(pressure / chemistry.reference_pressure);

    // Default start: a small concentration, dopants at their content.
    std::vector<double> start_x(n, 1e-6);
    for (unsigned int e = 0; e < contents.size(); ++e)
      for (unsigned int i = 0; i < n; ++i)
        if (content_matrix[e][i] > 0)
          start_x[i] = std::min(contents[e], 0.5);
    const std::vector<double> start = to_unknowns(start_x, temperature);

    BulkEquilibrium result;
    result.temperature             = temperature;
    result.oxygen_partial_pressure = pressure;
    std::vector<double> y;
    if (initial_guess.size() == n)
      y = to_unknowns(initial_guess, temperature);
    for (const double v : y)
      if (!std::isfinite(v))
        y.clear();
    if (y.empty())
      y = start;

    bool converged = newton(y, temperature, log_ratio, result.iterations);
    if (!converged)
    {
      // Continuation in ln pO2 from the reference pressure.
      result.iterations = 0;
      y                 = start;
      double reached    = 0.;
      double increment  = log_ratio > 0 ? 2.3 : -2.3;
      converged         = newton(y, temperature, 0., result.iterations);
      while (converged && reached != log_ratio)
      {
        const double next = std::abs(log_ratio - reached) < std::abs(increment)
                              ? log_ratio
                              : reached + increment;
        std::vector<double> trial(y);
        if (newton(trial, temperature, next, result.iterations))
        {
          y       = trial;
          reached = next;
        }
        else if (std::abs(increment) > 1e-3)
          increment /= 4;
        else
          converged = false;
      }
    }
    if (!converged)
      throw SolverFailure(
        "the bulk defect equilibrium at T = "
        + parameters::to_string(temperature)
        + " K and pO2 = " + parameters::to_string(pressure)
        + " Pa was not found (Newton with line search and pO2 continuation "
          "failed); check that the reactions and dopant contents allow a "
          "neutral crystal");

    const State state     = evaluate(y, temperature);
    result.concentrations = state.x;

    // Slopes: J dy/dln(p) = -dg/dln(p), the O2 coefficients; then
    // dln x/dln p = (dln x/dy) dy/dln p.
    LAPACKFullMatrix<double> J;
    jacobian(state, J);
    Vector<double> rhs(n);
    for (unsigned int r = 0; r < chemistry.reactions.size(); ++r)
      rhs[r] = -chemistry.reactions[r].oxygen_coefficient();
    J.compute_lu_factorization();
    J.solve(rhs);
    result.slopes.assign(n, 0.);
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = 0; j < n; ++j)
        result.slopes[i] += state.d_log_x(i, j) * rhs[j];
    return result;
  }
} // namespace exsolve
