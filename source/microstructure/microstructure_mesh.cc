#include <deal.II/base/utilities.h>

#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/microstructure_mesh.h>
#include <exsolve/microstructure/voxel_mesh.h>

namespace exsolve
{
  void
  MicrostructureMeshOptions::parse_parameters(dealii::ParameterHandler &prm,
                                              const unsigned int dimension)
  {
    prm.enter_subsection("Microstructure");
    const std::string directions = prm.get("Periodic directions");
    for (const auto &d : dealii::Utilities::split_string_list(directions))
    {
      const unsigned int axis = d == "x" ? 0 : d == "y" ? 1 : 2;
      require_input(axis < dimension,
                    "Microstructure/Periodic directions",
                    directions,
                    "'z' is not a direction of a 2D sample");
      periodic[axis] = true;
    }
    const std::string smoothing_name = prm.get("Boundary smoothing");
    smoothing
      = smoothing_name == "sphere projection"  ? Smoothing::sphere_projection
        : smoothing_name == "implicit surface" ? Smoothing::implicit_surface
                                               : Smoothing::none;
    filter_width = prm.get_double("Smoothing filter width");
    prm.leave_subsection();
  }



  template <int dim>
  MeshedMicrostructure
  mesh_microstructure(const MicrostructureParameters  &parameters,
                      const MicrostructureMeshOptions &options,
                      dealii::Triangulation<dim>      &tria)
  {
    using Smoothing = MicrostructureMeshOptions::Smoothing;
    require_input(
      options.smoothing != Smoothing::sphere_projection
        || parameters.structure != MicrostructureParameters::Structure::image,
      "Microstructure/Boundary smoothing",
      "sphere projection",
      "needs generated spheres to project onto, and Structure = image has "
      "none: allowed are 'implicit surface' (smooths any voxel image) and "
      "'none' (the image's pore walls stay voxel staircases)");
    MeshedMicrostructure result{
      generate_microstructure(parameters, options.periodic), {}, 0, {}, {}};
    const MicrostructureSample &sample = result.sample;
    result.orientations
      = random_grain_orientations(sample.n_grains, parameters.seed);
    result.voxel_pore_wall_area = voxel_pore_wall_area(sample.grid);
    auto mesh                   = describe_voxel_mesh<dim>(sample.grid);
    if (options.smoothing == Smoothing::sphere_projection)
      result.smoothing
        = project_pore_walls_onto_spheres(sample.grid, sample.spheres, mesh);
    else if (options.smoothing == Smoothing::implicit_surface)
      result.smoothing = project_pore_walls_onto_implicit_surface(
        sample.grid, sample.phases, options.filter_width, mesh);
    result.boundary_names = create_voxel_mesh(sample.grid, mesh, tria);
    return result;
  }

  template MeshedMicrostructure
  mesh_microstructure<2>(const MicrostructureParameters &,
                         const MicrostructureMeshOptions &,
                         dealii::Triangulation<2> &);
  template MeshedMicrostructure
  mesh_microstructure<3>(const MicrostructureParameters &,
                         const MicrostructureMeshOptions &,
                         dealii::Triangulation<3> &);
} // namespace exsolve
