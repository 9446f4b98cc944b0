#include <exsolve/particles/coalescence.h>

#include <algorithm>
#include <cmath>

namespace exsolve::particles
{
  Coalescence::Coalescence(const SizeClasses &classes)
      : K(classes.size())
      , target(K * K, 0)
      , lower_share(K * K, 0.)
      , upper_share(K * K, 0.)
  {
    const auto &x = classes.atoms;
    for (unsigned int i = 0; i < K; ++i)
      for (unsigned int j = i; j < K; ++j)
      {
        const double       v = x[i] + x[j];
        const unsigned int p = i * K + j;
        if (v >= x[K - 1])
        {
          // Past the last pivot: keep the atoms, not the number.
          target[p]      = K - 1;
          lower_share[p] = v / x[K - 1];
          upper_share[p] = 0.;
          continue;
        }
        const unsigned int k
          = std::upper_bound(x.begin(), x.end(), v) - x.begin() - 1;
        // x_k <= v < x_{k+1}: a x_k + b x_{k+1} = v, a + b = 1.
        const double b = (v - x[k]) / (x[k + 1] - x[k]);
        target[p]      = k;
        lower_share[p] = 1. - b;
        upper_share[p] = b;
      }
  }



  void
  Coalescence::add_rates(const std::vector<double> &kernel,
                         const double              *number,
                         double                    *dndt) const
  {
    for (unsigned int i = 0; i < K; ++i)
    {
      const double Ni = std::max(number[i], 0.);
      if (Ni == 0.)
        continue;
      for (unsigned int j = i; j < K; ++j)
      {
        const double Nj = std::max(number[j], 0.);
        if (Nj == 0.)
          continue;
        const unsigned int p = i * K + j;
        // Collisions per area and time of an i-j pair (i = j: half).
        const double rate = (i == j ? 0.5 : 1.) * kernel[p] * Ni * Nj;
        dndt[i] -= rate;
        dndt[j] -= rate;
        dndt[target[p]] += lower_share[p] * rate;
        if (upper_share[p] > 0.)
          dndt[target[p] + 1] += upper_share[p] * rate;
      }
    }
  }



  void
  Coalescence::mobility_kernel(const std::vector<double> &diffusivity,
                               const std::vector<double> &base_radius,
                               const double               total_number,
                               std::vector<double>       &kernel)
  {
    const unsigned int n = diffusivity.size();
    kernel.resize(n * n);
    const double L = 1. / std::sqrt(M_PI * std::max(total_number, 1e-300));
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = i; j < n; ++j)
      {
        const double log_term
          = std::max(std::log(L / (base_radius[i] + base_radius[j])), 1.);
        kernel[i * n + j] = kernel[j * n + i]
          = 2. * M_PI * (diffusivity[i] + diffusivity[j]) / log_term;
      }
  }
} // namespace exsolve::particles
