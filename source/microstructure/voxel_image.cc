#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/voxel_image.h>

#include <filesystem>
#include <fstream>

namespace exsolve
{
  std::vector<std::uint16_t>
  read_voxel_image(const VoxelImageParameters &p,
                   const std::string          &file,
                   const std::string          &parameter)
  {
    std::vector<std::uint16_t> values;
    values.reserve(p.n_voxels());
    if (p.format == VoxelImageParameters::Format::png)
    {
      for (unsigned int k = 0; k < p.size[2]; ++k)
      {
        std::string slice = file;
        if (p.dimension == 3)
        {
          std::vector<char> name(file.size() + 32);
          std::snprintf(name.data(), name.size(), file.c_str(), k);
          slice = name.data();
          require_input(std::filesystem::is_regular_file(slice),
                        parameter,
                        file,
                        "slice " + std::to_string(k) + " ('" + slice
                          + "') is missing; Image size = " + p.size_text()
                          + " needs " + std::to_string(p.size[2]) + " slices");
        }
        read_png_slice(
          slice, p.size[0], p.size[1], p.bit_depth, parameter, values);
      }
      return values;
    }

    const std::size_t bytes_per_voxel = p.bit_depth / 8;
    const std::size_t expected        = p.n_voxels() * bytes_per_voxel;
    const auto        bytes           = std::filesystem::file_size(file);
    require_input(bytes == expected,
                  parameter,
                  file,
                  "has " + std::to_string(bytes)
                    + " bytes, but Image size = " + p.size_text()
                    + " at Image bit depth = " + std::to_string(p.bit_depth)
                    + " needs " + std::to_string(expected) + " ("
                    + p.size_text() + " voxels x "
                    + std::to_string(bytes_per_voxel) + " byte)");
    std::ifstream              in(file, std::ios::binary);
    std::vector<unsigned char> raw(expected);
    in.read(reinterpret_cast<char *>(raw.data()), expected);
    require_input(in.gcount() == static_cast<std::streamsize>(expected),
                  parameter,
                  file,
                  "could not be read");
    for (std::size_t v = 0; v < p.n_voxels(); ++v)
      if (bytes_per_voxel == 1)
        values.push_back(raw[v]);
      else
      {
        const unsigned int first = raw[2 * v], second = raw[2 * v + 1];
        values.push_back(p.big_endian ? (first << 8) | second
                                      : (second << 8) | first);
      }
    return values;
  }
} // namespace exsolve
