"""Point 10, make better use of data: documented data shapes and open data formats."""

from __future__ import annotations

import shlex
from collections.abc import Iterator

from tcop_lint.facts.data_files import (
    ClosedData,
    closed_data,
    data_models,
    open_data,
    shape_documentation,
)
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, NotApplicable, Options, rule

_MAX_EVIDENCE = 10

# -- TC1001 data-documentation ----------------------------------------------------------------

_MODEL_WORDS = {
    "migrations": "database migrations are committed",
    "liquibase": "a Liquibase changelog is committed",
    "prisma": "a Prisma schema is committed",
    "rails-schema": "a Rails database schema is committed",
    "orm": "ORM models are committed",
    "sql": "SQL files are committed",
    "data-files": "data files are committed",
}


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
    models = data_models(repo)
    if not models:
        raise NotApplicable(
            "no data models (migrations, ORM models, Prisma or SQL schemas, data folders)"
        )
    seen: set[str] = set()
    for found in shape_documentation(repo):
        if found.path not in seen:
            seen.add(found.path)
            if len(seen) <= _MAX_EVIDENCE:
                yield Evidence(found.path, found.what)
    if seen:
        return
    path, what = models[0]
    yield Finding(
        f"{_MODEL_WORDS[what]} but nothing documents the shape of the data: add a data "
        "dictionary (docs/data-dictionary.md), JSON Schema files (*.schema.json) or a "
        "DBML/ERD diagram describing the tables and fields",
        path=path,
        id="undocumented-data",
        missing=True,
    )


# -- TC1002 open-data-formats -----------------------------------------------------------------


def _fix(closed: ClosedData) -> str:
    """What to do about a closed file: remove it when its open copy exists, else convert it."""
    if closed.open_copy:
        return (
            f"the open copy {closed.open_copy} exists: remove this {closed.kind} "
            f"(git rm {shlex.quote(closed.path)})"
        )
    stem = closed.path.rpartition("/")[2].rpartition(".")[0]
    if closed.family == "spreadsheet":
        return (
            f"publish the data as CSV ({stem}.csv), or as OpenDocument ({stem}.ods) if it "
            "needs several sheets"
        )
    if closed.family == "statistics":
        return f"export the data as CSV ({stem}.csv) or Parquet ({stem}.parquet)"
    return (
        "export the tables as CSV, or move the data to an open database format such as "
        f"SQLite ({stem}.sqlite)"
    )


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
    for closed in closed_data(repo):
        yield Finding(
            f"closed format ({closed.kind}, .{closed.extension}): {_fix(closed)}",
            path=closed.path,
            id="closed-format",
        )
    for path in open_data(repo)[:_MAX_EVIDENCE]:
        yield Evidence(path, "data in an open format")
