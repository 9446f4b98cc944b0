// Particles on the surface of a transport run (Particles/Exsolution),
// coupled both ways: the lattice loses through its boundary flux exactly
// the metal that the adatoms and particles gain.
//  1. Conservation (issue's figure): a 2D slab of Ni:SrTiO3 whose surface
//     exsolves Ni for 100 s while the mesh is adapted every 3 steps
//     (refined and coarsened, p4est, 2 ranks): after every step
//       |lattice + adatoms + particles - initial| / initial < 1e-10,
//     with particles nucleated (> 1e14 m^-2) and the mesh changed.
//  2. One rank agrees with two on a fixed mesh (adaptive marking breaks
//     ties between the equal indicators of this slab differently on a
//     partitioned mesh): the final particle density, mean radius and
//     particle metal to 1e-6 relative.
//  3. Splitting error (doc/particles.md): a 1D version with particles
//     present from the start (no nucleation) and fixed steps dt = 8, 4,
//     2, 1 s to t = 32 s against dt = 1/16 s: the metal in the particles
//     converges at first order (Lie splitting with BDF1), observed order
//     of the last two refinements within [0.8, 1.25].
//  4. Heterogeneous nucleation: a grain boundary (1 nm core) crosses the
//     surface at y = 10 nm; its trace gives the surface nodes there defect
//     sites with a lower barrier (Particles/Nucleation), the plain surface
//     has few sites (Homogeneous site fraction 1e-5). After 20 s on 1.25 nm
//     surface elements the particle density at the node nearest the trace
//     exceeds that of every node more than 5 nm away by a factor > 5
//     (measured 7.4: the adatoms diffuse fast, so the whole surface shares
//     one supersaturation and the plain nodes still nucleate).
#include <exsolve/linear_algebra/backends.h>
#include <exsolve/particles/surface_particle_field.h>
#include <exsolve/transport/transport_problem.h>

#include "test_utilities.h"

#include <cmath>

using namespace exsolve;

namespace
{
  const std::string prm_file = "tests/particles/exsolution_2d.prm";

  struct Outcome
  {
    double       worst_balance = 0.;
    double       density = 0., radius = 0., particle_metal = 0.;
    unsigned int remeshes = 0, min_dofs = 0, max_dofs = 0;
  };

  template <int dim>
  Outcome
  run(const testing::Overrides &overrides, const MPI_Comm comm)
  {
    const auto parameters = testing::transport_parameters(prm_file, overrides);
    TransportProblem<dim, TrilinosBackend> problem(parameters, comm, false);
    problem.initialize();
    const auto *field = problem.surface_particles();
    AssertThrow(field != nullptr, dealii::ExcInternalError());
    const auto metal = [&]()
    {
      const auto t = field->totals();
      return problem.lattice_metal() + t.atoms_adatoms + t.atoms_particles;
    };
    const double initial = metal();
    Outcome      o;
    o.min_dofs = o.max_dofs = problem.n_dofs();
    problem.run();
    const auto t     = field->totals();
    o.density        = t.mean.number_density;
    o.radius         = t.mean.mean_radius;
    o.particle_metal = t.atoms_particles;
    o.remeshes       = problem.totals().remeshes;
    for (const auto &r : problem.history())
    {
      const double total
        = r.particle_moments[4] + r.particle_moments[5] + r.particle_moments[6];
      o.worst_balance
        = std::max(o.worst_balance, std::abs(total - initial) / initial);
      const auto dofs = static_cast<unsigned int>(r.dofs);
      o.min_dofs      = std::min(o.min_dofs, dofs);
      o.max_dofs      = std::max(o.max_dofs, dofs);
    }
    return o;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  const bool                               root
    = dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  // 1. Conservation with refinement, 2 ranks.
  const Outcome            two = run<2>({}, MPI_COMM_WORLD);
  const testing::Overrides fixed_mesh
    = {{"Mesh refinement/Strategy", "uniform"},
       {"Mesh refinement/Refinement cycles", "2"},
       {"Mesh refinement/Refinement interval", "0"}};
  const Outcome two_fixed = run<2>(fixed_mesh, MPI_COMM_WORLD);
  c.close(two.worst_balance,
          0.,
          0.,
          1e-10,
          "2D, 2 ranks: largest metal balance error over the run (relative)");
  c.check(two.remeshes > 0 && two.min_dofs != two.max_dofs,
          "2D: the mesh was adapted during the coupled run (DoFs "
            + std::to_string(two.min_dofs) + " .. "
            + std::to_string(two.max_dofs) + ")");
  c.check(two.density > 1e14,
          "2D: particles nucleated (" + std::to_string(two.density)
            + " m^-2 > 1e14)");

  // 2. One rank.
  std::vector<double> one(3);
  if (root)
  {
    const Outcome o = run<2>(fixed_mesh, MPI_COMM_SELF);
    one             = {o.density, o.radius, o.particle_metal};
  }
  one = dealii::Utilities::MPI::broadcast(MPI_COMM_WORLD, one, 0);
  c.close(
    two_fixed.density, one[0], 1e-6, 0., "2D particle density, 2 ranks vs 1");
  c.close(two_fixed.radius, one[1], 1e-6, 0., "2D mean radius, 2 ranks vs 1");
  c.close(two_fixed.particle_metal,
          one[2],
          1e-6,
          0.,
          "2D metal in particles, 2 ranks vs 1");

  // 3. Splitting error, 1D, fixed steps.
  const auto one_d = [&](const double dt)
  {
    const Outcome o
      = run<1>({{"Geometry/Dimension", "1"},
                {"Geometry/Lengths", "40"},
                {"Geometry/Subdivisions", "20"},
                {"Mesh refinement/Strategy", "uniform"},
                {"Mesh refinement/Refinement interval", "0"},
                {"Time stepping/Adaptive", "false"},
                {"Time stepping/End time", "32"},
                {"Time stepping/Initial step", std::to_string(dt)},
                {"Particles/Nucleation/Enabled", "false"},
                {"Particles/Surface element/Initial number density", "5e14"},
                {"Particles/Surface element/Initial mean radius", "2"},
                {"Particles/Surface element/Initial radius spread", "0.2"}},
               MPI_COMM_WORLD);
    return o.particle_metal;
  };
  const double              reference = one_d(1. / 16.);
  std::vector<double>       errors;
  const std::vector<double> steps = {8., 4., 2., 1.};
  for (const double dt : steps)
  {
    errors.push_back(std::abs(one_d(dt) - reference) / reference);
    if (root)
      std::cout << "  1D dt = " << dt << " s: relative error of the particle "
                << "metal " << errors.back() << std::endl;
  }
  for (unsigned int k = 1; k < errors.size(); ++k)
    if (root)
      std::cout << "  observed order " << steps[k - 1] << " -> " << steps[k]
                << " s: " << std::log2(errors[k - 1] / errors[k]) << std::endl;
  const double order = std::log2(errors[2] / errors[3]);
  c.within(order, 0.8, 1.25, "1D splitting: observed order (2 s -> 1 s)");

  // 4. Heterogeneous nucleation at a grain-boundary trace.
  {
    const auto parameters = testing::transport_parameters(
      prm_file,
      {{"Mesh refinement/Strategy", "uniform"},
       {"Mesh refinement/Initial global refinements", "2"},
       {"Mesh refinement/Refinement interval", "0"},
       {"Time stepping/End time", "20"},
       {"Particles/Nucleation/Homogeneous site fraction", "1e-5"},
       {"Extended defects/Planes", "gb: 0 10 / 0 1"},
       {"Extended defects/Core half-widths", "gb: 1"}});
    TransportProblem<2, TrilinosBackend> problem(parameters,
                                                 MPI_COMM_WORLD,
                                                 false);
    problem.run();
    double at_trace = 0., best = 1e30, far = 0.;
    for (const auto &[x, s] : problem.surface_particles()->local_summaries())
    {
      if (std::abs(x[1] - 10.) < best)
      {
        best     = std::abs(x[1] - 10.);
        at_trace = s.number_density;
      }
      if (std::abs(x[1] - 10.) > 5.)
        far = std::max(far, s.number_density);
    }
    // The node nearest the trace (on whichever rank owns it).
    const auto nearest
      = dealii::Utilities::MPI::min_max_avg(best, MPI_COMM_WORLD);
    at_trace = dealii::Utilities::MPI::max(best == nearest.min ? at_trace : 0.,
                                           MPI_COMM_WORLD);
    far = dealii::Utilities::MPI::max(far, MPI_COMM_WORLD);
    if (root)
      std::cout << "  particles at the trace " << at_trace
                << " m^-2, largest more than 5 nm away " << far << " m^-2"
                << std::endl;
    c.check(at_trace > 5. * far,
            "2D: particles form preferentially at the grain-boundary trace "
            "(density ratio > 5)");
  }
  return c.exit_code();
}
