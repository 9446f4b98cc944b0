#include <exsolve/core/input_error.h>
#include <exsolve/electrostatics/planar_layer_reference.h>

#include <boost/math/interpolators/cubic_hermite.hpp>
#include <boost/numeric/odeint.hpp>

#include <array>
#include <cmath>
#include <vector>

namespace exsolve
{
  struct PlanarLayerReference::Interpolant
  {
    boost::math::interpolators::cubic_hermite<std::vector<double>> spline;
  };



  PlanarLayerReference::PlanarLayerReference(const Electrolyte &electrolyte,
                                             const double       psi0,
                                             const double       length)
      : length(length)
  {
    namespace odeint = boost::numeric::odeint;
    using State      = std::array<double, 1>;

    const double lambda = std::sqrt(electrolyte.scales.lambda_squared);
    const double sign   = psi0 >= 0 ? 1. : -1.;
    auto         slope  = [&](const double psi)
    {
      return -sign
             * std::sqrt(
               2. * std::max(0., electrolyte.negative_charge_integral(psi)))
             / lambda;
    };
    for (unsigned int k = 1; k <= 20; ++k)
      if (!(electrolyte.negative_charge_integral(k * psi0 / 20.) > 0))
        throw InputError(
          "Postprocess/Planar layer reference = true: no planar layer "
          "solution for the surface potential "
          + std::to_string(psi0)
          + " kT/e (it must be non-zero and screened by the mobile species)");

    const unsigned int n_points = std::max<unsigned int>(
      4096, std::ceil(50. * length / electrolyte.debye_length()));
    std::vector<double> x(n_points + 1), psi(n_points + 1), dpsi(n_points + 1);
    for (unsigned int k = 0; k <= n_points; ++k)
      x[k] = length * k / n_points;

    State        state{{psi0}};
    unsigned int k = 0;
    odeint::integrate_times(
      odeint::make_dense_output(1e-13,
                                1e-13,
                                odeint::runge_kutta_dopri5<State>()),
      [&](const State &y, State &dydx, const double) { dydx[0] = slope(y[0]); },
      state,
      x.begin(),
      x.end(),
      length / n_points,
      [&](const State &y, const double)
      {
        psi[k]  = y[0];
        dpsi[k] = slope(y[0]);
        ++k;
      });

    interpolant = std::make_unique<Interpolant>(Interpolant{
      boost::math::interpolators::cubic_hermite<std::vector<double>>(
        std::move(x), std::move(psi), std::move(dpsi))});
  }



  PlanarLayerReference::~PlanarLayerReference() = default;



  double
  PlanarLayerReference::value(const double x) const
  {
    return interpolant->spline(std::min(std::max(x, 0.), length));
  }



  double
  PlanarLayerReference::derivative(const double x) const
  {
    return interpolant->spline.prime(std::min(std::max(x, 0.), length));
  }
} // namespace exsolve
