#pragma once

#include <exsolve/chemistry/kroger_vink.h>

#include <map>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * One participant of a defect reaction with its signed stoichiometric
   * coefficient (products positive, reactants negative).
   */
  struct ReactionTerm
  {
    enum class Kind
    {
      species,    ///< a declared species (index into the species list)
      regular,    ///< the regular occupant of a sublattice, e.g. O_O^x
      oxygen_gas, ///< O2 or O2(g): enters with its partial pressure
      pure_phase  ///< a condensed phase of unit activity, e.g. SrO(s)
    };
    Kind        kind = Kind::species;
    std::string token;
    double      coefficient = 0.;
    /// Species index (Kind::species) or sublattice name (Kind::regular).
    unsigned int species_index = 0;
    std::string  sublattice;
  };

  /**
   * A reaction between point defects, the regular lattice, oxygen gas and
   * pure phases, e.g. "O_O^x = V_O.. + 2 e' + 1/2 O2", with the mass-action
   * constant K(T) = exp(dS/k) exp(-dH/kT) in the activities of its
   * participants (concentrations per formula unit, pressures relative to the
   * reference pressure).
   */
  struct DefectReaction
  {
    std::string               name;
    std::string               equation;
    std::vector<ReactionTerm> terms;
    double                    enthalpy = 0.; // eV
    double                    entropy  = 0.; // units of k
    /// Prefactor k0 [1/s] of the forward rate constant k0 exp(-Ea/kT) of a
    /// slow reaction; 0 for a fast one (in local equilibrium).
    double rate_constant          = 0.;
    double rate_activation_energy = 0.; // eV

    /**
     * Parse @p equation over the declared @p species and @p sublattices
     * (sites per formula unit) and check that it balances charge, lattice
     * sites and atoms. Throws an InputError naming @p parameter and the
     * reaction on any failure.
     */
    static DefectReaction
    parse(const std::string                    &name,
          const std::string                    &equation,
          const std::vector<KrogerVinkSpecies> &species,
          const std::map<std::string, double>  &sublattices,
          const std::string                    &parameter);

    /// ln K at temperature @p T [K].
    double
    log_equilibrium_constant(const double temperature) const;

    /// Coefficient of O2 (0 if it does not take part).
    double
    oxygen_coefficient() const;
  };
} // namespace exsolve
