#pragma once

#include <exsolve/microstructure/voxel_grid.h>

#include <array>
#include <vector>

namespace exsolve
{
  /**
   * The pore wall of a voxel image as an implicit surface, for smoothing
   * images that come without the surface that made them. The solid
   * indicator (1 in solid voxels of any phase, 0 in the pore) is filtered
   * with a Gaussian of standard deviation sigma voxels (discrete, separable,
   * truncated at 3 sigma and normalised) and interpolated (bi/tri)linearly
   * between the voxel centres; the wall is the 0.5 level set of this field
   * f. Beyond an open sample face the image is mirrored (so a wall meets
   * the face at a right angle, as the staircase does), in a periodic
   * direction it wraps around.
   *
   * Filtering is heat flow for the time t = sigma^2 / 2, and the 0.5 level
   * set of the filtered indicator moves with the mean-curvature flow: by
   * t H = sigma^2 H / 2 towards the centres of curvature (H = div n, the sum
   * of the principal curvatures, n = grad f / |grad f| pointing into the
   * solid). A pore of radius r would shrink by sigma^2 (dim - 1) / (2 r);
   * project() therefore moves the level-set point back by sigma^2 H / 2
   * along n, with H from second differences of f at the voxel centres,
   * interpolated like f.
   */
  class ImplicitSurface
  {
  public:
    /// @p sigma in voxels (> 0).
    ImplicitSurface(const VoxelGrid &grid, const double sigma);

    /// f at @p x [nm].
    double
    value(const std::array<double, 3> &x) const;

    /// grad f at @p x [1/nm] (of the interpolant, within its cell).
    std::array<double, 3>
    gradient(const std::array<double, 3> &x) const;

    /// H = div(grad f / |grad f|) at @p x [1/nm].
    double
    curvature(const std::array<double, 3> &x) const;

    /**
     * Move @p x onto the wall: Newton steps on f - 1/2 along grad f (the
     * coordinates with @p fixed[d] kept), then the curvature correction
     * along n. False (and @p x unchanged) if f has no 0.5 crossing within
     * @p reach [nm] of the start, as for features thinner than the filter.
     */
    bool
    project(std::array<double, 3>     &x,
            const std::array<bool, 3> &fixed,
            const double               reach) const;

  private:
    /// Voxel index in direction d for any integer i: wrapped or mirrored.
    unsigned int
    wrap(const int i, const unsigned int d) const;

    /// (Bi/tri)linear interpolation of @p field (one value per voxel
    /// centre) at x, and its gradient if @p gradient is not null.
    double
    interpolate(const std::vector<double>   &field,
                const std::array<double, 3> &x,
                std::array<double, 3>       *gradient) const;

    const VoxelGrid    &grid;
    const double        sigma;
    std::vector<double> f;
    std::vector<double> mean_curvature;
  };
} // namespace exsolve
