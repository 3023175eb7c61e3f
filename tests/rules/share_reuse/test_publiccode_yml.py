"""TC0804 publiccode-yml."""

from __future__ import annotations

import pytest
from conftest import run_rule

from tcop_lint.cache import ResultCache

from . import evidence, findings

PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
name: Fishing licence
url: https://github.com/environment-agency/fishing-licence
softwareVersion: "2.3.0"
releaseDate: 2024-05-01
platforms:
  - web
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Buy a rod fishing licence online.
    features:
      - Online payments
legal:
  license: OGL-UK-3.0
maintenance:
  type: internal
  contacts:
    - name: Jane Smith
      email: jane.smith@example.gov.uk
localisation:
  localisationReady: false
  availableLanguages: [en, cy]
"""
NO_PUBLICCODE = (
    "no publiccode.yml found: add a publiccode.yml at the root describing the software, its "
    "licence and maintainers so public sector catalogues can list it for reuse (see "
    "https://yml.publiccode.tools/)"
)


def test_valid_publiccode_with_a_date_release_date(make_repo):
    result = run_rule(make_repo({"publiccode.yml": PUBLICCODE}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]


@pytest.mark.parametrize("valid", [True, False])
def test_publiccode_results_read_back_from_the_cache(make_repo, tmp_path, valid):
    text = PUBLICCODE if valid else PUBLICCODE.replace("stable", "live")
    root = make_repo({"publiccode.yml": text})
    cache = ResultCache(tmp_path / "cache")
    first = run_rule(root, "TC0804", cache=cache)
    kinds = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    # git: the repository's identity (head, remotes) every report now carries
    assert kinds == ["git", "publiccode", "yaml"]
    second = run_rule(root, "TC0804", cache=cache)
    assert (second.outcome, evidence(second), findings(second)) == (
        first.outcome,
        evidence(first),
        findings(first),
    )
    assert first.outcome == ("pass" if valid else "warn")


def test_invalid_key_and_bad_values_point_at_their_lines(make_repo):
    text = (
        PUBLICCODE.replace("developmentStatus: stable", "developmentStatus: live")
        .replace("  license: OGL-UK-3.0\n", "  license: OGL-UK-3.0\n  licence: MIT\n")
        .replace("releaseDate: 2024-05-01", "releaseDate: 2024-13-01")
    )
    result = run_rule(make_repo({"publiccode.yaml": text}), "TC0804")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "publiccode.yml `releaseDate` is not a valid date: write it as YYYY-MM-DD",
            "publiccode.yaml",
            5,
        ),
        (
            (
                "publiccode.yml `developmentStatus` has a value the standard does not allow: "
                "use one of concept, development, beta, stable, obsolete"
            ),
            "publiccode.yaml",
            8,
        ),
        (
            (
                "publiccode.yml has an unknown key `legal.licence`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yaml",
            17,
        ),
    ]
    assert {f.level for f in result.findings} == {"note"}


def test_missing_required_keys_and_wrong_types(make_repo):
    text = PUBLICCODE.replace(
        "maintenance:\n  type: internal\n", "maintenance:\n  kind: internal\n"
    ).replace("platforms:\n  - web\n", "platforms: web\n")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert findings(result) == [
        (
            "publiccode.yml `platforms` must be a list: change its value",
            "publiccode.yml",
            6,
        ),
        (
            (
                "publiccode.yml is missing the required key `type` in `maintenance`: add it "
                "(see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            16,
        ),
        (
            (
                "publiccode.yml has an unknown key `maintenance.kind`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            17,
        ),
    ]


def test_invalid_yaml_points_at_the_parse_error(make_repo):
    text = 'publiccodeYmlVersion: "0.4"\nname: [Fishing\nurl: x\n'
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.message.startswith("invalid YAML: ")
    assert finding.message.endswith(": fix the YAML so publiccode.yml can be read")
    assert (finding.path, finding.start_line) == ("publiccode.yml", 3)


def test_publiccode_that_is_not_a_mapping(make_repo):
    result = run_rule(make_repo({"publiccode.yml": "- just\n- a list\n"}), "TC0804")
    assert findings(result) == [
        (
            (
                "publiccode.yml is not a mapping of keys: start from the example at "
                "https://yml.publiccode.tools/"
            ),
            "publiccode.yml",
            1,
        )
    ]


def test_bc_government_bcgovpubcode_counts(make_repo):
    text = (
        "data_management_roles:\n  data_custodian: Ministry of Forests\n"
        "product_information:\n  product_name: Fishing\n"
    )
    result = run_rule(make_repo({"bcgovpubcode.yaml": text}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("bcgovpubcode.yaml", "BC government public code metadata")
    ]


def test_broken_bcgovpubcode_is_reported(make_repo):
    result = run_rule(make_repo({"bcgovpubcode.yml": "a: [b\n"}), "TC0804")
    [finding] = result.findings
    assert finding.path == "bcgovpubcode.yml"
    assert finding.message.endswith(": fix the YAML so bcgovpubcode.yaml can be read")


def test_hmrc_repository_yaml_is_not_publiccode(make_repo):
    repo = make_repo(
        {
            "repository.yaml": "repoVisibility: public_0C3F0CE3E6E6448FAD341E7BFA50FCD333E06A20CFF05FCACE61154DDBBADF71\ntype: java_library\n"
        }
    )
    result = run_rule(repo, "TC0804")
    assert result.outcome == "warn"
    assert findings(result) == [(NO_PUBLICCODE, None, None)]
    assert result.findings[0].level == "note"


def test_unquoted_version_numbers_are_read_as_text(make_repo):
    text = PUBLICCODE.replace(
        'publiccodeYmlVersion: "0.4"', "publiccodeYmlVersion: 0.4"
    )
    text = text.replace('softwareVersion: "2.3.0"', "softwareVersion: 2.3")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]
    broken = text.replace("localisationReady: false", "localisationReady: 1")
    assert findings(run_rule(make_repo({"publiccode.yml": broken}), "TC0804")) == [
        (
            (
                "publiccode.yml `localisation.localisationReady` must be true or false: change "
                "its value"
            ),
            "publiccode.yml",
            23,
        )
    ]


def test_date_release_date_with_one_misspelt_key(make_repo):
    text = PUBLICCODE.replace("platforms:\n", "platform:\n  - web\nplatforms:\n")
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert findings(result) == [
        (
            (
                "publiccode.yml has an unknown key `platform`: remove it or correct its "
                "spelling (see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            6,
        )
    ]


ITALIAN_SECTION = """\
it:
  countryExtensionVersion: "1.0"
  conforme:
    gdpr: true
  piattaforme:
    spid: true
    pagopa: false
  riuso:
    codiceIPA: c_h501
"""


@pytest.mark.parametrize("key", ["it", "IT"])
def test_italian_country_section_is_part_of_the_standard(make_repo, key):
    """Issue 15, pattern 22: a country-specific section is not an unknown key, and a valid
    file with one is listed as evidence."""
    text = PUBLICCODE + ITALIAN_SECTION.replace("it:", f"{key}:", 1)
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert result.outcome == "pass"
    assert findings(result) == []
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]


def test_other_countries_sections_are_accepted(make_repo):
    text = PUBLICCODE + "fr:\n  label: x\nNL:\n  gemeente: Amsterdam\n"
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert result.outcome == "pass"
    assert evidence(result) == [
        ("publiccode.yml", "valid publiccode.yml (version 0.4)")
    ]


def test_country_sections_are_still_checked(make_repo):
    text = (
        PUBLICCODE
        + ITALIAN_SECTION.replace("spid: true", 'spid: "yes"')
        + "de: enabled\n"
        + "en:\n  shortDescription: misplaced\n"
    )
    result = run_rule(make_repo({"publiccode.yml": text}), "TC0804")
    assert result.outcome == "warn"
    assert findings(result) == [
        (
            "publiccode.yml `it.piattaforme.spid` must be true or false: change its value",
            "publiccode.yml",
            30,
        ),
        (
            "publiccode.yml `de` must be a mapping: change its value",
            "publiccode.yml",
            34,
        ),
        (
            (
                "publiccode.yml has an unknown key `en`: remove it or correct its spelling "
                "(see https://yml.publiccode.tools/)"
            ),
            "publiccode.yml",
            35,
        ),
    ]
    assert [f.id for f in result.findings] == [
        "wrong-type",
        "wrong-type",
        "unknown-key",
    ]
    assert not any(f.missing for f in result.findings)
