# script-version: 2
# ParaView Catalyst Live for exsolve (v2, ParaView 5.11): at every step
# exsolve hands over, connect to a ParaView GUI that listens with
# Catalyst > Connect (port 22222 by default) and send it the channel "bulk".
# Set EXSOLVE_CATALYST_LIVE_URL=host:port to connect elsewhere. Without a
# listening GUI the run goes on. See doc/catalyst.md.
import os

from paraview import catalyst
from paraview.simple import *

bulk = TrivialProducer(registrationName="bulk")

options = catalyst.Options()
options.GlobalTrigger = "TimeStep"
options.EnableCatalystLive = 1
options.CatalystLiveTrigger = "TimeStep"
options.CatalystLiveURL = os.environ.get("EXSOLVE_CATALYST_LIVE_URL",
                                         "localhost:22222")
