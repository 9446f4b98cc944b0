#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <exsolve/io/catalyst_session.h>

#include <dlfcn.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace exsolve
{
  std::string
  CatalystSession::module_path()
  {
    if (const char *path = std::getenv("EXSOLVE_CATALYST_MODULE"))
      return path;
#ifdef EXSOLVE_CATALYST_MODULE
    return EXSOLVE_CATALYST_MODULE;
#else
    return "libexsolve_catalyst.so";
#endif
  }



  CatalystSession::CatalystSession(const CatalystParameters &parameters,
                                   const RunDirectory       &output,
                                   const MPI_Comm            communicator)
      : every_n_steps(parameters.every_n_steps)
      , communicator(communicator)
  {
    if (!parameters.enabled)
      return;
    // RTLD_GLOBAL: the Python extension modules ParaView imports later
    // resolve libpython's symbols from the global scope. The module is
    // never closed: Python and VTK keep exit handlers in it.
    const std::string path   = module_path();
    void             *module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (module == nullptr)
      throw std::runtime_error("cannot load the Catalyst module " + path + ": "
                               + dlerror());
    using Factory     = InSituAdaptor *(*)();
    const auto create = reinterpret_cast<Factory>(
      dlsym(module, "exsolve_create_catalyst_adaptor"));
    if (create == nullptr)
      throw std::runtime_error("the Catalyst module " + path
                               + " has no exsolve_create_catalyst_adaptor");
    adaptor.reset(create());
    adaptor->initialize(parameters.scripts, output.path(), communicator);
  }



  CatalystSession::~CatalystSession()
  {
    if (adaptor != nullptr)
      adaptor->finalize();
  }



  template <int dim>
  void
  CatalystSession::process(
    dealii::DataOut<dim>                     &data_out,
    const unsigned int                        step,
    const double                              time,
    const std::map<std::string, std::string> &more_channels)
  {
    if (adaptor == nullptr)
      return;
    dealii::DataOutBase::VtkFlags flags;
    flags.compression_level = dealii::DataOutBase::VtkFlags::no_compression;
    data_out.set_flags(flags);
    dealii::Timer      clock;
    std::ostringstream vtu;
    data_out.write_vtu(vtu);
    const double                       writing  = clock.wall_time();
    const std::size_t                  bytes    = vtu.tellp();
    std::map<std::string, std::string> channels = more_channels;
    channels["bulk"]                            = vtu.str();
    adaptor->execute(step, time, channels);
    const double in_catalyst = clock.wall_time() - writing;
    if (dealii::Utilities::MPI::this_mpi_process(communicator) == 0)
      std::cout << "  Catalyst: step " << step << " handed over (VTU text "
                << bytes / 1024 << " KiB on rank 0, written in " << writing
                << " s; " << in_catalyst << " s in Catalyst)" << std::endl;
  }

  template void
  CatalystSession::process<1>(dealii::DataOut<1> &,
                              const unsigned int,
                              const double,
                              const std::map<std::string, std::string> &);
  template void
  CatalystSession::process<2>(dealii::DataOut<2> &,
                              const unsigned int,
                              const double,
                              const std::map<std::string, std::string> &);
  template void
  CatalystSession::process<3>(dealii::DataOut<3> &,
                              const unsigned int,
                              const double,
                              const std::map<std::string, std::string> &);
} // namespace exsolve
