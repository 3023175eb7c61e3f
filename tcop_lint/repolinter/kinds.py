"""Policies for each Repolinter rule type, from the rule's options.

Each function takes the policy fields common to every kind (``base``: code, name, topic,
level, the rule's ``policyInfo`` and ``fix``) and the rule's options, and returns the policies
that check exactly what the rule did, or raises :class:`NotConverted` (or
:class:`~tcop_lint.repolinter.translate.Untranslatable`) saying why none can.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tcop_lint.repolinter.translate import first_lines_pattern, js_pattern, policy_globs


class NotConverted(Exception):
    """This rule has no policy equivalent; ``str()`` says why."""


OPTIONS = {
    "file-existence": {
        "globsAny",
        "files",
        "directories",
        "nocase",
        "dirs",
        "fail-message",
    },
    "directory-existence": {"globsAny", "directories", "nocase", "fail-message"},
    "apache-notice": set(),
    "file-not-exists": {"globsAll", "nocase", "dirs", "pass-message"},
    "file-type-exclusion": {"type"},
    "file-contents": {
        "globsAll",
        "files",
        "content",
        "nocase",
        "flags",
        "human-readable-content",
        "fail-on-non-existent",
        "display-result-context",
        "context-char-length",
    },
}
OPTIONS["file-not-contents"] = OPTIONS["file-contents"] | {"contents"}
OPTIONS["file-starts-with"] = {
    "globsAll",
    "files",
    "nocase",
    "patterns",
    "human-readable-pattern",
    "flags",
    "lineCount",
    "succeed-on-non-existent",
    "skip-binary-files",
    "skip-paths-matching",
}

Note = Callable[[str], None]


def _globs(options: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    for key in keys:
        value = options.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(
                isinstance(g, str) for g in value
            ):
                raise NotConverted(f"{key} is not a list of globs")
            if not value:
                raise NotConverted(f"{key} is empty")
            return value
    raise NotConverted(f"it has no {keys[0]}")


def _split(
    globs: list[str],
    nocase: bool,
    note: Note,
    *,
    can_drop: bool,
    folders: bool = False,
) -> list[str]:
    """The policy globs for ``globs``; picomatch's ``!negated`` globs exclude paths, which a
    policy cannot: dropped with a note where that only makes the policy stricter. A glob
    ending in ``/`` names only folders: kept (without it) where ``folders`` count."""
    made: list[str] = []
    for glob in globs:
        if glob.endswith("/") and glob.strip("/"):
            if not folders:
                raise NotConverted(
                    f"{glob} names only folders, and the rule counts files"
                )
            glob = glob.rstrip("/")
        if glob.startswith("!") and not glob.startswith("!("):
            if not can_drop:
                raise NotConverted(f"a policy cannot exclude paths ({glob})")
            note(
                f"{glob} left out (a policy cannot exclude paths): tcop-lint sees "
                f"{glob[1:]} only where git does not ignore it"
            )
            continue
        made.extend(g for g in policy_globs(glob, nocase=nocase) if g not in made)
    if not made:
        raise NotConverted("it has no glob that is not negated")
    return made


def _file_exists(
    base: dict[str, Any], options: dict[str, Any], note: Note
) -> list[dict[str, Any]]:
    globs = _split(
        _globs(options, ("globsAny", "files", "directories")),
        bool(options.get("nocase")),
        note,
        can_drop=False,
        folders=bool(options.get("dirs")),
    )
    if options.get("dirs"):
        globs = [g for glob in globs for g in (glob, f"{glob}/**")]
    what = "file or folder" if options.get("dirs") else "file"
    return [
        _finish(
            base,
            "file-exists",
            globs,
            options.get("fail-message"),
            _missing(what, options, ("globsAny", "files", "directories")),
            "add a file matching one of the globs",
        )
    ]


def _missing(what: str, options: dict[str, Any], keys: tuple[str, ...]) -> str:
    """What a failing ``file-exists`` says; with ``nocase`` the globs as Repolinter wrote
    them, since the policy's (``[Rr][Ee][Aa][Dd][Mm][Ee]*``) are hard to read."""
    if not options.get("nocase"):
        return f"a required {what} is missing"
    globs = next(options[key] for key in keys if options.get(key) is not None)
    return f"no {what} matches {' or '.join(globs)} in any case"


def _directory_exists(
    base: dict[str, Any], options: dict[str, Any], note: Note
) -> list[dict[str, Any]]:
    globs = _split(
        _globs(options, ("globsAny", "directories")),
        bool(options.get("nocase")),
        note,
        can_drop=False,
        folders=True,
    )
    return [
        _finish(
            base,
            "file-exists",
            [f"{glob}/**" for glob in globs],
            options.get("fail-message"),
            _missing("folder", options, ("globsAny", "directories")),
            "add the folder with a committed file in it (git keeps no empty folder)",
        )
    ]


def _apache_notice(
    base: dict[str, Any], options: dict[str, Any], note: Note
) -> list[dict[str, Any]]:
    return [
        _finish(
            base,
            "file-exists",
            ["NOTICE*"],
            None,
            "the NOTICE file is missing",
            "add a NOTICE file",
        )
    ]


def _file_absent(
    base: dict[str, Any], options: dict[str, Any], note: Note
) -> list[dict[str, Any]]:
    key = "type" if "type" in options else "globsAll"
    folders = key == "type" or bool(
        options.get("dirs")
    )  # file-type-exclusion counts folders
    globs = _split(
        _globs(options, (key,)),
        bool(options.get("nocase")),
        note,
        can_drop=True,
        folders=folders,
    )
    if folders:
        globs = [g for glob in globs for g in (glob, f"{glob}/**")]
    return [
        _finish(
            base,
            "file-absent",
            globs,
            None,
            "a file that must not be committed is present",
            "remove it from the repository (git rm)",
        )
    ]


def _contents(
    base: dict[str, Any], options: dict[str, Any], note: Note, *, wanted: bool
) -> list[dict[str, Any]]:
    globs = _split(
        _globs(options, ("globsAll", "files")),
        bool(options.get("nocase")),
        note,
        can_drop=True,
    )
    key = "contents" if "contents" in options else "content"
    sources = _regexes(
        options.get(key) if key == "contents" else [options.get(key)], key
    )
    flags = _flags(options)
    patterns = [js_pattern(source, flags) for source in sources]
    pattern = (
        patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
    )
    shown = options.get("human-readable-content")
    what = (
        shown
        if isinstance(shown, str) and shown
        else "/" + "/ or /".join(sources) + "/"
    )
    made = [
        _finish(
            base,
            "file-contains" if wanted else "file-not-contains",
            globs,
            None,
            f"the file does not contain {what}"
            if wanted
            else f"the file contains {what}",
            f"add {what} to the file" if wanted else f"remove {what} from the file",
            pattern=pattern,
        )
    ]
    if options.get("fail-on-non-existent"):
        made.append(_files_exist(base, globs))
    return made


def _starts_with(
    base: dict[str, Any], options: dict[str, Any], note: Note
) -> list[dict[str, Any]]:
    """One ``file-contains`` per pattern, each found within the first ``lineCount``
    lines; Repolinter fails a rule with no file to check unless
    ``succeed-on-non-existent``, so a ``file-exists`` beside them."""
    globs = _split(
        _globs(options, ("globsAll", "files")),
        bool(options.get("nocase")),
        note,
        can_drop=True,
    )
    count = options.get("lineCount")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise NotConverted("lineCount is not a whole number of lines")
    sources = _regexes(options.get("patterns"), "patterns")
    flags = _flags(options)
    if options.get("skip-paths-matching"):
        note("skip-paths-matching left out (a policy cannot exclude paths)")
    shown = options.get("human-readable-pattern")
    made = []
    for index, source in enumerate(sources):
        what = shown if isinstance(shown, str) and shown else f"/{source}/"
        made.append(
            _finish(
                {**base, "name": base["name"] + (f"-{index + 1}" if index else "")},
                "file-contains",
                globs,
                None,
                f"the first {count} lines do not contain {what}",
                f"add {what} within the first {count} lines",
                pattern=first_lines_pattern(source, flags, count),
            )
        )
    if not options.get("succeed-on-non-existent"):
        made.append(_files_exist(base, globs))
    return made


def _regexes(value: Any, key: str) -> list[str]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, str) and item for item in value)
    ):
        raise NotConverted(f"{key} is not a list of regular expressions")
    return value


def _flags(options: dict[str, Any]) -> str:
    flags = options.get("flags", "")
    if not isinstance(flags, str):
        raise NotConverted("flags is not text")
    return flags


def _files_exist(base: dict[str, Any], globs: list[str]) -> dict[str, Any]:
    """The ``file-exists`` that fails where the rule had no file to check."""
    return _finish(
        {**base, "name": f"{base['name']}-files"},
        "file-exists",
        globs,
        None,
        f"no file for {base['name']} to check",
        "add a file matching one of the globs",
    )


def _finish(
    base: dict[str, Any],
    kind: str,
    globs: list[str],
    fail_message: Any,
    message: str,
    fix: str,
    pattern: str | None = None,
) -> dict[str, Any]:
    """The policy in the order a reader expects its keys."""
    given = fail_message.strip() if isinstance(fail_message, str) else ""
    said = given or base["_info"] or message
    policy: dict[str, Any] = {
        key: base[key] for key in ("code", "name", "topic", "level")
    }
    policy.update(kind=kind, files=globs)
    if kind == "file-exists":
        policy["match"] = "any"
    if pattern is not None:
        policy["pattern"] = pattern
    policy.update(message=said, fix=base["_fix"] or fix)
    if base.get("help-uri"):
        policy["help-uri"] = base["help-uri"]
    return policy


KINDS: dict[
    str, Callable[[dict[str, Any], dict[str, Any], Note], list[dict[str, Any]]]
] = {
    "file-existence": _file_exists,
    "directory-existence": _directory_exists,
    "apache-notice": _apache_notice,
    "file-not-exists": _file_absent,
    "file-type-exclusion": _file_absent,
    "file-contents": lambda base, options, note: _contents(
        base, options, note, wanted=True
    ),
    "file-not-contents": lambda base, options, note: _contents(
        base, options, note, wanted=False
    ),
    "file-starts-with": _starts_with,
}
