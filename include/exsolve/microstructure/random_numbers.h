#pragma once

#include <cstdint>
#include <random>

namespace exsolve
{
  /**
   * Uniform numbers in [0, 1) from std::mt19937_64, with the conversion
   * done here rather than by std::uniform_real_distribution (whose output
   * is implementation-defined), so that a seed gives the same structure with
   * any standard library. Independent streams (spheres, grain seeds) come
   * from the same seed through std::seed_seq.
   */
  class UniformRandom
  {
  public:
    UniformRandom(const std::uint64_t seed, const std::uint64_t stream)
    {
      std::seed_seq sequence{static_cast<std::uint32_t>(seed),
                             static_cast<std::uint32_t>(seed >> 32),
                             static_cast<std::uint32_t>(stream)};
      engine.seed(sequence);
    }

    double
    next()
    {
      return static_cast<double>(engine() >> 11) * 0x1.0p-53;
    }

  private:
    std::mt19937_64 engine;
  };
} // namespace exsolve
