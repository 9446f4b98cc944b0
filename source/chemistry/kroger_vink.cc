#include <exsolve/chemistry/kroger_vink.h>

#include <cctype>

namespace exsolve
{
  namespace
  {
    bool
    is_element_symbol(const std::string &s)
    {
      if (s.empty() || s.size() > 2
          || !std::isupper(static_cast<unsigned char>(s[0])))
        return false;
      return s.size() == 1 || std::islower(static_cast<unsigned char>(s[1]));
    }
  } // namespace



  bool
  KrogerVinkSpecies::parse(const std::string &name,
                           KrogerVinkSpecies &result,
                           std::string       &why)
  {
    result      = KrogerVinkSpecies();
    result.name = name;
    if (name == "e'")
    {
      result.kind   = Kind::electron;
      result.charge = -1;
      return true;
    }
    if (name == "h.")
    {
      result.kind   = Kind::hole;
      result.charge = +1;
      return true;
    }

    const auto underscore = name.find('_');
    if (underscore == std::string::npos || underscore == 0)
    {
      why = "expected occupant_site followed by the charge, e.g. V_O.., "
            "Fe_Ti', O_O^x, or the carriers e' and h.";
      return false;
    }
    result.occupant = name.substr(0, underscore);
    if (result.occupant == "V")
      result.occupant.clear();
    else if (!is_element_symbol(result.occupant))
    {
      why = "occupant '" + result.occupant
            + "' is neither V (vacancy) nor an element symbol";
      return false;
    }

    // The site name runs up to the charge marks.
    std::size_t end = underscore + 1;
    while (
      end < name.size() && std::isalpha(static_cast<unsigned char>(name[end]))
      && !(name[end] == 'x' && end + 1 == name.size() && end > underscore + 1))
      ++end;
    result.site = name.substr(underscore + 1, end - underscore - 1);
    if (result.site.empty())
    {
      why = "no site after '_'";
      return false;
    }
    if (result.site != "i" && !is_element_symbol(result.site))
    {
      why = "site '" + result.site
            + "' is neither an element symbol nor i (interstitial)";
      return false;
    }

    const std::string marks = name.substr(end);
    if (marks == "x" || marks == "^x")
      return true;
    if (marks.empty())
    {
      why = "the effective charge is missing: add dots (.), primes (') or "
            "^x for neutral";
      return false;
    }
    int dots = 0, primes = 0;
    for (const char c : marks)
      if (c == '.')
        ++dots;
      else if (c == '\'')
        ++primes;
      else if (c == '"')
        primes += 2;
      else
      {
        why = "unexpected character '" + std::string(1, c)
              + "' in the charge marks '" + marks + "'";
        return false;
      }
    if (dots > 0 && primes > 0)
    {
      why = "charge marks '" + marks + "' mix dots and primes";
      return false;
    }
    result.charge = dots - primes;
    return true;
  }



  bool
  KrogerVinkSpecies::is_regular() const
  {
    return kind == Kind::lattice && charge == 0
           && (occupant == site || (site == "i" && occupant.empty()));
  }



  std::map<std::string, double>
  KrogerVinkSpecies::composition() const
  {
    if (kind != Kind::lattice || occupant.empty())
      return {};
    return {{occupant, 1.}};
  }



  bool
  parse_chemical_formula(const std::string             &formula,
                         std::map<std::string, double> &composition)
  {
    composition.clear();
    std::size_t i = 0;
    while (i < formula.size())
    {
      if (!std::isupper(static_cast<unsigned char>(formula[i])))
        return false;
      std::string element(1, formula[i++]);
      if (i < formula.size()
          && std::islower(static_cast<unsigned char>(formula[i])))
        element += formula[i++];
      unsigned int count = 0;
      while (i < formula.size()
             && std::isdigit(static_cast<unsigned char>(formula[i])))
        count = 10 * count + (formula[i++] - '0');
      composition[element] += (count == 0 ? 1. : count);
    }
    return !composition.empty();
  }
} // namespace exsolve
