// The ParaView Catalyst side of InSituAdaptor, built as the module
// libexsolve_catalyst.so (the only code that links ParaView). It uses the
// legacy Catalyst API that Debian's ParaView 5.11 ships: vtkCPProcessor with
// Python script pipelines (v1, or v2 with "# script-version: 2").
#include <vtkCPDataDescription.h>
#include <vtkCPInputDataDescription.h>
#include <vtkCPProcessor.h>
#include <vtkCPPythonPipeline.h>
#include <vtkMPI.h>
#include <vtkMultiBlockDataSet.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridReader.h>

#include <exsolve/io/in_situ_adaptor.h>

#include <stdexcept>

namespace exsolve
{
  namespace
  {
    /// This rank's piece of a VTU text, parsed by VTK's own XML reader
    /// (deal.II's VTU writer stays the one definition of the fields).
    vtkSmartPointer<vtkUnstructuredGrid>
    read_piece(const std::string &vtu)
    {
      vtkNew<vtkXMLUnstructuredGridReader> reader;
      reader->ReadFromInputStringOn();
      reader->SetInputString(vtu);
      reader->Update();
      vtkSmartPointer<vtkUnstructuredGrid> grid = reader->GetOutput();
      if (grid == nullptr)
        throw std::runtime_error("Catalyst adaptor: VTK could not read the "
                                 "VTU piece of this rank");
      return grid;
    }



    class CatalystAdaptor : public InSituAdaptor
    {
    public:
      ~CatalystAdaptor() override
      {
        finalize();
      }

      void
      initialize(const std::vector<std::string> &scripts,
                 const std::string              &working_directory,
                 MPI_Comm                        comm) override
      {
        communicator = comm;
        MPI_Comm_rank(communicator, &rank);
        MPI_Comm_size(communicator, &n_ranks);
        processor = vtkSmartPointer<vtkCPProcessor>::New();
        // vtkMPICommunicatorOpaqueComm keeps a pointer: to the member.
        vtkMPICommunicatorOpaqueComm opaque(&communicator);
        if (processor->Initialize(opaque, working_directory.c_str()) == 0)
          throw std::runtime_error("Catalyst could not be initialised");
        for (const auto &script : scripts)
        {
          // Picks v1 or v2 from the "# script-version: 2" line.
          auto pipeline
            = vtkCPPythonPipeline::CreateAndInitializePipeline(script.c_str());
          if (pipeline == nullptr)
            throw std::runtime_error("Catalyst could not load the script "
                                     + script
                                     + " (see the Python error above)");
          processor->AddPipeline(pipeline);
        }
      }

      void
      execute(const unsigned int                        step,
              const double                              time,
              const std::map<std::string, std::string> &channels) override
      {
        vtkNew<vtkCPDataDescription> description;
        for (const auto &channel : channels)
          description->AddInput(channel.first.c_str());
        description->SetTimeData(time, step);
        // Collective; every rank gets the same answer.
        if (processor->RequestDataDescription(description) == 0)
          return;
        for (const auto &[name, vtu] : channels)
        {
          auto *input = description->GetInputDescriptionByName(name.c_str());
          if (!input->GetIfGridIsNecessary())
            continue;
          // One block per rank, this rank's filled: the partitioned layout
          // ParaView's parallel filters and writers expect.
          vtkNew<vtkMultiBlockDataSet> blocks;
          blocks->SetNumberOfBlocks(n_ranks);
          blocks->SetBlock(rank, read_piece(vtu));
          input->SetGrid(blocks);
        }
        if (processor->CoProcess(description) == 0)
          throw std::runtime_error("a Catalyst pipeline failed at step "
                                   + std::to_string(step));
      }

      void
      finalize() override
      {
        if (processor == nullptr)
          return;
        processor->Finalize();
        processor = nullptr; // every VTK object goes before MPI_Finalize
      }

    private:
      MPI_Comm                        communicator = MPI_COMM_NULL;
      int                             rank = 0, n_ranks = 1;
      vtkSmartPointer<vtkCPProcessor> processor;
    };
  } // namespace
} // namespace exsolve



extern "C" exsolve::InSituAdaptor *
exsolve_create_catalyst_adaptor()
{
  return new exsolve::CatalystAdaptor();
}
