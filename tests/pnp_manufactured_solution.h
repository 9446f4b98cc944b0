// Manufactured solution P5 of doc/verification_cases.md for the transient
// PNP equations (z = +2, -1; D = 1, 2; lambda = 1/2; rho_fixed = -1):
//   c1 = 1 + E/2 S_x C_y C_z,  c2 = 1 + E/2 C_x S_y C_z,  psi = E C_x C_y C_z
// with E = exp(-t), S_x = sin(pi x), C_x = cos(pi x) (trailing factors
// dropped in lower dimensions), and the sources of the generic formula
//   f_i = dc_i/dt - D_i [Lap c_i + z_i (grad c_i . grad psi + c_i Lap psi)],
//   f_psi = -lambda^2 Lap psi - (2 c1 - c2 - 1).
#pragma once

#include <deal.II/base/function.h>

#include <cmath>

namespace exsolve::testing
{
  /// Products of sin/cos(pi x_d) with their gradients and Laplacian.
  template <int dim>
  struct TrigProduct
  {
    bool sine[3]; // factor d is sin (else cos)

    double
    value(const dealii::Point<dim> &p) const
    {
      double v = 1;
      for (unsigned int d = 0; d < dim; ++d)
        v *= sine[d] ? std::sin(M_PI * p[d]) : std::cos(M_PI * p[d]);
      return v;
    }

    dealii::Tensor<1, dim>
    gradient(const dealii::Point<dim> &p) const
    {
      dealii::Tensor<1, dim> g;
      for (unsigned int k = 0; k < dim; ++k)
      {
        double v = 1;
        for (unsigned int d = 0; d < dim; ++d)
        {
          const double x = M_PI * p[d];
          if (d == k)
            v *= sine[d] ? M_PI * std::cos(x) : -M_PI * std::sin(x);
          else
            v *= sine[d] ? std::sin(x) : std::cos(x);
        }
        g[k] = v;
      }
      return g;
    }

    double
    laplacian(const dealii::Point<dim> &p) const
    {
      return -dim * M_PI * M_PI * value(p);
    }
  };

  constexpr double mms_lambda = 0.5;
  constexpr double mms_D[2]   = {1., 2.};
  constexpr int    mms_z[2]   = {2, -1};

  /// Components (psi, c1, c2).
  template <int dim>
  class ManufacturedSolution : public dealii::Function<dim>
  {
  public:
    ManufacturedSolution()
        : dealii::Function<dim>(3)
    {
    }

    double
    value(const dealii::Point<dim> &p, const unsigned int c) const override
    {
      const double E = std::exp(-this->get_time());
      return c == 0 ? E * P[0].value(p) : 1 + 0.5 * E * P[c].value(p);
    }

    dealii::Tensor<1, dim>
    gradient(const dealii::Point<dim> &p, const unsigned int c) const override
    {
      const double E = std::exp(-this->get_time());
      return (c == 0 ? E : 0.5 * E) * P[c].gradient(p);
    }

    double
    laplacian(const dealii::Point<dim> &p, const unsigned int c) const override
    {
      const double E = std::exp(-this->get_time());
      return (c == 0 ? E : 0.5 * E) * P[c].laplacian(p);
    }

    double
    time_derivative(const dealii::Point<dim> &p, const unsigned int c) const
    {
      return -(value(p, c) - (c == 0 ? 0. : 1.));
    }

  private:
    const TrigProduct<dim> P[3] = {{{false, false, false}},
                                   {{true, false, false}},
                                   {{false, true, false}}};
  };

  /// Components (f_psi, f1, f2).
  template <int dim>
  class ManufacturedSources : public dealii::Function<dim>
  {
  public:
    ManufacturedSources()
        : dealii::Function<dim>(3)
    {
    }

    double
    value(const dealii::Point<dim> &p, const unsigned int c) const override
    {
      ManufacturedSolution<dim> u;
      u.set_time(this->get_time());
      if (c == 0)
        return -mms_lambda * mms_lambda * u.laplacian(p, 0)
               - (2 * u.value(p, 1) - u.value(p, 2) - 1);
      const unsigned int s = c - 1;
      return u.time_derivative(p, c)
             - mms_D[s]
                 * (u.laplacian(p, c)
                    + mms_z[s]
                        * (u.gradient(p, c) * u.gradient(p, 0)
                           + u.value(p, c) * u.laplacian(p, 0)));
    }
  };
} // namespace exsolve::testing
