"""Repolinter's globs and JavaScript regular expressions as a policy's globs and RE2 patterns.

Each function returns the exact equivalent or raises :class:`Untranslatable` with the reason,
which ``import-repolinter`` lists: a policy that matched other files or text than the rule
it came from would be worse than none.

Repolinter matches globs with picomatch: ``{a,b}`` alternates globs (and nests), ``nocase``
ignores case in the whole path. A policy's braces alternate literal text and its matching is
case sensitive, so braces are expanded here and each letter of a ``nocase`` glob becomes a
class (``README*`` is ``[Rr][Ee][Aa][Dd][Mm][Ee]*``). Content patterns are JavaScript
``RegExp`` run with ``String#search`` on the whole file: without the ``m`` flag ``^`` and
``$`` are the start and end of the file (``\\A``, ``\\z`` in RE2, which the policy's
line mode leaves alone), flags ``i`` and ``s`` become ``(?i)`` and ``(?s)``, ``\\uXXXX``
becomes ``\\x{XXXX}``; look-around and backreferences have no RE2 equivalent.
"""

from __future__ import annotations

import re

from tcop_lint.globs import path_glob_problem
from tcop_lint.regex import linear_re_problem

MAX_EXPANSIONS = 64
"""Globs one Repolinter glob may expand to (``{a,b}{c,d}`` is four)."""
MAX_BRACES = 16
"""Brace groups one glob may hold, so that expanding nested groups stays shallow."""

_EXTGLOB = re.compile(r"[@!?*+]\(")
_LITERAL_BRACES = re.compile(r"(?:[^{},]|\{[^{}*?\[\],/]*(?:,[^{}*?\[\],/]*)+\})*")
"""A glob whose every brace group alternates plain names (``docs/{a,b}.md``). Groups that
hold a ``/`` are expanded: policies look a glob's files up by its last name, which such a
group splits."""
_HEX = re.compile(r"[0-9A-Fa-f]+")
_KEPT_ESCAPES = frozenset("dDwWsStnrfv")


class Untranslatable(ValueError):
    """A glob or pattern with no exact policy equivalent; ``str()`` says why."""


# -- globs -----------------------------------------------------------------------------------


def policy_globs(glob: str, *, nocase: bool) -> list[str]:
    """The policy globs matching exactly the files the picomatch ``glob`` does."""
    if "\\" in glob:
        raise Untranslatable(f"glob {glob!r} has a backslash escape")
    if glob.count("{") > MAX_BRACES:
        raise Untranslatable(f"glob {glob[:40]!r}... has more than {MAX_BRACES} braces")
    if _EXTGLOB.search(glob):
        raise Untranslatable(f"glob {glob!r} uses an extglob, such as @(a|b)")
    glob = glob.removeprefix("./")
    globs = []
    for expanded in expand_braces(glob):
        made = caseless(expanded) if nocase else expanded
        if "}" in made[made.find("{") :] and "{" in made:
            raise Untranslatable(
                f"glob {glob!r} has braces without a comma, literal in Repolinter and "
                "an alternation in a policy"
            )
        problem = path_glob_problem(made, classes=True)
        if made.startswith("/") or ".." in made.split("/") or problem is not None:
            raise Untranslatable(
                f"glob {glob!r} is not a path inside the repository"
                + (f" ({problem})" if problem else "")
            )
        if made not in globs:
            globs.append(made)
    if not nocase and len(globs) > 1 and _LITERAL_BRACES.fullmatch(glob):
        return [glob]  # a policy's braces alternate literal text too: kept as written
    return globs


def expand_braces(glob: str) -> list[str]:
    """``{docs/,.github/,}CONTRIB*`` as ``docs/CONTRIB*``, ``.github/CONTRIB*``, ``CONTRIB*``;
    nested groups too. A brace without a comma at its level is literal, as in picomatch."""
    expanded = _expand(glob)
    if expanded is None:
        raise Untranslatable(
            f"glob {glob!r} expands to more than {MAX_EXPANSIONS} globs"
        )
    return expanded


def _expand(glob: str) -> list[str] | None:
    """The expansion, or ``None`` once it passes :data:`MAX_EXPANSIONS`."""
    start = glob.find("{")
    while start != -1:
        end, options = _brace_group(glob, start)
        if options is not None:
            expanded: list[str] = []
            for option in options:
                made = _expand(glob[:start] + option + glob[end + 1 :])
                if made is None:
                    return None
                expanded.extend(item for item in made if item not in expanded)
                if len(expanded) > MAX_EXPANSIONS:
                    return None
            return expanded
        start = glob.find("{", start + 1)
    return [glob]


def _brace_group(glob: str, start: int) -> tuple[int, list[str] | None]:
    """The ``}`` closing the group opened at ``start`` and its options split at its own
    commas; ``None`` options when it does not close or has no comma."""
    depth, options, begin = 0, [], start + 1
    for index in range(start + 1, len(glob)):
        char = glob[index]
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif char == "}":
            options.append(glob[begin:index])
            return index, options if len(options) > 1 else None
        elif char == "," and not depth:
            options.append(glob[begin:index])
            begin = index + 1
    return -1, None


def caseless(glob: str) -> str:
    """``glob`` matching whatever the case of its letters: ``a`` as ``[aA]``, ``[a-c]`` as
    ``[a-cA-C]``."""
    out: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        end = _class_end(glob, index) if char == "[" else -1
        if end != -1:
            body = glob[index + 1 : end]
            negate = body[:1] in ("!", "^")
            inner = body[1:] if negate else body
            other = inner.swapcase()
            out.append(
                f"[{body[:1] if negate else ''}{inner}{other if other != inner else ''}]"
            )
            index = end + 1
            continue
        upper, lower = char.upper(), char.lower()
        if len(upper) == len(lower) == 1 and upper != lower:
            out.append(f"[{upper}{lower}]")
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _class_end(glob: str, start: int) -> int:
    index = start + 1
    if glob[index : index + 1] in ("!", "^") and index < len(glob):
        index += 1
    return glob.find("]", index + 1)


# -- JavaScript regular expressions ----------------------------------------------------------


def js_pattern(source: str, flags: str) -> str:
    """The RE2 pattern that, in a policy's line mode, finds what ``new RegExp(source,
    flags)`` finds with ``String#search`` in the whole file."""
    if "v" in flags:
        raise Untranslatable("flag v (set notation) has no RE2 equivalent")
    if set(flags) - set("dgimsuy") or len(set(flags)) != len(flags):
        raise Untranslatable(f"{flags!r} are not JavaScript regular expression flags")
    body = _translate(source, multiline="m" in flags, unicode="u" in flags)
    if "y" in flags:  # sticky: String#search matches only at index 0
        body = rf"\A(?:{body})"
    inline = "".join(flag for flag in "is" if flag in flags)
    pattern = (f"(?{inline})" if inline else "") + body
    problem = linear_re_problem(f"(?m){pattern}")
    if problem is not None:
        raise Untranslatable(f"RE2 cannot run /{source}/ ({problem})")
    return pattern


def _translate(source: str, *, multiline: bool, unicode: bool) -> str:
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            piece, index = _escape(source, index, unicode, in_class=False)
        elif char == "[":
            piece, index = _class(source, index, unicode)
        elif source.startswith(("(?=", "(?!", "(?<=", "(?<!"), index):
            raise Untranslatable(
                f"/{source}/ uses look-around, which RE2 does not have"
            )
        elif source.startswith("(?<", index):
            piece, index = "(?P<", index + 3
        elif char in "^$" and not multiline:
            piece, index = (r"\A" if char == "^" else r"\z"), index + 1
        else:
            piece, index = char, index + 1
        out.append(piece)
    return "".join(out)


def _class(source: str, start: int, unicode: bool) -> tuple[str, int]:
    index = start + 1
    negate = source.startswith("^", index)
    index += negate
    if source.startswith("]", index):
        if negate:  # [^] is any character
            return "(?s:.)", index + 1
        raise Untranslatable(f"/{source}/ has [], a class that matches nothing")
    parts = ["[^" if negate else "["]
    while index < len(source) and source[index] != "]":
        if source[index] == "\\":
            piece, index = _escape(source, index, unicode, in_class=True)
        else:
            piece, index = ("\\[" if source[index] == "[" else source[index]), index + 1
        parts.append(piece)
    if index >= len(source):
        raise Untranslatable(f"/{source}/ has a [ that is not closed")
    return "".join(parts) + "]", index + 1


def _escape(
    source: str, start: int, unicode: bool, *, in_class: bool
) -> tuple[str, int]:
    """The escape at ``start`` (a backslash) in RE2 syntax, and where the next token is."""
    char = source[start + 1 : start + 2]
    after = start + 2
    if not char:
        raise Untranslatable(f"/{source}/ ends with a lone backslash")
    if char == "u":
        return _unicode_escape(source, start, unicode)
    if char == "x" and _hex_at(source, after, 2):
        return "\\x" + source[after : after + 2], after + 2
    control = source[after : after + 1]
    if char == "c" and control.isascii() and control.isalpha():
        return f"\\x{ord(control) % 32:02X}", after + 1
    if char == "0" and not source[after : after + 1].isdigit():
        return "\\x00", after
    if char.isdigit() or (char == "k" and (unicode or "(?<" in source)):
        raise Untranslatable(f"/{source}/ has a backreference, which RE2 does not have")
    if char == "b" and in_class:
        return "\\x08", after
    if char in _KEPT_ESCAPES or (char in "bB" and not in_class):
        return "\\" + char, after
    if char in "pP" and unicode:
        return "\\" + char, after
    if char.isascii() and char.isalnum():
        if unicode:
            raise Untranslatable(f"/{source}/ has \\{char}, not an escape with flag u")
        return char, after  # an identity escape: \e is e
    return ("\\" + char if char.isascii() else char), after


def _unicode_escape(source: str, start: int, unicode: bool) -> tuple[str, int]:
    after = start + 2
    if unicode and source.startswith("{", after):
        end = source.find("}", after)
        digits = source[after + 1 : end] if end != -1 else ""
        if _HEX.fullmatch(digits or "-"):
            return f"\\x{{{digits}}}", end + 1
    elif _hex_at(source, after, 4):
        return f"\\x{{{source[after : after + 4]}}}", after + 4
    if unicode:
        raise Untranslatable(f"/{source}/ has a \\u escape that is not one")
    return "u", after


def _hex_at(source: str, at: int, count: int) -> bool:
    digits = source[at : at + count]
    return len(digits) == count and _HEX.fullmatch(digits) is not None


MAX_FIRST_LINES = 1000
"""The most lines :func:`first_lines_pattern` can look in (RE2's largest repeat count)."""
_LINE_SAFE_ESCAPES = frozenset("AbBdwS")


def first_lines_pattern(source: str, flags: str, lines: int) -> str:
    """The RE2 pattern that finds ``new RegExp(source, flags)`` in the first ``lines``
    lines of a file, as Repolinter's ``file-starts-with`` does. Exact only for a pattern
    that never matches a line break (or the end of the text), so any other is refused."""
    if lines > MAX_FIRST_LINES:
        raise Untranslatable(f"lineCount {lines} is more than RE2 can count")
    pattern = js_pattern(source, flags)
    if "s" in flags or "(?s" in pattern or _may_cross_lines(pattern):
        raise Untranslatable(
            f"/{source}/ may match a line break or the end of the text, so the lines it "
            "matched on cannot be told (\\s, \\n, [^...], $ without flag m...)"
        )
    made = rf"\A(?:[^\n]*\n){{0,{lines - 1}}}[^\n]*?(?:{pattern})"
    problem = linear_re_problem(f"(?m){made}")
    if problem is not None:
        raise Untranslatable(
            f"RE2 cannot run /{source}/ in the first lines ({problem})"
        )
    return made


def _may_cross_lines(pattern: str) -> bool:
    """Whether an RE2 pattern (from :func:`js_pattern`) might match ``\\n`` or the end of
    the text: any escape but ``\\A``, ``\\b``, ``\\d``, ``\\w``, ``\\S`` and punctuation, a
    negated class, a line break in the pattern."""
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1 : index + 2]
            if escaped not in _LINE_SAFE_ESCAPES and (
                escaped.isalnum() or not escaped.isascii() or not escaped
            ):
                return True
            index += 2
            continue
        if pattern.startswith("[^", index) or char == "\n":
            return True
        index += 1
    return False
