// Adatom surface diffusion on the surface finite elements (Q1 traces on
// the bulk mesh, lumped mass, Laplace-Beltrami stiffness, implicit steps):
// the surface x = 0 of a 20 nm x 40 nm box (p4est, 2 ranks) starts with
// theta = 0.01 (1 + 0.5 cos(pi y / L)), L = 40 nm, no particles and no
// nucleation. The cosine is an eigenmode of the surface Laplacian with
// zero flux at the ends, so its amplitude decays as exp(-D pi^2 t / L^2).
// D = 1e-17 m^2/s, t = 10 s (decay to 0.54), dt = 0.05 s.
//  * amplitude on 32 surface elements against the exact decay: 0.5 %
//    (BDF1 contributes about 0.1 %, the mesh about 0.1 %);
//  * the error falls at second order in h from 8 to 16 surface elements
//    with dt = 0.01 s (observed order within [1.7, 2.3]);
//  * sum_j m_j theta_j is conserved to 1e-12 relative.
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_generator.h>

#include <exsolve/particles/surface_particle_field.h>

#include "test_utilities.h"

#include <cmath>

using namespace exsolve;
using namespace exsolve::particles;

namespace
{
  constexpr double L = 40e-9; // m

  struct Result
  {
    double amplitude_error = 0., balance = 0.;
  };

  Result
  decay(const unsigned int refinements, const double dt)
  {
    dealii::parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    dealii::GridGenerator::subdivided_hyper_rectangle(
      tria, {1, 2}, dealii::Point<2>(0, 0), dealii::Point<2>(20, 40), true);
    tria.refine_global(refinements);

    ParticleParameters p;
    p.nucleation       = false;
    p.n_classes        = 10;
    p.initial_coverage = 0.01;
    ExsolutionParameters e;
    e.surfaces                    = {"surface"};
    e.adatom_diffusion_prefactor  = 1e-17;
    e.adatom_diffusion_activation = 0.;
    SurfaceParticleField<2> field(
      p, e, {0}, tria, dealii::QGauss<1>(2), 1e-9, MPI_COMM_WORLD);
    field.initialize();
    const double k = M_PI / 40.; // per nm (the mesh unit)
    field.set_coverage([k](const dealii::Point<2> &x)
                       { return 0.01 * (1. + 0.5 * std::cos(k * x[1])); });
    const auto amplitude = [&]()
    {
      // Least-squares amplitude of the cosine over the nodes.
      std::vector<double> sum(2, 0.);
      for (const auto &[x, s] : field.local_summaries())
      {
        const double c = std::cos(k * x[1]);
        sum[0] += (s.adatom_coverage - 0.01) * c;
        sum[1] += c * c;
      }
      dealii::Utilities::MPI::sum(sum, MPI_COMM_WORLD, sum);
      return sum[0] / sum[1];
    };
    const double a0 = amplitude(), adatoms0 = field.totals().atoms_adatoms;
    const double t_end = 10.;
    for (double t = 0.; t < t_end - 1e-9; t += dt)
    {
      field.begin_exchange();
      field.advance(dt, 1100.);
    }
    const double exact = a0 * std::exp(-1e-17 * M_PI * M_PI / (L * L) * t_end);
    Result       r;
    r.amplitude_error = std::abs(amplitude() - exact) / exact;
    r.balance = std::abs(field.totals().atoms_adatoms - adatoms0) / adatoms0;
    return r;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;
  const Result fine = decay(4, 0.05); // 32 surface elements
  c.close(fine.amplitude_error,
          0.,
          0.,
          5e-3,
          "cosine mode after 10 s on 32 elements: relative amplitude error");
  c.close(fine.balance, 0., 0., 1e-12, "adatom balance (relative)");
  const Result coarse = decay(2, 0.01), medium = decay(3, 0.01);
  const double order
    = std::log2(coarse.amplitude_error / medium.amplitude_error);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    std::cout << "  amplitude errors: 8 elements " << coarse.amplitude_error
              << ", 16 elements " << medium.amplitude_error << std::endl;
  c.within(order, 1.7, 2.3, "surface diffusion: observed order in h (8 -> 16)");
  return c.exit_code();
}
