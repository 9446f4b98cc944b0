// Block vectors moved between meshes and checkpoints: as one full vector
// on every rank (the replicated 1D mesh) and as ghosted copies (p4est).
#pragma once

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace exsolve::transport_internal
{
  /// Every entry of @p v (blocks one after the other, the DoF numbering of
  /// a component-wise renumbered DoFHandler) on every rank. Collective.
  template <class BlockVector>
  dealii::Vector<double>
  gather(const BlockVector                   &v,
         const std::vector<dealii::IndexSet> &owned,
         const MPI_Comm                       communicator)
  {
    dealii::Vector<double>          full(v.size());
    dealii::types::global_dof_index start = 0;
    for (unsigned int b = 0; b < v.n_blocks(); ++b)
    {
      for (const auto i : owned[b])
        full[start + i] = v.block(b)[i];
      start += v.block(b).size();
    }
    dealii::Utilities::MPI::sum(full, communicator, full);
    return full;
  }

  /// Copies of @p states with ghost entries, as SolutionTransfer takes
  /// them on a distributed mesh; @p in points to them.
  template <class BlockVector, class StatePointer>
  std::vector<BlockVector>
  ghosted_copies(const std::vector<StatePointer>     &states,
                 const std::vector<dealii::IndexSet> &owned,
                 const std::vector<dealii::IndexSet> &relevant,
                 const MPI_Comm                       communicator,
                 std::vector<const BlockVector *>    &in)
  {
    std::vector<BlockVector> ghosted(states.size());
    in.clear();
    for (unsigned int k = 0; k < states.size(); ++k)
    {
      ghosted[k].reinit(owned, relevant, communicator);
      ghosted[k] = *states[k];
      in.push_back(&ghosted[k]);
    }
    return ghosted;
  }

  /// The locally owned entries of @p full into @p v.
  template <class BlockVector>
  void
  scatter(const dealii::Vector<double>        &full,
          const std::vector<dealii::IndexSet> &owned,
          BlockVector                         &v)
  {
    dealii::types::global_dof_index start = 0;
    for (unsigned int b = 0; b < v.n_blocks(); ++b)
    {
      for (const auto i : owned[b])
        v.block(b)[i] = full[start + i];
      start += v.block(b).size();
    }
    v.compress(dealii::VectorOperation::insert);
  }
} // namespace exsolve::transport_internal
