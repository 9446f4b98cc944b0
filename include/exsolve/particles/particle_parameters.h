#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace exsolve::particles
{
  /**
   * Section "Particles": the population balance of metal particles on an
   * oxide surface (doc/particles.md). Declared with units in every
   * documentation string; parse_parameters() converts to SI (m, m^2, m^3,
   * J, s) once and checks every range, throwing InputError naming the
   * parameter, its value and what is allowed.
   */
  struct ParticleParameters
  {
    // Metal and support (subsection Metal).
    double atomic_volume       = 1.472e-29;    ///< Omega [m^3]
    double surface_energy      = 2.0;          ///< gamma_m [J/m^2]
    double adhesion_energy     = 2.0;          ///< E_adh at x_V = 0 [J/m^2]
    double adhesion_derivative = 0.;           ///< dE_adh/dx_V [J/m^2]
    double formation_enthalpy  = -1.60218e-20; ///< Delta h per atom [J]
    double particle_entropy    = 1.;           ///< s_p [k per atom]
    double site_density        = 1.5e19;       ///< n_s [m^-2]
    double attempt_frequency   = 1e13;         ///< nu [1/s]
    double attachment_barrier  = 1.6e-19;      ///< E_att [J]

    // Nucleation (subsection Nucleation).
    bool   nucleation                = true;
    double homogeneous_site_fraction = 1.;      ///< N0 / n_s [-]
    double defect_site_spacing       = 3.9e-10; ///< along a defect line [m]
    double defect_barrier_factor     = 0.3;     ///< dG*_defect / dG* [-]
    bool   incubation                = true;

    // Size classes (subsection Size classes).
    unsigned int n_classes           = 100;
    double       min_radius          = 3e-10; ///< [m]
    double       max_radius          = 1e-7;  ///< [m]
    bool         logarithmic         = true;
    bool         second_order_fluxes = true;

    // Migration and coalescence (subsection Mobility).
    enum class Kernel
    {
      none,
      constant,
      mobility
    };
    Kernel kernel              = Kernel::none;
    double constant_kernel     = 1e-20;   ///< K [m^2/s]
    double mobility_prefactor  = 1e-7;    ///< D0 at R = 1 nm [m^2/s]
    double mobility_activation = 2.4e-19; ///< E_m [J]
    double mobility_exponent   = 4.;      ///< p of (1 nm / R)^p [-]
    double redox_mobility      = 0.;      ///< chi [m^4]

    // Socketing (subsection Socketing).
    double socketing_prefactor       = 0.;      ///< [1/s]
    double socketing_activation      = 3.2e-19; ///< [J]
    double max_socket_depth          = 1e-9;    ///< [m]
    double socketing_adhesion_gain   = 0.5;     ///< [J/m^2] at full depth
    double socketing_mobility_factor = 0.01;    ///< D_p factor at full depth

    // Local integration (subsection Integrator).
    double relative_tolerance = 1e-7;
    double absolute_tolerance = 1e-14; ///< [monolayers]

    // The zero-dimensional run (subsection Surface element).
    double       end_time                = 3600.; ///< [s]
    unsigned int n_outputs               = 50;
    bool         logarithmic_outputs     = false;
    double       initial_coverage        = 0.;   ///< adatoms [-]
    double       initial_number_density  = 0.;   ///< [m^-2]
    double       initial_mean_radius     = 2e-9; ///< [m]
    double       initial_radius_spread   = 0.2;  ///< log-normal sigma [-]
    double       supply_rate             = 0.;   ///< [m^-2 s^-1]
    double       supply_duration         = 0.;   ///< [s] (0: whole run)
    double       vacancy_fraction        = 0.;   ///< surface x_V [-]
    double       defect_line_density     = 0.;   ///< [m/m^2]
    double       defect_point_density    = 0.;   ///< [m^-2]
    double       redox_rate              = 0.;   ///< r0 [m^-2 s^-1]
    double       redox_activation        = 0.;   ///< E_r [J]
    double       redox_supply_limit      = 0.;   ///< r_s0 [m^-2 s^-1]
    double       redox_supply_activation = 0.;   ///< E_s [J]

    /// The zero-dimensional redox rate at @p temperature [K]: r0
    /// exp(-E_r/kT) in series with the supply limit [m^-2 s^-1].
    double
    redox_rate_at(const double temperature) const;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);
  };
} // namespace exsolve::particles
