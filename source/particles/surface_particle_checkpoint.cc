// Checkpoints of SurfaceParticleField: the populations attached to the
// p4est forest, or by node position on a replicated (1D) mesh.
#include <deal.II/distributed/tria.h>

#include <exsolve/core/input_error.h>
#include <exsolve/particles/surface_particle_field.h>

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace exsolve::particles
{
  using namespace dealii;

  template <int dim>
  void
  SurfaceParticleField<dim>::prepare_for_serialization() const
  {
    AssertThrow(dynamic_cast<const parallel::distributed::Triangulation<dim> *>(
                  &triangulation)
                  != nullptr,
                ExcInternalError());
    const unsigned int n = model->classes.size() + 3;
    serialized_fields.assign(n, Vector(owned, relevant, communicator));
    std::vector<const Vector *> in;
    for (unsigned int c = 0; c < n; ++c)
    {
      Vector v(owned, communicator);
      pack(c, v);
      constraints.distribute(v);
      serialized_fields[c] = v;
      in.push_back(&serialized_fields[c]);
    }
    serialization
      = std::make_unique<parallel::distributed::SolutionTransfer<dim, Vector>>(
        dof_handler);
    serialization->prepare_for_serialization(in);
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::deserialize(const double time)
  {
    const unsigned int n = model->classes.size() + 3;
    clock                = time;
    setup_dofs();
    std::vector<Vector>   fields(n, Vector(owned, communicator));
    std::vector<Vector *> out;
    for (auto &v : fields)
      out.push_back(&v);
    parallel::distributed::SolutionTransfer<dim, Vector> transfer(dof_handler);
    transfer.deserialize(out);
    unpack(fields, false);
    update_coverage_field();
  }



  template <int dim>
  std::string
  SurfaceParticleField<dim>::serialize_by_position() const
  {
    std::ostringstream out;
    out << std::setprecision(17);
    for (unsigned int p = 0; p < populations.size(); ++p)
    {
      for (unsigned int d = 0; d < dim; ++d)
        out << population_points[p][d] << ' ';
      for (const double x : populations[p].state())
        out << std::hexfloat << x << std::defaultfloat << ' ';
      out << '\n';
    }
    const auto  all = Utilities::MPI::gather(communicator, out.str(), 0);
    std::string text;
    for (const auto &part : all)
      text += part;
    return text;
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::deserialize_by_position(const std::string &text,
                                                     const double       time)
  {
    clock = time;
    setup_dofs();
    const unsigned int n = model->classes.size() + 3;
    std::vector<std::pair<Point<dim>, std::vector<double>>> saved;
    std::istringstream                                      in(text);
    std::string                                             line;
    while (std::getline(in, line))
    {
      std::istringstream row(line);
      Point<dim>         x;
      for (unsigned int d = 0; d < dim; ++d)
        row >> x[d];
      std::vector<double> state(n);
      for (double &v : state)
      {
        std::string word;
        row >> word;
        v = std::strtod(word.c_str(), nullptr);
      }
      AssertThrow(row, ExcMessage("damaged particle populations"));
      saved.emplace_back(x, state);
    }
    populations.clear();
    for (unsigned int p = 0; p < population_dofs.size(); ++p)
    {
      const auto found
        = std::find_if(saved.begin(),
                       saved.end(),
                       [&](const auto &s) {
                         return s.first.distance(population_points[p]) < 1e-9;
                       });
      require_input(found != saved.end(),
                    "--resume",
                    "(checkpoint)",
                    "holds no particle population for the surface node at "
                      + std::to_string(population_points[p][0])
                      + ": it does not fit this mesh");
      populations.emplace_back(model);
      populations.back().set_state(found->second, clock);
    }
    update_coverage_field();
  }



  template <int dim>
  void
  SurfaceParticleField<dim>::restart_integrators()
  {
    for (auto &population : populations)
      population.set_state(population.state(), clock);
  }



  template void
  SurfaceParticleField<1>::prepare_for_serialization() const;
  template void
  SurfaceParticleField<1>::deserialize(const double);
  template std::string
  SurfaceParticleField<1>::serialize_by_position() const;
  template void
  SurfaceParticleField<1>::deserialize_by_position(const std::string &,
                                                   const double);
  template void
  SurfaceParticleField<1>::restart_integrators();
  template void
  SurfaceParticleField<2>::prepare_for_serialization() const;
  template void
  SurfaceParticleField<2>::deserialize(const double);
  template std::string
  SurfaceParticleField<2>::serialize_by_position() const;
  template void
  SurfaceParticleField<2>::deserialize_by_position(const std::string &,
                                                   const double);
  template void
  SurfaceParticleField<2>::restart_integrators();
  template void
  SurfaceParticleField<3>::prepare_for_serialization() const;
  template void
  SurfaceParticleField<3>::deserialize(const double);
  template std::string
  SurfaceParticleField<3>::serialize_by_position() const;
  template void
  SurfaceParticleField<3>::deserialize_by_position(const std::string &,
                                                   const double);
  template void
  SurfaceParticleField<3>::restart_integrators();
} // namespace exsolve::particles
