"""Regular expressions that run in linear time on any repository content: RE2, compiled on
first use.

A repository's files are untrusted input (issue 19): a pattern such as ``^\\s*Type:`` in
multi-line mode, or ``.+?\\s*#*\\s*$``, backtracks in Python's ``re`` and a small file built
for it stalls the run. RE2 (google-re2, installed with ``pathspec[re2]``) guarantees time
linear in the text. It has no backreferences or look-around, ``\\b`` and ``\\w`` are ASCII
(use ``\\pL`` for letters), and flags are written inline (``(?i)``, ``(?m)``).

The Python wrapper costs a few microseconds a call, so callers test a cheap ``in`` first
where a line rarely matches. Text that does not encode as UTF-8 (lone surrogates) is
matched with U+FFFD in their place.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


class LinearPattern:
    """An RE2 pattern with the ``re.Pattern`` methods the facts use; matches are RE2's
    match objects (``group``, ``groups``, ``start``, ``end``, ``span``)."""

    __slots__ = ("_regex", "pattern")

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._regex: Any = None

    def _compiled(self) -> Any:
        if self._regex is None:
            import re2  # type: ignore[import-untyped]

            self._regex = re2.compile(self.pattern)
        return self._regex

    def _call(self, method: str, text: str, *args: Any) -> Any:
        regex = self._compiled()
        try:
            return getattr(regex, method)(text, *args)
        except UnicodeEncodeError:
            return getattr(regex, method)(_encodable(text), *args)

    def search(self, text: str) -> Any:
        return self._call("search", text)

    def match(self, text: str) -> Any:
        return self._call("match", text)

    def fullmatch(self, text: str) -> Any:
        return self._call("fullmatch", text)

    def findall(self, text: str) -> list[Any]:
        return list(self._call("findall", text))

    def sub(self, replacement: str, text: str) -> str:
        """``replacement`` is a template (``\\1`` names a group)."""
        regex = self._compiled()
        try:
            return str(regex.sub(replacement, text))
        except UnicodeEncodeError:
            return str(regex.sub(replacement, _encodable(text)))


def linear_re(source: str) -> LinearPattern:
    """An RE2 pattern for ``source``, compiled when first used."""
    return LinearPattern(source)
