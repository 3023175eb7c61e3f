"""Pipeline configuration CI uses from outside the repository, where CI names it.

A reusable workflow of another repository (``uses: org/shared/.github/workflows/test.yml@v2``),
a GitLab ``include:`` of another project, a URL, a template or a CI/CD component, and a Jenkins
shared library (``@Library('pipeline') _``) hold steps that cannot be read here: a rule that
finds no step running something can only say it may run there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from tcop_lint.facts.ci import azure_template_names, ci_files, find_in_ci
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

REUSABLE_WORKFLOW = "reusable-workflow"
GITLAB_INCLUDE = "gitlab-include"
JENKINS_LIBRARY = "jenkins-library"
AZURE_TEMPLATE = "azure-template"
REMOTE_KINDS = (REUSABLE_WORKFLOW, GITLAB_INCLUDE, JENKINS_LIBRARY, AZURE_TEMPLATE)
"""The kinds of remote configuration, in the order :func:`remote_configuration` looks."""

_REMOTE_WORKFLOW = lazy_re(
    r"""^\s*(?:-\s*)?uses:\s*['"]?([\w.-]+/[\w.-]+/\.github/workflows/[^@\s'"]+@[^\s'"#]+)"""
)
_GITLAB_REMOTE_KEYS = ("remote", "template", "component")
"""GitLab ``include:`` keys (besides ``project:``) naming configuration kept elsewhere."""
_GITLAB_RULES_ONLY = ("Workflows/",)
"""GitLab templates that only set when pipelines run (``Workflows/MergeRequest-Pipelines``):
they add no job, so no test can run there."""
# `@Library('Infrastructure') _`, `@Library(['a', 'b@v1'])`, `library 'x'`, `library identifier: 'x@v'`
_JENKINS_LIBRARY = lazy_re(
    r"""^\s*(?:@Library\s*\(([^)]*)\)|library\s*(?:\(\s*)?(?:identifier\s*:\s*)?(['"][^'"]+['"]))"""
)
_QUOTED = lazy_re(r"""['"]([^'"]+)['"]""")


_TEST_NAME = lazy_re(
    r"(?:^|[-_.])(?:tests?|unit|integration|specs?|rspec|jest|jasmine|pytest|mocha|"
    r"vitest|junit|e2e)(?:[-_.]|$)",
    re.IGNORECASE,
)


class RemoteUse(NamedTuple):
    """One use of configuration kept elsewhere: where CI names it, and what it names."""

    path: str
    line: int
    called: str

    @property
    def named_for_tests(self) -> bool:
        """Whether the file it calls says by its name that it runs tests
        (``_run-java-tests-and-publish.yml``, ``node_unit_tests.yml``, ``jasmine.yml``)."""
        name = self.called.partition("@")[0].rpartition("/")[2]
        return bool(_TEST_NAME.search(name))


class RemoteConfiguration(NamedTuple):
    """How CI reaches configuration kept elsewhere (one of :data:`REMOTE_KINDS`), and each
    use of it; ``kind`` is ``""`` and ``uses`` empty when CI uses none."""

    kind: str
    uses: list[RemoteUse]


def remote_configuration(repo: Repository) -> RemoteConfiguration:
    """The first kind of remote configuration CI uses, in :data:`REMOTE_KINDS` order."""
    finders: tuple[tuple[str, Callable[[Repository], list[RemoteUse]]], ...] = (
        (REUSABLE_WORKFLOW, _remote_workflows),
        (GITLAB_INCLUDE, _remote_gitlab_includes),
        (JENKINS_LIBRARY, _jenkins_libraries),
        (AZURE_TEMPLATE, _azure_templates),
    )
    for kind, find in finders:
        found = find(repo)
        if found:
            return RemoteConfiguration(kind, found)
    return RemoteConfiguration("", [])


def _remote_workflows(repo: Repository) -> list[RemoteUse]:
    """Workflow lines calling a reusable workflow of another repository, with what they call
    (``org/repo/.github/workflows/test.yml@v2``)."""
    found = []
    for line in find_in_ci(repo, _REMOTE_WORKFLOW.pattern):
        match = _REMOTE_WORKFLOW.search(line.text)
        if match and line.via is None and line.path.startswith(".github/workflows/"):
            found.append(RemoteUse(line.path, line.line, match.group(1)))
    return found


def _remote_gitlab_includes(repo: Repository) -> list[RemoteUse]:
    """``include:`` entries of GitLab pipelines (and of their child pipelines) that name
    another project, a URL, a GitLab template or a CI/CD component. Local includes are
    already read as CI files."""
    found: list[RemoteUse] = []
    for ci in ci_files(repo):
        data = repo.parsed(ci.path, "yaml").data if ci.system == "GitLab CI" else None
        if not isinstance(data, dict):
            continue
        triggers = [
            job.get("trigger") for job in data.values() if isinstance(job, dict)
        ]
        includes = [data.get("include")] + [
            trigger.get("include") for trigger in triggers if isinstance(trigger, dict)
        ]
        for include in includes:
            for item in include if isinstance(include, list) else [include]:
                found.extend(
                    RemoteUse(ci.path, repo.line_of(ci.path, pattern) or 1, called)
                    for called, pattern in _remote_include(item)
                )
    return found


def _remote_include(item: object) -> list[tuple[str, str]]:
    """What one GitLab ``include:`` entry pulls in from elsewhere, each with an expression
    for its line: ``group/project/file.yml@ref``, a URL, a template or a component."""
    if isinstance(item, str):
        return [(item, re.escape(item))] if "://" in item else []
    if not isinstance(item, dict):
        return []
    if isinstance(item.get("project"), str):
        return _project_include(item)
    for key in _GITLAB_REMOTE_KEYS:
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if key == "template" and value.startswith(_GITLAB_RULES_ONLY):
            return []
        called = f"GitLab template {value}" if key == "template" else value
        return [(called, rf"\b{key}:\s*['\"]?{re.escape(value)}")]
    return []


def _project_include(item: dict[str, object]) -> list[tuple[str, str]]:
    """``project: g/p``, ``ref: v2``, ``file: [a.yml, /b.yml]`` -> ``g/p/a.yml@v2``, ``g/p/b.yml@v2``."""
    project = str(item["project"])
    ref = item.get("ref")
    at = f"@{ref}" if isinstance(ref, (str, int, float)) else ""
    files = item.get("file")
    pattern = rf"\bproject:\s*['\"]?{re.escape(project)}"
    return [
        (f"{project}/{file.lstrip('/')}{at}", pattern)
        for file in (files if isinstance(files, list) else [files])
        if isinstance(file, str)
    ] or [(f"{project}{at}", pattern)]


def _jenkins_libraries(repo: Repository) -> list[RemoteUse]:
    """Jenkins shared libraries a Jenkinsfile loads (``@Library('Infrastructure') _``,
    ``library 'pipeline@v2'``): the steps they define (``withPipeline``) cannot be read here."""
    jenkinsfiles = {ci.path for ci in ci_files(repo) if ci.system == "Jenkins"}
    found: list[RemoteUse] = []
    for line in find_in_ci(repo, _JENKINS_LIBRARY.pattern):
        match = _JENKINS_LIBRARY.search(line.text)
        if match and line.via is None and line.path in jenkinsfiles:
            found.extend(
                RemoteUse(line.path, line.line, name)
                for name in _QUOTED.findall(match.group(1) or match.group(2))
            )
    return found


def _azure_templates(repo: Repository) -> list[RemoteUse]:
    """``template: x.yml@alias`` (steps, jobs, stages or ``extends:``) of Azure pipelines,
    where ``alias`` is a repository declared under ``resources.repositories``: named as
    ``org/repo/x.yml@ref`` when the declaration says which repository (and ref)."""
    found: list[RemoteUse] = []
    for ci in ci_files(repo):
        data = (
            repo.parsed(ci.path, "yaml").data
            if ci.system == "Azure Pipelines"
            else None
        )
        if not isinstance(data, dict):
            continue
        declared = _azure_repositories(data)
        for template in azure_template_names(data):
            file, _, alias = template.rpartition("@")
            if not file or alias not in declared:
                continue
            name, at = declared[alias]
            called = f"{name}/{file.lstrip('/')}{at}" if name else template
            line = repo.line_of(ci.path, rf"template:\s*['\"]?{re.escape(template)}")
            found.append(RemoteUse(ci.path, line or 1, called))
    return found


def _azure_repositories(data: dict[str, object]) -> dict[str, tuple[str, str]]:
    """Each ``resources.repositories`` alias: the repository's name (``""`` when not
    given) and ``@ref`` (``""`` when not given)."""
    resources = data.get("resources")
    listed = resources.get("repositories") if isinstance(resources, dict) else None
    declared: dict[str, tuple[str, str]] = {}
    for item in listed if isinstance(listed, list) else []:
        alias = item.get("repository") if isinstance(item, dict) else None
        if isinstance(alias, str) and alias != "self":
            name, ref = item.get("name"), item.get("ref")
            declared[alias] = (
                name if isinstance(name, str) else "",
                f"@{ref}" if isinstance(ref, str) else "",
            )
    return declared
