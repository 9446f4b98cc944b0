// The hand-derived Jacobian of the transient PNP residual (log-density
// unknowns, BDF step) against central finite differences,
// J(u) v ~ (F(u + h v) - F(u - h v)) / 2h with h = 1e-6: relative mismatch
// below 1e-6. The state is perturbed away from the solution so that every
// term is exercised: drift, diffusion, the mass term, the Poisson coupling,
// and all boundary conditions (fixed potential and concentration, Stern
// layer, surface charge, prescribed flux, exchange reaction). 1D (PETSc),
// 2D Q2 with hanging nodes and extended defects (core potentials, fast
// paths, core charges; Trilinos) and 3D (Trilinos); then with the
// defect chemistry (site exclusion and Blakemore activities in the fluxes,
// slow and fast reactions, the mass-action surface reaction) in 1D (PETSc)
// and 2D Q2 with hanging nodes (Trilinos); and the exsolution flux into
// the surface particles (1D PETSc, 2D Q2 Trilinos). Serial.
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/transport/transport_problem.h>

#include "test_utilities.h"

using namespace exsolve;

template <class Problem>
void
compare_with_differences(testing::Checker  &c,
                         Problem           &problem,
                         const std::string &label)
{
  using Vector = typename Problem::BlockVector;
  Vector u(problem.current_solution());
  for (unsigned int b = 0; b < u.n_blocks(); ++b)
    for (const auto i : u.block(b).locally_owned_elements())
      u.block(b)[i] = 1.1 * u.block(b)[i] + 0.2 * std::sin(0.7 * i + b);
  u.compress(dealii::VectorOperation::insert);
  Vector v(u);
  for (unsigned int b = 0; b < v.n_blocks(); ++b)
    for (const auto i : v.block(b).locally_owned_elements())
      v.block(b)[i] = std::cos(1.9 * i + 0.3 + b);
  v.compress(dealii::VectorOperation::insert);
  problem.constrain_direction(v);
  problem.constrain_direction(u); // keeps hanging nodes consistent
  Vector       Jv(u), plus(u), minus(u), up(u), um(u);
  const double h = 1e-6;
  problem.jacobian_vmult(u, v, Jv);
  up.add(h, v);
  um.add(-h, v);
  problem.compute_residual(up, plus);
  problem.compute_residual(um, minus);
  plus -= minus;
  plus /= 2 * h;
  plus -= Jv;
  c.close(plus.l2_norm() / Jv.l2_norm(),
          0.,
          0,
          1e-6,
          label + " PNP Jacobian vs finite differences (relative)");
}



template <int dim, class LA>
void
check_jacobian(testing::Checker &c, const testing::Overrides &extra)
{
  testing::Overrides overrides
    = {{"Geometry/Dimension", std::to_string(dim)},
       {"Geometry/Lengths", "1, 1, 1"},
       {"Geometry/Subdivisions", "4"},
       {"Physics/Model", "transport"},
       {"Physics/Unit system", "dimensionless"},
       {"Physics/Dimensionless Debye length", "0.3"},
       {"Physics/Fixed charge density", "-1"},
       {"Physics/Species/Names", "V, e, h"},
       {"Physics/Species/Charge numbers", "2, -1, 1"},
       {"Physics/Species/Bulk concentrations", "0.6, 0.3, 0.1"},
       {"Physics/Species/Diffusion prefactors", "1, 5, 0.5"},
       {"Boundary conditions/Fixed potential", "x_min: 1"},
       {"Boundary conditions/Stern layer", "x_max: 0.7; -0.5"},
       {"Boundary conditions/Fixed concentrations", "V@x_max: 0.5"},
       {"Boundary conditions/Exchange rate constants",
        "e@x_min: 2, h@x_max: 0.3"},
       {"Boundary conditions/Exchange concentrations", "e@x_min: 0.4"},
       {"Boundary conditions/Species fluxes", "h@x_min: 0.05"},
       {"Initial state/Type", "expressions"},
       {"Initial state/Concentrations",
        "0.6 + 0.2*x; 0.3*exp(-x); 0.1 + 0.05*sin(3*x)"},
       {"Time stepping/Scheme", "BDF1"}};
  for (const auto &e : extra)
    overrides.push_back(e);
  const auto parameters = testing::transport_parameters("", overrides);
  TransportProblem<dim, LA> problem(parameters, MPI_COMM_WORLD, false);
  problem.begin_step_for_testing(0.01);
  compare_with_differences(c, problem, std::to_string(dim) + "D " + LA::name);
}



// The defect chemistry in the transport: Fe:SrTiO3 with site exclusion
// (V_O.. and mobile Fe_Ti' filling up to about 10 % and 40 % of their
// sublattices) and Blakemore
// carriers (e' at 13 % of the band's Blakemore limit), the fast band gap
// (its rows combined, a pivot row replaced by the constraint), slow hole
// trapping, the mass-action reduction at one surface and a linearised
// exchange at the other.
template <int dim, class LA>
void
check_chemistry_jacobian(testing::Checker &c, const testing::Overrides &extra)
{
  testing::Overrides overrides
    = {{"Geometry/Dimension", std::to_string(dim)},
       {"Geometry/Lengths", "10, 10, 10"},
       {"Geometry/Subdivisions", "4"},
       {"Geometry/Boundary names", "x_min: surface, x_max: back"},
       {"Physics/Model", "transport"},
       {"Physics/Species/Diffusion prefactors",
        "6e-6, 1.7e-6, 8.6e-7, 1e-8, 2e-8"},
       {"Defect chemistry/Electronic statistics", "Blakemore"},
       {"Defect chemistry/Effective densities of states", "e': 1e27, h.: 2e27"},
       {"Defect chemistry/Reaction rate constants", "hole trapping: 1e5"},
       {"Boundary conditions/Fixed potential", "back: 0"},
       {"Boundary conditions/Surface reaction rate constants",
        "reduction@surface: 1e-3"},
       {"Boundary conditions/Exchange rate constants", "V_O..@back: 1e-2"},
       {"Boundary conditions/Exchange concentrations",
        "V_O..@back: equilibrium"},
       {"Initial state/Type", "expressions"},
       {"Initial state/Concentrations",
        "4.5e27*(1 + 0.1*sin(x)); 3e27*exp(-0.02*x); 1e20*(1 + 0.1*cos(x)); "
        "6e27*(1 - 0.01*x); 1e27*(1 + 0.02*x)"},
       {"Time stepping/Scheme", "BDF1"}};
  for (const auto &e : extra)
    overrides.push_back(e);
  const auto parameters = testing::transport_parameters(
    "parameter_files/materials/acceptor_doped_srtio3.prm", overrides);
  TransportProblem<dim, LA> problem(parameters, MPI_COMM_WORLD, false);
  const double              t_ref = parameters.time_scale;
  problem.begin_step_for_testing(1e-9 / t_ref);
  compare_with_differences(c,
                           problem,
                           std::to_string(dim) + "D " + LA::name
                             + " with defect chemistry");
}


// The exsolution flux into the particles (Particles/Exsolution): Ni_Ti''
// and V_O.. leave through the surface at the mass-action rate with the
// adatom coverage 0.3 of the step's start (vacancy order 1.5); 1D, and 2D
// Q2 with hanging nodes.
template <int dim, class LA>
void
check_exsolution_jacobian(testing::Checker &c, const testing::Overrides &extra)
{
  testing::Overrides overrides
    = {{"Geometry/Dimension", std::to_string(dim)},
       {"Geometry/Lengths", "10, 10, 10"},
       {"Geometry/Subdivisions", "4"},
       {"Geometry/Boundary names", "x_min: surface, x_max: back"},
       {"Physics/Model", "transport"},
       {"Physics/Unit system", "SI"},
       {"Physics/Temperature", "1100"},
       {"Physics/Relative permittivity", "83"},
       {"Physics/Fixed charge density", "1e22"},
       {"Physics/Species/Names", "V_O.., Ni_Ti'', e'"},
       {"Physics/Species/Charge numbers", "2, -2, -1"},
       {"Physics/Species/Bulk concentrations", "8.4e26, 8.4e26, 1e22"},
       {"Physics/Species/Diffusion prefactors", "1e-6, 1e-10, 1e-5"},
       {"Physics/Species/Diffusion activation energies", "1.0, 0.8, 0.3"},
       {"Boundary conditions/Fixed potential", "back: 0"},
       {"Particles/Exsolution/Surfaces", "surface"},
       {"Particles/Exsolution/Rate constant", "1e20"},
       {"Particles/Exsolution/Vacancy order", "1.5"},
       {"Particles/Surface element/Initial adatom coverage", "0.3"},
       {"Initial state/Type", "expressions"},
       {"Initial state/Concentrations",
        "8.4e26*(1 + 0.1*sin(x)); 8.4e26*exp(-0.02*x); 1e22*(1 + 0.1*cos(x))"},
       {"Time stepping/Scheme", "BDF1"}};
  for (const auto &e : extra)
    overrides.push_back(e);
  const auto parameters = testing::transport_parameters("", overrides);
  TransportProblem<dim, LA> problem(parameters, MPI_COMM_WORLD, false);
  problem.begin_step_for_testing(1e-3 / parameters.time_scale);
  compare_with_differences(c,
                           problem,
                           std::to_string(dim) + "D " + LA::name
                             + " with exsolution into particles");
}



int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  check_jacobian<1, PETScBackend>(c, {{"Geometry/Subdivisions", "16"}});
  check_jacobian<2, TrilinosBackend>(
    c,
    {{"Discretization/Polynomial degree", "2"},
     {"Boundary conditions/Surface charge density", "y_min: 0.1"},
     {"Mesh refinement/Strategy", "adaptive"},
     {"Mesh refinement/Refinement cycles", "2"},
     // Extended defects: core potentials, fast paths, core charges.
     {"Extended defects/Planes", "gb: 0.5 0.5 / 1 1"},
     {"Extended defects/Lines", "dislocation: 0.3 0.6"},
     {"Extended defects/Core half-widths", "gb: 0.1, dislocation: 0.15"},
     {"Extended defects/Segregation energies",
      "V@gb: -1, e@dislocation: 0.5, h@gb: 0.3"},
     {"Extended defects/Diffusivity factors", "h@gb: 10, V@dislocation: 3"},
     {"Extended defects/Core charges", "gb: 0.2, dislocation: -0.05"}});
  check_jacobian<3, TrilinosBackend>(
    c, {{"Boundary conditions/Surface charge density", "z_max: -0.1"}});
  check_chemistry_jacobian<1, PETScBackend>(c,
                                            {{"Geometry/Subdivisions", "16"}});
  check_chemistry_jacobian<2, TrilinosBackend>(
    c,
    {{"Discretization/Polynomial degree", "2"},
     {"Mesh refinement/Strategy", "adaptive"},
     {"Mesh refinement/Refinement cycles", "2"}});
  check_exsolution_jacobian<1, PETScBackend>(c,
                                             {{"Geometry/Subdivisions", "16"}});
  check_exsolution_jacobian<2, TrilinosBackend>(
    c,
    {{"Discretization/Polynomial degree", "2"},
     {"Mesh refinement/Strategy", "adaptive"},
     {"Mesh refinement/Refinement cycles", "2"}});
  return c.exit_code();
}
