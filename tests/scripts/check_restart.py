"""Checkpoint and restart (ctest label restart, doc/restart.md).

For each of tests/restart/relaxation_{1d,2d}.prm (a replicated 1D mesh and
a p4est 2D mesh; adaptive BDF2 steps, mesh adaptation every 4 steps,
checkpoints every 8) and tests/restart/exsolution_{1d,2d}.prm (particles
on the surface, BDF1, the 2D mesh adapted every 3 steps, checkpoints every
8; particles.csv and size_distribution.csv are compared as well) the
script checks:

1. kill and resume: the run is killed with SIGKILL as soon as its first
   checkpoint is sealed and continued with --resume on 1 rank. Against the
   uninterrupted run: every column of timeseries.csv except the wall time,
   defects.csv and the final state (the end-of-run checkpoint: 1D every
   nodal value, 2D p4est's data file byte for byte) agree to 1e-12
   relative, and the VTU index lists the same outputs.
2. another rank count: the killed directory resumed on 2 ranks keeps the
   rows up to the checkpoint unchanged; its first step agrees with the
   reference's to 1e-6 (a new partition changes the round-off of the
   Krylov solves, not the loaded state), its end state to the time
   integration's tolerance, 1e-3 (the step control amplifies round-off
   into other step sizes).
3. damage: the newest checkpoint of the finished run truncated; resuming
   warns that it is passed over, continues from the one before and ends in
   the reference state (1e-12). With every checkpoint damaged the resume
   is an input error (exit 2) that leaves the directory as it was.
"""
import csv, glob, math, os, shutil, signal, subprocess, sys, tempfile, time

import testlib

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
           OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def run(command, cwd):
    p = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True,
                       text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def sealed(directory):
    return sorted(glob.glob(os.path.join(directory, "checkpoints", "step-*")))


def kill_after_first_checkpoint(command, directory, cwd):
    """Start the run and SIGKILL it (its whole process group) once a
    checkpoint is sealed; False if it finished before."""
    p = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    while p.poll() is None and not sealed(directory):
        time.sleep(0.002)
    if p.poll() is not None:
        return False
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    return True


def table(directory, name):
    with open(os.path.join(directory, name)) as f:
        return list(csv.DictReader(f))


def difference(a, b, skip=("wall_time_s",)):
    """Largest relative difference of two CSV tables (text columns equal)."""
    if len(a) != len(b):
        return math.inf
    worst = 0.
    for ra, rb in zip(a, b):
        if ra.keys() != rb.keys():
            return math.inf
        for k in ra:
            if k in skip:
                continue
            try:
                x, y = float(ra[k]), float(rb[k])
            except ValueError:
                if ra[k] != rb[k]:
                    return math.inf
                continue
            if not (math.isfinite(x) and math.isfinite(y)):
                return math.inf
            worst = max(worst, abs(x - y) / max(abs(x), abs(y), 1e-300))
    return worst


def final_state(directory):
    """The end-of-run checkpoint: nodal values (1D) or p4est's bytes."""
    newest = sealed(directory)[-1]
    text = os.path.join(newest, "solutions.txt")
    if os.path.exists(text):
        with open(text) as f:
            lines = f.read().split("\n")
        start = next(i for i, l in enumerate(lines) if l.startswith("cells"))
        return [float.fromhex(x) for l in lines[start + 1:] for x in l.split()]
    with open(os.path.join(newest, "mesh_fixed.data"), "rb") as f:
        return f.read()


def state_difference(a, b):
    if isinstance(a, bytes):
        return 0. if a == b else math.inf
    if len(a) != len(b):
        return math.inf
    return max(abs(x - y) / max(abs(x), abs(y), 1e-300) for x, y in zip(a, b))


def check_case(a, prm, work, fails):
    name = os.path.splitext(os.path.basename(prm))[0]
    exe = a.exsolve
    mpirun = ["mpirun", "--oversubscribe", "-np", "2", exe]

    def out(tag):
        return os.path.join(work, f"{name}_{tag}")

    reference = out("reference")
    code, stdout, err = run([exe, prm, "--set", f"Output/Directory={reference}"], work)
    if code != 0:
        fails.append(f"{name}: reference run exit {code}: {err[-500:]}")
        return
    ref_rows = table(reference, "timeseries.csv")
    has_defects = os.path.exists(os.path.join(reference, "defects.csv"))
    has_particles = os.path.exists(os.path.join(reference, "particles.csv"))
    print(f"{name}: reference {len(ref_rows)} steps, "
          f"{testlib.benchmark(stdout)['wall_total_s']:.2f} s, "
          f"checkpoints kept {[os.path.basename(c) for c in sealed(reference)]}")
    if len(sealed(reference)) != 2:
        fails.append(f"{name}: {len(sealed(reference))} checkpoints kept, not 2")

    # 1. Killed after the first checkpoint, resumed on 1 rank.
    killed = out("killed")
    if not kill_after_first_checkpoint(
            [exe, prm, "--set", f"Output/Directory={killed}"], killed, work):
        fails.append(f"{name}: the run ended before its first checkpoint")
        return
    at_kill = [os.path.basename(c) for c in sealed(killed)]
    rows_at_kill = len(table(killed, "timeseries.csv"))
    killed_copy = out("killed_copy")
    shutil.copytree(killed, killed_copy)
    code, stdout, err = run([exe, prm, "--resume", killed], work)
    if code != 0:
        fails.append(f"{name}: resume exit {code}: {err[-500:]}")
        return
    d_rows = difference(table(killed, "timeseries.csv"), ref_rows)
    d_state = state_difference(final_state(killed), final_state(reference))
    print(f"{name}: killed with {at_kill} sealed and {rows_at_kill} rows "
          f"written; resumed on 1 rank: timeseries {d_rows:.2e}, "
          f"final state {d_state:.2e}")
    if not d_rows <= 1e-12 or not d_state <= 1e-12:
        fails.append(f"{name}: resumed run differs ({d_rows}, {d_state})")
    if has_particles:
        d_par = max(difference(table(killed, f), table(reference, f))
                    for f in ("particles.csv", "size_distribution.csv"))
        print(f"{name}: particles.csv and size_distribution.csv {d_par:.2e}")
        if not d_par <= 1e-12:
            fails.append(f"{name}: particle files differ ({d_par})")
    if has_defects:
        d_def = difference(table(killed, "defects.csv"),
                           table(reference, "defects.csv"))
        print(f"{name}: defects.csv {d_def:.2e}")
        if not d_def <= 1e-12:
            fails.append(f"{name}: defects.csv differs ({d_def})")
    # The VTU index lists the same outputs (its comment has a date).
    def records(directory):
        with open(os.path.join(directory, "solution.pvd")) as f:
            return [l for l in f if "<DataSet" in l]
    if records(killed) != records(reference) or not records(killed):
        fails.append(f"{name}: solution.pvd lists other outputs")
    if '"resumed": 1' not in stdout.split("\n")[-2]:
        fails.append(f"{name}: the BENCHMARK line does not say resumed")

    # 2. The same checkpoint on 2 ranks. The state loads exactly, but the
    # Krylov solves on the new partition round differently, and the step
    # control (error estimates near 1) turns that into other step sizes:
    # the first step after the checkpoint agrees to the solver tolerances,
    # the end state to the time-integration tolerance (1e-3).
    checkpoint_step = int(at_kill[-1][5:])
    code, stdout, err = run(mpirun + [prm, "--resume", killed_copy], work)
    if code != 0:
        fails.append(f"{name}: resume on 2 ranks exit {code}: {err[-500:]}")
    else:
        rows2 = table(killed_copy, "timeseries.csv")
        n = checkpoint_step
        before = difference(rows2[:n], ref_rows[:n])
        first = difference(rows2[n:n + 1], ref_rows[n:n + 1],
                           skip=("wall_time_s", "linear_iterations"))
        ends = [k for k in ref_rows[-1] if k.startswith("amount_")] + ["time"]
        end = max(abs(float(rows2[-1][k]) / float(ref_rows[-1][k]) - 1)
                  for k in ends)
        print(f"{name}: resumed on 2 ranks from step {n}: rows before "
              f"{before:.1e}, first step after {first:.1e}, end state "
              f"{end:.1e} ({len(rows2)} vs {len(ref_rows)} steps)")
        if before != 0. or not first <= 1e-6 or not end <= 1e-3:
            fails.append(f"{name}: 2-rank resume differs ({before}, {first}, {end})")

    # 3. The newest checkpoint of the finished run damaged.
    damaged = out("damaged")
    shutil.copytree(reference, damaged)
    newest, previous = sealed(damaged)[-1], sealed(damaged)[-2]
    victim = max((os.path.join(newest, f) for f in os.listdir(newest)
                  if f != "MANIFEST"), key=os.path.getsize)
    with open(victim, "r+b") as f:
        f.truncate(os.path.getsize(victim) // 2)
    code, stdout, err = run([exe, prm, "--resume", damaged], work)
    warned = "passed over" in err and os.path.basename(newest) in err
    if code != 0 or not warned:
        fails.append(f"{name}: damaged newest checkpoint: exit {code}, "
                     f"warning {warned}: {err[-400:]}")
    else:
        d_rows = difference(table(damaged, "timeseries.csv"), ref_rows)
        d_state = state_difference(final_state(damaged), final_state(reference))
        print(f"{name}: {os.path.basename(victim)} of "
              f"{os.path.basename(newest)} truncated: passed over with a "
              f"warning, resumed from {os.path.basename(previous)}: "
              f"timeseries {d_rows:.2e}, final state {d_state:.2e}")
        if not d_rows <= 1e-12 or not d_state <= 1e-12:
            fails.append(f"{name}: resume after damage differs ({d_rows}, {d_state})")
    # Every checkpoint damaged: an input error, nothing changed.
    for c in sealed(damaged):
        with open(os.path.join(c, "state.txt"), "a") as f:
            f.write("garbage\n")
    before = open(os.path.join(damaged, "timeseries.csv")).read()
    code, stdout, err = run([exe, prm, "--resume", damaged], work)
    unchanged = open(os.path.join(damaged, "timeseries.csv")).read() == before
    print(f"{name}: every checkpoint damaged: exit {code}, "
          f"'{err.strip().splitlines()[-1] if err.strip() else ''}'")
    if code != 2 or "no valid checkpoint" not in err or not unchanged:
        fails.append(f"{name}: all damaged: exit {code}, unchanged {unchanged}")


def main():
    a = testlib.arguments()
    fails = []
    work = tempfile.mkdtemp(prefix="restart_")
    for case in ("relaxation_1d.prm", "relaxation_2d.prm",
                 "exsolution_1d.prm", "exsolution_2d.prm"):
        check_case(a, os.path.join(a.source, "tests", "restart", case), work,
                   fails)
    # No checkpoint to resume from: an input error naming the option.
    empty = os.path.join(work, "no_checkpoints")
    os.makedirs(empty)
    open(os.path.join(empty, "parameters.prm"), "w").close()
    code, _, err = run([a.exsolve, os.path.join(a.source, "tests", "restart",
                                                "relaxation_1d.prm"),
                        "--resume", empty], work)
    print(f"no checkpoints: exit {code}, '{err.strip()}'")
    if code != 2 or "--resume" not in err or "holds no checkpoint" not in err:
        fails.append(f"resume without checkpoints: exit {code}: {err}")
    if not fails:
        shutil.rmtree(work, ignore_errors=True)
    return testlib.finish(fails)


if __name__ == "__main__":
    sys.exit(main())
