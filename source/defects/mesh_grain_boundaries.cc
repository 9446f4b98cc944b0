#include <deal.II/base/bounding_box.h>
#include <deal.II/boost_adaptors/bounding_box.h>
#include <deal.II/boost_adaptors/point.h>
#include <deal.II/numerics/rtree.h>

#include <exsolve/defects/mesh_grain_boundaries.h>

#include <algorithm>
#include <limits>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    Point<3>
    padded(const Point<1> &p)
    {
      return Point<3>(p[0], 0, 0);
    }
    Point<3>
    padded(const Point<2> &p)
    {
      return Point<3>(p[0], p[1], 0);
    }
    Point<3>
    padded(const Point<3> &p)
    {
      return p;
    }

    /// Nearest point of triangle (a, b, c) to p (Ericson, Real-Time
    /// Collision Detection, 5.1.5: Voronoi regions of the corners, edges
    /// and face). A degenerate triangle (c = b) is the segment ab.
    Point<3>
    closest_on_triangle(const Point<3> &p,
                        const Point<3> &a,
                        const Point<3> &b,
                        const Point<3> &c)
    {
      const Tensor<1, 3> ab = b - a, ac = c - a, ap = p - a;
      if ((c - b).norm_square() == 0.)
      {
        const double t = std::clamp((ap * ab) / ab.norm_square(), 0., 1.);
        return a + t * ab;
      }
      const double d1 = ab * ap, d2 = ac * ap;
      if (d1 <= 0 && d2 <= 0)
        return a;
      const Tensor<1, 3> bp = p - b;
      const double       d3 = ab * bp, d4 = ac * bp;
      if (d3 >= 0 && d4 <= d3)
        return b;
      const double vc = d1 * d4 - d3 * d2;
      if (vc <= 0 && d1 >= 0 && d3 <= 0)
        return a + (d1 / (d1 - d3)) * ab;
      const Tensor<1, 3> cp = p - c;
      const double       d5 = ab * cp, d6 = ac * cp;
      if (d6 >= 0 && d5 <= d6)
        return c;
      const double vb = d5 * d2 - d1 * d6;
      if (vb <= 0 && d2 >= 0 && d6 <= 0)
        return a + (d2 / (d2 - d6)) * ac;
      const double va = d3 * d6 - d5 * d4;
      if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0)
        return b + ((d4 - d3) / ((d4 - d3) + (d5 - d6))) * (c - b);
      const double denominator = 1. / (va + vb + vc);
      return a + (vb * denominator) * ab + (vc * denominator) * ac;
    }

    /// Take triangle @p t if it is nearer to @p point than @p best.
    void
    keep_nearer(const Point<3>                &point,
                const std::array<Point<3>, 3> &t,
                double                        &best,
                Tensor<1, 3>                  &result)
    {
      const auto   near = closest_on_triangle(point, t[0], t[1], t[2]);
      const double d    = point.distance(near);
      if (d < best)
      {
        best   = d;
        result = point - near;
      }
    }
  } // namespace

  struct MeshGrainBoundaries::Index
  {
    RTree<std::pair<BoundingBox<3>, unsigned int>> tree;
  };



  template <int dim>
  MeshGrainBoundaries::MeshGrainBoundaries(const Triangulation<dim> &mesh)
  {
    static_assert(dim > 1, "grain boundaries need a 2D or 3D mesh");
    for (const auto &cell : mesh.cell_iterators_on_level(0))
      for (const unsigned int f : cell->face_indices())
        if (!cell->at_boundary(f))
        {
          const auto neighbor = cell->neighbor(f);
          // Each face once, from the cell of the lower index.
          if (neighbor->material_id() == cell->material_id()
              || neighbor->index() < cell->index())
            continue;
          const auto face = cell->face(f);
          total_measure += face->measure();
          if (dim == 2)
            triangles.push_back({{padded(face->vertex(0)),
                                  padded(face->vertex(1)),
                                  padded(face->vertex(1))}});
          else
          {
            // Vertices 0 1 3 2 go round a deal.II quadrilateral.
            triangles.push_back({{padded(face->vertex(0)),
                                  padded(face->vertex(1)),
                                  padded(face->vertex(3))}});
            triangles.push_back({{padded(face->vertex(0)),
                                  padded(face->vertex(3)),
                                  padded(face->vertex(2))}});
          }
        }
    std::vector<std::pair<BoundingBox<3>, unsigned int>> boxes;
    boxes.reserve(triangles.size());
    for (unsigned int t = 0; t < triangles.size(); ++t)
    {
      const std::vector<Point<3>> corners(triangles[t].begin(),
                                          triangles[t].end());
      boxes.emplace_back(BoundingBox<3>(corners), t);
    }
    index       = std::make_unique<Index>();
    index->tree = pack_rtree(boxes);
  }



  MeshGrainBoundaries::~MeshGrainBoundaries() = default;



  unsigned int
  MeshGrainBoundaries::n_faces() const
  {
    return triangles.size();
  }



  double
  MeshGrainBoundaries::measure() const
  {
    return total_measure;
  }



  Tensor<1, 3>
  MeshGrainBoundaries::perpendicular(const Point<3> &point) const
  {
    namespace bgi = boost::geometry::index;
    // Boxes come in order of their distance, a lower bound of the
    // triangle's: stop once a box is farther than the best triangle.
    double       best = std::numeric_limits<double>::max();
    Tensor<1, 3> result;
    for (auto it = index->tree.qbegin(bgi::nearest(point, triangles.size()));
         it != index->tree.qend();
         ++it)
    {
      if (boost::geometry::distance(point, it->first) >= best)
        break;
      const auto  &t    = triangles[it->second];
      const auto   near = closest_on_triangle(point, t[0], t[1], t[2]);
      const double d    = point.distance(near);
      if (d < best)
      {
        best   = d;
        result = point - near;
      }
    }
    return result;
  }



  Tensor<1, 3>
  MeshGrainBoundaries::perpendicular_by_search(const Point<3> &point) const
  {
    double       best = std::numeric_limits<double>::max();
    Tensor<1, 3> result;
    for (const auto &t : triangles)
      keep_nearer(point, t, best, result);
    return result;
  }



  template MeshGrainBoundaries::MeshGrainBoundaries(const Triangulation<2> &);
  template MeshGrainBoundaries::MeshGrainBoundaries(const Triangulation<3> &);
} // namespace exsolve
