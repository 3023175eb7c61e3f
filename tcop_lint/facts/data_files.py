"""A repository's data: the models that store it, what documents its shape, and the formats
its data files are in.

File names and paths are matched with Python's ``re`` (patterns without nested repetition,
over names of at most 255 bytes); file contents with RE2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tcop_lint.facts.openapi import (
    api_inventory,
    bcgov_pubcode,
    load_document,
    skipped_path,
)
from tcop_lint.regex import linear_re
from tcop_lint.repository import Repository

_MAX_SCHEMA_CANDIDATES = 2000
_SCHEMA_HEAD = 4096


class Found(NamedTuple):
    """A file and what it is (the words evidence shows: "JSON Schema", "data dictionary")."""

    path: str
    what: str


# -- data models ----------------------------------------------------------------------------

_MIGRATION_FOLDERS = re.compile(
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
_ORM_MARKERS = linear_re(
    r"models\.Model\b|db\.Model\b|declarative_base\(|DeclarativeBase\b|SQLModel\b"
    r"|mapped_column\(|Column\("
)
_DATA_FOLDERS = re.compile(r"(?:^|/)(?:data|datasets?)/", re.IGNORECASE)
DATA_EXTENSIONS = (
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
"""Data files that make a ``data/`` folder a store of data."""


def data_models(repo: Repository) -> list[Found]:
    """One file for each kind of data model found, most telling kind first; ``what`` is
    ``migrations``, ``liquibase``, ``prisma``, ``rails-schema``, ``orm``, ``sql`` or
    ``data-files``."""
    kept = [
        ("migrations", _migrations(repo)),
        ("liquibase", repo.by_name_matching(_LIQUIBASE)),
        ("prisma", repo.by_extension(".prisma")),
        (
            "rails-schema",
            [p for p in [repo.find("db/schema.rb", "db/structure.sql")] if p],
        ),
        ("orm", sorted(_orm_models(repo))),
        ("sql", repo.by_extension(".sql")),
        (
            "data-files",
            [p for p in repo.by_extension(*DATA_EXTENSIONS) if _DATA_FOLDERS.search(p)],
        ),
    ]
    found = []
    for what, paths in kept:
        paths = [p for p in paths if what == "rails-schema" or not skipped_path(p)]
        if paths:
            found.append(Found(paths[0], what))
    return found


def _migrations(repo: Repository) -> list[str]:
    return [
        p
        for p in repo.paths_containing("migrat", "alembic/versions", "db/changelog")
        if _MIGRATION_FOLDERS.search(p) and p.lower().endswith(_MIGRATION_EXTENSIONS)
    ]


def _orm_models(repo: Repository) -> list[str]:
    models = [
        p
        for p in repo.by_name("models.py")
        if not skipped_path(p) and _ORM_MARKERS.search(repo.read_text(p) or "")
    ]
    return models + repo.by_name_matching(r".+\.entity\.ts")


# -- what documents the data's shape ----------------------------------------------------------

_JSON_SCHEMA_META = linear_re(r'"\$schema"\s*:\s*"https?://json-schema\.org/')
_YAML_SCHEMA_META = linear_re(r"""(?m)^\$schema:\s*["']?https?://json-schema\.org/""")
_DICTIONARY = (
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


def shape_documentation(repo: Repository) -> Iterator[Found]:
    """Everything that documents the shape of the data, in the order evidence lists it (a
    path may come twice)."""
    yield from _json_schemas(repo)
    yield from _openapi_schemas(repo)
    for path in repo.by_name_matching(_DICTIONARY):
        if not skipped_path(path):
            yield Found(path, "data dictionary")
    for path in repo.under("docs"):
        name = path.rpartition("/")[2].lower()
        if name.startswith("data") and name.endswith(_DOC_EXTENSIONS):
            yield Found(path, "data documentation")
    for path in repo.by_name_matching(
        r"(erd|.+[-_.]erd)\.(png|svg|pdf|puml|mmd|md|drawio)"
    ):
        if not skipped_path(path):
            yield Found(path, "entity relationship diagram")
    for extension, label in _SHAPE_FORMATS.items():
        for path in repo.by_extension(extension):
            if not skipped_path(path):
                yield Found(path, label)
    for path in repo.by_name("datapackage.json", "datapackage.yaml", "datapackage.yml"):
        yield Found(path, "Frictionless Data Package")
    for path in repo.by_name_matching(r"(.+[-.])?csv-metadata\.json"):
        yield Found(path, "CSV on the Web metadata")
    for path in repo.by_name_matching(r"readme(\.\w+)?"):
        if _DATA_FOLDERS.search(path) and not skipped_path(path):
            yield Found(path, "README describing the data folder")
    for path, data in bcgov_pubcode(repo):
        roles = data.get("data_management_roles")
        if isinstance(roles, dict) and any(roles.values()):
            yield Found(
                path, "data management roles (bcgovpubcode.yaml, BC convention)"
            )


def _json_schemas(repo: Repository) -> Iterator[Found]:
    named = set(repo.by_name_matching(r".+[.\-_]schema\.(json|ya?ml)"))
    candidates = sorted(named) + [
        p
        for p in repo.by_extension(".json")
        if "schema" in p.lower() and p not in named
    ]
    for path in candidates[:_MAX_SCHEMA_CANDIDATES]:
        if skipped_path(path):
            continue
        head = (repo.read_text(path) or "")[:_SCHEMA_HEAD]
        declared = "json-schema.org" in head and (
            _JSON_SCHEMA_META.search(head) or _YAML_SCHEMA_META.search(head)
        )
        # *.schema.json without $schema: a JSON object describing properties
        by_name = (
            path in named and head.lstrip().startswith("{") and '"properties"' in head
        )
        if declared or by_name:
            yield Found(path, "JSON Schema")


def _openapi_schemas(repo: Repository) -> Iterator[Found]:
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
            yield Found(
                document.path, f"{document.label} {where} ({len(schemas)} schemas)"
            )


# -- data formats ---------------------------------------------------------------------------

CLOSED_DATA = {
    ".xls": ("Excel spreadsheet", "spreadsheet"),
    ".xlsx": ("Excel spreadsheet", "spreadsheet"),
    ".xlsm": ("Excel spreadsheet", "spreadsheet"),
    ".xlsb": ("Excel spreadsheet", "spreadsheet"),
    ".numbers": ("Apple Numbers spreadsheet", "spreadsheet"),
    ".sav": ("SPSS data file", "statistics"),
    ".dta": ("Stata data file", "statistics"),
    ".sas7bdat": ("SAS data file", "statistics"),
    ".mdb": ("Access database", "database"),
    ".accdb": ("Access database", "database"),
}
"""Closed data formats: extension -> (what the file is, the family its fix belongs to)."""
OPEN_DATA = (
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


class ClosedData(NamedTuple):
    path: str
    extension: str
    """Lower case, with no dot: ``xlsx``."""
    kind: str
    family: str
    """``spreadsheet``, ``statistics`` or ``database``."""
    open_copy: str | None
    """An open-format file of the same name in the same folder (``data/t.csv``)."""


def closed_data(repo: Repository) -> list[ClosedData]:
    """Every committed data file in a closed format, outside dependency and test folders."""
    copies: dict[tuple[str, str], str] = {}
    for path in repo.by_extension(*OPEN_DATA):
        folder, _, name = path.rpartition("/")
        copies.setdefault((folder, name.rpartition(".")[0]), path)
    found = []
    for path in repo.by_extension(*CLOSED_DATA):
        if skipped_path(path):
            continue
        folder, _, name = path.rpartition("/")
        stem, _, extension = name.rpartition(".")
        kind, family = CLOSED_DATA["." + extension.lower()]
        copy = copies.get((folder, stem))
        found.append(ClosedData(path, extension.lower(), kind, family, copy))
    return found


def open_data(repo: Repository) -> list[str]:
    """Committed data files in open formats, outside dependency and test folders."""
    return [p for p in repo.by_extension(*OPEN_DATA) if not skipped_path(p)]
