"""Security tools a repository runs: static analysers (SAST), dependency and image scanners,
and secret scanners, found in CI, pre-commit hooks, git hooks and build configuration.

Each finder returns :class:`ToolUse` records (the file that shows the tool, the tool's name and
the line), one per tool: the static-analysis and secret-scanning rules judge them.

The expressions are matched against CI lines of any length, so none has two unbounded
repetitions that can trade characters (``\\bname\\b.*--flag`` is quadratic on a line repeating
the name): such checks are a literal search followed by a test in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from tcop_lint.facts.ci import CommandLine, find_in_ci
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.parsing import LineList
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository


class ToolUse(NamedTuple):
    path: str
    """The file that shows the tool: a CI file, a hook config, a project config."""
    tool: str
    line: int | None = None
    via: str = "ci"
    """How it runs: ``ci``, ``build`` (a Maven or Gradle plugin CI runs),
    ``golangci-lint``, ``ruff``, ``eslint`` (``tool`` then names the plugins),
    ``pre-commit``, ``git-hook``, or ``config`` (a project file, no line)."""


# (name, expression matched case-insensitively against CI lines)
SAST_TOOLS: tuple[tuple[str, str], ...] = (
    (
        "CodeQL",
        (
            r"github/codeql-action/(?:init|analyze|autobuild)|\bcodeql\s+database\b|"
            # an organisation's shared CodeQL workflow (alphagov's codeql-analysis.yml@main,
            # ministryofjustice's security_codeql.yml@v2): its file name is checked in code
            r"\buses:\s*['\"]?[\w.-]+/[\w.-]+/\.github/workflows/[\w.-]+\.ya?ml@"
        ),
    ),
    ("Semgrep", r"\bsemgrep\b"),
    ("Bandit", r"\bbandit\b"),
    ("Brakeman", r"\bbrakeman\b"),
    ("gosec", r"\bgosec\b"),
    (
        "SonarQube/SonarCloud",
        (
            r"sonar-scanner|sonarcloud-github-action|sonarqube-scan-action|sonarsource/|"
            r"\bsonar:sonar\b|\bsonarqube\b|\bsonarcloud\b|dotnet-sonarscanner"
        ),
    ),
    ("Snyk", r"\bsnyk\b"),
    ("SpotBugs/find-sec-bugs", r"\bspotbugs\b|findsecbugs|find-sec-bugs"),
    ("njsscan", r"\bnjsscan\b"),
    # the flag on a line that runs psalm (checked in code)
    ("Psalm taint analysis", r"--taint-analysis"),
    ("GitLab SAST", r"\bSAST(?:-IaC)?\.(?:latest\.)?gitlab-ci\.yml\b"),
    # checkmarx/kics is KICS, below (checked in code)
    ("Checkmarx", r"\bcheckmarx\b|\bcxflow\b"),
    # CircleCI orb jobs join words with "_": hmpps/veracode_pipeline_scan
    ("Veracode", r"(?:^|[^a-z0-9])veracode(?:[^a-z0-9]|$)"),
    ("Fortify", r"\bfortify\b|\bsourceanalyzer\b"),
    ("Bearer", r"\bbearer/bearer-action\b|\bbearer\s+scan\b"),
    ("Horusec", r"\bhorusec\b"),
    # Infrastructure as code is code: these analyse Terraform, CloudFormation, Kubernetes...
    ("tfsec", r"\btfsec\b"),
    ("Checkov", r"\bcheckov\b"),
    ("KICS", r"\bkics\b"),
    ("Terrascan", r"\bterrascan\b"),
    (
        "Trivy misconfiguration scanning",
        (
            r"\btrivy\s+(?:config|conf)\b|\bscan-type:\s*['\"]?config\b|"
            # --scanners, the action's scanners input, or --security-checks before v0.37;
            # "config" is the scanner's name before v0.41
            r"(?:--scanners[ =]|--security-checks[ =]|\bscanners:\s*)['\"]?[\w,]*"
            r"\b(?:misconfig|config)\b"
        ),
    ),
)
SCA_TOOLS: tuple[tuple[str, str], ...] = (
    ("Trivy", r"(?:^|[^a-z0-9])trivy(?:[^a-z0-9]|$)"),
    ("Grype", r"\bgrype\b"),
    ("OSV-Scanner", r"\bosv-scanner\b"),
    ("dependency review", r"actions/dependency-review-action"),
    ("pip-audit", r"\bpip-audit\b"),
    ("npm audit", r"\b(?:npm|yarn|pnpm)\s+audit\b"),
    ("govulncheck", r"\bgovulncheck\b"),
    ("OWASP Dependency-Check", r"dependency[-_]check"),
)
SECRET_SCANNERS: tuple[tuple[str, str], ...] = (
    ("gitleaks", r"\bgitleaks\b"),
    ("TruffleHog", r"\btrufflehog\b"),
    ("detect-secrets", r"\bdetect-secrets\b"),
    ("git-secrets", r"\bgit[- ]secrets\b"),
    ("ggshield", r"\bggshield\b|gitguardian/ggshield"),
    ("Talisman", r"\btalisman\b"),
    ("secretlint", r"\bsecretlint\b"),
    ("Nosey Parker", r"\bnoseyparker\b|\bnosey-parker\b"),
    ("GitLab Secret Detection", r"Secret-Detection(?:\.latest)?\.gitlab-ci\.yml"),
)
SECURITY_ESLINT_PLUGINS = (
    "eslint-plugin-security",
    "eslint-plugin-no-unsanitized",
    "@microsoft/eslint-plugin-sdl",
)
SONAR_PROJECT_FILES = ("sonar-project.properties", ".sonarcloud.properties")
PRE_COMMIT_SAST_HOOKS = {"bandit": "Bandit", "semgrep": "Semgrep", "gosec": "gosec"}
SECRET_HOOKS = {
    "gitleaks": "gitleaks",
    "trufflehog": "TruffleHog",
    "detect-secrets": "detect-secrets",
    "git-secrets": "git-secrets",
    "ggshield": "ggshield",
    "talisman": "Talisman",
    "secretlint": "secretlint",
    "ripsecrets": "ripsecrets",
}
SECRET_CONFIGS = (
    ".gitleaks.toml",
    ".secrets.baseline",
    ".talismanrc",
    ".gitguardian.yaml",
)
"""Files that configure a secret scanner without running it."""
GIT_HOOK_FILES = ("lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml")
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"

_PSALM = lazy_re(r"\bpsalm\b", re.IGNORECASE)
_CODEQL_DIRECT = lazy_re(
    r"github/codeql-action/(?:init|analyze|autobuild)|\bcodeql\s+database\b",
    re.IGNORECASE,
)
_CODEQL_WORKFLOW = lazy_re(r"/\.github/workflows/([\w.-]+)@", re.IGNORECASE)
_CHECKMARX = lazy_re(r"\bcheckmarx\b", re.IGNORECASE)
# Trivy scans a file system or repository for secrets unless its scanners leave them out
# (the default is vuln,secret); trivy-action does so with scan-type fs or repo.
_TRIVY_SOURCE_SCAN = (
    r"\btrivy\s+(?:fs|filesystem|repo|repository)\b|"
    r"\bscan-type:\s*['\"]?(?:fs|filesystem|repo|repository)\b"
)
_TRIVY_SCANNERS = lazy_re(
    r"(?:--scanners[ =]|--security-checks[ =]|\bscanners:\s*)['\"]?([\w,]+)",
    re.IGNORECASE,
)
_BANDIT_CODE = re.compile(r"S\d*")
_SIBLING_LINES = 100


def _psalm_taint(text: str) -> bool:
    match = _PSALM.search(text)
    return match is not None and "--taint-analysis" in text[match.end() :].lower()


def _codeql(text: str) -> bool:
    if _CODEQL_DIRECT.search(text):
        return True
    return any(
        "codeql" in name and name.endswith((".yml", ".yaml"))
        for name in (m.group(1).lower() for m in _CODEQL_WORKFLOW.finditer(text))
    )


def _checkmarx(text: str) -> bool:
    if "cxflow" in text.lower():
        return True
    return any(
        text[m.end() : m.end() + 5].lower() != "/kics"
        for m in _CHECKMARX.finditer(text)
    )


_CONFIRM: dict[str, Callable[[str], bool]] = {
    "Psalm taint analysis": _psalm_taint,
    "CodeQL": _codeql,
    "Checkmarx": _checkmarx,
}


def ci_hits(repo: Repository, pattern: str) -> list[CommandLine]:
    """CI lines matching ``pattern``, leaving out YAML/shell comment lines."""
    return [
        line
        for line in find_in_ci(repo, pattern)
        if not line.text.lstrip().startswith("#")
    ]


def _first_runs(repo: Repository, tools: tuple[tuple[str, str], ...]) -> list[ToolUse]:
    found = []
    for name, pattern in tools:
        confirm = _CONFIRM.get(name)
        for hit in ci_hits(repo, pattern):
            if confirm is None or confirm(hit.text):
                found.append(ToolUse(hit.path, name, hit.line))
                break
    return found


def sast_in_ci(repo: Repository) -> list[ToolUse]:
    """The first CI line running each static analyser."""
    return _first_runs(repo, SAST_TOOLS)


def sca_in_ci(repo: Repository) -> list[ToolUse]:
    """The first CI line running each dependency or image scanner."""
    return _first_runs(repo, SCA_TOOLS)


def secret_scanners_in_ci(repo: Repository) -> list[ToolUse]:
    """The first CI line running each secret scanner, then a Trivy file-system or repository
    scan whose scanners include ``secret``."""
    found = _first_runs(repo, SECRET_SCANNERS)
    lines: dict[str, list[str]] = {}
    for hit in ci_hits(repo, _TRIVY_SOURCE_SCAN):
        if hit.path not in lines:
            lines[hit.path] = (repo.read_text(hit.path) or "").splitlines()
        if "secret" in _trivy_scanners(lines[hit.path], hit):
            found.append(ToolUse(hit.path, "Trivy secret scanning", hit.line))
            break
    return found


def sonar_project_files(repo: Repository) -> list[str]:
    return [name for name in SONAR_PROJECT_FILES if repo.has(name)]


def eslint_security(repo: Repository) -> ToolUse | None:
    """ESLint run in CI with a security plugin declared: the tool names the plugins."""
    from tcop_lint.facts.dependencies import has_dependency

    plugins = has_dependency(repo, *SECURITY_ESLINT_PLUGINS, ecosystem="npm")
    if not plugins:
        return None
    runs = ci_hits(repo, r"\beslint\b")
    if not runs:
        return None
    names = ", ".join(sorted({p.name for p in plugins}))
    return ToolUse(runs[0].path, names, runs[0].line, "eslint")


def build_tool_analysers(repo: Repository) -> list[ToolUse]:
    """Security analysers configured in a build that CI runs: find-sec-bugs in Maven or
    Gradle, gosec in golangci-lint, Ruff's flake8-bandit rules (S)."""
    found = []
    builds = repo.by_name("pom.xml", "build.gradle", "build.gradle.kts")
    if any(
        "findsecbugs" in (repo.read_text(p) or "") for p in builds if not is_vendored(p)
    ):
        runs = ci_hits(repo, r"\b(?:mvnw?|gradlew?)\b")
        if runs:
            found.append(
                ToolUse(runs[0].path, "SpotBugs find-sec-bugs", runs[0].line, "build")
            )
    golangci = repo.find(
        ".golangci.yml", ".golangci.yaml", ".golangci.toml", ".golangci.json"
    )
    if golangci and re.search(r"\bgosec\b", repo.read_text(golangci) or ""):
        runs = ci_hits(repo, r"golangci-lint")
        if runs:
            found.append(ToolUse(runs[0].path, "gosec", runs[0].line, "golangci-lint"))
    if ruff_selects_bandit(repo):
        runs = ci_hits(repo, r"\bruff\b")
        if runs:
            found.append(
                ToolUse(
                    runs[0].path, "Ruff flake8-bandit rules (S)", runs[0].line, "ruff"
                )
            )
    return found


def ruff_selects_bandit(repo: Repository) -> bool:
    """Whether a Ruff config selects the flake8-bandit rules (``S``, ``S1``..., or ``ALL``)."""
    for path, prefix in (
        ("pyproject.toml", ("tool", "ruff")),
        ("ruff.toml", ()),
        (".ruff.toml", ()),
    ):
        if not repo.has(path):
            continue
        node: Any = repo.parsed(path, "toml").data
        for key in prefix:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and any(
            _selects_bandit(table) for table in (node, node.get("lint"))
        ):
            return True
    return False


def _selects_bandit(table: Any) -> bool:
    if not isinstance(table, dict):
        return False
    for key in ("select", "extend-select"):
        codes = table.get(key)
        if isinstance(codes, list) and any(
            isinstance(c, str) and (c == "ALL" or _BANDIT_CODE.fullmatch(c))
            for c in codes
        ):
            return True
    return False


def pre_commit_hooks(
    repo: Repository, wanted: dict[str, str], *, in_ci_only: bool
) -> list[ToolUse]:
    """Hooks in ``.pre-commit-config.yaml`` whose id starts with a ``wanted`` key (the tool
    is its value). With ``in_ci_only``, only when CI (or pre-commit.ci) runs the hooks."""
    if not repo.has(PRE_COMMIT_CONFIG):
        return []
    data = repo.parsed(PRE_COMMIT_CONFIG, "yaml").data
    if in_ci_only:
        runs = ci_hits(repo, r"\bpre-commit\b")
        if not runs and not (isinstance(data, dict) and "ci" in data):
            return []
    repos = data.get("repos") if isinstance(data, dict) else None
    found = []
    for entry in repos if isinstance(repos, list) else ():
        hooks = entry.get("hooks") if isinstance(entry, dict) else None
        for index, hook in enumerate(hooks if isinstance(hooks, list) else ()):
            hook_id = hook.get("id") if isinstance(hook, dict) else None
            if not isinstance(hook_id, str):
                continue
            tool = next(
                (
                    label
                    for name, label in wanted.items()
                    if hook_id.lower().startswith(name)
                ),
                None,
            )
            if tool is not None:
                line = hooks.line_of(index) if isinstance(hooks, LineList) else 1
                found.append(ToolUse(PRE_COMMIT_CONFIG, tool, line, "pre-commit"))
    return found


def secret_git_hooks(repo: Repository) -> list[ToolUse]:
    """Lefthook configs and Husky hooks running a secret scanner (comment lines left out)."""
    hook_files = [p for p in GIT_HOOK_FILES if repo.has(p)] + [
        p for p in repo.in_directory(".husky") if not p.endswith(".gitignore")
    ]
    found = []
    for path in hook_files:
        use = _first_scanner_line(path, repo.read_text(path) or "")
        if use is not None:
            found.append(use)
    return found


def _first_scanner_line(path: str, text: str) -> ToolUse | None:
    lines = [
        (number, line)
        for number, line in enumerate(text.split("\n"), 1)
        if not line.lstrip(" \t").startswith("#")
    ]
    for name, pattern in SECRET_SCANNERS:
        regex = re.compile(pattern, re.IGNORECASE)
        line = next((n for n, text in lines if regex.search(text)), None)
        if line is not None:
            return ToolUse(path, name, line, "git-hook")
    return None


def secret_configs(repo: Repository) -> list[str]:
    return [p for p in SECRET_CONFIGS if repo.has(p)]


def _trivy_scanners(lines: list[str], hit: CommandLine) -> set[str]:
    """The scanners a Trivy run uses: its --scanners flag, or the action's scanners input
    beside scan-type, else Trivy's default."""
    match = _TRIVY_SCANNERS.search(hit.text)
    if match is None and "scan-type" in hit.text:
        match = next(
            filter(None, map(_TRIVY_SCANNERS.search, _mapping_siblings(lines, hit))),
            None,
        )
    return set(match.group(1).lower().split(",")) if match else {"vuln", "secret"}


def _mapping_siblings(lines: list[str], hit: CommandLine) -> Iterator[str]:
    """The other lines of the block mapping ``hit`` is a key of (a step's ``with:``), up to
    :data:`_SIBLING_LINES` each way: an action's inputs are a few lines, and a file of
    thousands of such keys must not cost thousands of lines per key."""
    if not 0 < hit.line <= len(lines):
        return
    indent = len(lines[hit.line - 1]) - len(lines[hit.line - 1].lstrip())
    for step in (-1, 1):
        index = hit.line - 1 + step
        last = hit.line - 1 + step * _SIBLING_LINES
        while 0 <= index < len(lines) and (index - last) * step <= 0:
            text = lines[index]
            depth = len(text) - len(text.lstrip())
            if text.strip() and depth < indent:
                break
            if depth == indent:
                yield text
            index += step
