"""HTTP API frameworks and OpenAPI generators among a repository's declared dependencies, and
whether a framework's project renders web pages rather than serving an API.

A framework beside server-side page templates (Nunjucks, ERB, Jinja or Django ``templates/``,
Express ``views/``, Thymeleaf, Razor, Twirl...) is taken to render a website, unless it is
API-first (FastAPI, Django REST framework, NestJS, Grape, HMRC's ``bootstrap-backend-play``)
or a Rails app sets ``config.api_only = true``. Paths and ``config/application.rb`` are matched
with RE2 (linear time).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tcop_lint.facts.dependencies import Dependency, has_dependency
from tcop_lint.facts.ecosystems import requirements_home
from tcop_lint.facts.frontend import not_a_web_page, weighed_template
from tcop_lint.facts.openapi import skipped_path
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository


class ApiFramework(NamedTuple):
    name: str
    ecosystem: str
    patterns: tuple[str, ...]
    api_first: bool = False
    """Serves an API even beside page templates (FastAPI, DRF, NestJS, HMRC backends)."""


class Declared(NamedTuple):
    """A framework or generator and the dependency that brings it in."""

    framework: ApiFramework
    dependency: Dependency


# HTTP API frameworks, by the dependency names that bring them in.
FRAMEWORKS: tuple[ApiFramework, ...] = (
    ApiFramework("Flask", "pypi", ("flask",)),
    ApiFramework("FastAPI", "pypi", ("fastapi",), api_first=True),
    ApiFramework(
        "Django REST framework", "pypi", ("djangorestframework",), api_first=True
    ),
    ApiFramework("Django Ninja", "pypi", ("django-ninja",), api_first=True),
    ApiFramework("Falcon", "pypi", ("falcon",)),
    ApiFramework("Sanic", "pypi", ("sanic",)),
    ApiFramework("Quart", "pypi", ("quart",)),
    ApiFramework("Litestar", "pypi", ("litestar",), api_first=True),
    ApiFramework("Connexion", "pypi", ("connexion",), api_first=True),
    ApiFramework("Express", "npm", ("express",)),
    ApiFramework("NestJS", "npm", ("@nestjs/core",), api_first=True),
    ApiFramework("Koa", "npm", ("koa",)),
    ApiFramework("Fastify", "npm", ("fastify",)),
    ApiFramework("Hapi", "npm", ("@hapi/hapi", "hapi")),
    ApiFramework("Restify", "npm", ("restify",)),
    ApiFramework("Hono", "npm", ("hono",)),
    ApiFramework(
        "Spring Web",
        "maven",
        (
            "org.springframework.boot:spring-boot-starter-web",
            "org.springframework.boot:spring-boot-starter-webflux",
            "org.springframework:spring-webmvc",
            "org.springframework:spring-webflux",
        ),
    ),
    ApiFramework("Micronaut", "maven", ("io.micronaut:micronaut-http-server*",)),
    ApiFramework(
        "Quarkus REST",
        "maven",
        ("io.quarkus:quarkus-resteasy*", "io.quarkus:quarkus-rest"),
    ),
    ApiFramework("Javalin", "maven", ("io.javalin:javalin",)),
    ApiFramework("Ktor", "maven", ("io.ktor:ktor-server-core*",)),
    ApiFramework("Dropwizard", "maven", ("io.dropwizard:dropwizard-core",)),
    ApiFramework("Play", "maven", ("com.typesafe.play:play", "org.playframework:play")),
    ApiFramework(
        "Play", "maven", ("uk.gov.hmrc:bootstrap-backend-play-*",), api_first=True
    ),
    ApiFramework("Rails", "rubygems", ("rails",)),
    ApiFramework("Sinatra", "rubygems", ("sinatra",)),
    ApiFramework("Grape", "rubygems", ("grape",), api_first=True),
    ApiFramework("Gin", "go", ("github.com/gin-gonic/gin",)),
    ApiFramework(
        "Echo", "go", ("github.com/labstack/echo", "github.com/labstack/echo/v*")
    ),
    ApiFramework(
        "Fiber", "go", ("github.com/gofiber/fiber", "github.com/gofiber/fiber/v*")
    ),
    ApiFramework("chi", "go", ("github.com/go-chi/chi", "github.com/go-chi/chi/v*")),
    ApiFramework("Gorilla mux", "go", ("github.com/gorilla/mux",)),
    ApiFramework(
        "ASP.NET Core", "nuget", ("microsoft.net.sdk.web", "microsoft.aspnetcore.*")
    ),
    ApiFramework(
        "Laravel", "composer", ("laravel/framework", "laravel/lumen-framework")
    ),
    ApiFramework("Slim", "composer", ("slim/slim",)),
    ApiFramework("Symfony", "composer", ("symfony/framework-bundle",)),
    ApiFramework("Phoenix", "hex", ("phoenix",)),
    ApiFramework("Axum", "cargo", ("axum",)),
    ApiFramework("Actix Web", "cargo", ("actix-web",)),
    ApiFramework("Rocket", "cargo", ("rocket",)),
    ApiFramework("warp", "cargo", ("warp",)),
)

# Libraries (and frameworks) that generate the OpenAPI document from the code at run time.
GENERATORS: tuple[ApiFramework, ...] = (
    ApiFramework("FastAPI", "pypi", ("fastapi",)),
    ApiFramework("Django Ninja", "pypi", ("django-ninja",)),
    ApiFramework("Litestar", "pypi", ("litestar",)),
    ApiFramework("drf-spectacular", "pypi", ("drf-spectacular",)),
    ApiFramework("drf-yasg", "pypi", ("drf-yasg",)),
    ApiFramework("Flasgger", "pypi", ("flasgger",)),
    ApiFramework("flask-smorest", "pypi", ("flask-smorest",)),
    ApiFramework("APIFlask", "pypi", ("apiflask",)),
    ApiFramework("Flask-RESTX", "pypi", ("flask-restx",)),
    ApiFramework("flask-openapi3", "pypi", ("flask-openapi3",)),
    ApiFramework("apispec", "pypi", ("apispec",)),
    ApiFramework("SpecTree", "pypi", ("spectree",)),
    ApiFramework("@nestjs/swagger", "npm", ("@nestjs/swagger",)),
    ApiFramework("swagger-jsdoc", "npm", ("swagger-jsdoc",)),
    ApiFramework("@fastify/swagger", "npm", ("@fastify/swagger", "fastify-swagger")),
    ApiFramework("tsoa", "npm", ("tsoa",)),
    ApiFramework("hapi-swagger", "npm", ("hapi-swagger",)),
    ApiFramework("springdoc-openapi", "maven", ("org.springdoc:springdoc-openapi*",)),
    ApiFramework("Springfox", "maven", ("io.springfox:springfox*",)),
    ApiFramework(
        "Micronaut OpenAPI", "maven", ("io.micronaut.openapi:micronaut-openapi*",)
    ),
    ApiFramework("SmallRye OpenAPI", "maven", ("io.quarkus:quarkus-smallrye-openapi",)),
    ApiFramework("rswag", "rubygems", ("rswag", "rswag-*")),
    ApiFramework("grape-swagger", "rubygems", ("grape-swagger",)),
    ApiFramework(
        "swag", "go", ("github.com/swaggo/swag", "github.com/swaggo/*-swagger")
    ),
    ApiFramework("Swashbuckle", "nuget", ("swashbuckle.aspnetcore*",)),
    ApiFramework("NSwag", "nuget", ("nswag.aspnetcore", "nswag.*")),
    ApiFramework(
        "Microsoft.AspNetCore.OpenApi", "nuget", ("microsoft.aspnetcore.openapi",)
    ),
    ApiFramework("L5-Swagger", "composer", ("darkaonline/l5-swagger",)),
    ApiFramework("NelmioApiDocBundle", "composer", ("nelmio/api-doc-bundle",)),
    ApiFramework(
        "API Platform", "composer", ("api-platform/core", "api-platform/symfony")
    ),
    ApiFramework("swagger-php", "composer", ("zircote/swagger-php",)),
    ApiFramework("OpenApiSpex", "hex", ("open_api_spex",)),
    ApiFramework("utoipa", "cargo", ("utoipa",)),
    ApiFramework("aide", "cargo", ("aide",)),
    ApiFramework("poem-openapi", "cargo", ("poem-openapi",)),
    ApiFramework("rocket_okapi", "cargo", ("rocket_okapi",)),
    ApiFramework("paperclip", "cargo", ("paperclip",)),
)


def declared(repo: Repository, table: Iterable[ApiFramework]) -> list[Declared]:
    """The frameworks of ``table`` the project declares (not in dependency or test folders),
    by manifest, line and name."""
    found = []
    for framework in table:
        for dep in has_dependency(
            repo, *framework.patterns, ecosystem=framework.ecosystem
        ):
            if not skipped_path(dep.manifest):
                found.append(Declared(framework, dep))
    return sorted(
        found,
        key=lambda d: (d.dependency.manifest, d.dependency.line, d.framework.name),
    )


def http_frameworks(repo: Repository) -> list[Declared]:
    """HTTP API frameworks among the declared dependencies."""
    return declared(repo, FRAMEWORKS)


def openapi_generators(repo: Repository) -> list[Declared]:
    """Libraries that generate the OpenAPI document from the code at run time."""
    return declared(repo, GENERATORS)


def unique_by_name(found: Iterable[Declared]) -> list[Declared]:
    """The first of each framework name."""
    seen: set[str] = set()
    unique = []
    for item in found:
        if item.framework.name not in seen:
            seen.add(item.framework.name)
            unique.append(item)
    return unique


# Server-side page templates: a framework beside them renders a website, not an API.
_TEMPLATE_SUFFIXES = (
    ".njk",
    ".nunjucks",
    ".html.erb",
    ".haml",
    ".cshtml",
    ".razor",
    ".scala.html",
    ".jsp",
    ".ftlh",
    ".hbs",
    ".handlebars",
    ".pug",
    ".ejs",
    ".twig",
    ".blade.php",
    ".gohtml",
    ".html.heex",
    ".html.eex",
    ".html.j2",
    ".jinja",
    ".jinja2",
)
_TEMPLATE_FOLDERS = linear_re(r"(?:^|/)(?:templates|views)/")
_NOT_PAGES = linear_re(r"(?:^|/)(?:docs?|e?mails?|mailers?|swagger[-_]?ui|redoc)/")
_RAILS_API_ONLY = linear_re(r"config\.api_only\s*=\s*true")


def page_templates(repo: Repository) -> list[str]:
    """Server-side page templates of the project (not documentation, nor what
    :func:`tcop_lint.facts.frontend.not_a_web_page` says is no page of a website)."""

    def own(path: str) -> bool:
        return (
            not skipped_path(path)
            and not _NOT_PAGES.search(path.lower())
            and not not_a_web_page(path)
        )

    def compute() -> list[str]:
        # plain HTML under templates/ or views/ is weighed as TC0201 weighs it: one stray
        # fragment a background task renders is no website
        html = [
            p
            for p in repo.by_extension(".html", ".htm")
            if _TEMPLATE_FOLDERS.search(p.lower()) and own(p)
        ]
        if weighed_template(repo, html) is None:
            html = []
        others = [
            p
            for p in repo.by_extension(
                *{"." + s.rpartition(".")[2] for s in _TEMPLATE_SUFFIXES}
            )
            if p.lower().endswith(_TEMPLATE_SUFFIXES) and own(p)
        ]
        return sorted({*html, *others})

    return repo.memo("api_frameworks.page_templates", compute)


def project_folder(manifest: str) -> str:
    """The project a manifest belongs to (a Python ``requirements/`` folder's parent)."""
    return requirements_home(manifest)


def serves_pages(repo: Repository, manifest: str) -> str | None:
    """The first page template in the manifest's project, unless Rails says api_only."""
    folder = project_folder(manifest)
    prefix = f"{folder}/" if folder else ""
    rails = repo.read_text(f"{prefix}config/application.rb")
    if rails and "api_only" in rails and _RAILS_API_ONLY.search(rails):
        return None
    return next((p for p in page_templates(repo) if p.startswith(prefix)), None)
