# script-version: 2
# ParaView Catalyst pipeline (v2, ParaView 5.11) for exsolve: renders two
# PNG images per step into <Output/Directory>/catalyst/: a slice through the
# middle of the sample coloured by the potential phi (slice_<step>.png) and
# the surfaces where phi is at 1/4, 1/2 and 3/4 of its range, coloured by
# the first concentration in name order, e.g. c_V_Opp (contour_<step>.png).
# Ranges are reduced over all ranks (each rank sees only its piece), and
# rank 0 prints them. Rendering needs an X display: run headless with
#   xvfb-run -a -s "-screen 0 1024x768x24" mpirun -np 2 exsolve run.prm
# (Debian's VTK has no EGL or OSMesa). Best for 3D runs; in 2D the slice is
# the sample itself and the contours are lines.
from paraview import catalyst
from paraview.simple import *
from vtkmodules.vtkCommonCore import vtkDoubleArray
from vtkmodules.vtkParallelCore import vtkCommunicator, vtkMultiProcessController

IMAGE_SIZE = [800, 600]

bulk = TrivialProducer(registrationName="bulk")
merged = MergeBlocks(registrationName="bulk_merged", Input=bulk)

plane = Slice(registrationName="slice", Input=merged)
plane.SliceType = "Plane"
plane.SliceType.Normal = [0.0, 0.0, 1.0]

levels = Contour(registrationName="contour", Input=merged)
levels.ContourBy = ["POINTS", "phi"]
levels.ComputeScalars = 1


def _new_view():
    view = CreateView("RenderView")
    view.ViewSize = IMAGE_SIZE
    view.OrientationAxesVisibility = 1
    view.Background = [1.0, 1.0, 1.0]
    view.UseColorPaletteForBackground = 0
    return view


slice_view = _new_view()
slice_display = Show(plane, slice_view)
ColorBy(slice_display, ("POINTS", "phi"))
slice_display.SetScalarBarVisibility(slice_view, True)

contour_view = _new_view()
outline_display = Show(merged, contour_view)
outline_display.SetRepresentationType("Outline")
outline_display.ColorArrayName = ["POINTS", ""]
outline_display.AmbientColor = [0.2, 0.2, 0.2]
outline_display.DiffuseColor = [0.2, 0.2, 0.2]
contour_display = Show(levels, contour_view)

slice_png = CreateExtractor("PNG", slice_view, registrationName="slice_png")
slice_png.Writer.FileName = "slice_{timestep:06d}.png"
slice_png.Writer.ImageResolution = IMAGE_SIZE
contour_png = CreateExtractor("PNG", contour_view,
                              registrationName="contour_png")
contour_png.Writer.FileName = "contour_{timestep:06d}.png"
contour_png.Writer.ImageResolution = IMAGE_SIZE

options = catalyst.Options()
options.ExtractsOutputDirectory = "catalyst"
options.GlobalTrigger = "TimeStep"


def _first_concentration():
    names = [merged.PointData.GetArray(i).Name
             for i in range(merged.PointData.GetNumberOfArrays())]
    return next((n for n in sorted(names) if n.startswith("c_")), "phi")


def _global_max(values):
    """Element-wise maximum over all ranks (in Catalyst, ParaView's data
    information describes this rank's piece only)."""
    controller = vtkMultiProcessController.GetGlobalController()
    if controller is None or controller.GetNumberOfProcesses() == 1:
        return list(values)
    send, receive = vtkDoubleArray(), vtkDoubleArray()
    send.SetNumberOfTuples(len(values))
    for i, v in enumerate(values):
        send.SetValue(i, v)
    controller.AllReduce(send, receive, vtkCommunicator.MAX_OP)
    return [receive.GetValue(i) for i in range(len(values))]


def _global_range(array):
    lo, hi = array.GetRange()
    lo, hi = _global_max([-lo, hi])
    return -lo, hi


def catalyst_execute(info):
    # Every rank sets the same plane, contour values and colour ranges: the
    # global ones.
    merged.UpdatePipeline(info.time)
    b = merged.GetDataInformation().GetBounds()
    b = _global_max([-b[0], b[1], -b[2], b[3], -b[4], b[5]])
    lower, upper = [-b[0], -b[2], -b[4]], [b[1], b[3], b[5]]
    centre = [0.5 * (l + u) for l, u in zip(lower, upper)]
    size = max(u - l for l, u in zip(lower, upper))
    plane.SliceType.Origin = centre

    lo, hi = _global_range(merged.PointData["phi"])
    if hi <= lo:
        hi = lo + 1e-12
    levels.Isosurfaces = [lo + f * (hi - lo) for f in (0.25, 0.5, 0.75)]
    GetColorTransferFunction("phi").RescaleTransferFunction(lo, hi)

    species = _first_concentration()
    ColorBy(contour_display, ("POINTS", species))
    c_lo, c_hi = _global_range(merged.PointData[species])
    GetColorTransferFunction(species).RescaleTransferFunction(
        c_lo, max(c_hi, c_lo * (1 + 1e-12) + 1e-300))
    contour_display.SetScalarBarVisibility(contour_view, True)
    controller = vtkMultiProcessController.GetGlobalController()
    if controller is None or controller.GetLocalProcessId() == 0:
        print(f"render_images.py: step {info.timestep}: phi in [{lo:.9g}, "
              f"{hi:.9g}], {species} in [{c_lo:.9g}, {c_hi:.9g}]", flush=True)

    slice_view.CameraFocalPoint = centre
    slice_view.CameraPosition = [centre[0], centre[1], centre[2] + 2 * size]
    slice_view.CameraViewUp = [0.0, 1.0, 0.0]
    slice_view.ResetCamera(False)
    contour_view.CameraFocalPoint = centre
    contour_view.CameraPosition = [centre[0] + size, centre[1] - 1.5 * size,
                                   centre[2] + size]
    contour_view.CameraViewUp = [0.0, 0.0, 1.0]
    contour_view.ResetCamera(False)
