"""Regular expressions compiled on first use instead of at import.

A run imports every rule, but most rules' expressions only ever meet files that a given
repository does not have. Python compiles an expression in pure Python, so compiling all ~280 of
them at import took 0.075 s of a 0.4 s run on a small repository; deferred, only the ~120 a
typical run uses are compiled. Expressions matched against every path in the listing stay
``re.compile``: they are always used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast


class _LazyPattern:
    def __init__(self, source: str, flags: int) -> None:
        # Readable without compiling: some callers only pass the source on.
        self.pattern = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Reached once per attribute name: the compiled pattern's attribute is then kept on
        # the instance, so a pattern matched per line of a large file pays no proxy cost.
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


def lazy_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled when first used; same methods and attributes."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))


# -- patterns on repository content: RE2 ------------------------------------------------------
#
# Regular expressions that run in linear time on any repository content: RE2, compiled on
# first use.
#
# A repository's files are untrusted input (issue 19): a pattern such as ``^\\s*Type:`` in
# multi-line mode, or ``.+?\\s*#*\\s*$``, backtracks in Python's ``re`` and a small file built
# for it stalls the run. RE2 (google-re2, installed with ``pathspec[re2]``) guarantees time
# linear in the text. It has no backreferences or look-around, ``\\b`` and ``\\w`` are ASCII
# (use ``\\pL`` for letters), and flags are written inline (``(?i)``, ``(?m)``).
#
# The Python wrapper costs a few microseconds a call, so callers test a cheap ``in`` first
# where a line rarely matches. Text that does not encode as UTF-8 (lone surrogates) is
# matched with U+FFFD in their place.

_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """RE2 takes only text that encodes as UTF-8: lone surrogates (from a ``"\\ud800"`` YAML
    escape or a file name that is not UTF-8) become U+FFFD, one character for one, so
    positions in the text stay right."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


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
            return getattr(regex, method)(encodable(text), *args)

    def search(self, text: str) -> Any:
        return self._call("search", text)

    def match(self, text: str) -> Any:
        return self._call("match", text)

    def fullmatch(self, text: str) -> Any:
        return self._call("fullmatch", text)

    def findall(self, text: str) -> list[Any]:
        return list(self._call("findall", text))

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(self._call("finditer", text))

    def sub(self, replacement: str, text: str) -> str:
        """``replacement`` is a template (``\\1`` names a group)."""
        regex = self._compiled()
        try:
            return str(regex.sub(replacement, text))
        except UnicodeEncodeError:
            return str(regex.sub(replacement, encodable(text)))


def linear_re(source: str) -> LinearPattern:
    """An RE2 pattern for ``source``, compiled when first used."""
    return LinearPattern(source)


def linear_re_problem(source: str) -> str | None:
    """Why RE2 cannot compile ``source`` (``"missing ): (a"``), or ``None``: for checking a
    pattern from a config before the run, without RE2 logging the error to stderr."""
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        re2.compile(source, options)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        return (
            detail.decode("utf-8", "replace")
            if isinstance(detail, bytes)
            else str(detail)
        )
    return None
