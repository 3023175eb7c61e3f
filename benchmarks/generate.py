"""Build a deterministic synthetic git repository for benchmarking tcop-lint.

N tracked files in directories 3-6 deep (.py/.js/.ts/.md/.json/.yaml/.html sources of 200 B-5 KB),
a few hundred package.json / requirements.txt / pom.xml manifests, the usual evidence files
(LICENSE, workflows, an OpenAPI document, Dependabot config), and a large ignored, untracked
node_modules/ that a naive walk would pay for. Same seed, same repository.

    python benchmarks/generate.py DEST --files 10000 [--seed 1] [--ignored 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
from pathlib import Path

EXTENSIONS = (".py", ".js", ".ts", ".md", ".json", ".yaml", ".html")
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "service",
    "api",
    "user",
    "data",
    "record",
    "export",
    "import",
    "report",
]
EVIDENCE = {
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Benchmark\n\nPermission is hereby granted, free of "
    "charge, to any person obtaining a copy of this software.\n",
    "README.md": "# Benchmark service\n\n## About\n\nA synthetic repository.\n\n## Installation\n\n"
    "Run make.\n\n## Usage\n\nRun it.\n",
    "SECURITY.md": "# Security\n\nReport vulnerabilities to security@example.org.\n",
    ".github/workflows/ci.yml": "name: CI\non: [push]\npermissions:\n  contents: read\njobs:\n"
    "  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n",
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n"
    "    directories: ['**/*']\n    schedule: {interval: weekly}\n",
    "docs/openapi.yaml": "openapi: 3.0.3\ninfo: {title: Bench, version: '1'}\npaths:\n  /items:\n"
    "    get:\n      responses:\n        '200': {description: ok}\n",
}


def _text(rng: random.Random, size: int) -> str:
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
    return " ".join(words) + "\n"


def _directories(rng: random.Random, count: int) -> list[str]:
    dirs = []
    for index in range(count):
        depth = rng.randint(3, 6)
        dirs.append(
            "/".join(
                f"{rng.choice(WORDS)}{index % 97}_{level}" for level in range(depth)
            )
        )
    return dirs


def generate(dest: Path, files: int, seed: int = 1, ignored: int | None = None) -> Path:
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    dirs = _directories(rng, max(files // 25, 4))
    manifests = min(300, max(files // 100, 3))
    written = 0
    for path, content in EVIDENCE.items():
        _write(dest / path, content)
        written += 1
    for index in range(manifests):
        directory = dirs[index % len(dirs)]
        kind = index % 3
        if kind == 0:
            _write(
                dest / directory / "package.json",
                f'{{"name": "pkg{index}", "version": "1.0.0"}}\n',
            )
        elif kind == 1:
            _write(
                dest / directory / "requirements.txt",
                "requests==2.32.3\nflask==3.0.0\n",
            )
        else:
            _write(
                dest / directory / "pom.xml",
                f"<project><artifactId>a{index}</artifactId></project>\n",
            )
        written += 1
    while written < files:
        directory = rng.choice(dirs)
        extension = rng.choice(EXTENSIONS)
        _write(
            dest / directory / f"file{written}{extension}",
            _text(rng, rng.randint(200, 5000)),
        )
        written += 1
    _write(dest / ".gitignore", "node_modules/\n")
    for index in range(files * 2 if ignored is None else ignored):
        _write(
            dest / "node_modules" / f"dep{index % 500}" / f"lib{index}.js",
            "module.exports = 1;\n",
        )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "synthetic"],
    ):
        subprocess.run(
            ["git", *args], cwd=dest, env=env, check=True, capture_output=True
        )
    return dest


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ignored",
        type=int,
        default=None,
        help="ignored node_modules files (default 2x files)",
    )
    args = parser.parse_args()
    generate(args.dest, args.files, args.seed, args.ignored)


if __name__ == "__main__":
    main()
