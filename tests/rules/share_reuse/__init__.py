"""TC0801..TC0804: README, CONTRIBUTING, CODEOWNERS and publiccode.yml; the texts and
helpers the topic's tests share."""

from __future__ import annotations

HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: share-reuse:` in .tcop-lint.yml"
)
PURPOSE = (
    "Apply for a fishing licence lets anglers in England and Wales buy a rod fishing "
    "licence online, renew it each year and show it to a bailiff on their phone. It is "
    "run by the Environment Agency and replaces the paper form and the telephone line."
)


def findings(result) -> list[tuple[str, str | None, int | None]]:
    return [(f.message, f.path, f.start_line) for f in result.findings]


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


README_MD = f"""\
[![Build](https://github.com/org/repo/actions/workflows/ci.yml/badge.svg)](https://ci)

# Apply for a fishing licence

{PURPOSE}

## Installation

Install Node.js 20, then the dependencies:

```bash
npm ci
```

## Usage

Start the service and open http://localhost:3000:

```bash
npm start
```
"""
