"""The action's install steps: ``python -m tcop_lint.action.install cache-key|install``, run
with the action's checkout as the working directory, before tcop-lint is installed (standard
library only).

``install`` makes a virtualenv in ``RUNNER_TEMP`` and installs, in order:

1. tcop-lint's dependencies from ``requirements/action.lock`` with ``--require-hashes``: every
   file pip downloads must match a hash kept in this repository, so pinning the action to a
   commit pins every dependency;
2. tcop-lint from the action's checkout, ``--no-deps --no-build-isolation`` (its build
   backend, setuptools, is in the lock too);
3. the ``plugin-packages`` input, a requirements file's lines (an organisation's rule package),
   installed beside it with what is already installed kept where it satisfies them.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tcop_lint.action import workflow_commands

LOCK = Path("requirements", "action.lock")
EXIT_FAILED = 1


def cache_key(action_path: Path, plugin_packages: str) -> str:
    """What the pip download cache is keyed on: the lock file and the plugin packages."""
    digest = hashlib.sha256((action_path / LOCK).read_bytes())
    digest.update(b"\0" + plugin_packages.encode("utf-8"))
    return digest.hexdigest()[:16]


def _pip(python: Path, *args: str) -> None:
    print(f"pip install {' '.join(args)}", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], check=True)


def install(
    python: str, action_path: Path, temp: Path, plugin_packages: str
) -> dict[str, str]:
    """Install tcop-lint into a new virtualenv; its ``python`` and ``tcop-lint``."""
    venv = temp / "tcop-lint-venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    scripts = venv / ("Scripts" if (venv / "Scripts").is_dir() else "bin")
    venv_python = scripts / "python"
    _pip(venv_python, "--require-hashes", "--requirement", str(action_path / LOCK))
    _pip(venv_python, "--no-deps", "--no-build-isolation", str(action_path))
    if plugin_packages.strip():
        requirements = temp / "tcop-lint-plugin-packages.txt"
        requirements.write_text(plugin_packages.strip() + "\n", encoding="utf-8")
        _pip(venv_python, "--requirement", str(requirements))
    return {"python": str(venv_python), "tcop-lint": str(scripts / "tcop-lint")}


def main(argv: list[str]) -> int:
    action_path = Path.cwd()
    plugin_packages = os.environ.get("INPUT_PLUGIN_PACKAGES", "")
    if argv == ["cache-key"]:
        workflow_commands.write_outputs(
            {"hash": cache_key(action_path, plugin_packages)}
        )
        return 0
    if argv != ["install"]:
        print(
            "usage: python -m tcop_lint.action.install cache-key|install",
            file=sys.stderr,
        )
        return 2
    try:
        outputs = install(
            os.environ["TCOP_PYTHON"],
            action_path,
            Path(os.environ["RUNNER_TEMP"]),
            plugin_packages,
        )
    except subprocess.CalledProcessError as exc:
        step = " ".join(map(str, exc.cmd[1:]))
        workflow_commands.emit(
            "error", f"installing tcop-lint failed (exit code {exc.returncode}): {step}"
        )
        return EXIT_FAILED
    workflow_commands.write_outputs(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
