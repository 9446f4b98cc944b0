#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/microstructure/microstructure_parameters.h>

#include <cmath>

namespace exsolve
{
  using namespace dealii;

  unsigned int
  MicrostructureParameters::n_voxels(const unsigned int d) const
  {
    return std::max<long>(1, std::lround(sample_size[d] / voxel_size));
  }



  void
  MicrostructureParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Microstructure");
    {
      prm.declare_entry(
        "Structure",
        "overlapping particles",
        Patterns::Selection("overlapping particles|overlapping pores|image"),
        "[-] 'overlapping particles': the solid is a union of randomly "
        "placed, overlapping spheres (disks in 2D); 'overlapping pores': the "
        "pores are such spheres in an otherwise solid sample; 'image': the "
        "segmented voxel image of Image file, with the phases of Phase "
        "labels. Used with Physics/Model or Geometry/Type = microstructure "
        "(Geometry/Dimension 2 or 3).");
      prm.declare_entry(
        "Sample size",
        "400, 400, 400",
        Patterns::List(Patterns::Double(), 1, 3),
        "[nm] Edge lengths Lx, Ly, Lz of the sample (entries beyond the "
        "dimension are ignored). Each must be positive; diffusion for the "
        "tortuosity runs along x. Not used for Structure = image (the "
        "sample is Image size x Voxel size).");
      prm.declare_entry(
        "Voxel size",
        "10",
        Patterns::Double(),
        "[nm] Edge of the cubic voxels (one hexahedral cell each); > 0 and, "
        "for generated structures, at most a quarter of the sphere "
        "diameter.");
      prm.declare_entry(
        "Target porosity",
        "0.35",
        Patterns::Double(),
        "[-] Pore volume fraction to reach, in (0, 1). The number of spheres "
        "is found by bisection; the run stops if the generated porosity "
        "differs by more than 0.02 (absolute).");
      prm.declare_entry(
        "Sphere diameter",
        "80",
        Patterns::Double(),
        "[nm] Diameter of the particles (or pores); > 0 and at most the "
        "smallest sample edge.");
      prm.declare_entry(
        "Mean grain size",
        "100",
        Patterns::Double(),
        "[nm] Edge of the cube whose volume is the sample volume per Voronoi "
        "grain (grain seeds = sample volume / size^dim); > 0.");
      prm.declare_entry("Seed",
                        "1",
                        Patterns::Integer(0),
                        "[-] Seed of the random number generator "
                        "(std::mt19937_64); the same seed gives the same "
                        "structure on any number of ranks.");
      prm.declare_entry(
        "Remove isolated solid",
        "true",
        Patterns::Bool(),
        "[-] true: keep only the largest face-connected solid cluster, so "
        "every solid cell is connected. false: a disconnected solid is an "
        "input error.");
      prm.declare_entry(
        "Periodic directions",
        "",
        Patterns::List(Patterns::Selection("x|y|z"), 0, 3),
        "[-] Directions in which the sample tiles space, e.g. 'y, z': sphere "
        "centres are uniform in the sample and wrap around its faces, grains "
        "and solid connectivity wrap too, and the mesh is made periodic "
        "(p4est) where solid meets solid across the two faces; elsewhere "
        "those faces are pore walls. Empty: none. Physics/Model = "
        "microstructure computes the tortuosity along x, so x must not be "
        "periodic there; the space-charge and transport models "
        "(Geometry/Type = microstructure) do not support periodicity yet. "
        "With Structure = image the image itself is taken to tile space.");
      prm.declare_entry(
        "Boundary smoothing",
        "none",
        Patterns::Selection("none|sphere projection|implicit surface"),
        "[-] 'none': the pore walls are the voxel staircase (which "
        "overestimates their area, by about 50 % for a sphere). Otherwise, "
        "before the mesh is distributed, every pore-wall vertex moves onto a "
        "smooth wall (sample-face vertices stay on their faces), the moves "
        "are extended into the solid and shortened where a cell would be "
        "inverted, and the pore-wall area is reported before and after. "
        "'sphere projection': onto the generating spheres' surface; only "
        "for generated structures (an image has no spheres). 'implicit "
        "surface': onto the 0.5 level set of the solid fraction filtered "
        "with a Gaussian of 'Smoothing filter width' (curvature-corrected), "
        "for images and generated structures alike; vertices touching two "
        "solid phases stay, so phase boundaries and triple-phase boundaries "
        "are those of the voxels. Geometry/Type = microstructure meshes the "
        "staircase so far (input error otherwise).");
      prm.declare_entry(
        "Smoothing filter width",
        "1",
        Patterns::Double(0.5, 3),
        "[voxels] Boundary smoothing = implicit surface: standard deviation "
        "of the Gaussian that filters the solid indicator, 0.5 to 3 voxels. "
        "Wider filters give smoother walls but remove features thinner than "
        "about two widths (their vertices stay on the staircase).");
      prm.declare_entry(
        "Compute tortuosity",
        "true",
        Patterns::Bool(),
        "[-] Physics/Model = microstructure: true solves steady diffusion "
        "through the solid for the tortuosity along x (tortuosity.csv); "
        "false skips it (a mesh and metrics run, e.g. to measure memory).");
      VoxelImageParameters::declare_parameters(prm);
    }
    prm.leave_subsection();
  }



  void
  MicrostructureParameters::parse_parameters(ParameterHandler  &prm,
                                             const std::string &input_directory)
  {
    prm.enter_subsection("Geometry");
    dimension = prm.get_integer("Dimension");
    prm.leave_subsection();
    require_input(dimension >= 2,
                  "Geometry/Dimension",
                  std::to_string(dimension),
                  "a porous microstructure (Physics/Model or Geometry/Type = "
                  "microstructure) needs 2 or 3");

    prm.enter_subsection("Microstructure");
    {
      const std::string structure_name = prm.get("Structure");
      structure
        = structure_name == "overlapping pores" ? Structure::overlapping_pores
          : structure_name == "image"           ? Structure::image
                                      : Structure::overlapping_particles;
      const std::string size_text = prm.get("Sample size");
      const auto        sizes
        = parameters::parse_doubles(size_text, "Microstructure/Sample size");
      require_input(sizes.size() >= dimension,
                    "Microstructure/Sample size",
                    size_text,
                    "needs one length per dimension ("
                      + std::to_string(dimension) + ")");
      for (unsigned int d = 0; d < 3; ++d)
        sample_size[d] = d < dimension ? sizes[d] : 1.;
      voxel_size      = prm.get_double("Voxel size");
      target_porosity = prm.get_double("Target porosity");
      sphere_diameter = prm.get_double("Sphere diameter");
      mean_grain_size = prm.get_double("Mean grain size");
      seed            = prm.get_integer("Seed");
      remove_isolated = prm.get_bool("Remove isolated solid");
      if (structure == Structure::image)
      {
        image.parse_parameters(prm, dimension, input_directory);
        for (unsigned int d = 0; d < 3; ++d)
          sample_size[d] = d < dimension ? image.size[d] * voxel_size : 1.;
      }
    }
    prm.leave_subsection();
    validate();
  }



  void
  MicrostructureParameters::validate() const
  {
    require_input(voxel_size > 0,
                  "Microstructure/Voxel size",
                  parameters::to_string(voxel_size) + " nm",
                  "must be positive");
    require_input(mean_grain_size > 0,
                  "Microstructure/Mean grain size",
                  parameters::to_string(mean_grain_size) + " nm",
                  "must be positive");
    std::string sizes;
    for (unsigned int d = 0; d < dimension; ++d)
      sizes += (d > 0 ? ", " : "") + parameters::to_string(sample_size[d]);
    for (unsigned int d = 0; d < dimension; ++d)
      require_input(sample_size[d] > 0,
                    "Microstructure/Sample size",
                    sizes,
                    "every length must be positive");
    if (structure == Structure::image)
      return;
    require_input(target_porosity > 0 && target_porosity < 1,
                  "Microstructure/Target porosity",
                  parameters::to_string(target_porosity),
                  "must lie strictly between 0 and 1");
    require_input(sphere_diameter > 0,
                  "Microstructure/Sphere diameter",
                  parameters::to_string(sphere_diameter) + " nm",
                  "must be positive");
    double smallest = sample_size[0];
    for (unsigned int d = 1; d < dimension; ++d)
      smallest = std::min(smallest, sample_size[d]);
    require_input(sphere_diameter <= smallest,
                  "Microstructure/Sphere diameter",
                  parameters::to_string(sphere_diameter) + " nm",
                  "must not exceed the smallest sample edge ("
                    + parameters::to_string(smallest) + " nm)");
    require_input(voxel_size <= sphere_diameter / 4,
                  "Microstructure/Voxel size",
                  parameters::to_string(voxel_size) + " nm",
                  "must be at most a quarter of the sphere diameter ("
                    + parameters::to_string(sphere_diameter / 4)
                    + " nm) to resolve the spheres");
  }
} // namespace exsolve
