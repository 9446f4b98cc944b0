#include <deal.II/base/utilities.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/core/physical_constants.h>
#include <exsolve/defects/extended_defects.h>
#include <exsolve/defects/mesh_grain_boundaries.h>

#include <cmath>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    const std::string section = "Extended defects/";

    /// "x y z" (up to three numbers, missing ones 0).
    Tensor<1, 3>
    parse_vector(const std::string &text,
                 const std::string &entry,
                 const std::string &item)
    {
      const auto values = parameters::parse_doubles(text, entry, " ");
      require_input(!values.empty() && values.size() <= 3,
                    entry,
                    item,
                    "coordinates are 1 to 3 numbers separated by spaces");
      Tensor<1, 3> v;
      for (unsigned int d = 0; d < values.size(); ++d)
        v[d] = values[d];
      return v;
    }

    std::string
    trimmed(const std::string &s)
    {
      const auto a = s.find_first_not_of(" \t");
      const auto b = s.find_last_not_of(" \t");
      return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    }
  } // namespace



  void
  ExtendedDefects::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Extended defects");
    {
      prm.declare_entry(
        "Planes",
        "",
        Patterns::Anything(),
        "[nm, or dimensionless] Planar defects (grain and anti-phase "
        "boundaries, hetero-interfaces, a planar free surface) as 'name: "
        "x y z / nx ny nz, ...': a point of the plane and its normal (1D: "
        "'gb: 50 / 1').");
      prm.declare_entry(
        "Plane arrays",
        "",
        Patterns::Anything(),
        "[nm, or dimensionless] Arrays of parallel planes, e.g. a network of "
        "anti-phase boundaries running to a film's surface, as 'name: x y z "
        "/ nx ny nz / spacing / count, ...': planes name_1 .. name_count "
        "through the point shifted by k spacing along the normal. The other "
        "entries may name the array to set all its planes.");
      prm.declare_entry(
        "Lines",
        "",
        Patterns::Anything(),
        "[nm, or dimensionless] Dislocation lines as 'name: x y z / tx ty "
        "tz, ...': a point and the line direction; in 2D the line is "
        "normal to the plane of the mesh, 'name: x y'.");
      prm.declare_entry(
        "Grain boundaries from mesh",
        "",
        Patterns::Anything(),
        "[-] A name for the grain boundaries of a polycrystalline mesh "
        "(2D or 3D): every face between coarse cells of different "
        "material_id (grain id; Geometry/Type = microstructure or a Gmsh "
        "mesh with one physical volume per grain) becomes a planar core, "
        "found through a spatial index. The other entries set all of them "
        "by this name. Empty: none.");
      prm.declare_entry("Core half-widths",
                        "",
                        Patterns::Anything(),
                        "[nm, or dimensionless] Half-width w > 0 of each "
                        "defect's core profile, 'name: w' (missing: 0.5).");
      prm.declare_entry("Core profile",
                        "gaussian",
                        Patterns::Selection("gaussian|sech2"),
                        "[-] Shape p(d) of every core, p(0) = 1: "
                        "'gaussian' exp(-(d/w)^2) or 'sech2' sech(d/w)^2.");
      prm.declare_entry(
        "Core charges",
        "",
        Patterns::Anything(),
        "[C/m^2 for planes, C/m for lines; dimensionless: e c_ref L or e "
        "c_ref L^2] Fixed charge of each core, 'name: value', spread with "
        "the normalised core profile (missing: 0).");
      prm.declare_entry(
        "Segregation energies",
        "",
        Patterns::Anything(),
        "[eV, or kT when dimensionless] Excess standard chemical potential "
        "dg of a species in a core, 'species@defect: dg, ...'; negative "
        "values attract the species (missing: 0).");
      prm.declare_entry(
        "Diffusivity factors",
        "",
        Patterns::Anything(),
        "[-] Factor f > 0 on the diffusivity of a species in a core (fast "
        "paths: f > 1), 'species@defect: f, ...'; D = D_bulk (1 + (f - 1) "
        "p) (missing: 1).");
      prm.declare_entry(
        "Core refinement levels",
        "0",
        Patterns::Integer(0, 30),
        "[-] Before the initial state, refine the cells near each core up "
        "to this many times, until they are smaller than 'Core "
        "resolution' half-widths.");
      prm.declare_entry("Core resolution",
                        "0.5",
                        Patterns::Double(0),
                        "[half-widths] Cell size wanted in the cores, > 0.");
    }
    prm.leave_subsection();
  }



  void
  ExtendedDefects::parse_parameters(ParameterHandler               &prm,
                                    const std::vector<std::string> &names,
                                    const PhysicalScales           &scales,
                                    const unsigned int              dimension)
  {
    prm.enter_subsection("Extended defects");
    const std::string planes_text  = prm.get("Planes");
    const std::string lines_text   = prm.get("Lines");
    const std::string arrays_text  = prm.get("Plane arrays");
    const std::string widths_text  = prm.get("Core half-widths");
    const std::string charges_text = prm.get("Core charges");
    const std::string dg_text      = prm.get("Segregation energies");
    const std::string factor_text  = prm.get("Diffusivity factors");
    const std::string mesh_name
      = trimmed(prm.get("Grain boundaries from mesh"));
    shape = prm.get("Core profile") == "gaussian" ? Profile::gaussian
                                                  : Profile::sech2;
    core_refinement_levels = prm.get_integer("Core refinement levels");
    core_resolution        = prm.get_double("Core resolution");
    prm.leave_subsection();
    require_input(core_resolution > 0,
                  section + "Core resolution",
                  parameters::to_string(core_resolution),
                  "must be positive");

    defects.clear();
    n_species = names.size();
    // SI lengths are in nm = L; the same numbers serve dimensionless runs.
    const auto read = [&](const std::string &text, const Kind kind)
    {
      const std::string entry
        = section + (kind == Kind::plane ? "Planes" : "Lines");
      for (const auto &[name, value] : parameters::parse_map(text, entry))
      {
        Defect d;
        d.name                   = name;
        d.kind                   = kind;
        const std::string  item  = name + ": " + value;
        const auto         slash = value.find('/');
        const Tensor<1, 3> p
          = parse_vector(trimmed(value.substr(0, slash)), entry, item);
        for (unsigned int k = 0; k < 3; ++k)
          d.point[k] = p[k];
        if (slash != std::string::npos)
          d.direction
            = parse_vector(trimmed(value.substr(slash + 1)), entry, item);
        else if (kind == Kind::line && dimension == 2)
          d.direction[2] = 1.;
        require_input(kind == Kind::plane || dimension > 1,
                      entry,
                      item,
                      "dislocation lines need a 2D or 3D mesh");
        require_input(d.direction.norm() > 0,
                      entry,
                      item,
                      kind == Kind::plane
                        ? "needs a non-zero normal after '/'"
                        : "needs a non-zero line direction after '/' (3D)");
        if (kind == Kind::line && dimension == 2)
          require_input(std::abs(d.direction[0]) + std::abs(d.direction[1])
                          == 0.,
                        entry,
                        item,
                        "in 2D a line is normal to the mesh: give only the "
                        "point 'x y'");
        d.direction /= d.direction.norm();
        d.segregation.assign(n_species, 0.);
        d.diffusivity_factor.assign(n_species, 1.);
        for (const auto &other : defects)
          require_input(other.name != name,
                        entry,
                        item,
                        "the name '" + name + "' is already used");
        defects.push_back(d);
      }
    };
    read(planes_text, Kind::plane);
    read(lines_text, Kind::line);
    // Arrays of parallel planes (anti-phase boundary networks, lamellae):
    // 'name: x y z / n / spacing / count' gives name_1 .. name_count.
    const std::string array_entry = section + "Plane arrays";
    for (const auto &[name, value] :
         parameters::parse_map(arrays_text, array_entry))
    {
      const std::string item  = name + ": " + value;
      const auto        parts = Utilities::split_string_list(value, '/');
      require_input(parts.size() == 4,
                    array_entry,
                    item,
                    "expects 'name: point / normal / spacing / count'");
      const double spacing = parameters::parse_double(parts[2], array_entry);
      const double count   = parameters::parse_double(parts[3], array_entry);
      require_input(spacing > 0 && count >= 1 && count <= 10000
                      && count == std::floor(count),
                    array_entry,
                    item,
                    "needs a positive spacing and a whole count of 1 .. "
                    "10000 planes");
      std::string members;
      for (unsigned int k = 0; k < count; ++k)
        members += (k ? ", " : "") + name + "_" + std::to_string(k + 1) + ": "
                   + parts[0] + " / " + parts[1];
      const unsigned int first = defects.size();
      read(members, Kind::plane);
      for (unsigned int k = 0; k < count; ++k)
      {
        Defect &d = defects[first + k];
        d.group   = name;
        for (unsigned int c = 0; c < 3; ++c)
          d.point[c] += k * spacing * d.direction[c];
      }
    }

    mesh_boundaries.reset();
    if (!mesh_name.empty())
    {
      const std::string entry = section + "Grain boundaries from mesh";
      require_input(dimension > 1,
                    entry,
                    mesh_name,
                    "grain boundaries of a mesh need a 2D or 3D mesh");
      for (const auto &other : defects)
        require_input(other.name != mesh_name,
                      entry,
                      mesh_name,
                      "the name '" + mesh_name + "' is already used");
      Defect d;
      d.name = mesh_name;
      d.kind = Kind::mesh_faces;
      d.segregation.assign(n_species, 0.);
      d.diffusivity_factor.assign(n_species, 1.);
      defects.push_back(d);
    }

    // A name selects one defect, or every member of a plane array.
    const auto find = [&](const std::string &name,
                          const std::string &entry,
                          const std::string &item)
    {
      std::vector<Defect *> found;
      std::string           known;
      for (auto &d : defects)
      {
        if (d.name == name || d.group == name)
          found.push_back(&d);
        known += (known.empty() ? "" : ", ") + d.name;
      }
      if (found.empty())
        throw InputError(entry + " = " + item + ": no defect named '" + name
                         + "' in Extended defects/Planes, Plane arrays or "
                           "Lines (defects: "
                         + (known.empty() ? std::string("none") : known) + ")");
      return found;
    };
    const auto species_and_defect = [&](const std::string &key,
                                        const std::string &entry,
                                        const std::string &item)
    {
      const auto at = key.rfind('@');
      require_input(at != std::string::npos && at > 0 && at + 1 < key.size(),
                    entry,
                    item,
                    "keys are written 'species@defect'");
      const std::string species = key.substr(0, at);
      unsigned int      index   = 0;
      while (index < names.size() && names[index] != species)
        ++index;
      std::string known;
      for (const auto &n : names)
        known += (known.empty() ? "" : ", ") + n;
      require_input(index < names.size(),
                    entry,
                    item,
                    "unknown species '" + species + "' (known: " + known + ")");
      return std::make_pair(index, find(key.substr(at + 1), entry, item));
    };

    for (const auto &[name, value] :
         parameters::parse_map(widths_text, section + "Core half-widths"))
    {
      const double w
        = parameters::parse_double(value, section + "Core half-widths");
      require_input(w > 0,
                    section + "Core half-widths",
                    name + ": " + value,
                    "must be positive");
      for (Defect *d :
           find(name, section + "Core half-widths", name + ": " + value))
        d->half_width = w;
    }
    // Charge per area (per length) -> units of e c_ref L (e c_ref L^2).
    const double e = constants::elementary_charge;
    for (const auto &[name, value] :
         parameters::parse_map(charges_text, section + "Core charges"))
    {
      const double q
        = parameters::parse_double(value, section + "Core charges");
      for (Defect *d :
           find(name, section + "Core charges", name + ": " + value))
      {
        const double unit
          = scales.dimensionless
              ? 1.
              : e * scales.concentration * scales.length
                  * (d->kind == Kind::line ? scales.length : 1.);
        d->core_charge = q / unit;
      }
    }
    for (const auto &[key, value] :
         parameters::parse_map(dg_text, section + "Segregation energies"))
    {
      const std::string item = key + ": " + value;
      const auto [i, members]
        = species_and_defect(key, section + "Segregation energies", item);
      const double dg
        = parameters::parse_double(value, section + "Segregation energies");
      for (Defect *d : members)
        d->segregation[i] = dg;
    }
    for (const auto &[key, value] :
         parameters::parse_map(factor_text, section + "Diffusivity factors"))
    {
      const std::string item = key + ": " + value;
      const auto [i, members]
        = species_and_defect(key, section + "Diffusivity factors", item);
      const double f
        = parameters::parse_double(value, section + "Diffusivity factors");
      require_input(f > 0,
                    section + "Diffusivity factors",
                    item,
                    "must be positive");
      for (Defect *d : members)
        d->diffusivity_factor[i] = f;
    }
  }



  template <int dim>
  Tensor<1, 3>
  ExtendedDefects::perpendicular(const unsigned int        k,
                                 const dealii::Point<dim> &point) const
  {
    const Defect &d = defects[k];
    Tensor<1, 3>  r;
    for (unsigned int c = 0; c < dim; ++c)
      r[c] = point[c] - d.point[c];
    if (d.kind == Kind::mesh_faces)
    {
      Assert(mesh_boundaries, ExcMessage("attach_mesh() was not called"));
      return mesh_boundaries->perpendicular(Point<3>(r[0], r[1], r[2]));
    }
    const double along = r * d.direction;
    return d.kind == Kind::plane ? along * d.direction
                                 : r - along * d.direction;
  }



  template <int dim>
  double
  ExtendedDefects::distance(const unsigned int        k,
                            const dealii::Point<dim> &point) const
  {
    return perpendicular(k, point).norm();
  }



  double
  ExtendedDefects::profile(const unsigned int k, const double d) const
  {
    const double s = d / defects[k].half_width;
    if (shape == Profile::gaussian)
      return std::exp(-s * s);
    const double c = std::cosh(std::min(s, 300.));
    return 1. / (c * c);
  }



  double
  ExtendedDefects::profile_integral(const unsigned int k) const
  {
    const Defect &d = defects[k];
    const double  w = d.half_width;
    if (shape == Profile::gaussian)
      return d.kind != Kind::line ? std::sqrt(M_PI) * w : M_PI * w * w;
    return d.kind != Kind::line ? 2. * w : 2. * M_PI * w * w * std::log(2.);
  }



  template <int dim>
  void
  ExtendedDefects::evaluate(const dealii::Point<dim> &point,
                            const double              thermal_energy,
                            Values                   &values) const
  {
    values.potential.assign(n_species, 0.);
    values.potential_gradient.assign(n_species, Tensor<1, 3>());
    values.diffusivity_factor.assign(n_species, 1.);
    values.charge_density = 0.;
    for (unsigned int k = 0; k < defects.size(); ++k)
    {
      const Defect &d = defects[k];
      // r_perp: from the plane or line to the point; d = |r_perp|.
      const Tensor<1, 3> normal   = perpendicular(k, point);
      const double       distance = normal.norm();
      const double w = d.half_width, s = distance / w, p = profile(k, distance);
      // grad p = p'(d) grad d, with grad d = r_perp / d.
      Tensor<1, 3> grad_p;
      if (shape == Profile::gaussian)
        grad_p = (-2. * p / (w * w)) * normal;
      else if (distance > 0)
        grad_p
          = (-2. * p * std::tanh(std::min(s, 300.)) / (w * distance)) * normal;
      for (unsigned int i = 0; i < n_species; ++i)
      {
        const double g = d.segregation[i] / thermal_energy;
        values.potential[i] += g * p;
        values.potential_gradient[i] += g * grad_p;
        values.diffusivity_factor[i] += (d.diffusivity_factor[i] - 1.) * p;
      }
      // Normalised so that the core holds sigma per area or q per length.
      values.charge_density += d.core_charge * p / profile_integral(k);
    }
  }



  template <int dim>
  void
  ExtendedDefects::attach_mesh(const Triangulation<dim, dim> &mesh)
  {
    for (const auto &d : defects)
      if (d.kind == Kind::mesh_faces)
      {
        if constexpr (dim > 1)
          mesh_boundaries = std::make_shared<MeshGrainBoundaries>(mesh);
        require_input(mesh_boundaries && mesh_boundaries->n_faces() > 0,
                      section + "Grain boundaries from mesh",
                      d.name,
                      "the mesh has no faces between cells of different "
                      "material_id (grain id)");
      }
  }



  template void
  ExtendedDefects::attach_mesh<1>(const Triangulation<1, 1> &);
  template void
  ExtendedDefects::attach_mesh<2>(const Triangulation<2, 2> &);
  template void
  ExtendedDefects::attach_mesh<3>(const Triangulation<3, 3> &);
  template void
  ExtendedDefects::evaluate<1>(const Point<1> &, double, Values &) const;
  template void
  ExtendedDefects::evaluate<2>(const Point<2> &, double, Values &) const;
  template void
  ExtendedDefects::evaluate<3>(const Point<3> &, double, Values &) const;
  template double
  ExtendedDefects::distance<1>(unsigned int, const Point<1> &) const;
  template double
  ExtendedDefects::distance<2>(unsigned int, const Point<2> &) const;
  template double
  ExtendedDefects::distance<3>(unsigned int, const Point<3> &) const;
} // namespace exsolve
