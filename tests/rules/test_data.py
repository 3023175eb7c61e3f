"""Point 10 rules: TC1001 data-documentation, TC1002 open-data-formats."""

from __future__ import annotations

import json

from conftest import run_rule

from tcop_lint.rule import Evidence

DJANGO_MODELS = """from django.db import models


class Claim(models.Model):
    reference = models.CharField(max_length=20)
"""


def findings(result):
    return [(f.level, f.path, f.start_line, f.message) for f in result.findings]


# -- TC1001 data-documentation ----------------------------------------------------------------


def test_migrations_without_documentation_is_a_note_at_the_first_migration(make_repo):
    root = make_repo(
        {
            "README.md": "# Claims\n",
            "claims/models.py": DJANGO_MODELS,
            "claims/migrations/__init__.py": "",
            "claims/migrations/0001_initial.py": "# generated\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "warn"
    [finding] = result.findings
    assert (finding.level, finding.path, finding.start_line) == (
        "note",
        "claims/migrations/0001_initial.py",
        None,
    )
    assert finding.message.startswith(
        "database migrations are committed but nothing documents the shape of the data: "
        "add a data dictionary (docs/data-dictionary.md), JSON Schema files "
        "(*.schema.json) or a DBML/ERD diagram describing the tables and fields; "
        "if the evidence is kept outside the repository, attest it under "
        "`attestations: data:`"
    )
    assert result.evidence == []


def test_flyway_migrations_with_a_data_dictionary_pass(make_repo):
    root = make_repo(
        {
            "src/main/resources/db/migration/V1__create_claims.sql": "create table c (id int);\n",
            "docs/Data-Dictionary.md": "# Data dictionary\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "pass"
    assert result.evidence == [Evidence("docs/Data-Dictionary.md", "data dictionary")]


def test_rails_schema_with_json_schema_and_dbml(make_repo):
    root = make_repo(
        {
            "Gemfile": 'gem "rails"\n',
            "db/migrate/20240101000000_create_claims.rb": "class CreateClaims; end\n",
            "db/schema.rb": "ActiveRecord::Schema.define {}\n",
            "schemas/claim.schema.json": json.dumps(
                {
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "type": "object",
                }
            ),
            "renovate.json": json.dumps(
                {"$schema": "https://docs.renovatebot.com/renovate-schema.json"}
            ),
            "docs/schema.dbml": "Table claims { id int }\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("schemas/claim.schema.json", "JSON Schema"),
        Evidence("docs/schema.dbml", "DBML database diagram"),
    ]


def test_openapi_components_document_the_data(make_repo):
    root = make_repo(
        {
            "prisma/schema.prisma": "model Claim { id Int @id }\n",
            "docs/v1.api-spec.yaml": """openapi: 3.0.3
info: {title: x, version: "1"}
paths: {}
components:
  schemas:
    Claim: {type: object}
    Error: {type: object}
""",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence(
            "docs/v1.api-spec.yaml", "OpenAPI 3.0.3 components/schemas (2 schemas)"
        )
    ]


def test_prisma_schema_alone_points_at_the_schema(make_repo):
    root = make_repo({"prisma/schema.prisma": "model Claim { id Int @id }\n"})
    result = run_rule(root, "TC1001")
    assert result.outcome == "warn"
    assert [(f.path, f.message.split(" but ")[0]) for f in result.findings] == [
        ("prisma/schema.prisma", "a Prisma schema is committed")
    ]


def test_bcgov_data_management_roles_and_xsd_count(make_repo):
    root = make_repo(
        {
            "backend/db/init.sql": "create table t (id int);\n",
            "bcgovpubcode.yaml": "data_management_roles:\n  data_custodian: A Person\n",
            "xsd/Claim.xsd": "<xs:schema/>\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("xsd/Claim.xsd", "XML Schema"),
        Evidence(
            "bcgovpubcode.yaml",
            "data management roles (bcgovpubcode.yaml, BC convention)",
        ),
    ]


def test_data_folder_with_readme_passes(make_repo):
    root = make_repo(
        {
            "data/claims-2024.csv": "id,amount\n1,2\n",
            "data/README.md": "# Claims data\nColumns: id, amount.\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "pass"
    assert result.evidence == [
        Evidence("data/README.md", "README describing the data folder")
    ]


def test_data_documentation_skipped_without_models(make_repo):
    root = make_repo(
        {
            "README.md": "# Library\n",
            "src/lib.py": "def f(): pass\n",
            # an ML models.py without an ORM is not a data model
            "src/models.py": "import torch\nclass Net(torch.nn.Module): pass\n",
            "docs/migrations/upgrading-to-v2.md": "# Upgrading\n",
            "tests/fixtures/seed.sql": "insert into t values (1);\n",
        }
    )
    result = run_rule(root, "TC1001")
    assert result.outcome == "skipped"
    assert result.reason == (
        "no data models (migrations, ORM models, Prisma or SQL schemas, data folders)"
    )


# -- TC1002 open-data-formats -----------------------------------------------------------------


def test_closed_data_formats_one_finding_each(make_repo):
    root = make_repo(
        {
            "data/Figures 2024.XLSX": b"PK\x03\x04binary",
            "analysis/survey.sav": b"$FL2binary\x00",
            "legacy/claims.accdb": b"\x00\x01binary",
            "data/open.csv": "a,b\n1,2\n",
            "node_modules/pkg/test.xls": b"\xd0\xcf",
            "tests/fixtures/sample.xlsx": b"PK",
        }
    )
    result = run_rule(root, "TC1002")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "warning",
            "analysis/survey.sav",
            None,
            (
                "closed format (SPSS data file, .sav): export the data as CSV (survey.csv) or "
                "Parquet (survey.parquet)"
            ),
        ),
        (
            "warning",
            "data/Figures 2024.XLSX",
            None,
            (
                "closed format (Excel spreadsheet, .xlsx): publish the data as CSV "
                "(Figures 2024.csv), or as OpenDocument (Figures 2024.ods) if it needs several "
                "sheets"
            ),
        ),
        (
            "warning",
            "legacy/claims.accdb",
            None,
            (
                "closed format (Access database, .accdb): export the tables as CSV, or move the "
                "data to an open database format such as SQLite (claims.sqlite)"
            ),
        ),
    ]
    assert result.evidence == [Evidence("data/open.csv", "data in an open format")]


def test_closed_data_beside_its_open_copy_is_told_to_remove_the_closed_file(make_repo):
    root = make_repo(
        {
            "data/t.xlsx": b"PK\x03\x04binary",
            "data/t.csv": "a,b\n1,2\n",
            "data/t.ods": b"PK",
            "data/Budget 2024.XLS": b"\xd0\xcf",
            "data/Budget 2024.parquet": b"PAR1",
            "data/other.xlsx": b"PK",
            "archive/t.sav": b"$FL2binary\x00",
        }
    )
    result = run_rule(root, "TC1002")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "warning",
            "archive/t.sav",
            None,
            (
                "closed format (SPSS data file, .sav): export the data as CSV (t.csv) or "
                "Parquet (t.parquet)"
            ),
        ),
        (
            "warning",
            "data/Budget 2024.XLS",
            None,
            (
                "closed format (Excel spreadsheet, .xls): the open copy "
                "data/Budget 2024.parquet exists: remove this Excel spreadsheet "
                "(git rm 'data/Budget 2024.XLS')"
            ),
        ),
        (
            "warning",
            "data/other.xlsx",
            None,
            (
                "closed format (Excel spreadsheet, .xlsx): publish the data as CSV "
                "(other.csv), or as OpenDocument (other.ods) if it needs several sheets"
            ),
        ),
        (
            "warning",
            "data/t.xlsx",
            None,
            (
                "closed format (Excel spreadsheet, .xlsx): the open copy data/t.csv exists: "
                "remove this Excel spreadsheet (git rm data/t.xlsx)"
            ),
        ),
    ]


def test_open_data_formats_pass_and_spreadsheets_are_not_reported_twice(make_repo):
    root = make_repo({"data/figures.ods": b"PK", "docs/budget.xlsx": b"PK"})
    data = run_rule(root, "TC1002")
    assert [f.path for f in data.findings] == ["docs/budget.xlsx"]
    documents = run_rule(root, "TC0403")
    assert documents.outcome == "pass"
    assert documents.findings == []
    clean = run_rule(make_repo({"README.md": "# x\n"}), "TC1002")
    assert clean.outcome == "pass"
    assert clean.evidence == []
