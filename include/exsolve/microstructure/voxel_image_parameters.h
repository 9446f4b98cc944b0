#pragma once

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace exsolve
{
  /**
   * The image entries of section Microstructure (Structure = image): a
   * segmented voxel image whose grey values are phase labels, as a raw
   * 8/16-bit file or as grey-scale PNG (one picture in 2D, a numbered
   * stack of slices in 3D), and optionally a second image of the same
   * format with grain ids.
   */
  struct VoxelImageParameters
  {
    enum class Format
    {
      raw,
      png
    };

    /// Resolved path (3D PNG: a printf pattern with one %d for the slice).
    std::string file;
    /// Empty: Voronoi grains within each solid phase.
    std::string                 grain_file;
    Format                      format    = Format::raw;
    unsigned int                dimension = 3;
    std::array<unsigned int, 3> size{{1, 1, 1}};
    unsigned int                bit_depth  = 8;
    bool                        big_endian = false;
    /// (phase name, grey value), by increasing grey value.
    std::vector<std::pair<std::string, unsigned int>> phase_labels;
    std::string                                       pore_phase = "pore";

    /// Declares the entries in the current subsection (Microstructure).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads the entries of the current subsection; throws InputError.
    /// Relative paths are looked up in the working directory, then in
    /// @p input_directory.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const unsigned int        dimension,
                     const std::string        &input_directory);

    std::size_t
    n_voxels() const
    {
      return std::size_t(size[0]) * size[1] * size[2];
    }

    /// "nx, ny[, nz]" for messages.
    std::string
    size_text() const;
  };
} // namespace exsolve
