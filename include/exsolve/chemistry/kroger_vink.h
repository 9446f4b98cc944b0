#pragma once

#include <map>
#include <string>

namespace exsolve
{
  /**
   * A point defect written in Kroger-Vink notation, A_S^q: the occupant A
   * (an element symbol, V for a vacancy), the lattice site S (a sublattice
   * name such as Sr, Ti, O, or i for an interstitial site) and the effective
   * charge q relative to the perfect lattice: one '.' per positive and one
   * ''' per negative charge ('"' counts as two primes), 'x' or '^x' for
   * neutral. The electronic carriers are e' (conduction electron) and h.
   * (valence hole); they occupy no site.
   *
   * Examples: V_O.. (+2), Fe_Ti' (-1), Ni_Ti'' (-2), Nb_Ti. (+1), O_O^x
   * (the regular oxygen ion), O_i'' (oxygen interstitial).
   */
  struct KrogerVinkSpecies
  {
    enum class Kind
    {
      lattice,  ///< an occupant on a lattice or interstitial site
      electron, ///< e'
      hole      ///< h.
    };

    std::string name;
    Kind        kind = Kind::lattice;
    /// Occupant element, empty for a vacancy and for electronic carriers.
    std::string occupant;
    /// Site (sublattice) name, empty for electronic carriers.
    std::string site;
    int         charge = 0;

    /**
     * Parse @p name. Returns false (and leaves @p result unspecified) if
     * @p name is not in Kroger-Vink notation; @p why then says what is
     * wrong.
     */
    static bool
    parse(const std::string &name, KrogerVinkSpecies &result, std::string &why);

    /// True for the regular occupant of its own site (O_O^x, Sr_Sr^x) and
    /// for an empty interstitial site (V_i^x).
    bool
    is_regular() const;

    /// Atoms this species adds to the crystal, by element.
    std::map<std::string, double>
    composition() const;
  };

  /**
   * Parse a chemical formula such as O2, H2O, SrO or NiO (element symbols,
   * each optionally followed by a count) into atoms per element. Returns
   * false if @p formula is not a formula.
   */
  bool
  parse_chemical_formula(const std::string             &formula,
                         std::map<std::string, double> &composition);
} // namespace exsolve
