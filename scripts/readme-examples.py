#!/usr/bin/env python3
"""Runs the README's examples as a newcomer would, and says which no longer work.

    scripts/readme-examples.py [README]      (make readme-examples)

It clones the repository's last commit into a temporary directory, puts the
README given (default: the working copy's README.md) in it, builds subkit onto
the PATH, runs the quick start's first command as written, then every "$ "
line of the README's ```console blocks in order, each in bash with pipefail,
and compares what it prints (standard output, then standard error) with the
lines the README shows under it. Exit status 1 when any differ.

The examples need bash, sed, iconv, jq, espeak-ng and ffmpeg; the go test
suite checks the quick start and the links (cmd/subkit/readme_test.go), this
script the rest, which needs those tools and takes a minute.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                      text=True, check=True).stdout.strip()
readme = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "README.md")
text = open(readme, encoding="utf-8").read()

tmp = tempfile.mkdtemp(prefix="subkit-readme-")
clone = os.path.join(tmp, "subkit")
subprocess.run(["git", "clone", "-q", root, clone], check=True)
shutil.copy(readme, os.path.join(clone, "README.md"))
bindir = os.path.join(tmp, "bin")
subprocess.run(["go", "build", "-o", os.path.join(bindir, "subkit"), "./cmd/subkit"],
               cwd=clone, check=True)
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])


def run(cmd):
    p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=clone, env=env,
                       capture_output=True, text=True)
    out = (p.stdout + p.stderr).rstrip("\n")
    return p.returncode, out.split("\n") if out else []


quick = re.search(r"## Quick start\n.*?```sh\n(.*?)\n```", text, re.S)
if not quick:
    sys.exit("README has no quick start command")
failures = 0
code, out = run(quick.group(1))
print(("ok  " if code == 0 else "FAIL") + " $ " + quick.group(1))
if code != 0:
    failures += 1
    print("\n".join("    " + l for l in out))

for block in re.findall(r"```console\n(.*?)```", text, re.S):
    lines = block.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        cmd = lines[i][2:]
        want = []
        i += 1
        while i < len(lines) and not lines[i].startswith("$ "):
            want.append(lines[i])
            i += 1
        while want and want[-1] == "":
            want.pop()
        code, got = run(cmd)
        ok = got == want
        print(("ok  " if ok else "FAIL") + " $ " + cmd)
        if not ok:
            failures += 1
            print("    README shows:\n" + "\n".join("      " + l for l in want))
            print(f"    it printed (exit {code}):\n" + "\n".join("      " + l for l in got))

shutil.rmtree(tmp)
print(f"{failures} of the README's examples do not work as shown" if failures
      else "every example works as shown")
sys.exit(1 if failures else 0)
