# script-version: 2
# ParaView Catalyst pipeline (v2, ParaView 5.11) for exsolve runs with
# particles on surfaces (Particles/Exsolution, 2D and 3D): writes the
# channel "surface", the particle surfaces with the fields
# particle_density [m^-2], particle_mean_radius [nm], metal_area_fraction,
# particle_perimeter_density [m^-1], adatom_coverage and socket_depth [nm],
# as extracts surface_<step>.pvtu in <Output/Directory>/catalyst/ at every
# step exsolve hands over. Use it next to write_extracts.py (the bulk).
from paraview import catalyst
from paraview.simple import *

# The channel exsolve hands over: one block per rank (empty on ranks that
# own no surface).
surface = TrivialProducer(registrationName="surface")
merged = MergeBlocks(registrationName="surface_merged", Input=surface)

extractor = CreateExtractor("VTU", merged, registrationName="surface_extract")
extractor.Writer.FileName = "surface_{timestep:06d}.pvtu"
extractor.Trigger = "TimeStep"
extractor.Trigger.Frequency = 1

options = catalyst.Options()
options.ExtractsOutputDirectory = "catalyst"
options.GlobalTrigger = "TimeStep"
