#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/electrostatics/boundary_conditions.h>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    const std::string dirichlet_entry = "Boundary conditions/Fixed potential";
    const std::string neumann_entry
      = "Boundary conditions/Surface charge density";
    const std::string robin_entry = "Boundary conditions/Stern layer";

    /// The number of one 'name: value' item, with the item in the message.
    double
    item_value(const std::string &name,
               const std::string &value,
               const std::string &entry,
               const std::string &text)
    {
      try
      {
        return parameters::parse_double(value, entry);
      }
      catch (const InputError &)
      {
        throw InputError(entry + " = " + text + ": the value of '" + name
                         + "' ('" + value + "') is not a finite number");
      }
    }
  } // namespace

  void
  ElectrostaticBoundaryConditions::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Boundary conditions");
    {
      prm.declare_entry(
        "Fixed potential",
        "",
        Patterns::Anything(),
        "[V, or kT/e when dimensionless] Dirichlet condition phi = phi_b, as "
        "'boundary name: value, ...', e.g. 'surface: 0.2, bulk: 0'.");
      prm.declare_entry(
        "Surface charge density",
        "",
        Patterns::Anything(),
        "[C/m^2, or e c_ref L when dimensionless] Neumann condition "
        "eps dphi/dn = sigma (n the outward normal), as 'name: sigma, ...'.");
      prm.declare_entry(
        "Stern layer",
        "",
        Patterns::Anything(),
        "[F/m^2; V] Robin condition eps dphi/dn = C_s (phi_s - phi) for a "
        "compact layer of capacitance C_s > 0 in front of an electrode at "
        "potential phi_s, as 'name: C_s; phi_s, ...'.");
    }
    prm.leave_subsection();
  }



  void
  ElectrostaticBoundaryConditions::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Boundary conditions");
    const std::string dirichlet_text = prm.get("Fixed potential");
    const std::string neumann_text   = prm.get("Surface charge density");
    const std::string robin_text     = prm.get("Stern layer");
    prm.leave_subsection();

    fixed_potential.clear();
    surface_charge.clear();
    stern_layer.clear();
    for (const auto &[name, value] :
         parameters::parse_map(dirichlet_text, dirichlet_entry))
      fixed_potential[name]
        = item_value(name, value, dirichlet_entry, dirichlet_text);
    for (const auto &[name, value] :
         parameters::parse_map(neumann_text, neumann_entry))
    {
      require_input(fixed_potential.count(name) == 0,
                    neumann_entry,
                    neumann_text,
                    "boundary '" + name
                      + "' also has a fixed potential; a boundary takes one "
                        "condition only");
      surface_charge[name]
        = item_value(name, value, neumann_entry, neumann_text);
    }
    for (const auto &[name, value] :
         parameters::parse_map(robin_text, robin_entry))
    {
      require_input(fixed_potential.count(name) == 0
                      && surface_charge.count(name) == 0,
                    robin_entry,
                    robin_text,
                    "boundary '" + name
                      + "' already has another condition; a boundary takes "
                        "one condition only");
      const auto pair = parameters::parse_doubles(value, robin_entry, ";");
      require_input(pair.size() == 2,
                    robin_entry,
                    robin_text,
                    "each item reads 'name: C_s; phi_s' with two numbers");
      require_input(pair[0] > 0,
                    robin_entry,
                    robin_text,
                    "the capacitance C_s must be positive");
      stern_layer[name] = {pair[0], pair[1]};
    }
  }



  ElectrostaticBoundaryConditions::Resolved
  ElectrostaticBoundaryConditions::resolve(const BoundaryNames  &names,
                                           const PhysicalScales &scales) const
  {
    Resolved r;
    for (const auto &[name, value] : fixed_potential)
      r.dirichlet[names.id(name, dirichlet_entry)] = value / scales.potential();
    for (const auto &[name, value] : surface_charge)
      r.neumann[names.id(name, neumann_entry)]
        = value / scales.surface_charge();
    for (const auto &[name, value] : stern_layer)
      r.robin[names.id(name, robin_entry)]
        = {value.first / scales.capacitance(),
           value.second / scales.potential()};
    return r;
  }
} // namespace exsolve
