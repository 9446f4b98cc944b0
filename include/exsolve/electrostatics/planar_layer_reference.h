#pragma once

#include <deal.II/base/function.h>

#include <exsolve/electrostatics/electrolyte.h>

#include <memory>

namespace exsolve
{
  /**
   * Semi-analytic potential of a planar space-charge layer in front of a
   * surface at x = 0 held at psi0, in a semi-infinite neutral bulk (psi -> 0).
   * The first integral of the Poisson-Boltzmann equation,
   *   (lambda~^2 / 2) psi'^2 = -int_0^psi rho~(s) ds,
   * turns it into the first-order ODE psi' = -sign(psi0) sqrt(2 F(psi)) /
   * lambda~, integrated with an adaptive Dormand-Prince method (Boost
   * odeint, tolerance 1e-13) and interpolated by cubic Hermite splines with
   * the exact slopes. It is the semi-infinite solution: on a finite domain
   * [0, L] with psi(L) = 0 it differs by about psi(L) ~ exp(-L / lambda_D).
   * Throws InputError if psi0 = 0 or the charge does not screen psi0.
   */
  class PlanarLayerReference
  {
  public:
    PlanarLayerReference(const Electrolyte &electrolyte,
                         const double       psi0,
                         const double       length);
    ~PlanarLayerReference();

    /// Dimensionless potential at distance x (internal length units).
    double
    value(const double x) const;

    /// d psi / dx at distance x.
    double
    derivative(const double x) const;

  private:
    struct Interpolant;
    std::unique_ptr<Interpolant> interpolant;
    double                       length;
  };

  /// A PlanarLayerReference as a deal.II Function of x - x0.
  template <int dim>
  class PlanarLayerFunction : public dealii::Function<dim>
  {
  public:
    PlanarLayerFunction(const PlanarLayerReference &reference,
                        const double                x0 = 0.)
        : reference(reference)
        , x0(x0)
    {
    }

    double
    value(const dealii::Point<dim> &p, const unsigned int = 0) const override
    {
      return reference.value(p[0] - x0);
    }

    dealii::Tensor<1, dim>
    gradient(const dealii::Point<dim> &p, const unsigned int = 0) const override
    {
      dealii::Tensor<1, dim> g;
      g[0] = reference.derivative(p[0] - x0);
      return g;
    }

  private:
    const PlanarLayerReference &reference;
    const double                x0;
  };
} // namespace exsolve
