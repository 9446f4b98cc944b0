#include <exsolve/core/input_error.h>
#include <exsolve/microstructure/voxel_image.h>

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

namespace exsolve
{
  namespace
  {
    // libpng reports errors by longjmp back to a setjmp. To keep that legal
    // in C++, the two functions that call setjmp hold only plain data (no
    // object with a destructor lives across the jump); the message is kept
    // in a character buffer given to libpng as its error pointer.
    struct PngErrorText
    {
      char text[200] = "";
    };

    [[noreturn]] void
    store_png_error(png_structp png, png_const_charp message)
    {
      auto *error = static_cast<PngErrorText *>(png_get_error_ptr(png));
      std::snprintf(error->text, sizeof(error->text), "%s", message);
      png_longjmp(png, 1);
    }

    void
    ignore_png_warning(png_structp, png_const_charp)
    {
    }

    struct PngHeader
    {
      png_uint_32 width = 0, height = 0;
      int         depth = 0, colour_type = 0, interlace = 0;
      std::size_t row_bytes = 0;
    };

    bool
    read_png_header(png_structp png,
                    png_infop   info,
                    std::FILE  *in,
                    PngHeader  *h)
    {
      if (setjmp(png_jmpbuf(png)))
        return false;
      png_init_io(png, in);
      png_set_sig_bytes(png, 8);
      png_read_info(png, info);
      h->width       = png_get_image_width(png, info);
      h->height      = png_get_image_height(png, info);
      h->depth       = png_get_bit_depth(png, info);
      h->colour_type = png_get_color_type(png, info);
      h->interlace   = png_get_interlace_type(png, info);
      h->row_bytes   = png_get_rowbytes(png, info);
      return true;
    }

    bool
    read_png_rows(png_structp png, png_byte *rows, const PngHeader *h)
    {
      if (setjmp(png_jmpbuf(png)))
        return false;
      for (png_uint_32 r = 0; r < h->height; ++r)
        png_read_row(png, rows + r * h->row_bytes, nullptr);
      return true;
    }
  } // namespace



  void
  read_png_slice(const std::string          &file,
                 const unsigned int          width,
                 const unsigned int          height,
                 const unsigned int          bit_depth,
                 const std::string          &parameter,
                 std::vector<std::uint16_t> &values)
  {
    const auto fail = [&](const std::string &why)
    { throw InputError(parameter + " = " + file + ": " + why); };
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> in(std::fopen(file.c_str(),
                                                                   "rb"),
                                                        &std::fclose);
    if (!in)
      fail("cannot be opened");
    png_byte signature[8] = {};
    if (std::fread(signature, 1, 8, in.get()) != 8
        || png_sig_cmp(signature, 0, 8) != 0)
      fail("is not a PNG file");

    PngErrorText error;
    struct Reader
    {
      png_structp png  = nullptr;
      png_infop   info = nullptr;
      ~Reader()
      {
        if (png)
          png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
      }
    } reader;
    reader.png = png_create_read_struct(PNG_LIBPNG_VER_STRING,
                                        &error,
                                        store_png_error,
                                        ignore_png_warning);
    if (reader.png)
      reader.info = png_create_info_struct(reader.png);
    if (!reader.info)
      fail("libpng could not allocate its reader");
    png_structp png  = reader.png;
    png_infop   info = reader.info;

    PngHeader h;
    if (!read_png_header(png, info, in.get(), &h))
      fail(std::string("libpng: ") + error.text);
    if (h.colour_type != PNG_COLOR_TYPE_GRAY)
      fail("must be a grey-scale PNG without alpha channel or palette (PNG "
           "colour type "
           + std::to_string(h.colour_type) + ")");
    if (h.width != width || h.height != height)
      fail("is " + std::to_string(h.width) + " x " + std::to_string(h.height)
           + " pixels, but Image size needs " + std::to_string(width) + " x "
           + std::to_string(height));
    if (static_cast<unsigned int>(h.depth) != bit_depth)
      fail("has " + std::to_string(h.depth)
           + " bits per pixel, but Image bit depth = "
           + std::to_string(bit_depth));
    if (h.interlace != PNG_INTERLACE_NONE)
      fail("is interlaced; save it without interlacing");

    std::vector<png_byte> rows(h.row_bytes * h.height);
    if (!read_png_rows(png, rows.data(), &h))
      fail(std::string("libpng: ") + error.text);
    for (png_uint_32 r = 0; r < h.height; ++r)
    {
      const png_byte *row = rows.data() + r * h.row_bytes;
      for (png_uint_32 c = 0; c < h.width; ++c)
        values.push_back(h.depth == 8 ? row[c]
                                      : (row[2 * c] << 8) | row[2 * c + 1]);
    }
  }
} // namespace exsolve
