#pragma once

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/grid/tria.h>

#include <memory>
#include <vector>

namespace exsolve
{
  /**
   * The grain boundaries of a polycrystalline mesh: the faces between
   * coarse cells of different material_id (grain id), with a spatial index
   * (a Boost.Geometry R-tree of their bounding boxes, through deal.II's
   * RTree) for the nearest face. A query costs O(log n_faces), so that the
   * core profiles of thousands of grains are evaluated at every quadrature
   * point without looping over all boundaries. Faces are straight segments
   * (2D) or bilinear quadrilaterals split into two triangles (3D);
   * coordinates are those of the mesh (dimensionless in the transport).
   */
  class MeshGrainBoundaries
  {
  public:
    /// The faces between level-0 cells of different material_id (every
    /// rank holds the whole coarse mesh, so every rank finds all of them).
    template <int dim>
    explicit MeshGrainBoundaries(const dealii::Triangulation<dim> &mesh);
    ~MeshGrainBoundaries();

    unsigned int
    n_faces() const;

    /// Total area (3D) or length (2D) of the boundaries.
    double
    measure() const;

    /// From the nearest point of the nearest boundary face to @p point.
    dealii::Tensor<1, 3>
    perpendicular(const dealii::Point<3> &point) const;

    /// The same by testing every face (for tests of the index).
    dealii::Tensor<1, 3>
    perpendicular_by_search(const dealii::Point<3> &point) const;

  private:
    struct Index;
    /// Corners of each face as triangles (3D: two per face; 2D: a
    /// degenerate triangle per segment, third corner = second).
    std::vector<std::array<dealii::Point<3>, 3>> triangles;
    double                                       total_measure = 0.;
    std::unique_ptr<Index>                       index;
  };
} // namespace exsolve
