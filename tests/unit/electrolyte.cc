// Unit tests of the space-charge constitutive functions and scales:
//  - d rho/d psi against central finite differences (rel. 1e-7: FD error),
//  - F(psi) = -int_0^psi rho against adaptive Gauss-Kronrod quadrature
//    (rel. 1e-9), including tiny psi where naive evaluation cancels,
//  - the SI Debye length of the Gouy-Chapman example, 4.87967 nm
//    (physics.md P1, 6 digits given),
//  - the semi-analytic planar layer against the closed Gouy-Chapman form
//    psi = (4/z) artanh(tanh(z psi0/4) e^-xi) to 1e-9 (ODE tol. 1e-13) and
//    the 10-decimal table of verification_cases.md P1 to 1e-9.
// Serial.
#include <exsolve/electrostatics/planar_layer_reference.h>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <cmath>

#include <exsolve/core/parameter_utilities.h>

#include "test_utilities.h"

using namespace exsolve;

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  testing::Checker                         c;

  // The PB-S electrolyte of benchmarks.md.
  const auto pbs
    = testing::load_parameters("parameter_files/benchmarks/pb-s_1d.prm", {})
        .electrolyte;
  for (const double psi : {-3., -0.5, 0., 1e-3, 2.})
  {
    const double h = 1e-6;
    const double fd
      = (pbs.charge_density(psi + h) - pbs.charge_density(psi - h)) / (2 * h);
    c.close(pbs.charge_density_derivative(psi),
            fd,
            1e-7,
            1e-9,
            "d rho/d psi at psi = " + std::to_string(psi));
  }
  c.close(pbs.charge_density(0.), 0., 0, 1e-15, "PB-S bulk is neutral");
  for (const double psi : {1e-6, 1e-3, 0.05, 0.5, 2., -3.})
  {
    const double quadrature
      = -boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
        [&](const double s) { return pbs.charge_density(s); },
        0.,
        psi,
        15,
        1e-14);
    c.close(pbs.negative_charge_integral(psi),
            quadrature,
            1e-9,
            1e-300,
            "F(psi) at psi = " + std::to_string(psi));
  }

  // SI scales: z = 1, c_b = 1e25 m^-3, eps_r = 100, T = 1000 K.
  const auto gc_si = testing::default_parameters(
                       {{"Physics/Unit system", "SI"},
                        {"Physics/Temperature", "1000"},
                        {"Physics/Relative permittivity", "100"},
                        {"Physics/Species/Names", "cation, anion"},
                        {"Physics/Species/Charge numbers", "1, -1"},
                        {"Physics/Species/Bulk concentrations", "1e25, 1e25"},
                        {"Boundary conditions/Fixed potential", "x_min: 0.2"}})
                       .electrolyte;
  c.close(gc_si.debye_length(), 4.87967, 2e-6, 0, "Debye length [nm]");
  c.close(gc_si.scales.thermal_voltage,
          0.08617333262,
          1e-12,
          0,
          "kT/e at 1000 K [V]");

  // Gouy-Chapman in units of its Debye length: lambda~ = sqrt(2) z.
  const double table[2][4]
    = {{1.9990492394, 1.1514871517, 0.4137515861, 0.0205265044},
       {1.3391865743, 0.7414962751, 0.2624297041, 0.0129913162}};
  const double slope[2] = {7.2537208157, 27.2899171971};
  for (const int z : {1, 2})
  {
    const auto e = testing::default_parameters(
                     {{"Physics/Unit system", "dimensionless"},
                      {"Physics/Dimensionless Debye length",
                       parameters::to_string(std::sqrt(2.) * z)},
                      {"Physics/Species/Names", "cation, anion"},
                      {"Physics/Species/Charge numbers",
                       std::to_string(z) + ", " + std::to_string(-z)},
                      {"Physics/Species/Bulk concentrations", "1, 1"},
                      {"Boundary conditions/Fixed potential", "x_min: 4"}})
                     .electrolyte;
    const PlanarLayerReference reference(e, 4., 40.);
    const double               xi[4] = {0.5, 1., 2., 5.};
    for (unsigned int k = 0; k < 4; ++k)
    {
      const double closed
        = 4. / z * std::atanh(std::tanh(z * 4. / 4.) * std::exp(-xi[k]));
      c.close(reference.value(xi[k]),
              closed,
              1e-9,
              1e-12,
              "planar layer z = " + std::to_string(z)
                + " at xi = " + std::to_string(xi[k]) + " (closed form)");
      c.close(reference.value(xi[k]),
              table[z - 1][k],
              0,
              1e-9,
              "planar layer vs physics.md P1 table");
    }
    c.close(-reference.derivative(0.),
            slope[z - 1],
            1e-9,
            0,
            "-psi'(0), Grahame (physics.md P1)");
  }
  return c.exit_code();
}
