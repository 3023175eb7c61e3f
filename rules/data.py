"""Point 10, make better use of data: documented data shapes and open data formats."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator

from tcop_lint.facts.openapi import (
    api_inventory,
    bcgov_pubcode,
    load_document,
    skipped_path,
)
from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_MAX_EVIDENCE = 10
_MAX_SCHEMA_CANDIDATES = 2000

# -- TC1001 data-documentation ----------------------------------------------------------------

_MIGRATION_FOLDERS = lazy_re(
    r"(?:^|/)(?:migrations?|db/migrate|alembic/versions|db/changelog)/", re.IGNORECASE
)
_MIGRATION_EXTENSIONS = (
    ".py",
    ".rb",
    ".sql",
    ".js",
    ".ts",
    ".mjs",
    ".cjs",
    ".cs",
    ".go",
    ".php",
    ".ex",
    ".exs",
    ".java",
    ".kt",
    ".scala",
    ".xml",
    ".yaml",
    ".yml",
    ".json",
)
_LIQUIBASE = r"(db\.)?changelog[-_.]?(master)?.*\.(xml|ya?ml|json|sql)"
_ORM_MARKERS = lazy_re(
    r"models\.Model\b|db\.Model\b|declarative_base\(|DeclarativeBase\b|SQLModel\b"
    r"|mapped_column\(|Column\("
)
_DATA_FOLDERS = lazy_re(r"(?:^|/)(?:data|datasets?)/", re.IGNORECASE)
_DATA_EXTENSIONS = (
    ".csv",
    ".tsv",
    ".parquet",
    ".xlsx",
    ".xls",
    ".ods",
    ".sav",
    ".dta",
    ".sas7bdat",
    ".geojson",
    ".jsonl",
    ".ndjson",
    ".feather",
    ".avro",
)


def _data_models(repo: Repository) -> list[tuple[str, str]]:
    """(what, path) for every kind of data model found, most telling kind first."""
    found: list[tuple[str, str]] = []
    migrations = [
        p
        for p in repo.paths_containing("migrat", "alembic/versions", "db/changelog")
        if _MIGRATION_FOLDERS.search(p)
        and p.lower().endswith(_MIGRATION_EXTENSIONS)
        and not skipped_path(p)
    ]
    if migrations:
        found.append(("database migrations are committed", migrations[0]))
    liquibase = [p for p in repo.by_name_matching(_LIQUIBASE) if not skipped_path(p)]
    if liquibase:
        found.append(("a Liquibase changelog is committed", liquibase[0]))
    prisma = [p for p in repo.by_extension(".prisma") if not skipped_path(p)]
    if prisma:
        found.append(("a Prisma schema is committed", prisma[0]))
    schema = repo.find("db/schema.rb", "db/structure.sql")
    if schema:
        found.append(("a Rails database schema is committed", schema))
    orm = [
        p
        for p in repo.by_name("models.py")
        if not skipped_path(p) and _ORM_MARKERS.search(repo.read_text(p) or "")
    ]
    orm += [p for p in repo.by_name_matching(r".+\.entity\.ts") if not skipped_path(p)]
    if orm:
        found.append(("ORM models are committed", min(orm)))
    sql = [p for p in repo.by_extension(".sql") if not skipped_path(p)]
    if sql:
        found.append(("SQL files are committed", sql[0]))
    data = [
        p
        for p in repo.by_extension(*_DATA_EXTENSIONS)
        if _DATA_FOLDERS.search(p) and not skipped_path(p)
    ]
    if data:
        found.append(("data files are committed", data[0]))
    return found


_JSON_SCHEMA_META = lazy_re(r'"\$schema"\s*:\s*"https?://json-schema\.org/')
_YAML_SCHEMA_META = lazy_re(
    r"""^\$schema:\s*["']?https?://json-schema\.org/""", re.MULTILINE
)
_DICTIONARY = lazy_re(
    r"(data[-_ ]?(dictionary|dictionaries|model|models|catalog|catalogue|schema|schemas"
    r"|definitions?|standards?)|erd|entity[-_ ]relationship.*|database[-_ ]schema)"
    r"\.(md|markdown|rst|txt|adoc|html|pdf|csv|ods|odt|xlsx?|docx?)"
)
_DOC_EXTENSIONS = (".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".odt", ".pdf")
_SHAPE_FORMATS = {
    ".dbml": "DBML database diagram",
    ".proto": "Protocol Buffers schema",
    ".avsc": "Avro schema",
    ".xsd": "XML Schema",
}


def _data_documentation(repo: Repository) -> Iterator[Evidence]:
    yield from _json_schemas(repo)
    yield from _openapi_schemas(repo)
    for path in repo.by_name_matching(_DICTIONARY.pattern):
        if not skipped_path(path):
            yield Evidence(path, "data dictionary")
    for path in repo.under("docs"):
        name = path.rpartition("/")[2].lower()
        if name.startswith("data") and name.endswith(_DOC_EXTENSIONS):
            yield Evidence(path, "data documentation")
    for path in repo.by_name_matching(
        r"(erd|.+[-_.]erd)\.(png|svg|pdf|puml|mmd|md|drawio)"
    ):
        if not skipped_path(path):
            yield Evidence(path, "entity relationship diagram")
    for extension, label in _SHAPE_FORMATS.items():
        for path in repo.by_extension(extension):
            if not skipped_path(path):
                yield Evidence(path, label)
    for path in repo.by_name("datapackage.json", "datapackage.yaml", "datapackage.yml"):
        yield Evidence(path, "Frictionless Data Package")
    for path in repo.by_name_matching(r"(.+[-.])?csv-metadata\.json"):
        yield Evidence(path, "CSV on the Web metadata")
    for path in repo.by_name_matching(r"readme(\.\w+)?"):
        if _DATA_FOLDERS.search(path) and not skipped_path(path):
            yield Evidence(path, "README describing the data folder")
    for path, data in bcgov_pubcode(repo):
        roles = data.get("data_management_roles")
        if isinstance(roles, dict) and any(roles.values()):
            yield Evidence(
                path, "data management roles (bcgovpubcode.yaml, BC convention)"
            )


def _json_schemas(repo: Repository) -> Iterator[Evidence]:
    named = set(repo.by_name_matching(r".+[.\-_]schema\.(json|ya?ml)"))
    candidates = sorted(named) + [
        p
        for p in repo.by_extension(".json")
        if "schema" in p.lower() and p not in named
    ]
    for path in candidates[:_MAX_SCHEMA_CANDIDATES]:
        if skipped_path(path):
            continue
        head = (repo.read_text(path) or "")[:4096]
        declared = _JSON_SCHEMA_META.search(head) or _YAML_SCHEMA_META.search(head)
        # *.schema.json without $schema: a JSON object describing properties
        by_name = (
            path in named and head.lstrip().startswith("{") and '"properties"' in head
        )
        if declared or by_name:
            yield Evidence(path, "JSON Schema")


def _openapi_schemas(repo: Repository) -> Iterator[Evidence]:
    for document in api_inventory(repo).documents:
        if document.kind not in ("openapi", "swagger", "asyncapi"):
            continue
        data = load_document(repo, document.path).data
        if not isinstance(data, dict):
            continue
        components = data.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        if document.kind == "swagger":
            schemas = data.get("definitions")
        if isinstance(schemas, dict) and schemas:
            where = (
                "definitions" if document.kind == "swagger" else "components/schemas"
            )
            yield Evidence(
                document.path, f"{document.label} {where} ({len(schemas)} schemas)"
            )


@rule(
    code="TC1001",
    name="data-documentation",
    topic="data",
    level="note",
    summary="A repository with data models documents the shape of its data.",
    rationale="""
Point 10 of the Code (make better use of data) asks that data is managed so it can be
understood, shared and reused: the people who use a service's data, and the next team to
change it, need to know what each table and field means. Migrations and ORM models say how
data is stored, not what it means.

The rule applies when the repository holds data models: migrations (`migrations/`,
`db/migrate/`, `alembic/versions/`, Flyway `db/migration/`), Liquibase changelogs, a Prisma
schema, Rails `db/schema.rb`, Django/SQLAlchemy models, TypeORM entities, SQL files, or data
files in a `data/` folder. It passes with documented data shapes: JSON Schema files, OpenAPI
`components/schemas` (or Swagger `definitions`), a data dictionary (`data-dictionary.md`,
`docs/data*.md`), DBML or ERD diagrams, Protocol Buffers/Avro/XML schemas, a Frictionless
`datapackage.json` or CSV on the Web metadata, a README in the data folder, or BC's
`bcgovpubcode.yaml` data management roles.
""",
    remediation="""
Describe the data next to the code that defines it. A data dictionary in Markdown is enough to
start, e.g. `docs/data-dictionary.md`:

```markdown
# Data dictionary

## claims

| Field      | Type      | Meaning                              | Personal data |
|------------|-----------|--------------------------------------|---------------|
| id         | uuid      | Claim reference shown to the claimant | no           |
| nino       | text      | National Insurance number             | yes          |
| created_at | timestamp | When the claim was submitted (UTC)    | no           |
```

Machine-readable alternatives: JSON Schema files (`schemas/claim.schema.json`), OpenAPI
`components/schemas`, or a DBML diagram (`docs/schema.dbml`). If the data dictionary is kept in
a data catalogue outside the repository, record an attestation for the `data` topic.
""",
    attestable=True,
)
def data_documentation(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    models = _data_models(repo)
    if not models:
        raise NotApplicable(
            "no data models (migrations, ORM models, Prisma or SQL schemas, data folders)"
        )
    seen: set[str] = set()
    for evidence in _data_documentation(repo):
        if evidence.path not in seen:
            seen.add(evidence.path)
            if len(seen) <= _MAX_EVIDENCE:
                yield evidence
    if seen:
        return
    what, path = models[0]
    yield Finding(
        f"{what} but nothing documents the shape of the data: add a data dictionary "
        f"(docs/data-dictionary.md), JSON Schema files (*.schema.json) or a DBML/ERD diagram "
        f"describing the tables and fields",
        path=path,
    )


# -- TC1002 open-data-formats -----------------------------------------------------------------


def _spreadsheet_fix(stem: str) -> str:
    return (
        f"publish the data as CSV ({stem}.csv), or as OpenDocument ({stem}.ods) if it "
        f"needs several sheets"
    )


def _statistics_fix(stem: str) -> str:
    return f"export the data as CSV ({stem}.csv) or Parquet ({stem}.parquet)"


def _database_fix(stem: str) -> str:
    return (
        f"export the tables as CSV, or move the data to an open database format such as "
        f"SQLite ({stem}.sqlite)"
    )


_CLOSED_DATA: dict[str, tuple[str, Callable[[str], str]]] = {
    ".xls": ("Excel spreadsheet", _spreadsheet_fix),
    ".xlsx": ("Excel spreadsheet", _spreadsheet_fix),
    ".xlsm": ("Excel spreadsheet", _spreadsheet_fix),
    ".xlsb": ("Excel spreadsheet", _spreadsheet_fix),
    ".numbers": ("Apple Numbers spreadsheet", _spreadsheet_fix),
    ".sav": ("SPSS data file", _statistics_fix),
    ".dta": ("Stata data file", _statistics_fix),
    ".sas7bdat": ("SAS data file", _statistics_fix),
    ".mdb": ("Access database", _database_fix),
    ".accdb": ("Access database", _database_fix),
}
_OPEN_DATA = (
    ".csv",
    ".tsv",
    ".parquet",
    ".ods",
    ".geojson",
    ".jsonl",
    ".ndjson",
    ".feather",
    ".avro",
    ".sqlite",
)


def _open_copies(repo: Repository) -> dict[tuple[str, str], str]:
    """The first open-format file for each (folder, stem): data/t.csv for data/t.xlsx."""
    copies: dict[tuple[str, str], str] = {}
    for path in repo.by_extension(*_OPEN_DATA):
        folder, _, name = path.rpartition("/")
        copies.setdefault((folder, name.rpartition(".")[0]), path)
    return copies


@rule(
    code="TC1002",
    name="open-data-formats",
    topic="data",
    level="warning",
    summary="Committed data is in open formats (CSV, JSON, Parquet, ODS), not Excel/SPSS/SAS.",
    rationale="""
Point 10 of the Code (make better use of data) and point 4 (make use of open standards) ask
that data is published and shared in open, machine-readable formats, so anyone can use it
without buying a particular product. The government's open standards for data are CSV (with
CSV on the Web metadata), JSON and OpenDocument; Excel workbooks, SPSS/Stata/SAS files and
Access databases tie the data to one vendor's software and hide it from review.

This rule reports every committed spreadsheet (.xls, .xlsx, .xlsm, .xlsb, .numbers),
statistical data file (.sav, .dta, .sas7bdat) and Access database (.mdb, .accdb). It is the
only rule that reports spreadsheets: TC0403 (open-document-formats) covers word-processing,
presentation and diagram files, so a committed spreadsheet is reported once, with data advice.
Files under dependency, test and fixture folders are left out.
""",
    remediation="""
Convert the data and commit the open version instead:

```sh
# LibreOffice, headless: each sheet of a workbook -> CSV, or the workbook -> ODS
soffice --headless --convert-to csv data/figures.xlsx
soffice --headless --convert-to ods data/figures.xlsx
# SPSS / Stata / SAS files with pandas
python -c "import pandas as pd; pd.read_spss('data/survey.sav').to_csv('data/survey.csv', index=False)"
git rm data/figures.xlsx data/survey.sav
```

Describe the columns with CSV on the Web metadata (`figures.csv-metadata.json`) or a Frictionless
`datapackage.json`. If a closed format is required (a template a supplier insists on), record an
exemption in `.tcop-lint.yml` with the reason and an expiry date.
""",
)
def open_data_formats(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    open_copies = _open_copies(repo)
    for path in repo.by_extension(*_CLOSED_DATA):
        if skipped_path(path):
            continue
        folder, _, name = path.rpartition("/")
        stem, _, extension = name.rpartition(".")
        kind, fix = _CLOSED_DATA["." + extension.lower()]
        copy = open_copies.get((folder, stem))
        advice = (
            f"the open copy {copy} exists: remove this {kind} (git rm {shlex.quote(path)})"
            if copy
            else fix(stem)
        )
        yield Finding(
            f"closed format ({kind}, .{extension.lower()}): {advice}", path=path
        )
    shown = 0
    for path in repo.by_extension(*_OPEN_DATA):
        if shown < _MAX_EVIDENCE and not skipped_path(path):
            shown += 1
            yield Evidence(path, "data in an open format")
