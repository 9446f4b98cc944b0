#!/usr/bin/python3
"""Run exsolve on one malformed parameter file and check that it is rejected.

Usage: check_input_error.py --exsolve PATH --prm FILE [--keep]

FILE starts with a block of comment lines that describe the test:

  # Tests: <what is wrong>                   (required)
  # expect: <python regex>                   (required, repeatable; each must
                                              match stderr, re.MULTILINE)
  # args: <extra command-line arguments>     (optional, repeatable; split
                                              like a shell, appended after the
                                              parameter file)
  # parameter-file: <path>|none              (optional; give exsolve this
                                              path, relative to the working
                                              directory, instead of FILE)
  # precreate-output: true|directory|file    (optional; before the run create
                                              Output/Directory as a directory
                                              holding a marker file, or as a
                                              marker file, and check afterwards
                                              that it is untouched)

exsolve runs in a fresh temporary working directory with FILE given by its
absolute path. The run passes when
  * the exit code is 2 (invalid input),
  * stderr starts with "exsolve: input error:",
  * every 'expect' regex matches stderr,
  * stdout has no BENCHMARK line,
  * Output/Directory (from FILE, or from an '--set Output/Directory=...' in
    the arguments) does not exist afterwards (or, when pre-created, is
    unchanged), and
  * the working directory holds exactly what it held before the run.
Otherwise every failed check is explained and the exit code is 1.
"""
import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ERROR_PREFIX = "exsolve: input error:"
MARKER_NAME = "marker_do_not_touch.txt"
MARKER_TEXT = "pre-existing output of an earlier run; exsolve must not touch this\n"
TIMEOUT_S = 300


class TestDefinitionError(Exception):
    """The .prm file does not describe a usable test."""


def read_header(lines):
    """Directives of the leading comment block."""
    header = {"tests": [], "expect": [], "args": [], "parameter-file": [],
              "precreate-output": []}
    directive = re.compile(r"^#\s*(Tests|expect|args|parameter-file|"
                           r"precreate-output)\s*:\s?(.*?)\s*$", re.IGNORECASE)
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        m = directive.match(stripped)
        if m:
            header[m.group(1).lower()].append(m.group(2))
    if not header["tests"]:
        raise TestDefinitionError("no '# Tests: ...' line in the header")
    if not header["expect"]:
        raise TestDefinitionError("no '# expect: <regex>' line in the header")
    for regex in header["expect"]:
        try:
            re.compile(regex, re.MULTILINE)
        except re.error as exc:
            raise TestDefinitionError(f"invalid expect regex {regex!r}: {exc}")
    for key in ("parameter-file", "precreate-output"):
        if len(header[key]) > 1:
            raise TestDefinitionError(f"'# {key}:' given more than once")
    precreate = header["precreate-output"][0].lower() if header["precreate-output"] else "no"
    if precreate in ("true", "yes", "directory"):
        precreate = "directory"
    elif precreate in ("file",):
        precreate = "file"
    elif precreate in ("no", "false"):
        precreate = None
    else:
        raise TestDefinitionError(
            f"'# precreate-output: {precreate}': use true, directory or file")
    args = []
    for text in header["args"]:
        args += shlex.split(text)
    return {
        "tests": " ".join(header["tests"]),
        "expect": header["expect"],
        "args": args,
        "parameter_file": header["parameter-file"][0] if header["parameter-file"] else None,
        "precreate": precreate,
    }


def output_directory(lines, args):
    """Output/Directory as exsolve will see it: the last 'set Directory' in a
    subsection Output of the file (tolerating unbalanced subsections), then
    any '--set Output/Directory=...' in args."""
    directory = None
    stack = []
    for line in lines:
        # deal.II: '#' starts a comment unless escaped as '\#'.
        text = re.sub(r"(?<!\\)#.*", "", line).replace("\\#", "#").strip()
        if not text:
            continue
        m = re.match(r"subsection\s+(.*)$", text, re.IGNORECASE)
        if m:
            stack.append(m.group(1).strip())
            continue
        if re.fullmatch(r"end", text, re.IGNORECASE):
            if stack:
                stack.pop()
            continue
        m = re.match(r"set\s+(.*?)\s*=\s*(.*)$", text, re.IGNORECASE)
        if m and stack and stack[-1] == "Output" and m.group(1) == "Directory":
            directory = m.group(2).strip()
    for i, arg in enumerate(args):
        assignment = None
        if arg == "--set" and i + 1 < len(args):
            assignment = args[i + 1]
        elif arg.startswith("--set="):
            assignment = arg[len("--set="):]
        if assignment and "=" in assignment:
            path, value = assignment.split("=", 1)
            if [p.strip() for p in path.split("/")] == ["Output", "Directory"]:
                directory = value.strip()
    return directory


def snapshot(root):
    """Every file and directory below root with type, size and content hash."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            state[os.path.relpath(os.path.join(dirpath, d), root)] = ("dir",)
        for f in filenames:
            path = os.path.join(dirpath, f)
            try:
                with open(path, "rb") as stream:
                    digest = hashlib.sha256(stream.read()).hexdigest()
            except OSError as exc:
                digest = f"unreadable: {exc}"
            state[os.path.relpath(path, root)] = ("file", os.path.getsize(path), digest)
    return state


def indent(text, prefix="    | "):
    text = text.rstrip("\n")
    if not text:
        return prefix + "(empty)"
    return "\n".join(prefix + line for line in text.split("\n"))


def run_test(exsolve, prm, keep):
    with open(prm, encoding="utf-8") as stream:
        lines = stream.read().split("\n")
    test = read_header(lines)
    directory = output_directory(lines, test["args"])
    if not directory:
        raise TestDefinitionError(
            "the file must set Output/Directory to a name unique to this test")
    if os.path.isabs(directory):
        raise TestDefinitionError(
            f"Output/Directory = {directory} must be relative (it is checked "
            "inside the temporary working directory)")

    work = tempfile.mkdtemp(prefix="exsolve_input_")
    try:
        target = os.path.join(work, directory)
        if test["precreate"] == "directory":
            os.makedirs(target)
            with open(os.path.join(target, MARKER_NAME), "w") as stream:
                stream.write(MARKER_TEXT)
        elif test["precreate"] == "file":
            os.makedirs(os.path.dirname(target) or work, exist_ok=True)
            with open(target, "w") as stream:
                stream.write(MARKER_TEXT)
        before = snapshot(work)

        if test["parameter_file"] is None:
            file_args = [prm]
        elif test["parameter_file"].lower() == "none":
            file_args = []
        else:
            file_args = [test["parameter_file"]]
        command = [exsolve] + file_args + test["args"]
        try:
            result = subprocess.run(command, cwd=work, capture_output=True,
                                    text=True, errors="replace",
                                    timeout=TIMEOUT_S)
            returncode, stdout, stderr = result.returncode, result.stdout, result.stderr
        except subprocess.TimeoutExpired as exc:
            returncode = None
            stdout = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        except OSError as exc:
            print(f"FAIL {os.path.basename(prm)}: cannot start {exsolve}: {exc}")
            return 1

        failures = []
        if returncode is None:
            failures.append(f"exsolve did not finish within {TIMEOUT_S} s "
                            "(an input error must stop it at once)")
        elif returncode != 2:
            failures.append(
                f"exit code is {returncode}, expected 2 (invalid input); "
                "0 = success, 1 = internal error, 3 = solver failure, "
                "negative = killed by a signal")
        if not stderr.startswith(ERROR_PREFIX):
            first = stderr.split("\n", 1)[0] if stderr else "(stderr is empty)"
            failures.append(
                f"stderr does not start with '{ERROR_PREFIX}' (first line: "
                f"{first!r}); the input error must be the first thing the "
                "user sees, without other diagnostics before it")
        for regex in test["expect"]:
            if not re.search(regex, stderr, re.MULTILINE):
                failures.append(f"stderr does not match the expected regex "
                                f"{regex!r}")
        benchmark = [l for l in stdout.split("\n") if l.lstrip().startswith("BENCHMARK")]
        if benchmark:
            failures.append("stdout has a BENCHMARK line, so the run was not "
                            f"stopped by the input error: {benchmark[0][:200]!r}")

        if test["precreate"] == "directory":
            if not os.path.isdir(target):
                failures.append(f"the pre-existing output directory {directory!r} "
                                "was removed or replaced")
            else:
                marker = os.path.join(target, MARKER_NAME)
                if not os.path.isfile(marker):
                    failures.append(f"the marker file {directory}/{MARKER_NAME} "
                                    "in the pre-existing output directory was removed")
                else:
                    with open(marker) as stream:
                        if stream.read() != MARKER_TEXT:
                            failures.append(f"the marker file {directory}/"
                                            f"{MARKER_NAME} was modified")
        elif test["precreate"] == "file":
            if not os.path.isfile(target):
                failures.append(f"the pre-existing file {directory!r} was "
                                "removed or replaced")
            else:
                with open(target) as stream:
                    if stream.read() != MARKER_TEXT:
                        failures.append(f"the pre-existing file {directory!r} "
                                        "was modified")
        elif os.path.lexists(target):
            failures.append(f"Output/Directory {directory!r} was created although "
                            "the input is invalid (nothing may be written)")

        after = snapshot(work)
        created = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
        if created:
            failures.append("new files or directories in the working directory: "
                            + ", ".join(created[:20])
                            + (" ..." if len(created) > 20 else ""))
        if removed:
            failures.append("files or directories removed from the working "
                            "directory: " + ", ".join(removed[:20]))
        if changed:
            failures.append("files modified in the working directory: "
                            + ", ".join(changed[:20]))

        name = os.path.basename(prm)
        if failures:
            print(f"FAIL {name}: {test['tests']}")
            print("  command:  " + " ".join(shlex.quote(c) for c in command))
            print(f"  working directory: {work}" + ("" if keep else " (removed)"))
            print(f"  exit code: {returncode}")
            print("  stderr:")
            print(indent(stderr))
            print("  stdout (last 20 lines):")
            print(indent("\n".join(stdout.rstrip("\n").split("\n")[-20:])))
            print(f"  {len(failures)} failed check(s):")
            for f in failures:
                print("   - " + f)
            return 1
        print(f"PASS {name}: {test['tests']}")
        print("  stderr:")
        print(indent(stderr))
        return 0
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--exsolve", required=True, help="the exsolve executable")
    parser.add_argument("--prm", required=True, help="the malformed parameter file")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary working directory")
    a = parser.parse_args()
    exsolve = os.path.abspath(a.exsolve)
    prm = os.path.abspath(a.prm)
    if not (os.path.isfile(exsolve) and os.access(exsolve, os.X_OK)):
        print(f"FAIL: exsolve executable {exsolve!r} not found or not executable")
        return 1
    if not os.path.isfile(prm):
        print(f"FAIL: test file {prm!r} not found")
        return 1
    try:
        return run_test(exsolve, prm, a.keep)
    except TestDefinitionError as exc:
        print(f"FAIL {os.path.basename(prm)}: broken test definition: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
