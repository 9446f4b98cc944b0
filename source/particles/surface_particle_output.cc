// Output of SurfaceParticleField: its fields for DataOut, and the particle
// surfaces alone as VTU text (the Catalyst channel "surface").
#include <deal.II/numerics/data_out_faces.h>

#include <exsolve/particles/surface_particle_field.h>

#include <sstream>

namespace exsolve::particles
{
  using namespace dealii;

  namespace
  {
    /// The surface fields of attach_fields(), in its order.
    const std::vector<std::string> surface_field_names
      = {"particle_density",
         "particle_mean_radius",
         "metal_area_fraction",
         "particle_perimeter_density",
         "adatom_coverage",
         "socket_depth"};

    /// The faces of the particle surfaces of the locally owned cells.
    template <int dim>
    class SurfaceFaces : public DataOutFaces<dim>
    {
    public:
      using FaceDescriptor = typename DataOutFaces<dim>::FaceDescriptor;

      explicit SurfaceFaces(const std::set<types::boundary_id> &ids)
          : DataOutFaces<dim>(true)
          , ids(ids)
      {
      }

      FaceDescriptor
      first_face() override
      {
        for (const auto &cell : this->triangulation->active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              if (wanted(cell, f))
                return FaceDescriptor(cell, f);
        return FaceDescriptor();
      }

      FaceDescriptor
      next_face(const FaceDescriptor &face) override
      {
        auto         cell = face.first;
        unsigned int f    = face.second + 1;
        for (; cell != this->triangulation->end(); ++cell, f = 0)
        {
          if (!cell->is_active() || !cell->is_locally_owned())
            continue;
          for (; f < GeometryInfo<dim>::faces_per_cell; ++f)
            if (wanted(cell, f))
              return FaceDescriptor(cell, f);
        }
        return FaceDescriptor();
      }

    private:
      template <class Iterator>
      bool
      wanted(const Iterator &cell, const unsigned int f) const
      {
        return cell->face(f)->at_boundary()
               && ids.count(cell->face(f)->boundary_id()) > 0;
      }

      const std::set<types::boundary_id> ids;
    };
  } // namespace



  template <int dim>
  std::string
  SurfaceParticleField<dim>::surface_vtu()
  {
    if constexpr (dim == 1)
      return "";
    else
    {
      // The fields as attach_fields() makes them, on the surface faces.
      DataOut<dim> scratch;
      scratch.attach_dof_handler(dof_handler);
      attach_fields(scratch);
      SurfaceFaces<dim> faces(surface_ids);
      faces.attach_dof_handler(dof_handler);
      const auto &names = surface_field_names;
      for (unsigned int k = 0; k < names.size(); ++k)
        faces.add_data_vector(output_fields[k], names[k]);
      faces.build_patches();
      DataOutBase::VtkFlags flags;
      flags.compression_level = DataOutBase::VtkFlags::no_compression;
      faces.set_flags(flags);
      std::ostringstream vtu;
      faces.write_vtu(vtu);
      return vtu.str();
    }
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::attach_fields(DataOut<dim> &data_out)
  {
    const auto         &names = surface_field_names;
    std::vector<Vector> owned_fields(names.size(), Vector(owned, communicator));
    for (unsigned int p = 0; p < populations.size(); ++p)
    {
      const auto   i        = population_dofs[p];
      const auto   s        = populations[p].summary();
      const double value[6] = {s.number_density,
                               s.mean_radius * 1e9,
                               s.metal_area_fraction,
                               s.perimeter_density,
                               s.adatom_coverage,
                               s.socket_depth * 1e9};
      for (unsigned int k = 0; k < names.size(); ++k)
        owned_fields[k][i] = value[k];
    }
    output_fields.assign(names.size(), Vector(owned, relevant, communicator));
    for (unsigned int k = 0; k < names.size(); ++k)
    {
      owned_fields[k].compress(VectorOperation::insert);
      constraints.distribute(owned_fields[k]);
      output_fields[k] = owned_fields[k];
      data_out.add_data_vector(dof_handler, output_fields[k], names[k]);
    }
  }



  template std::string
  SurfaceParticleField<1>::surface_vtu();
  template void
  SurfaceParticleField<1>::attach_fields(DataOut<1> &);
  template std::string
  SurfaceParticleField<2>::surface_vtu();
  template void
  SurfaceParticleField<2>::attach_fields(DataOut<2> &);
  template std::string
  SurfaceParticleField<3>::surface_vtu();
  template void
  SurfaceParticleField<3>::attach_fields(DataOut<3> &);
} // namespace exsolve::particles
