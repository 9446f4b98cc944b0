#pragma once

#include <exsolve/microstructure/voxel_image_parameters.h>

#include <cstdint>
#include <string>
#include <vector>

namespace exsolve
{
  /**
   * The values of the voxel image @p file (the phase image or the grain
   * image of @p parameters), x fastest, then y, then z. Throws InputError
   * naming @p parameter if the file cannot be read or its size (byte count
   * of a raw file, pixels or depth of a PNG slice) does not match Image
   * size and Image bit depth.
   */
  std::vector<std::uint16_t>
  read_voxel_image(const VoxelImageParameters &parameters,
                   const std::string          &file,
                   const std::string          &parameter);

  /**
   * One grey-scale PNG picture (8 or 16 bit) of @p width x @p height pixels
   * and @p bit_depth, row by row from the top, appended to @p values.
   * Throws InputError naming @p parameter otherwise. Uses libpng.
   */
  void
  read_png_slice(const std::string          &file,
                 const unsigned int          width,
                 const unsigned int          height,
                 const unsigned int          bit_depth,
                 const std::string          &parameter,
                 std::vector<std::uint16_t> &values);
} // namespace exsolve
