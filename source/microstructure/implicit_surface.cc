#include <exsolve/microstructure/implicit_surface.h>

#include <algorithm>
#include <cmath>

namespace exsolve
{
  ImplicitSurface::ImplicitSurface(const VoxelGrid &grid, const double sigma)
      : grid(grid)
      , sigma(sigma)
      , f(grid.size())
      , mean_curvature(grid.size(), 0.)
  {
    for (std::size_t v = 0; v < grid.size(); ++v)
      f[v] = grid.solid(v) ? 1. : 0.;

    // Separable Gaussian filter, one direction after the other.
    const int           radius = static_cast<int>(std::ceil(3 * sigma));
    std::vector<double> weight(2 * radius + 1);
    double              sum = 0;
    for (int k = -radius; k <= radius; ++k)
      sum += weight[k + radius] = std::exp(-0.5 * k * k / (sigma * sigma));
    for (double &w : weight)
      w /= sum;
    std::vector<double> filtered(grid.size());
    for (unsigned int d = 0; d < grid.dimension; ++d)
    {
      for (std::size_t v = 0; v < grid.size(); ++v)
      {
        auto   p     = grid.position(v);
        int    i     = p[d];
        double value = 0;
        for (int k = -radius; k <= radius; ++k)
        {
          p[d] = wrap(i + k, d);
          value += weight[k + radius] * f[grid.index(p[0], p[1], p[2])];
        }
        filtered[v] = value;
      }
      f.swap(filtered);
    }

    // H = div(g / |g|) = (|g|^2 sum_d f_dd - sum_de g_d g_e f_de) / |g|^3
    // by central differences; where f is flat (away from any wall) H does
    // not matter and is left 0.
    const unsigned int dim = grid.dimension;
    for (std::size_t v = 0; v < grid.size(); ++v)
    {
      const auto p  = grid.position(v);
      auto       at = [&](const int          di,
                    const unsigned int d,
                    const int          ej,
                    const unsigned int e)
      {
        auto q = p;
        q[d]   = wrap(static_cast<int>(p[d]) + di, d);
        q[e]   = wrap(static_cast<int>(q[e]) + ej, e);
        return f[grid.index(q[0], q[1], q[2])];
      };
      double g[3] = {0, 0, 0}, hessian[3][3] = {};
      for (unsigned int d = 0; d < dim; ++d)
      {
        const double h = grid.spacing(d);
        g[d]           = (at(1, d, 0, d) - at(-1, d, 0, d)) / (2 * h);
        hessian[d][d] = (at(1, d, 0, d) - 2 * f[v] + at(-1, d, 0, d)) / (h * h);
        for (unsigned int e = 0; e < d; ++e)
          hessian[d][e] = hessian[e][d] = (at(1, d, 1, e) - at(1, d, -1, e)
                                           - at(-1, d, 1, e) + at(-1, d, -1, e))
                                          / (4 * h * grid.spacing(e));
      }
      double g2 = 0, laplacian = 0, ghg = 0;
      for (unsigned int d = 0; d < dim; ++d)
      {
        g2 += g[d] * g[d];
        laplacian += hessian[d][d];
        for (unsigned int e = 0; e < dim; ++e)
          ghg += g[d] * hessian[d][e] * g[e];
      }
      if (g2 > 1e-12 / (grid.spacing(0) * grid.spacing(0)))
        mean_curvature[v] = (g2 * laplacian - ghg) / (g2 * std::sqrt(g2));
    }
  }



  unsigned int
  ImplicitSurface::wrap(const int i, const unsigned int d) const
  {
    const int n = grid.n[d];
    if (grid.periodic[d])
      return ((i % n) + n) % n;
    // Mirror about the sample faces: ... 1 0 | 0 1 ... n-1 | n-1 n-2 ...
    int m = ((i % (2 * n)) + 2 * n) % (2 * n);
    return m < n ? m : 2 * n - 1 - m;
  }



  double
  ImplicitSurface::interpolate(const std::vector<double>   &field,
                               const std::array<double, 3> &x,
                               std::array<double, 3>       *gradient) const
  {
    const unsigned int dim   = grid.dimension;
    int                i0[3] = {0, 0, 0};
    double             t[3]  = {0, 0, 0};
    for (unsigned int d = 0; d < dim; ++d)
    {
      // Voxel centres are at (i + 1/2) h.
      const double u = x[d] / grid.spacing(d) - 0.5;
      i0[d]          = static_cast<int>(std::floor(u));
      t[d]           = u - i0[d];
    }
    double value = 0;
    if (gradient)
      gradient->fill(0.);
    for (unsigned int c = 0; c < (1u << dim); ++c)
    {
      std::array<unsigned int, 3> q{{0, 0, 0}};
      double                      w[3] = {1, 1, 1}, dw[3] = {0, 0, 0};
      for (unsigned int d = 0; d < dim; ++d)
      {
        const bool upper = (c >> d) & 1;
        q[d]             = wrap(i0[d] + upper, d);
        w[d]             = upper ? t[d] : 1 - t[d];
        dw[d]            = (upper ? 1. : -1.) / grid.spacing(d);
      }
      const double fc = field[grid.index(q[0], q[1], q[2])];
      value += w[0] * w[1] * w[2] * fc;
      if (gradient)
        for (unsigned int d = 0; d < dim; ++d)
        {
          double product = dw[d];
          for (unsigned int e = 0; e < dim; ++e)
            if (e != d)
              product *= w[e];
          (*gradient)[d] += product * fc;
        }
    }
    return value;
  }



  double
  ImplicitSurface::value(const std::array<double, 3> &x) const
  {
    return interpolate(f, x, nullptr);
  }

  std::array<double, 3>
  ImplicitSurface::gradient(const std::array<double, 3> &x) const
  {
    std::array<double, 3> g;
    interpolate(f, x, &g);
    return g;
  }

  double
  ImplicitSurface::curvature(const std::array<double, 3> &x) const
  {
    return interpolate(mean_curvature, x, nullptr);
  }



  bool
  ImplicitSurface::project(std::array<double, 3>     &x,
                           const std::array<bool, 3> &fixed,
                           const double               reach) const
  {
    const unsigned int dim = grid.dimension;
    double             h   = 0;
    for (unsigned int d = 0; d < dim; ++d)
      h += grid.spacing(d) / dim;
    auto free_gradient = [&](const std::array<double, 3> &y)
    {
      auto g = gradient(y);
      for (unsigned int d = 0; d < 3; ++d)
        if (d >= dim || fixed[d])
          g[d] = 0;
      return g;
    };
    auto distance = [&](const std::array<double, 3> &y)
    {
      double r2 = 0;
      for (unsigned int d = 0; d < dim; ++d)
        r2 += (y[d] - x[d]) * (y[d] - x[d]);
      return std::sqrt(r2);
    };

    std::array<double, 3> y         = x;
    bool                  converged = false;
    for (unsigned int iteration = 0; iteration < 50 && !converged; ++iteration)
    {
      const double residual = value(y) - 0.5;
      if (std::abs(residual) < 1e-10)
      {
        converged = true;
        break;
      }
      const auto g  = free_gradient(y);
      double     g2 = 0;
      for (const double gd : g)
        g2 += gd * gd;
      if (g2 == 0)
        return false;
      // The interpolant's gradient jumps between cells; steps of at most a
      // quarter voxel keep Newton from jumping across a thin feature.
      double step = residual / g2;
      step *= std::min(1., 0.25 * h / (std::abs(step) * std::sqrt(g2)));
      for (unsigned int d = 0; d < dim; ++d)
        y[d] -= step * g[d];
      // The filtered level set lies up to half a voxel (the largest
      // curvature correction) beyond where the corrected wall does.
      if (distance(y) > reach + h / 2)
        return false;
    }
    if (!converged)
      return false;

    // Undo the filter's mean-curvature shift along n (at most half a voxel,
    // where the curvature is resolved at all).
    const auto g  = free_gradient(y);
    double     g2 = 0;
    for (const double gd : g)
      g2 += gd * gd;
    if (g2 > 0)
    {
      const double s = sigma * h;
      const double shift
        = std::clamp(0.5 * s * s * curvature(y), -h / 2, h / 2);
      for (unsigned int d = 0; d < dim; ++d)
        y[d] += shift * g[d] / std::sqrt(g2);
    }
    if (distance(y) > reach)
      return false;
    x = y;
    return true;
  }
} // namespace exsolve
