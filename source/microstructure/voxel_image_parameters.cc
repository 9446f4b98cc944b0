#include <deal.II/base/utilities.h>

#include <exsolve/core/input_error.h>
#include <exsolve/core/parameter_utilities.h>
#include <exsolve/microstructure/voxel_image_parameters.h>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace exsolve
{
  using namespace dealii;

  namespace
  {
    /// A non-negative integer of at most six digits.
    bool
    is_count(const std::string &text)
    {
      return !text.empty() && text.size() < 7
             && std::all_of(text.begin(),
                            text.end(),
                            [](const char c) { return std::isdigit(c); });
    }

    /// A 3D PNG stack is named by a pattern with one %d (or %03d, ...).
    void
    require_slice_pattern(const std::string &name, const std::string &parameter)
    {
      require_input(std::regex_match(name, std::regex("[^%]*%0?[0-9]*d[^%]*")),
                    parameter,
                    name,
                    "a 3D PNG stack is named by a pattern with exactly one "
                    "%d (or %03d, ...) for the slice number");
    }

    /// The file itself, or (3D PNG pattern) its first slice, must exist.
    std::string
    resolve(const std::string &name,
            const std::string &parameter,
            const std::string &input_directory,
            const bool         pattern)
    {
      if (pattern)
        require_slice_pattern(name, parameter);
      namespace fs         = std::filesystem;
      const auto candidate = [&](const std::string &path)
      {
        if (!pattern)
          return path;
        char first[4096];
        std::snprintf(first, sizeof(first), path.c_str(), 0);
        return std::string(first);
      };
      std::string path = name;
      if (!fs::exists(candidate(path)) && fs::path(path).is_relative()
          && fs::exists(candidate((fs::path(input_directory) / path).string())))
        path = (fs::path(input_directory) / path).string();
      require_input(fs::is_regular_file(candidate(path)),
                    parameter,
                    name,
                    std::string(pattern ? "no first slice " : "no such file ")
                      + "(looked for '" + candidate(name)
                      + "' in the working directory and in '" + input_directory
                      + "')");
      return path;
    }
  } // namespace



  void
  VoxelImageParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry(
      "Image file",
      "",
      Patterns::Anything(),
      "[-] Structure = image: the segmented voxel image. Raw: the voxel "
      "values, x fastest, then y, then z, no header. PNG: a grey-scale "
      "picture of nx x ny pixels (row r is y index r) in 2D; in 3D a stack "
      "of such slices named by a printf pattern with one %d, the slice "
      "number 0 .. nz-1 (for example 'slices/electrode_%03d.png'). A "
      "relative path is looked up in the working directory, then next to "
      "the parameter file.");
    prm.declare_entry("Image format",
                      "raw",
                      Patterns::Selection("raw|png"),
                      "[-] 'raw' (8 or 16 bit unsigned integers) or 'png' "
                      "(8 or 16 bit grey scale, no palette or colour).");
    prm.declare_entry(
      "Image size",
      "",
      Patterns::Anything(),
      "[voxels] nx, ny (2D) or nx, ny, nz (3D), each >= 1. A raw file must "
      "have exactly nx ny nz (bit depth / 8) bytes; PNG slices must be nx x "
      "ny pixels. The sample is nx x ny (x nz) voxels of Voxel size; "
      "Sample size is not used.");
    prm.declare_entry("Image bit depth",
                      "8",
                      Patterns::Selection("8|16"),
                      "[bit] Bits per voxel of a raw image: 8 or 16 (PNG "
                      "files must have this depth too).");
    prm.declare_entry("Image byte order",
                      "little endian",
                      Patterns::Selection("little endian|big endian"),
                      "[-] Byte order of 16-bit raw images (PNG is always "
                      "big endian).");
    prm.declare_entry(
      "Phase labels",
      "pore: 0, solid: 1",
      Patterns::Anything(),
      "[-] Phase name: grey value, for example 'pore: 0, oxide: 1, metal: "
      "2'. Every value in the image must be listed (values 0 .. 255, or "
      "65535 at 16 bit, each used once); one entry is the pore phase, the "
      "others are solid phases (numbered by increasing grey value).");
    prm.declare_entry("Pore phase",
                      "pore",
                      Patterns::Anything(),
                      "[-] The name in Phase labels that is the pore "
                      "(meshed as empty space, its walls are pore_surface).");
    prm.declare_entry(
      "Grain image file",
      "",
      Patterns::Anything(),
      "[-] Optional image of grain ids in the same format, size and bit "
      "depth: solid voxels of equal value and phase form one grain "
      "(values in pore voxels are ignored). Empty: Voronoi grains of Mean "
      "grain size, split along the phase boundaries.");
  }



  void
  VoxelImageParameters::parse_parameters(ParameterHandler  &prm,
                                         const unsigned int dim,
                                         const std::string &input_directory)
  {
    dimension  = dim;
    format     = prm.get("Image format") == "png" ? Format::png : Format::raw;
    bit_depth  = prm.get_integer("Image bit depth");
    big_endian = prm.get("Image byte order") == "big endian";

    const std::string size_string = prm.get("Image size");
    const auto        sizes       = Utilities::split_string_list(size_string);
    require_input(sizes.size() == dim,
                  "Microstructure/Image size",
                  size_string.empty() ? "(empty)" : size_string,
                  "needs " + std::to_string(dim) + " voxel counts (nx, ny"
                    + (dim == 3 ? ", nz)" : ")"));
    for (unsigned int d = 0; d < 3; ++d)
    {
      size[d] = 1;
      if (d < dim)
      {
        const std::string &item = sizes[d];
        require_input(is_count(item) && std::stoul(item) >= 1,
                      "Microstructure/Image size",
                      size_string,
                      "every count must be an integer from 1 to 999999");
        size[d] = std::stoul(item);
      }
    }

    const std::string  labels_text = prm.get("Phase labels");
    const unsigned int largest     = bit_depth == 8 ? 255 : 65535;
    phase_labels.clear();
    for (const auto &[name, value] :
         parameters::parse_map(labels_text, "Microstructure/Phase labels"))
    {
      require_input(is_count(value) && std::stoul(value) <= largest,
                    "Microstructure/Phase labels",
                    labels_text,
                    "the value of '" + name + "' must be an integer from 0 to "
                      + std::to_string(largest) + " (Image bit depth = "
                      + std::to_string(bit_depth) + ")");
      for (const auto &other : phase_labels)
        require_input(other.second != std::stoul(value),
                      "Microstructure/Phase labels",
                      labels_text,
                      "'" + other.first + "' and '" + name
                        + "' have the same value " + value);
      phase_labels.emplace_back(name, std::stoul(value));
    }
    std::sort(phase_labels.begin(),
              phase_labels.end(),
              [](const auto &a, const auto &b) { return a.second < b.second; });
    pore_phase = Utilities::trim(prm.get("Pore phase"));
    require_input(std::any_of(phase_labels.begin(),
                              phase_labels.end(),
                              [&](const auto &p)
                              { return p.first == pore_phase; }),
                  "Microstructure/Pore phase",
                  pore_phase,
                  "must be one of the names in Phase labels (" + labels_text
                    + ")");
    require_input(phase_labels.size() >= 2,
                  "Microstructure/Phase labels",
                  labels_text,
                  "needs the pore phase and at least one solid phase");

    const bool        pattern   = format == Format::png && dim == 3;
    const std::string file_name = prm.get("Image file");
    require_input(!file_name.empty(),
                  "Microstructure/Image file",
                  "(empty)",
                  "Structure = image needs an image file");
    file       = resolve(file_name,
                   "Microstructure/Image file",
                   input_directory,
                   pattern);
    grain_file = prm.get("Grain image file");
    if (!grain_file.empty())
      grain_file = resolve(grain_file,
                           "Microstructure/Grain image file",
                           input_directory,
                           pattern);
  }



  std::string
  VoxelImageParameters::size_text() const
  {
    std::string text;
    for (unsigned int d = 0; d < dimension; ++d)
      text += (d > 0 ? ", " : "") + std::to_string(size[d]);
    return text;
  }
} // namespace exsolve
