"""Where the repository keeps (or links) its accessibility statement.

:func:`statements` finds, in this order: statement pages and documents (files named for
accessibility, or in a folder named for it, that are not tests, testing notes or checklists),
routes to a statement (Rails, Play, Django, Express route files), and HMRC's link to the
central accessibility-statement-frontend in ``conf/application.conf``. Only when none is found,
:func:`footer_links` reads layouts and footers for a link to a statement published elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

_STATEMENT_WORD = lazy_re(r"accessibility|hygyrchedd")
_DOC_EXTENSIONS = (".md", ".markdown", ".rst", ".txt", ".adoc", ".mdx")
PAGE_EXTENSIONS = (
    ".html",
    ".htm",
    ".erb",
    ".haml",
    ".slim",
    ".njk",
    ".nunjucks",
    ".jinja",
    ".jinja2",
    ".j2",
    ".hbs",
    ".handlebars",
    ".pug",
    ".ejs",
    ".twig",
    ".php",
    ".cshtml",
    ".razor",
    ".liquid",
    ".gohtml",
    ".astro",
)
"""Extensions of server-side pages and templates."""
_CODE_PAGE_EXTENSIONS = (".vue", ".svelte", ".jsx", ".tsx", ".js", ".ts", ".mjs")
_SERVER_CODE_EXTENSIONS = (".scala", ".java", ".kt", ".py", ".rb", ".go", ".cs", ".php")
"""Code that serves or configures the statement when named for it
(``AccessibilityStatementController.scala``, ``accessibility_statement.py``)."""
_PAGE_DIRECTORIES = frozenset({"pages", "routes", "views", "screens"})
_NOT_STATEMENT_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "bower_components",
        "dist",
        "build",
        "target",
        "coverage",
        "test",
        "tests",
        "spec",
        "__tests__",
        "cypress",
        "e2e",
        "a11y",
        "fixtures",
    }
)
_TEST_NAME = lazy_re(r"(?:^test[_-]|[._-](?:test|spec|stories|story)\b|spec$|test$)")
_TEST_SUFFIX = lazy_re(r"\.(?:test|spec|stories)\.")
_NAME_WORDS = lazy_re(r"[-_ .]+")
# accessibility-testing.md, a11y-checklist.md: about how the team tests, not a statement
_NOT_STATEMENT_TOPIC = frozenset(
    {
        "test",
        "tests",
        "testing",
        "checks",
        "checklist",
        "lint",
        "linter",
        "guide",
        "guidelines",
    }
)
_ROUTE_FILES = (
    r"routes|.*\.routes|routes\.rb|urls\.py|(?:routes?|router)\.(?:js|ts|mjs|cjs)"
)
# Patterns for ``repo.line_of``, which takes strings (it adds re.MULTILINE itself).
_ROUTE_TO_STATEMENT = (
    r"""(?i)^(?![ \t]*(?:#|//))[^\n]*['"/](?:accessibility|hygyrchedd)[\w-]*"""
)
_HMRC_STATEMENT = (
    r"(?i)accessibility-statement\s*\.\s*service-path\s*[=:]"
    r"|accessibility-statement\s*\{[^}]*service-path\s*[=:]"
)
_STATEMENT_LINK = (
    r"(?i)accessibility[\s_-]*statement|href\s*[=:]\s*['\"][^'\"]*/accessibility\b"
)
_LAYOUT_NAME = lazy_re(r".*(?:footer|layout|base|template)[^/]*")
MAX_LAYOUTS_READ = 30


class Statement(NamedTuple):
    """Where an accessibility statement is, or how the repository links it."""

    path: str
    detail: str
    """What the file holds: ``accessibility statement page``, ``route to an accessibility
    statement (line 3)``..."""


def statements(repo: Repository) -> list[Statement]:
    """Statement pages, routes to a statement and links to the central HMRC statement."""
    return repo.memo("accessibility_statement.statements", lambda: _statements(repo))


def footer_links(repo: Repository) -> list[Statement]:
    """The first layout or footer (of at most :data:`MAX_LAYOUTS_READ`) that links to an
    accessibility statement published elsewhere."""
    return repo.memo("accessibility_statement.footers", lambda: _footer_links(repo))


def _statements(repo: Repository) -> list[Statement]:
    found = [
        Statement(path, "accessibility statement page")
        for path in _statement_candidates(repo)
        if statement_page(path)
    ]
    for path in repo.by_name_matching(_ROUTE_FILES):
        if is_vendored(path):
            continue
        line = repo.line_of(path, _ROUTE_TO_STATEMENT)
        if line:
            found.append(
                Statement(path, f"route to an accessibility statement (line {line})")
            )
    for path in repo.by_name("application.conf"):
        line = repo.line_of(path, _HMRC_STATEMENT)
        if line:
            found.append(
                Statement(
                    path,
                    "links the central accessibility statement "
                    "(accessibility-statement-frontend, "
                    f"accessibility-statement.service-path, line {line})",
                )
            )
    return found


def statement_page(path: str) -> bool:
    """Whether a file path reads as an accessibility statement page or document."""
    parts = path.lower().split("/")
    if any(p in _NOT_STATEMENT_DIRS or p.startswith(".") for p in parts[:-1]):
        return False
    name = parts[-1]
    stem = name.split(".", 1)[0]
    if _TEST_NAME.search(stem) or _TEST_SUFFIX.search(name):
        return False
    if _NOT_STATEMENT_TOPIC.intersection(_NAME_WORDS.split(stem)):
        return False
    in_statement_dir = any(_STATEMENT_WORD.search(p) for p in parts[:-1])
    named = bool(_STATEMENT_WORD.search(stem))
    if not (named or in_statement_dir):
        return False
    if name.endswith(_DOC_EXTENSIONS) or name.endswith(PAGE_EXTENSIONS):
        return True
    if name.endswith(_SERVER_CODE_EXTENSIONS):
        return "statement" in stem
    if name.endswith(_CODE_PAGE_EXTENSIONS):
        return (
            in_statement_dir
            or "statement" in stem
            or any(p in _PAGE_DIRECTORIES for p in parts[:-1])
        )
    return False


def _statement_candidates(repo: Repository) -> list[str]:
    """Files named for accessibility, and files in directories named for it, from the index."""
    found = set(repo.by_name_matching(r".*(?:accessibility|hygyrchedd).*"))
    for directory in repo.directories():
        if _STATEMENT_WORD.search(directory.lower()):
            found.update(repo.in_directory(directory))
    return sorted(found)


def _footer_links(repo: Repository) -> list[Statement]:
    for path in islice(_layouts(repo), MAX_LAYOUTS_READ):
        line = repo.line_of(path, _STATEMENT_LINK)
        if line:
            return [
                Statement(path, f"links to an accessibility statement (line {line})")
            ]
    return []


def _layouts(repo: Repository) -> Iterator[str]:
    """Layouts and footers, leaving out a design system's examples of one
    (``example-footer-transactional.njk``): they show how to link a statement, not that this
    service has one."""
    for path in repo.by_extension(*PAGE_EXTENSIONS, ".vue", ".svelte", ".jsx", ".tsx"):
        name = path.rpartition("/")[2].lower()
        if (
            _LAYOUT_NAME.fullmatch(name)
            and not name.startswith(("example", "sample", "demo"))
            and not any(
                part in _NOT_STATEMENT_DIRS or part.startswith(".")
                for part in path.lower().split("/")[:-1]
            )
        ):
            yield path
