"""Licence texts for tests, rendered at test time from the matcher's own bundled patterns.

No licence text is committed to this repository. ``licenseclassifier`` ships its corpus as
LRE patterns (licensecheck's word-level regular expressions: ``((a || b))`` alternatives,
``((x))??`` optional parts, ``__N__`` up to N arbitrary words, ``//** comments **//``). Taking
one path through a pattern gives a text the licence's own pattern accepts: the optional parts
left out and the first alternative chosen unless another is much longer (so the Apache and
MPL patterns give their full text, not the short notice they also accept), wildcards empty.
"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
from functools import cache
from importlib import resources

_COMMENT = re.compile(r"//\*\*.*?\*\*//", re.DOTALL)
_TOKEN = re.compile(r"\(\(|\)\)\?\?|\)\)|\|\||__\d+__")


@cache
def _patterns() -> dict[str, str]:
    raw = (
        resources.files("licenseclassifier")
        .joinpath("_engine/licenses.json.gz")
        .read_bytes()
    )
    patterns: dict[str, str] = {}
    for entry in json.loads(gzip.decompress(raw)):
        if entry.get("lre"):
            patterns.setdefault(entry["id"], entry["lre"])
    return patterns


def _parse(tokens: list[str], pos: int) -> tuple[list, int]:
    """A sequence of text and groups up to the closing ``))`` of the current group."""
    items: list = []
    while pos < len(tokens):
        token = tokens[pos]
        if token == "((":
            alternatives: list[list] = []
            pos += 1
            while True:
                seq, pos = _parse(tokens, pos)
                alternatives.append(seq)
                if tokens[pos] == "||":
                    pos += 1
                    continue
                if tokens[pos] == "))??":  # optional: not taking it is the first choice
                    alternatives.insert(0, [])
                pos += 1
                break
            items.append(alternatives)
        elif token in ("||", "))", "))??"):
            return items, pos
        else:
            items.append(token)
            pos += 1
    return items, pos


def _render(items: list) -> str:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(" " if re.fullmatch(r"__\d+__", item) else item)
        else:
            texts = [_render(alternative) for alternative in item]
            chosen = texts[0]
            longest = max(texts, key=lambda t: len(t.split()))
            if len(longest.split()) > len(chosen.split()) + 50:
                chosen = longest
            out.append(" " + chosen + " ")
    return "".join(out)


def licence_text(spdx_id: str) -> str:
    """A full text of ``spdx_id`` (as licenseclassifier names it), wrapped at 78 columns."""
    lre = _COMMENT.sub(" ", _patterns()[spdx_id])
    tokens = [t for t in re.split(f"({_TOKEN.pattern})", lre) if t]
    items, _ = _parse(tokens, 0)
    paragraphs = re.split(r"\n\s*\n", _render(items))
    wrapped = [textwrap.fill(" ".join(p.split()), 78) for p in paragraphs if p.split()]
    return "\n\n".join(wrapped) + "\n"


def mit_text(copyright_line: str = "Copyright (c) 2024 Example Contributors") -> str:
    """The MIT licence with ``copyright_line`` as its copyright line."""
    body = licence_text("MIT")
    start = body.index("Permission is hereby granted")
    return f"MIT License\n\n{copyright_line}\n\n{body[start:]}"


# A notice we wrote ourselves, in the form the Apache licence's appendix recommends.
APACHE_NOTICE = """\
Copyright 2024 Example Contributors

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""
