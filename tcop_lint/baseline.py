"""Read the fingerprints of an earlier report (SARIF or JSON) for ``--baseline``."""

from __future__ import annotations

import json
from pathlib import Path

from tcop_lint.report.sarif import FINGERPRINT_KEY


class BaselineError(Exception):
    """The baseline file cannot be used; exit code 2."""


def load_fingerprints(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(
            f"{path}: cannot read baseline: {exc.strerror or exc}"
        ) from None
    except ValueError as exc:
        raise BaselineError(f"{path}: baseline is not JSON: {exc}") from None
    if isinstance(data, dict) and "runs" in data:
        return {
            result.get("partialFingerprints", {}).get(FINGERPRINT_KEY)
            for run in data.get("runs") or []
            for result in run.get("results") or []
        } - {None}
    if isinstance(data, dict) and "rules" in data:
        return {
            finding.get("fingerprint")
            for rule in data.get("rules") or []
            for finding in rule.get("findings") or []
        } - {None}
    raise BaselineError(f"{path}: not a tcop-lint SARIF or JSON report")
