#!/usr/bin/python3
"""scripts/render_microstructure.py renders a generated 3D polycrystal.

Runs the script with --exsolve on parameter_files/examples/
porous_electrode_3d.prm (smoothed pore walls) and checks exit code 0 and a
PNG file (its 8-byte signature) of at least 10 kB; then a run directory
without microstructure.pvtu must give exit code 2 and no PNG.
"""
import os, shutil, subprocess, sys, tempfile

import testlib


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="render_microstructure_")
    script = os.path.join(a.source, "scripts/render_microstructure.py")
    png = os.path.join(work, "picture.png")
    r = subprocess.run(["/usr/bin/python3", script, "--exsolve", a.exsolve,
                        "--prm", os.path.join(a.source,
                                              "parameter_files/examples/porous_electrode_3d.prm"),
                        png], capture_output=True, text=True, cwd=work)
    print(r.stdout, r.stderr)
    if r.returncode != 0:
        fails.append(f"render exited {r.returncode}")
    elif not os.path.isfile(png):
        fails.append("no PNG written")
    else:
        with open(png, "rb") as f:
            data = f.read()
        print(f"PNG of {len(data)} bytes")
        if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 10000:
            fails.append(f"not a PNG of at least 10 kB ({len(data)} bytes)")
    empty = os.path.join(work, "empty")
    os.mkdir(empty)
    bad_png = os.path.join(work, "bad.png")
    r = subprocess.run(["/usr/bin/python3", script, empty, bad_png],
                       capture_output=True, text=True)
    if r.returncode != 2 or os.path.exists(bad_png):
        fails.append(f"empty run directory: exit {r.returncode}, PNG "
                     f"{'written' if os.path.exists(bad_png) else 'absent'}")
    if not fails:
        shutil.rmtree(work, ignore_errors=True)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
