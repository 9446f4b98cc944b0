#pragma once

#include <memory>
#include <vector>

namespace exsolve
{
  /**
   * Block-triangular preconditioner for the Newton systems of the
   * Poisson-Nernst-Planck equations, ordered (psi, c_1, ..., c_N):
   *
   *   [ A_pp  B ] [dpsi]        P = [ S~  B  ]^-1 applied as
   *   [ C     A ] [dc  ]            [ 0   A  ]
   *
   *   dc   = AMG(A_ii) sweep over the species blocks (block Gauss-Seidel
   *          when species react with each other),
   *   dpsi = AMG(S~) (r_psi - B dc),
   *
   * where S~ approximates the Schur complement A_pp - B A^-1 C, the Poisson
   * operator stiffened and screened by the mobile charges (assembled by the
   * problem). One AMG V-cycle per block: the Krylov iteration count then
   * depends on the physics, not on the mesh size.
   */
  template <class LinearAlgebra>
  class BlockSchurPreconditioner
  {
  public:
    using BlockVector = typename LinearAlgebra::BlockVector;
    using BlockMatrix = typename LinearAlgebra::BlockSparseMatrix;
    using AMG         = typename LinearAlgebra::Preconditioner;

    /// @p amg[0] preconditions S~, amg[b] the diagonal block b of @p matrix;
    /// the species blocks are swept in the order of @p order (all of
    /// 1 .. N).
    BlockSchurPreconditioner(const BlockMatrix                       &matrix,
                             const std::vector<std::unique_ptr<AMG>> &amg,
                             const bool                       species_coupled,
                             const std::vector<unsigned int> &order)
        : matrix(matrix)
        , amg(amg)
        , species_coupled(species_coupled)
        , order(order)
    {
    }

    void
    vmult(BlockVector &dst, const BlockVector &src) const
    {
      const unsigned int n_blocks = matrix.n_block_rows();
      if (residual.n_blocks() != n_blocks || residual.size() != src.size())
      {
        residual.reinit(src);
        product.reinit(src);
      }
      for (unsigned int k = 0; k < order.size(); ++k)
      {
        const unsigned int b = order[k];
        residual.block(b)    = src.block(b);
        if (species_coupled)
          for (unsigned int l = 0; l < k; ++l)
          {
            matrix.block(b, order[l])
              .vmult(product.block(b), dst.block(order[l]));
            residual.block(b) -= product.block(b);
          }
        amg[b]->vmult(dst.block(b), residual.block(b));
      }
      residual.block(0) = src.block(0);
      for (unsigned int c = 1; c < n_blocks; ++c)
      {
        matrix.block(0, c).vmult(product.block(0), dst.block(c));
        residual.block(0) -= product.block(0);
      }
      amg[0]->vmult(dst.block(0), residual.block(0));
    }

  private:
    const BlockMatrix                       &matrix;
    const std::vector<std::unique_ptr<AMG>> &amg;
    const bool                               species_coupled;
    const std::vector<unsigned int>          order;
    mutable BlockVector                      residual, product;
  };
} // namespace exsolve
