# script-version: 2
# ParaView Catalyst pipeline (v2, ParaView 5.11) for exsolve: writes the
# distributed bulk mesh with every field exsolve outputs (phi [V], c_<species>
# [m^-3], rho [C/m^3], segregation_<species> [eV] with extended defects,
# mpi_rank, material_id) as extracts in <Output/Directory>/catalyst/:
# bulk_<step>.pvtu with one .vtu piece per rank, at every step exsolve hands
# over (Output/Catalyst/Every n steps). No display needed.
from paraview import catalyst
from paraview.simple import *

# The channel exsolve hands over: one block per rank.
bulk = TrivialProducer(registrationName="bulk")
# One unstructured grid per rank, so that the VTU writer applies (it writes
# a .pvtu plus a piece per rank in parallel).
merged = MergeBlocks(registrationName="bulk_merged", Input=bulk)

extractor = CreateExtractor("VTU", merged, registrationName="bulk_extract")
extractor.Writer.FileName = "bulk_{timestep:06d}.pvtu"
extractor.Trigger = "TimeStep"
extractor.Trigger.Frequency = 1  # every step exsolve hands over

options = catalyst.Options()
options.ExtractsOutputDirectory = "catalyst"
options.GlobalTrigger = "TimeStep"
