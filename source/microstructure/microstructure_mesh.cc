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
    smoothing = prm.get("Boundary smoothing") == "sphere projection"
                  ? Smoothing::sphere_projection
                  : Smoothing::none;
    prm.leave_subsection();
  }



  template <int dim>
  MeshedMicrostructure
  mesh_microstructure(const MicrostructureParameters  &parameters,
                      const MicrostructureMeshOptions &options,
                      dealii::Triangulation<dim>      &tria)
  {
    const bool smooth
      = options.smoothing
        == MicrostructureMeshOptions::Smoothing::sphere_projection;
    require_input(
      !smooth
        || parameters.structure != MicrostructureParameters::Structure::image,
      "Microstructure/Boundary smoothing",
      "sphere projection",
      "needs generated spheres to project onto; Structure = image has "
      "none, so set it to none (the image's pore walls stay voxel "
      "staircases)");
    MeshedMicrostructure result{
      generate_microstructure(parameters, options.periodic), {}, 0, {}, {}};
    const MicrostructureSample &sample = result.sample;
    result.orientations
      = random_grain_orientations(sample.n_grains, parameters.seed);
    result.voxel_pore_wall_area = voxel_pore_wall_area(sample.grid);
    auto mesh                   = describe_voxel_mesh<dim>(sample.grid);
    if (smooth)
      result.smoothing
        = project_pore_walls_onto_spheres(sample.grid, sample.spheres, mesh);
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
