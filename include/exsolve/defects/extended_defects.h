#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <exsolve/core/physical_scales.h>

#include <memory>

#include <string>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace exsolve
{
  class MeshGrainBoundaries;

  /**
   * Extended defects (section "Extended defects"): grain boundaries,
   * anti-phase boundaries and other planar defects (also a free surface
   * that is a plane), and dislocation lines. One model for all of them
   * (doc/extended_defects.md): around its core each defect adds
   *  - to the standard chemical potential of species i a segregation
   *    energy dg_i p(d), so that the fluxes follow
   *    grad(ln a_i + dg_i p / kT + z_i e phi / kT);
   *  - to the diffusivity of species i a factor 1 + (f_i - 1) p(d) (fast
   *    paths);
   *  - a fixed core charge, sigma per area (planes) or q per length
   *    (lines), spread with the normalised profile;
   * where d is the distance to the defect's plane or line (or, for the
   * grain boundaries of a polycrystalline mesh, to the nearest face between
   * grains, MeshGrainBoundaries) and p the core
   * profile of half-width w (p(0) = 1): exp(-(d/w)^2) or sech^2(d/w).
   * Space charge then follows from the transport equations.
   * Everything is stored dimensionless (lengths in L, energies in units of
   * eV unless the run is dimensionless (then kT), charges in e c_ref L or
   * e c_ref L^2).
   */
  class ExtendedDefects
  {
  public:
    enum class Kind
    {
      plane,
      line,
      /// The faces between grains (material ids) of the mesh.
      mesh_faces
    };
    enum class Profile
    {
      gaussian,
      sech2
    };

    struct Defect
    {
      std::string name;
      /// The plane array it belongs to (Plane arrays), empty otherwise.
      std::string          group;
      Kind                 kind = Kind::plane;
      dealii::Point<3>     point;     // on the plane or line
      dealii::Tensor<1, 3> direction; // unit normal (plane) or line direction
      double               half_width  = 0.5;
      double               core_charge = 0.;   // per area or per length
      std::vector<double>  segregation;        // dg_i (eV, or kT)
      std::vector<double>  diffusivity_factor; // f_i
    };

    /// What the defects add at one point.
    struct Values
    {
      std::vector<double>               potential; // sum dg_i p / kT
      std::vector<dealii::Tensor<1, 3>> potential_gradient;
      std::vector<double>               diffusivity_factor;
      double                            charge_density = 0.;
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Read the section for the species @p names, scaled with @p scales.
    void
    parse_parameters(dealii::ParameterHandler       &prm,
                     const std::vector<std::string> &names,
                     const PhysicalScales           &scales,
                     const unsigned int              dimension);

    /**
     * Index the grain boundaries of @p mesh if Extended defects/Grain
     * boundaries from mesh names them (before the mesh is refined: the
     * faces between its coarse cells); throws InputError if the mesh has
     * none.
     */
    template <int dim>
    void
    attach_mesh(const dealii::Triangulation<dim, dim> &mesh);

    bool
    empty() const
    {
      return defects.empty();
    }

    const std::vector<Defect> &
    list() const
    {
      return defects;
    }

    /**
     * The defects' contributions at @p point (dimensionless), with the
     * segregation energies divided by @p thermal_energy (kT in eV, or 1 in
     * a dimensionless run).
     */
    template <int dim>
    void
    evaluate(const dealii::Point<dim> &point,
             const double              thermal_energy,
             Values                   &values) const;

    /// Distance of @p point to the core of defect @p k (dimensionless).
    template <int dim>
    double
    distance(const unsigned int k, const dealii::Point<dim> &point) const;

    /// The core profile p(d) of defect @p k.
    double
    profile(const unsigned int k, const double d) const;

    /// Integral of p across defect @p k (over d for a plane, over the
    /// cross-section for a line): int p dV / this is its area or length.
    double
    profile_integral(const unsigned int k) const;

    /// Refine cells near the cores until they are smaller than this many
    /// half-widths (Extended defects/Core resolution).
    double       core_resolution        = 0.5;
    unsigned int core_refinement_levels = 0;

  private:
    /// From the plane or line of defect @p k to @p point, normal to it.
    template <int dim>
    dealii::Tensor<1, 3>
    perpendicular(const unsigned int k, const dealii::Point<dim> &point) const;

    std::vector<Defect> defects;
    /// The mesh's grain boundaries (shared by copies of this object).
    std::shared_ptr<const MeshGrainBoundaries> mesh_boundaries;
    Profile                                    shape     = Profile::gaussian;
    unsigned int                               n_species = 0;
  };
} // namespace exsolve
