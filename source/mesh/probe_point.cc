#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <exsolve/core/input_error.h>
#include <exsolve/mesh/probe_point.h>

#include <algorithm>
#include <sstream>

namespace exsolve
{
  template <int dim>
  void
  check_probe_point(const GeometryParameters  &geometry,
                    const std::vector<double> &probe,
                    const bool                 dimensionless)
  {
    if (probe.empty())
      return;
    dealii::Point<dim> p;
    for (unsigned int d = 0; d < dim && d < probe.size(); ++d)
      p[d] = probe[d];
    dealii::Triangulation<dim> coarse;
    create_coarse_mesh(coarse, geometry);
    bool inside = false;
    try
    {
      const auto found = dealii::GridTools::find_active_cell_around_point(
        dealii::MappingQ1<dim>(), coarse, p);
      inside = found.first.state() == dealii::IteratorState::valid
               && dealii::GeometryInfo<dim>::is_inside_unit_cell(found.second,
                                                                 1e-10);
    }
    catch (...)
    {
    }
    if (inside)
      return;
    dealii::Point<dim> lo = coarse.get_vertices()[0], hi = lo;
    for (const auto &v : coarse.get_vertices())
      for (unsigned int d = 0; d < dim; ++d)
      {
        lo[d] = std::min(lo[d], v[d]);
        hi[d] = std::max(hi[d], v[d]);
      }
    std::ostringstream message;
    message << "Postprocess/Probe point = ";
    for (unsigned int d = 0; d < dim; ++d)
      message << (d > 0 ? ", " : "") << p[d];
    message << ": lies outside the mesh (";
    const char *axis[] = {"x", "y", "z"};
    for (unsigned int d = 0; d < dim; ++d)
      message << (d > 0 ? ", " : "") << axis[d] << " in " << lo[d] << " .. "
              << hi[d];
    message << (dimensionless ? ")" : " nm)");
    throw InputError(message.str());
  }

  template void
  check_probe_point<1>(const GeometryParameters &,
                       const std::vector<double> &,
                       const bool);
  template void
  check_probe_point<2>(const GeometryParameters &,
                       const std::vector<double> &,
                       const bool);
  template void
  check_probe_point<3>(const GeometryParameters &,
                       const std::vector<double> &,
                       const bool);
} // namespace exsolve
