"""Whether the repository has a web front end, and which file shows it.

:func:`web_frontend` returns a :class:`FrontEnd` (``None`` when there is none) whose
:attr:`~FrontEnd.signals` say why, strongest first, each with an example path, so a message
can say "front end detected: app/views/home.html.erb (ERB views)".

What counts, strongest first:

1. Server-side page templates: Twirl (``*.scala.html``), ERB (``*.html.erb``; other ``*.erb``
   under a ``views`` folder, Rails' ``app/views`` or Sinatra's ``views``), Haml, Slim views,
   Razor (``*.cshtml``, ``*.razor``), Nunjucks (``*.njk``), Thymeleaf (``*.html`` under
   ``src/main/resources/templates``), Jinja/Django (``*.html`` under a ``templates`` directory;
   ``*.jinja``/``*.jinja2``/``*.j2`` only when they are a whole page or extend a layout, or,
   with a Python web framework declared, hold HTML: Ansible and command-line tools render
   config and text with ``.j2`` fragments),
   HTML under a ``views`` directory (Express and GOV.UK Prototype Kit views), JSP, FreeMarker
   (``*.ftlh``), Handlebars, Pug, EJS, Twig, Blade, Liquid, Go ``*.gohtml``, Astro. Generic
   ``templates``/``views`` HTML must look like a page (not Swagger UI, not generated docs).
2. Component sources: Vue (``*.vue``), Svelte (``*.svelte``), JSX/TSX (``*.jsx``, ``*.tsx``;
   not counted when ``react-native`` or ``ink`` is a dependency and ``react-dom`` is not,
   because those render to phones and terminals, not browsers).
3. Dependencies: GOV.UK Frontend and its ports (``govuk-frontend``, ``govuk-frontend-jinja``,
   ``govuk-frontend-wtf``, ``play-frontend-hmrc``, the GOV.UK Rails components...), then web UI
   frameworks in package.json (``react-dom``, ``vue``, ``@angular/core``, ``svelte``...).
4. Plain HTML pages (``*.html``, ``*.htm``), only when the content is HTML a person reads: files
   that load Swagger UI, ReDoc or GraphiQL, that a documentation or coverage generator wrote
   (Sphinx, Javadoc, Doxygen, coverage.py, Istanbul...), or that only redirect (``<meta
   http-equiv="refresh">`` and a link) are not pages of a front end. The evidence is weighed:
   it takes an entry page (``index.html``) or two pages, so one stray page in an API (a
   resource a handler reads, a golden file) is not a front end. At most
   :data:`MAX_SNIFFED_PAGES` candidates are read.

One file of any other kind is enough: a Flask app with a single ``templates/index.html`` has a
front end. What is never counted (thresholds chosen so that libraries and APIs stay "no front
end"):

- files in vendored, installed or generated directories (``node_modules``, ``vendor``,
  ``dist``, ``build``, ``target``, ``coverage``, ``htmlcov``, ``_site``...), hidden directories
  (``.github``, ``.storybook``) and cookiecutter template directories;
- documentation: ``docs``/``doc``/``documentation`` trees, Sphinx ``_templates``/``_static``,
  Javadoc, an MkDocs ``theme.custom_dir``, the directory of a package.json that depends on a
  documentation-site generator (Docusaurus, VitePress, VuePress, Docsify; the whole repository
  when that package.json is at the root), and README/CHANGELOG/LICENSE rendered as HTML;
- lone error pages (``404.html``, ``500.html``, ``50x.html``, ``error.html``,
  ``maintenance.html``, ``unauthorised.html``...) that web servers and API frameworks ship,
  and HTML under server and deployment configuration folders (``infrastructure``,
  ``deploy``, ``docker``, ``nginx``, ``helm``, ``k8s``, ``terraform``...);
- tests and examples: ``test``, ``tests``, ``spec``, ``__tests__``, ``fixtures``, ``testdata``,
  ``testing``, ``testutil``, ``mocks``, ``stubs``, ``snapshots``, ``cypress``, ``e2e``,
  ``example(s)``, ``sample(s)``, ``demo(s)``, and test or story files beside the code
  (``App.test.tsx``, ``Button.stories.jsx``, ``home.cy.js``);
- API explorers (directories named ``swagger``, ``swagger-ui``, ``redoc``, ``openapi``...), so a
  Go service shipping Swagger UI's ``index.html`` has no front end;
- email templates (directories or files named ``email``, ``emails``, ``mail``, ``*_mailer``),
  so a Rails API app's generated ``layouts/mailer.html.erb`` is not a front end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from tcop_lint.facts.accessibility import command_lines
from tcop_lint.facts.dependencies import declared_dependencies
from tcop_lint.facts.vendored import is_vendored
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository

MAX_SNIFFED_PAGES = 40
"""How many plain HTML / ``.j2`` candidates are read before giving up on that kind."""

NO_FRONTEND_REASON = (
    "no web front end found (no HTML templates, JSX/TSX/Vue/Svelte or GOV.UK Frontend)"
)

_SKIPPED_DIRS = frozenset(
    {
        # vendored, installed or generated
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "vendors",
        "third_party",
        "third-party",
        "thirdparty",
        "site-packages",
        "venv",
        "dist",
        "build",
        "target",
        "out",
        "_build",
        "_site",
        "coverage",
        "htmlcov",
        "lcov-report",
        "storybook-static",
        "playwright-report",
        "test-results",
        "__pycache__",
        # documentation
        "docs",
        "doc",
        "documentation",
        "_templates",
        "_static",
        "javadoc",
        "apidocs",
        "api-docs",
        "man",
        # tests and examples
        "test",
        "tests",
        "spec",
        "specs",
        "__tests__",
        "__mocks__",
        "fixtures",
        "__fixtures__",
        "testdata",
        "test-data",
        "test_data",
        "cypress",
        "e2e",
        "example",
        "examples",
        "sample",
        "samples",
        "demo",
        "demos",
        "testing",
        "testutil",
        "testutils",
        "test-fixtures",
        "test_fixtures",
        "testfiles",
        "test-files",
        "test_files",
        "mocks",
        "mock",
        "stubs",
        "__snapshots__",
        "snapshots",
        # API explorers
        "swagger",
        "swagger-ui",
        "swagger_ui",
        "swaggerui",
        "redoc",
        "openapi",
        "graphiql",
    }
)
_NOT_HTML_ERB = lazy_re(r"\.(?:text|txt|json|xml|js|csv|rb|ya?ml|conf|sh)\.erb$")
_INFRASTRUCTURE_DIRS = frozenset(
    {
        "infra",
        "infrastructure",
        "deploy",
        "deployment",
        "deployments",
        "docker",
        "nginx",
        "apache",
        "apache2",
        "httpd",
        "haproxy",
        "helm",
        "chart",
        "charts",
        "k8s",
        "kubernetes",
        "kustomize",
        "terraform",
        "puppet",
        "chef",
        "cloudformation",
        "ops",
        "devops",
        "iac",
        "etc",
    }
)
"""Folders of server and deployment configuration: an HTML file there (a proxy's error
page, a load balancer's maintenance page) is served by infrastructure, not an application."""
_NOT_WEB_SEGMENT = re.compile(
    r"(?:.*[_-])?(?:e?mails?|mailers?|pdfs?|letters?)(?:[_-].*)?"
    r"|e?mail[_-]?templates?|notifications?[_-]emails?"
    r"|(?:.*[_-])?(?:tests?|specs?|fixtures?)(?:[_-].*)?|examples?[_-]apps?"
    r"|errors?[_-]?pages?|maintenance[_-]?pages?"
)
"""A folder or file name that says its templates are rendered into e-mails, letters or PDFs,
are tests or fixtures (``platform-tests``, ``example-apps``), or are a platform's error pages
(``error_page``): not a web front end the team builds, whatever the framework."""
_FRAMEWORK_PAGES = ("templates/admin/", "templates/rest_framework/")
"""Overrides of pages a framework serves (Django's admin, Django REST framework's browsable
API): the framework's front end, not the team's."""
_TEST_FILE = re.compile(r"[._-](?:test|spec|stories|story|cy)\.[a-z]+$")
_DOC_PAGE_NAMES = re.compile(
    r"(?:readme|changelog|changes|history|licen[cs]e|notice|authors|contributing|"
    r"package|overview|google[0-9a-f]+|[45]\d\d(?:-[\w-]+)?|50x|maintenance|"
    r"errors?|error[-_][\w-]+|[\w-]+[-_]error|unauthori[sz]ed|forbidden|not[-_]?found|"
    r"offline|(?:service[-_])?unavailable)\.html?"
)
_NOT_A_PAGE = lazy_re(
    r"swagger-?ui|swaggeruibundle|redoc|graphiql|graphql-playground|rapi-doc|"
    r"generated by (?:javadoc|doxygen|sphinx|pdoc|jsdoc|typedoc|coverage\.py|istanbul)|"
    r'<meta\s+name="generator"\s+content="(?:sphinx|javadoc|doxygen|mkdocs|pdoc|jsdoc|'
    r"typedoc|docfx|hugo-docs)|coverage report|<title>\s*(?:index of|code coverage)",
    re.IGNORECASE,
)
_REDIRECT = lazy_re(r"http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)
_PAGE_CONTENT = lazy_re(
    r"<(?:form|main|nav|table|section|article|button|input|select|textarea)[\s>/]",
    re.IGNORECASE,
)
_FULL_PAGE = lazy_re(r"<(?:!doctype\s+html|html)[\s>]|\{%-?\s*extends\s", re.IGNORECASE)
_ENTRY_PAGE = re.compile(r"(?:index|default)\.html?")
_PYTHON_WEB_FRAMEWORKS = frozenset(
    {
        "flask",
        "django",
        "fastapi",
        "starlette",
        "quart",
        "sanic",
        "pyramid",
        "bottle",
        "aiohttp",
        "tornado",
        "falcon",
        "litestar",
        "cherrypy",
        "masonite",
        "wagtail",
    }
)
_HTML_MARKUP = lazy_re(
    r"<(?:!doctype\s+html|html|head|body|main|div|form|section|p|a|ul|table|nav|header|"
    r"footer|h[1-6])[\s>/]",
    re.IGNORECASE,
)

# Dependencies: (predicate on the normalised name, kind). Names are compared lower-cased with
# any Maven/sbt group and Scala version suffix removed (see ``_artifact``).
_GOVUK_DEPENDENCIES: tuple[tuple[str, str], ...] = (
    ("govuk-frontend", "GOV.UK Frontend"),
    ("govuk-frontend-jinja", "GOV.UK Frontend (Jinja)"),
    ("govuk-frontend-wtf", "GOV.UK Frontend (WTForms)"),
    ("govuk-frontend-django", "GOV.UK Frontend (Django)"),
    ("django-govuk-frontend", "GOV.UK Frontend (Django)"),
    ("govuk-prototype-kit", "GOV.UK Prototype Kit"),
    ("@ministryofjustice/frontend", "MOJ Frontend"),
    ("nhsuk-frontend", "NHS.UK frontend"),
    ("govuk-components", "GOV.UK components (Rails)"),
    ("govuk_design_system_formbuilder", "GOV.UK form builder (Rails)"),
    ("govuk_publishing_components", "GOV.UK publishing components"),
    ("play-frontend-hmrc", "HMRC Play frontend"),
    ("play-frontend-govuk", "GOV.UK Play frontend"),
    ("uk.gov.hmrc:play-ui", "HMRC Play UI"),
    ("uk.gov.hmrc:govuk-template", "GOV.UK template (Play)"),
)
_FRAMEWORK_DEPENDENCIES: tuple[tuple[str, str], ...] = (
    ("react-dom", "React"),
    ("next", "Next.js"),
    ("gatsby", "Gatsby"),
    ("@remix-run/react", "Remix"),
    ("vue", "Vue"),
    ("nuxt", "Nuxt"),
    ("@angular/core", "Angular"),
    ("svelte", "Svelte"),
    ("@sveltejs/kit", "SvelteKit"),
    ("preact", "Preact"),
    ("solid-js", "Solid"),
    ("lit", "Lit"),
    ("ember-source", "Ember"),
    ("astro", "Astro"),
)
_NON_WEB_RENDERERS = ("react-native", "ink", "expo")
_DOCS_SITE_GENERATORS = frozenset(
    {
        "@docusaurus/core",
        "vitepress",
        "vuepress",
        "docsify",
        "docsify-cli",
        "@vuepress/core",
    }
)
_PLAY_KINDS = ("Twirl", "HMRC Play", "GOV.UK Play", "GOV.UK template (Play)")
_SNIFFED_KINDS = frozenset(
    {"Thymeleaf templates", "Jinja/Django templates", "HTML views"}
)


class Signal(NamedTuple):
    """One reason to believe there is a web front end."""

    kind: str
    path: str
    line: int | None = None

    def describe(self) -> str:
        return f"{self.path} ({self.kind})"


class FrontEnd(NamedTuple):
    """Why the repository has a web front end: its signals, strongest first."""

    signals: tuple[Signal, ...]

    @property
    def primary(self) -> Signal:
        return self.signals[0]

    @property
    def kind(self) -> str:
        return self.primary.kind

    @property
    def path(self) -> str:
        return self.primary.path

    @property
    def line(self) -> int | None:
        return self.primary.line

    def describe(self) -> str:
        """``app/views/home.html.erb (ERB views)``."""
        return self.primary.describe()

    @property
    def play(self) -> bool:
        """Whether the front end is a Play (Twirl, HMRC or GOV.UK Play) frontend."""
        return self.kind.startswith(_PLAY_KINDS)


def web_frontend(repo: Repository) -> FrontEnd | None:
    """The repository's web front end, or ``None``; computed once per run."""
    return repo.memo("frontend.web_frontend", lambda: _detect(repo))


# -- published static sites ------------------------------------------------------------------

_SITE_CONFIGS: tuple[tuple[str, str], ...] = (
    ("MkDocs site", r"mkdocs\.ya?ml"),
    ("Jekyll site", r"_config\.ya?ml"),
    (
        "Eleventy site",
        r"\.eleventy\.(?:js|cjs|mjs)|eleventy\.config\.(?:js|cjs|mjs|ts)",
    ),
    ("Hugo site", r"hugo\.(?:toml|ya?ml|json)"),
    ("Docusaurus site", r"docusaurus\.config\.(?:js|cjs|mjs|ts)"),
    ("GOV.UK Tech Docs site", r"tech-docs\.ya?ml"),
    ("Middleman site", r"config\.rb"),
)
_SITE_DEPENDENCIES = {
    ("npm", "@11ty/eleventy"): "Eleventy site",
    ("npm", "@docusaurus/core"): "Docusaurus site",
    ("npm", "vitepress"): "VitePress site",
    ("npm", "vuepress"): "VuePress site",
    ("npm", "@vuepress/core"): "VuePress site",
    ("rubygems", "jekyll"): "Jekyll site",
    ("rubygems", "github-pages"): "Jekyll site",
    ("rubygems", "govuk_tech_docs"): "GOV.UK Tech Docs site",
    ("rubygems", "middleman"): "Middleman site",
}
_JEKYLL_FOLDERS = ("_layouts", "_includes", "_posts", "_sass")
_JEKYLL_CONFIG = lazy_re(r"jekyll|^remote_theme\s*:", re.IGNORECASE | re.MULTILINE)
_NOT_SITE_FOLDERS = frozenset(
    {
        "test",
        "tests",
        "spec",
        "fixtures",
        "testdata",
        "example",
        "examples",
        "examplesite",
        "sample",
        "samples",
        "demo",
        "themes",
    }
)
_PUBLISHING_FILES = (
    "CNAME",
    "netlify.toml",
    "vercel.json",
    "staticwebapp.config.json",
    "firebase.json",
    "Staticfile",
)
"""A custom domain for GitHub Pages, or a static host's configuration."""
_PUBLISHES = (
    r"mkdocs\s+gh-deploy|actions/deploy-pages|actions/upload-pages-artifact|"
    r"peaceiris/actions-gh-pages|JamesIves/github-pages-deploy-action|"
    r"\bgh-pages\s+(?:-d|--dist)\b|docusaurus\s+deploy|netlify\s+deploy|"
    r"nwtgck/actions-netlify|vercel\s+(?:deploy|--prod)|Azure/static-web-apps-deploy|"
    r"firebase\s+deploy|aws\s+s3\s+sync|\bcf\s+push\b|"
    r"\bpa11y(?:-ci)?\b|@axe-core/cli|\baxe\s+https?://"
)
"""CI commands that deploy a site, or test one in a browser with pa11y or axe."""


def static_sites(repo: Repository) -> list[Signal]:
    """Static site generators configured (MkDocs, Jekyll, Eleventy, Hugo, Docusaurus,
    VitePress, VuePress, GOV.UK Tech Docs (``config/tech-docs.yml``), Middleman
    (``config.rb`` beside ``source/``)): one signal per kind, its config file
    or the manifest line that declares the generator."""
    return repo.memo("frontend.static_sites", lambda: _static_sites(repo))


def published(repo: Repository) -> bool:
    """Whether the repository publishes a site: CI deploys one (GitHub Pages, ``mkdocs
    gh-deploy``, Netlify, Vercel, Azure Static Web Apps, S3, Cloud Foundry) or runs pa11y or
    axe against one, or a custom domain (``CNAME``) or static host configuration is kept."""
    return repo.memo(
        "frontend.published",
        lambda: (
            any(not _not_a_site_folder(p) for p in repo.by_name(*_PUBLISHING_FILES))
            or bool(command_lines(repo, _PUBLISHES))
        ),
    )


def _static_sites(repo: Repository) -> list[Signal]:
    found: dict[str, Signal] = {}
    for kind, pattern in _SITE_CONFIGS:
        for path in repo.by_name_matching(pattern):
            if _site_config(repo, kind, path):
                found.setdefault(kind, Signal(kind, path))
                break
    for dep in declared_dependencies(repo):
        generator = _SITE_DEPENDENCIES.get((dep.ecosystem, dep.name))
        if generator and not _not_a_site_folder(dep.manifest):
            found.setdefault(generator, Signal(generator, dep.manifest, line=dep.line))
    return sorted(found.values(), key=lambda signal: (signal.path, signal.kind))


_TECH_DOCS_HOST = lazy_re(r"^host:\s*['\"]?https?://", re.MULTILINE)


def _published_by_convention(repo: Repository, site: Signal) -> bool:
    """Sites published with nothing in CI to show it: GitHub Pages builds a Jekyll site at
    the root or in ``docs/`` itself, and a GOV.UK Tech Docs config names the ``host`` it is
    published at."""
    folder = site.path.rpartition("/")[0]
    if site.kind == "Jekyll site":
        return folder in ("", "docs") and site.path.endswith((".yml", ".yaml"))
    if site.kind == "GOV.UK Tech Docs site":
        return bool(_TECH_DOCS_HOST.search(repo.read_text(site.path) or ""))
    return False


def _site_config(repo: Repository, kind: str, path: str) -> bool:
    if _not_a_site_folder(path):
        return False
    directory = path.rpartition("/")[0]
    prefix = f"{directory}/" if directory else ""
    if kind == "Middleman site":  # config.rb is Middleman's beside its source/ folder
        return bool(repo.in_directory(prefix + "source"))
    if kind != "Jekyll site":
        return True
    return any(
        repo.in_directory(prefix + folder) for folder in _JEKYLL_FOLDERS
    ) or bool(_JEKYLL_CONFIG.search(repo.read_text(path) or ""))


def _not_a_site_folder(path: str) -> bool:
    """Dependencies, build output, hidden folders, tests and examples: a site generator's
    config there (a test fixture, a theme's example site) is not the project's site. A
    ``docs`` folder is where many sites live, so it counts here."""
    return is_vendored(path, build_output=True) or any(
        part.startswith(".") or "{{" in part or part in _NOT_SITE_FOLDERS
        for part in path.lower().split("/")[:-1]
    )


# -- detection -------------------------------------------------------------------------------


def _detect(repo: Repository) -> FrontEnd | None:
    skip = _skip_predicate(repo)
    signals: list[Signal] = []
    for kind, candidates in _template_candidates(repo):
        # lazily: only the candidates up to the first example are tested
        paths = (p for p in candidates if not skip(p))
        if kind in _SNIFFED_KINDS:
            # generic names (templates/*.html): the example must not be an API explorer
            example = weighed_template(repo, _not_infrastructure(paths))
        else:
            example = next(paths, None)
        if example:
            signals.append(Signal(kind, example))
    j2 = _first_sniffed(repo, _j2_candidates(repo, skip), _j2_acceptor(repo))
    if j2:
        signals.append(Signal("Jinja templates", j2))
    signals.extend(_component_signals(repo, skip))
    signals.extend(_dependency_signals(repo, skip))
    sites = static_sites(repo)
    if published(repo):
        signals.extend(sites)
    else:
        signals.extend(s for s in sites if _published_by_convention(repo, s))
    if not signals:
        page = _plain_pages(repo, skip)
        if page:
            signals.append(Signal("HTML pages", page))
    return FrontEnd(tuple(signals)) if signals else None


def _skip_predicate(repo: Repository) -> Callable[[str], bool]:
    doc_dirs = _mkdocs_custom_dirs(repo) + _docs_site_dirs(repo)
    skipped: dict[str, bool] = {}  # per directory: a large tree has far fewer of them

    def directory_skipped(directory: str) -> bool:
        if directory not in skipped:
            skipped[directory] = (
                any(d == "" or f"{directory}/".startswith(d + "/") for d in doc_dirs)
                or any(
                    part in _SKIPPED_DIRS or part.startswith(".") or "{{" in part
                    for part in _folders(directory.lower())
                )
                or _not_web_directory(directory.lower())
            )
        return skipped[directory]

    def skip(path: str) -> bool:
        directory, _, name = path.rpartition("/")
        if directory_skipped(directory):
            return True
        name = name.lower()
        return bool(_not_web_name(name) or _TEST_FILE.search(name))

    return skip


def not_a_web_page(path: str) -> bool:
    """Whether a template's path says it is no page of the team's website: rendered into an
    e-mail, letter or PDF, a test app or fixture, a platform's error page, or an override of
    a framework's own pages (Django admin). Shared with the API rules, which ask whether a
    framework renders a website beside its API."""
    directory, _, name = path.lower().rpartition("/")
    return _not_web_directory(directory) or _not_web_name(name)


def _not_web_directory(directory: str) -> bool:
    return any(_NOT_WEB_SEGMENT.fullmatch(part) for part in _folders(directory)) or any(
        f"/{pages}" in f"/{directory}/" for pages in _FRAMEWORK_PAGES
    )


def _not_web_name(name: str) -> bool:
    return bool(_NOT_WEB_SEGMENT.fullmatch(name.split(".", 1)[0]))


def _folders(directory: str) -> list[str]:
    """The folder names of ``directory`` that say what its files are for: under a JVM source
    root (``src/main/twirl/``), the rest is a package name (``uk/gov/example/views``)."""
    parts = directory.split("/") if directory else []
    for index in range(len(parts) - 2):
        if parts[index : index + 2] == ["src", "main"]:
            return parts[: index + 3]
    return parts


def _mkdocs_custom_dirs(repo: Repository) -> tuple[str, ...]:
    """MkDocs theme override directories (``theme: custom_dir: overrides``) hold doc templates."""
    found: list[str] = []
    for config in repo.by_name("mkdocs.yml", "mkdocs.yaml"):
        text = repo.read_text(config) or ""
        base = config.rpartition("/")[0]
        for match in re.finditer(r"(?m)^\s+custom_dir:\s*['\"]?([^'\"#\s]+)", text):
            directory = match.group(1).strip("/").removeprefix("./")
            found.append(f"{base}/{directory}" if base else directory)
    return tuple(found)


def _docs_site_dirs(repo: Repository) -> tuple[str, ...]:
    """Directories of documentation-site generators' package.json (Docusaurus, VitePress...)."""
    return tuple(
        sorted(
            {
                d.manifest.rpartition("/")[0]
                for d in declared_dependencies(repo)
                if d.ecosystem == "npm" and d.name in _DOCS_SITE_GENERATORS
            }
        )
    )


def _template_candidates(repo: Repository) -> Iterable[tuple[str, list[str]]]:
    html = repo.by_extension(".html", ".htm")
    yield "Twirl templates", [p for p in html if p.lower().endswith(".scala.html")]
    erb = repo.by_extension(".erb")
    yield (
        "ERB views",
        [
            p
            for p in erb
            if p.lower().endswith(".html.erb")
            or (_in_views(p) and not _NOT_HTML_ERB.search(p.lower()))
        ],
    )
    yield "Haml views", repo.by_extension(".haml")
    yield "Slim views", [p for p in repo.by_extension(".slim") if _in_views(p)]
    yield "Razor views", repo.by_extension(".cshtml", ".razor")
    yield "Nunjucks templates", repo.by_extension(".njk", ".nunjucks")
    plain = [p for p in html if not p.lower().endswith(".scala.html")]
    yield (
        "Thymeleaf templates",
        [p for p in plain if "src/main/resources/templates/" in p.lower()],
    )
    yield (
        "Jinja/Django templates",
        [
            p
            for p in plain
            if "src/main/resources/templates/" not in p.lower()
            and "templates" in p.lower().split("/")[:-1]
        ],
    )
    yield (
        "HTML views",
        [
            p
            for p in plain
            if "templates" not in p.lower().split("/")[:-1]
            and "views" in p.lower().split("/")[:-1]
        ],
    )
    yield "JSP pages", repo.by_extension(".jsp")
    yield "FreeMarker templates", repo.by_extension(".ftlh")
    yield "Handlebars templates", repo.by_extension(".hbs", ".handlebars")
    yield "Pug templates", repo.by_extension(".pug", ".jade")
    yield "EJS templates", repo.by_extension(".ejs")
    yield "Twig templates", repo.by_extension(".twig")
    yield (
        "Blade templates",
        [p for p in repo.by_extension(".php") if p.lower().endswith(".blade.php")],
    )
    yield "Liquid templates", repo.by_extension(".liquid")
    yield (
        "WordPress theme templates",
        [
            p
            for p in repo.by_extension(".php")
            if "wp-content/themes/" in f"/{p.lower()}"
        ],
    )
    yield "Go HTML templates", repo.by_extension(".gohtml")
    yield "Astro pages", repo.by_extension(".astro")


def _in_views(path: str) -> bool:
    """Under a ``views`` folder: Rails' ``app/views``, Sinatra's and Padrino's ``views``."""
    return "views" in path.lower().split("/")[:-1]


def _j2_candidates(repo: Repository, skip: Callable[[str], bool]) -> Iterator[str]:
    return _not_infrastructure(
        p for p in repo.by_extension(".j2", ".jinja", ".jinja2") if not skip(p)
    )


def _j2_acceptor(repo: Repository) -> Callable[[str, str], bool]:
    """Which ``.j2`` files are pages. Ansible and command-line tools render text and config
    with Jinja too: without a web framework, only a whole page (``<html>``) or a template
    that extends a layout counts; with one, any HTML does."""
    framework = any(
        dep.ecosystem == "pypi" and dep.name in _PYTHON_WEB_FRAMEWORKS
        for dep in declared_dependencies(repo)
    )

    def accept(path: str, text: str) -> bool:
        if _redirect_only(text):
            return False
        return bool(_FULL_PAGE.search(text)) or (framework and _is_html(path, text))

    return accept


def _not_infrastructure(paths: Iterable[str]) -> Iterator[str]:
    return (
        p
        for p in paths
        if not _INFRASTRUCTURE_DIRS.intersection(p.lower().split("/")[:-1])
    )


def _component_signals(repo: Repository, skip: Callable[[str], bool]) -> list[Signal]:
    signals: list[Signal] = []
    for kind, extensions in (
        ("Vue components", (".vue",)),
        ("Svelte components", (".svelte",)),
        ("JSX/TSX components", (".jsx", ".tsx")),
    ):
        paths = [p for p in repo.by_extension(*extensions) if not skip(p)]
        if paths:
            signals.append(Signal(kind, paths[0]))
    if (
        signals
        and signals[-1].kind == "JSX/TSX components"
        and _renders_elsewhere(repo)
    ):
        signals.pop()
    return signals


def _renders_elsewhere(repo: Repository) -> bool:
    """React renders to phones (React Native, Expo) or terminals (Ink), not to a browser."""
    names = {
        _artifact(d.name) for d in declared_dependencies(repo) if d.ecosystem == "npm"
    }
    return bool(names & set(_NON_WEB_RENDERERS)) and "react-dom" not in names


def _dependency_signals(repo: Repository, skip: Callable[[str], bool]) -> list[Signal]:
    signals: list[Signal] = []
    deps = [d for d in declared_dependencies(repo) if not skip(d.manifest)]
    for table, only_npm in (
        (_GOVUK_DEPENDENCIES, False),
        (_FRAMEWORK_DEPENDENCIES, True),
    ):
        for dep in deps:
            if only_npm and dep.ecosystem != "npm":
                continue
            name = _artifact(dep.name)
            for wanted, label in table:
                if (
                    (":" in wanted and dep.name == wanted)
                    or (":" not in wanted and name == wanted)
                    or (wanted.startswith("play-frontend-") and name.startswith(wanted))
                ):
                    signals.append(
                        Signal(f"{label} dependency", dep.manifest, line=dep.line)
                    )
                    break
    # one signal per kind, first manifest in path order
    seen: set[str] = set()
    unique = []
    for signal in signals:
        if signal.kind not in seen:
            seen.add(signal.kind)
            unique.append(signal)
    return unique


def _artifact(name: str) -> str:
    """``uk.gov.hmrc:play-frontend-hmrc-play-30_2.13`` -> ``play-frontend-hmrc-play-30``."""
    name = name.strip().lower()
    if ":" in name and not name.startswith("@"):
        name = name.rsplit(":", 1)[1]
    return re.sub(r"_(?:2\.1[0-3]|3)$", "", name)


def _page_candidates(repo: Repository, skip: Callable[[str], bool]) -> Iterator[str]:
    return _not_infrastructure(
        p
        for p in repo.by_extension(".html", ".htm")
        if not skip(p)
        and not p.lower().endswith(".scala.html")
        and not _DOC_PAGE_NAMES.fullmatch(p.rpartition("/")[2].lower())
    )


def _plain_pages(repo: Repository, skip: Callable[[str], bool]) -> str | None:
    """An example of plain HTML pages, weighed: one stray file (a page a test reads, an
    error page a proxy serves) is not a front end, so it takes an entry page
    (``index.html``) or at least two pages; of at most ``MAX_SNIFFED_PAGES`` candidates."""
    first: str | None = None
    for path in islice(_page_candidates(repo, skip), MAX_SNIFFED_PAGES):
        text = repo.read_text(path)
        if text is None or not _is_page(path, text):
            continue
        if _ENTRY_PAGE.fullmatch(path.rpartition("/")[2].lower()):
            return path
        if first is not None:
            return first
        first = path
    return None


def weighed_template(repo: Repository, candidates: Iterable[str]) -> str | None:
    """An example of templates under a generic name (``templates/*.html``), weighed: a whole
    page (``<html>``, a template that extends a layout) counts, one stray fragment (a line of
    HTML a background task renders) does not, two fragments do."""
    first: str | None = None
    for path in islice(candidates, MAX_SNIFFED_PAGES):
        text = repo.read_text(path)
        if text is None or not _is_page(path, text):
            continue
        if _FULL_PAGE.search(text) or first is not None:
            return first or path
        first = path
    return None


def _first_sniffed(
    repo: Repository, candidates: Iterable[str], accept: Callable[[str, str], bool]
) -> str | None:
    """The first of (at most ``MAX_SNIFFED_PAGES``) candidates whose text ``accept`` takes."""
    for path in islice(candidates, MAX_SNIFFED_PAGES):
        text = repo.read_text(path)
        if text is not None and accept(path, text):
            return path
    return None


def _is_html(path: str, text: str) -> bool:
    return ".html." in path.lower() or bool(_HTML_MARKUP.search(text))


def _is_page(path: str, text: str) -> bool:
    return (
        bool(_HTML_MARKUP.search(text))
        and not _NOT_A_PAGE.search(text)
        and not _redirect_only(text)
    )


def _redirect_only(text: str) -> bool:
    """A page that only sends the browser elsewhere (``<meta http-equiv="refresh">`` and a
    link for browsers that do not follow it): nothing there for a person to use."""
    return bool(_REDIRECT.search(text)) and not _PAGE_CONTENT.search(text)
