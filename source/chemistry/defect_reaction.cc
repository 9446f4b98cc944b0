#include <deal.II/base/utilities.h>

#include <exsolve/chemistry/defect_reaction.h>
#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>

#include <cctype>
#include <cmath>
#include <sstream>

namespace exsolve
{
  namespace
  {
    std::string
    format(const double value)
    {
      std::ostringstream s;
      s << value;
      return s.str();
    }

    /// Split "a + 2 b + 1/2 c" into (coefficient, token) pairs.
    std::vector<std::pair<double, std::string>>
    parse_side(const std::string &side, const std::string &context)
    {
      std::vector<std::pair<double, std::string>> result;
      const std::string trimmed = dealii::Utilities::trim(side);
      if (trimmed == "nil" || trimmed == "0")
        return result;
      for (const auto &raw : dealii::Utilities::split_string_list(trimmed, '+'))
      {
        const std::string item = dealii::Utilities::trim(raw);
        std::size_t       i    = 0;
        while (i < item.size()
               && (std::isdigit(static_cast<unsigned char>(item[i]))
                   || item[i] == '.' || item[i] == '/'))
          ++i;
        const std::string number = item.substr(0, i);
        const std::string token  = dealii::Utilities::trim(item.substr(i));
        if (token.empty())
          throw InputError(context + ": term '" + item
                           + "' has no species (write 'nil' for an empty "
                             "side)");
        double coefficient = 1.;
        if (!number.empty())
        {
          const auto slash = number.find('/');
          try
          {
            coefficient = slash == std::string::npos
                            ? std::stod(number)
                            : std::stod(number.substr(0, slash))
                                / std::stod(number.substr(slash + 1));
          }
          catch (const std::exception &)
          {
            throw InputError(context + ": cannot read the coefficient '"
                             + number + "' of '" + token + "'");
          }
          if (!(coefficient > 0) || !std::isfinite(coefficient))
            throw InputError(context + ": the coefficient '" + number + "' of '"
                             + token + "' must be positive");
        }
        result.emplace_back(coefficient, token);
      }
      return result;
    }
  } // namespace



  DefectReaction
  DefectReaction::parse(const std::string                    &name,
                        const std::string                    &equation,
                        const std::vector<KrogerVinkSpecies> &species,
                        const std::map<std::string, double>  &sublattices,
                        const std::string                    &parameter)
  {
    const std::string context
      = parameter + ", reaction '" + name + "' (" + equation + ")";
    DefectReaction reaction;
    reaction.name     = name;
    reaction.equation = equation;

    const auto equals = equation.find('=');
    if (equals == std::string::npos
        || equation.find('=', equals + 1) != std::string::npos)
      throw InputError(context
                       + ": a reaction is 'reactants = products' with "
                         "exactly one '=', e.g. O_O^x = V_O.. + 2 e' + 1/2 "
                         "O2 or nil = e' + h.");

    std::string declared;
    for (const auto &s : species)
      declared += (declared.empty() ? "" : ", ") + s.name;

    for (const int sign : {-1, +1})
    {
      const std::string side
        = sign < 0 ? equation.substr(0, equals) : equation.substr(equals + 1);
      for (const auto &[coefficient, token] : parse_side(side, context))
      {
        ReactionTerm term;
        term.token       = token;
        term.coefficient = sign * coefficient;
        bool found       = false;
        for (unsigned int i = 0; i < species.size(); ++i)
          if (species[i].name == token)
          {
            term.kind          = ReactionTerm::Kind::species;
            term.species_index = i;
            found              = true;
          }
        KrogerVinkSpecies kv;
        std::string       why;
        if (!found && KrogerVinkSpecies::parse(token, kv, why)
            && kv.is_regular() && sublattices.count(kv.site) > 0)
        {
          term.kind       = ReactionTerm::Kind::regular;
          term.sublattice = kv.site;
          found           = true;
        }
        if (!found && (token == "O2" || token == "O2(g)"))
        {
          term.kind = ReactionTerm::Kind::oxygen_gas;
          found     = true;
        }
        std::map<std::string, double> atoms;
        if (!found && token.size() > 3
            && token.substr(token.size() - 3) == "(s)"
            && parse_chemical_formula(token.substr(0, token.size() - 3), atoms))
        {
          term.kind = ReactionTerm::Kind::pure_phase;
          found     = true;
        }
        if (!found)
          throw InputError(
            context + ": unknown species '" + token
            + "'; a reaction may use the declared species (Physics/Species/"
              "Names: "
            + declared
            + "), the regular lattice species of the sublattices (e.g. O_O^x), "
              "O2 and pure phases written with (s), e.g. SrO(s)");
        for (const auto &t : reaction.terms)
          if (t.token == token)
            throw InputError(context + ": '" + token
                             + "' appears more than once; combine its terms");
        reaction.terms.push_back(term);
      }
    }
    if (reaction.terms.empty())
      throw InputError(context + ": both sides are empty");

    // Balances of charge, sites per sublattice and atoms per element.
    double                        charge = 0.;
    std::map<std::string, double> sites, atoms;
    for (const auto &t : reaction.terms)
    {
      std::map<std::string, double> composition;
      switch (t.kind)
      {
        case ReactionTerm::Kind::species:
        {
          const auto &s = species[t.species_index];
          charge += t.coefficient * s.charge;
          if (s.kind == KrogerVinkSpecies::Kind::lattice)
            sites[s.site] += t.coefficient;
          composition = s.composition();
          break;
        }
        case ReactionTerm::Kind::regular:
        {
          sites[t.sublattice] += t.coefficient;
          if (t.sublattice != "i")
            composition[t.sublattice] = 1.;
          break;
        }
        case ReactionTerm::Kind::oxygen_gas:
          composition["O"] = 2.;
          break;
        case ReactionTerm::Kind::pure_phase:
          parse_chemical_formula(t.token.substr(0, t.token.size() - 3),
                                 composition);
          break;
      }
      for (const auto &[element, n] : composition)
        atoms[element] += t.coefficient * n;
    }
    constexpr double tolerance = 1e-12;
    if (std::abs(charge) > tolerance)
      throw InputError(context
                       + ": the charge does not balance (products "
                         "minus reactants = "
                       + format(charge) + " e)");
    for (const auto &[element, n] : atoms)
      if (std::abs(n) > tolerance)
        throw InputError(context + ": the atoms do not balance (" + element
                         + ": products minus reactants = " + format(n) + ")");

    // Sites are either conserved on every sublattice, or created in the
    // proportions of the crystal (a Schottky reaction adds formula units).
    // Interstitial sites are never created.
    double ratio = 0.;
    bool   ok    = true;
    for (const auto &[site, n] : sites)
    {
      if (std::abs(n) <= tolerance)
        continue;
      if (site == "i")
      {
        ok = false;
        break;
      }
      const double r = n / sublattices.at(site);
      if (ratio == 0.)
        ratio = r;
      else if (std::abs(r - ratio) > tolerance * std::abs(ratio))
        ok = false;
    }
    if (ok && ratio != 0.)
      for (const auto &[site, m] : sublattices)
        if (site != "i" && std::abs(sites[site] - ratio * m) > tolerance)
          ok = false;
    if (!ok)
    {
      std::string balance;
      for (const auto &[site, n] : sites)
        balance += (balance.empty() ? "" : ", ") + site + ": " + format(n);
      throw InputError(
        context
        + ": the lattice sites do not balance (products minus "
          "reactants per sublattice: "
        + balance
        + "); each sublattice must keep its sites, or sites must be created "
          "in the ratio of the crystal (Physics/Defect chemistry/"
          "Sublattices); write the regular species explicitly, e.g. Sr_Sr^x "
          "+ O_O^x = V_Sr'' + V_O.. + SrO(s)");
    }
    return reaction;
  }



  double
  DefectReaction::log_equilibrium_constant(const double temperature) const
  {
    return entropy - enthalpy / (constants::boltzmann_eV * temperature);
  }



  double
  DefectReaction::oxygen_coefficient() const
  {
    for (const auto &t : terms)
      if (t.kind == ReactionTerm::Kind::oxygen_gas)
        return t.coefficient;
    return 0.;
  }
} // namespace exsolve
