#pragma once

namespace exsolve
{
  /// CODATA 2018 constants in SI units.
  namespace constants
  {
    inline constexpr double boltzmann_eV        = 8.617333262e-5;   // eV/K
    inline constexpr double elementary_charge   = 1.602176634e-19;  // C
    inline constexpr double vacuum_permittivity = 8.8541878128e-12; // F/m
    inline constexpr double nanometre           = 1e-9;             // m
  } // namespace constants
} // namespace exsolve
