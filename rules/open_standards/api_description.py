"""TC0402 api-description: an HTTP API has a committed OpenAPI, AsyncAPI or GraphQL
description."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.api_frameworks import (
    Declared,
    http_frameworks,
    openapi_generators,
    project_folder,
    serves_pages,
    unique_by_name,
)
from tcop_lint.facts.openapi import api_inventory, excerpt
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule


@rule(
    code="TC0402",
    name="api-description",
    topic="open-standards",
    level="warning",
    summary="An HTTP API has a committed OpenAPI, AsyncAPI or GraphQL description.",
    rationale="""
Point 4 of the Code (make use of open standards) asks for RESTful APIs that follow open
standards so that other services can integrate with them. An API described in an open format
(OpenAPI, AsyncAPI, a GraphQL schema) can be read, tested and generated against by anyone;
one described only by its code cannot.

The rule applies when an HTTP API framework is a declared dependency (Flask, FastAPI, Django REST
framework, Express, NestJS, Koa, Fastify, Hapi, Spring Web, Micronaut, Play and HMRC's
`bootstrap-backend-play-*`, Rails, Sinatra, Gin, Echo, Fiber, chi, ASP.NET Core, Laravel, Slim,
Phoenix, Axum, Actix...). It passes when an API description is committed (found by content,
whatever its name), when BC's `bcgovpubcode.yaml` lists `api_specifications` published
elsewhere, or when a library that generates the OpenAPI document from the code at run time is a
dependency (FastAPI itself, @nestjs/swagger, springdoc-openapi, drf-spectacular, drf-yasg,
flasgger, flask-smorest, apispec, Swashbuckle...), with evidence saying so.

A framework whose project also holds server-side page templates (Nunjucks, ERB, Jinja or
Django `templates/`, Express `views/`, Thymeleaf, Razor, Twirl...) is taken to render a website,
not to serve an API, unless it is API-first (FastAPI, Django REST framework, NestJS, Grape,
HMRC's `bootstrap-backend-play`) or a Rails app sets `config.api_only = true`; a GOV.UK Frontend
Express app is therefore not asked for an OpenAPI document.
""",
    remediation="""
Commit the API's description next to its code, for example `docs/openapi.yaml`:

```yaml
openapi: 3.1.0
info:
  title: Example API
  version: "1.0"
paths:
  /health:
    get:
      responses:
        "200":
          description: The service is up
```

Or generate it from the code at run time and say so by depending on the generator, e.g.
`springdoc-openapi-starter-webmvc-ui` (Spring), `drf-spectacular` (Django REST framework),
`@nestjs/swagger` (NestJS), `flask-smorest` (Flask), `Swashbuckle.AspNetCore` (ASP.NET Core).
A committed document is still better: reviewers see API changes in pull requests.
""",
    attestable=True,
)
def api_description(repo: Repository, options: Options) -> Iterator[Finding | Evidence]:
    apis = _apis(repo)
    inventory = api_inventory(repo)
    described = False
    for document in inventory.documents:
        described = True
        yield Evidence(document.path, document.label)
    for template in inventory.templates:
        described = True
        yield Evidence(
            template.path, f"{template.label} (a template, filled in on deploy)"
        )
    for published in inventory.published:
        described = True
        urls = ", ".join(excerpt(url, 100) for url in published.urls[:3])
        more = f" and {len(published.urls) - 3} more" if len(published.urls) > 3 else ""
        yield Evidence(
            published.path,
            f"api_specifications published at {urls}{more} (bcgovpubcode.yaml)",
        )
    for generator in unique_by_name(openapi_generators(repo)):
        described = True
        yield Evidence(
            generator.dependency.manifest,
            f"{generator.framework.name} generates the OpenAPI document at run time",
        )
    if described:
        return
    dep = apis[0].dependency
    names = [found.framework.name for found in unique_by_name(apis)]
    shown = " and ".join(names[:2]) + (
        f" (and {len(names) - 2} more)" if len(names) > 2 else ""
    )
    yield Finding(
        f"no OpenAPI, AsyncAPI or GraphQL description is committed for the {shown} "
        f"API{'s' if len(names) > 1 else ''}: add one, e.g. {_suggested_path(dep.manifest)}",
        path=dep.manifest,
        start_line=dep.line,
        id="missing-api-description",
        missing=True,
    )


def _apis(repo: Repository) -> list[Declared]:
    """The declared frameworks that serve an API; not applicable when there are none."""
    declared = http_frameworks(repo)
    if not declared:
        raise NotApplicable("no HTTP API framework among the declared dependencies")
    apis = [
        found
        for found in declared
        if found.framework.api_first
        or not serves_pages(repo, found.dependency.manifest)
    ]
    if not apis:
        first = declared[0]
        example = serves_pages(repo, first.dependency.manifest)
        raise NotApplicable(
            f"{first.framework.name} serves web pages ({excerpt(example or '', 200)}), "
            "not an HTTP API"
        )
    return apis


def _suggested_path(manifest: str) -> str:
    folder = project_folder(manifest)
    return (
        excerpt(f"{folder}/docs/openapi.yaml", 200) if folder else "docs/openapi.yaml"
    )
