#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <exsolve/core/physical_scales.h>
#include <exsolve/mesh/boundary_names.h>

#include <map>
#include <string>

namespace exsolve
{
  /**
   * Conditions for the electrostatic potential on named boundaries, with the
   * outward normal n:
   *  - fixed potential (Dirichlet):            phi = phi_b
   *  - surface charge density (Neumann):       eps dphi/dn = sigma
   *  - Stern layer (Robin):                    eps dphi/dn = C_s (phi_s - phi)
   * A boundary without a condition carries no charge (eps dphi/dn = 0).
   */
  struct ElectrostaticBoundaryConditions
  {
    /// Values in the user's unit system, keyed by boundary name.
    std::map<std::string, double>                    fixed_potential;
    std::map<std::string, double>                    surface_charge;
    std::map<std::string, std::pair<double, double>> stern_layer;

    /// Dimensionless values keyed by boundary id, ready for assembly.
    struct Resolved
    {
      std::map<dealii::types::boundary_id, double>                    dirichlet;
      std::map<dealii::types::boundary_id, double>                    neumann;
      std::map<dealii::types::boundary_id, std::pair<double, double>> robin;
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Parses and rejects a boundary that has two conditions.
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Map names to ids (InputError for unknown names) and scale values.
    Resolved
    resolve(const BoundaryNames &names, const PhysicalScales &scales) const;
  };
} // namespace exsolve
