"""Command line: ``tcop-lint [PATH]``, ``list-rules``, ``explain RULE``, ``init``, ``estate``.

Exit codes: 0 nothing reached ``--fail-on``; 1 something did; 2 usage or configuration error
(one line on stderr); 3 internal error (one line, ``--debug`` for the traceback).
Only click is imported at start-up; the engine loads when a command needs it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from tcop_lint import __version__, collector

if TYPE_CHECKING:
    from pathlib import Path

    from tcop_lint.checking import Runner
    from tcop_lint.results import Report
    from tcop_lint.rule import Rule

FORMAT_NAMES = (
    "text",
    "json",
    "sarif",
    "markdown",
    "github",
    "gitlab",
    "junit",
    "html",
)
FAIL_ON = ("error", "warning", "note", "never")
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageProblem(click.ClickException):
    """A usage or configuration problem: one line on stderr, exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"tcop-lint: {self.message}", err=True)


class DefaultToCheck(click.Group):
    """``tcop-lint [PATH]`` runs the checks; named subcommands do everything else."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands
            and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[PATH] [CHECK OPTIONS]")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", "   or: ")

    def format_commands(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        """The commands, then the options of ``check``, the command ``tcop-lint [PATH]``
        runs, so that ``tcop-lint --help`` shows how to run the checks."""
        super().format_commands(ctx, formatter)
        check = self.commands["check"]
        rows = [
            record
            for param in check.get_params(ctx)
            if isinstance(param, click.Option)
            and "--help" not in param.opts
            and (record := param.get_help_record(ctx))
        ]
        with formatter.section("Check options (tcop-lint [PATH] is tcop-lint check)"):
            formatter.write_dl(rows)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        part.strip() for value in values for part in value.split(",") if part.strip()
    )


def _parse_format(value: str) -> tuple[str, Path | None]:
    from pathlib import Path

    name, _, target = value.partition(":")
    if name not in FORMAT_NAMES:
        raise UsageProblem(
            f"unknown format {name!r} (choose from {', '.join(FORMAT_NAMES)})"
        )
    return name, Path(target) if target else None


@click.group(
    cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(
    __version__, "--version", prog_name="tcop-lint", message="%(prog)s %(version)s"
)
def main() -> None:
    """Check a repository for evidence that it follows the Technology Code of Practice."""


# Paths arrive as text and become pathlib.Path in the command: `--version` and `--help` need
# no pathlib, which is 8% of their instructions.
@main.command("check")
@click.argument("path", default=".", type=click.Path())
@click.option(
    "--profile",
    type=click.Choice(["uk", "bc"]),
    help="Edition of the Code (default: config, else uk).",
)
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    help="Config file instead of .tcop-lint.yml / pyproject.toml.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest finding level that makes the exit code 1.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules: codes, code prefixes, names or topics, comma-separated.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Skip these rules (same forms as --select).",
)
@click.option(
    "--online/--offline",
    default=None,
    help=(
        "Allow rules to call code host APIs (default: offline, unless a --config file "
        "outside the checked repository says online: true; the repository's own config "
        "cannot)."
    ),
)
@click.option(
    "--allow-private-hosts",
    is_flag=True,
    help="With --online, let remote $refs (TC0401) reach private and local addresses.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT[:FILE]",
    help=f"Output format, optionally to a file; repeatable. One of: {', '.join(FORMAT_NAMES)}.",
)
@click.option(
    "--baseline",
    type=click.Path(),
    metavar="FILE",
    help="Report only findings not in this earlier SARIF or JSON report.",
)
@click.option(
    "--omit-suppressed",
    is_flag=True,
    help="Leave exempted and inline-suppressed findings out of the sarif and github "
    "formats (GitHub code scanning ignores SARIF suppressions and opens them as alerts).",
)
@click.option(
    "--allow-plugins",
    is_flag=True,
    help="Trust and load the local plugin folders the config names.",
)
@click.option(
    "--tracked-only",
    is_flag=True,
    help="Only files git tracks or has staged are evidence, not untracked ones: judge what "
    "is being committed (the pre-commit hooks pass it).",
)
@click.option(
    "--rule-time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,  # engine.DEFAULT_RULE_SECONDS; the engine is not imported this early
    show_default=True,
    metavar="SECONDS",
    help="Stop a rule that runs longer, as an error for that rule; the others still report.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Text output: only findings and the totals line.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Text output: also list the evidence found."
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not reuse or keep analysis results between runs.",
)
@click.option("--no-color", is_flag=True, help="Never colour the text output.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def check(
    path: str,
    profile: str | None,
    config_file: str | None,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    online: bool | None,
    allow_private_hosts: bool,
    formats: tuple[str, ...],
    baseline: str | None,
    omit_suppressed: bool,
    allow_plugins: bool,
    tracked_only: bool,
    rule_time_limit: float,
    quiet: bool,
    verbose: bool,
    no_cache: bool,
    no_color: bool,
    debug: bool,
) -> None:
    """Check the repository at PATH (default: the current directory)."""
    from pathlib import Path

    from tcop_lint.checking import Runner

    outputs = [_parse_format(f) for f in formats] or [("text", None)]
    _refuse_shared_targets(formats, outputs)
    _refuse_a_path_that_leaves_its_checkout(path)
    _refuse_unsafe_files(path, outputs, baseline)
    from tcop_lint.gitlisting import start_listing

    start_listing(path, tracked_only)  # git lists files while the rules are imported
    try:
        with collector.paused_for_the_rest():
            report = _run(
                Path(path),
                profile,
                config_file,
                select,
                ignore,
                Runner(
                    online,
                    allow_private_hosts,
                    allow_plugins,
                    rule_time_limit,
                    tracked_only,
                ),
                Path(baseline) if baseline else None,
                no_cache,
            )
            color = (
                not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
            )
            _emit(
                report,
                outputs,
                color=color,
                quiet=quiet,
                verbose=verbose,
                omit_suppressed=omit_suppressed,
            )
        code = report.exit_code(fail_on)
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, exit 3
        _internal_error(exc, debug)
    sys.exit(code)


def _refuse_shared_targets(
    formats: tuple[str, ...], outputs: list[tuple[str, Path | None]]
) -> None:
    from tcop_lint.report.targets import SharedTarget, refuse_shared_targets

    try:
        refuse_shared_targets(
            formats, [target for _, target in outputs][: len(formats)]
        )
    except SharedTarget as exc:
        raise UsageProblem(str(exc)) from None


def _refuse_a_path_that_leaves_its_checkout(path: str) -> None:
    from tcop_lint.checking import CheckProblem, refuse_a_path_that_leaves_its_checkout

    try:
        refuse_a_path_that_leaves_its_checkout(path)
    except CheckProblem as exc:
        raise UsageProblem(str(exc)) from None


def _refuse_unsafe_files(
    root: str, outputs: list[tuple[str, Path | None]], baseline: str | None
) -> None:
    """Refuse report and baseline paths that a repository could have planted.

    Inside the working directory or the scanned checkout (the places whose content may come
    from a pull request), no symbolic link on the way may lead out of that place, and an
    existing file must be a regular file: a committed ``tcop-lint.sarif`` linked to
    ``/dev/stderr`` must not send the report to the job log, a linked folder must not take it
    elsewhere. A path outside both (``/dev/stdout``, a pipe, a file in ``/tmp``) is yours.
    """
    from pathlib import Path

    from tcop_lint.checking import links_on, work_tree

    try:
        scanned = Path(root).resolve()
    except RuntimeError:  # a loop: the checks that follow report it
        scanned = Path(os.path.abspath(root))
    places = {Path.cwd().resolve(), work_tree(scanned) or scanned}
    places = {p for p in places if p != Path(p.anchor)}  # a container's cwd of /
    named = [(f"the {name} report", target) for name, target in outputs if target]
    if baseline:
        named.append(("the baseline", Path(baseline)))
    for what, path in named:
        links, real = links_on(path)
        for link, target in links:
            place = _place_of(link.parent, places)
            if place is not None and not target.is_relative_to(place):
                raise UsageProblem(
                    f"{path}: refused as {what}: {link} is a symbolic link that leads "
                    f"outside {place}"
                )
        if (
            real is not None
            and _place_of(real, places) is not None
            and real.exists()
            and not real.is_file()
        ):
            raise UsageProblem(f"{path}: refused as {what}: not a regular file")


def _place_of(path: Path, places: set[Path]) -> Path | None:
    return next((p for p in places if path.is_relative_to(p)), None)


def _run(
    path: Path,
    profile: str | None,
    config_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    runner: Runner,
    baseline: Path | None,
    no_cache: bool,
) -> Report:
    from tcop_lint.checking import CheckProblem, check_repository

    try:
        return check_repository(
            path,
            profile,
            config_file,
            _split(select),
            _split(ignore),
            runner,
            baseline,
            no_cache,
        )
    except CheckProblem as exc:
        raise UsageProblem(str(exc)) from None


def _emit(
    report: Report,
    outputs: list[tuple[str, Path | None]],
    *,
    color: bool,
    quiet: bool,
    verbose: bool,
    omit_suppressed: bool = False,
) -> None:
    from tcop_lint.report import renderer, write_atomically

    for name, target in outputs:
        to_terminal = target is None
        text = renderer(name)(
            report,
            color=color and to_terminal and name == "text",
            quiet=quiet,
            verbose=verbose,
            omit_suppressed=omit_suppressed,
        )
        if name == "sarif":
            _warn_of_sarif_cap(report, omit_suppressed)
        if target is None:
            click.echo(text, nl=False)
            continue
        try:
            write_atomically(target, text)
        except OSError as exc:  # a directory, a missing parent, no permission...
            raise UsageProblem(
                f"{target}: cannot write the {name} report: {exc.strerror or exc}"
            ) from None


def _warn_of_sarif_cap(report: Report, omit_suppressed: bool) -> None:
    """Say on stderr what GitHub's results limit left out of the SARIF file."""
    from tcop_lint.report.sarif import kept_findings, left_out_note

    note = left_out_note(kept_findings(report, omit_suppressed=omit_suppressed)[1])
    if note:
        click.echo(f"tcop-lint: {note}", err=True)


def _internal_error(exc: BaseException, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exception(exc)
    click.echo(
        f"tcop-lint: internal error: {type(exc).__name__}: {exc} (re-run with --debug for the traceback)",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


def _rule_sources(command: Any) -> Any:
    """The options that say which rules exist, as ``check`` finds them: PATH's config
    (or ``--config``) names plugins and policies; ``--allow-plugins`` trusts its folders."""
    command = click.option(
        "--allow-plugins",
        is_flag=True,
        help="Trust and load the local plugin folders the config names.",
    )(command)
    command = click.option(
        "--config",
        "config_file",
        metavar="FILE",
        help="Config file instead of PATH's .tcop-lint.yml / pyproject.toml.",
    )(command)
    return click.argument("path", default=".", type=click.Path())(command)


@main.command("list-rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@_rule_sources
def list_rules(
    fmt: str, path: str, config_file: str | None, allow_plugins: bool
) -> None:
    """List every rule a check of the repository at PATH (default: the current directory)
    knows, its plugins' and policies' included: code, name, topic, level and summary."""
    import json

    from tcop_lint.profiles import PROFILES

    rules = _rules_for(path, config_file, allow_plugins)
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "topic": r.topic,
                "level": r.level,
                "summary": r.summary,
                "points": {
                    name: (point.number if (point := p.point_for(r.topic)) else None)
                    for name, p in PROFILES.items()
                },
            }
            for r in rules.values()
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rules.values():
        click.echo(f"{r.code}  {r.name:<32} {r.level:<8} {r.topic:<17} {r.summary}")


@main.command("explain")
@click.argument("rule")
@_rule_sources
def explain(rule: str, path: str, config_file: str | None, allow_plugins: bool) -> None:
    """Explain a rule (by code or name): the Code point it evidences and how to fix it.
    A plugin's or policy's rule is found through the config of the repository at PATH."""
    from tcop_lint.explain import explain_text
    from tcop_lint.registry import did_you_mean, lookup

    rules = _rules_for(path, config_file, allow_plugins)
    found = lookup(rules, rule)
    if found is None:
        raise UsageProblem(
            f"unknown rule {rule!r}" + did_you_mean(rules.values(), rule)
        )
    click.echo(explain_text(found))


def _rules_for(
    path: str, config_file: str | None, allow_plugins: bool
) -> dict[str, Rule]:
    """The rules a check of the repository at ``path`` runs from: built-in, installed
    plugins, the plugin folders and policies its config (or ``config_file``) names, and the
    engine's own (TC0001 inline-suppression)."""
    from pathlib import Path

    from tcop_lint import config as config_module
    from tcop_lint import engine
    from tcop_lint.registry import RegistryError, index

    folder = Path(path)
    if not folder.is_dir():
        raise UsageProblem(f"{path}: no such directory")
    try:
        config = config_module.load(folder.resolve(), config_file)
        rules = engine.load_rules(config, allow_local_plugins=allow_plugins)
        return index([*rules.values(), *engine.OWN_RULES.values()])
    except (config_module.ConfigError, RegistryError) as exc:
        raise UsageProblem(str(exc)) from None


@main.command("init")
@click.argument("path", default=".", type=click.Path())
@click.option(
    "--dry-run", is_flag=True, help="Print what would be written; write nothing."
)
def init(path: str, dry_run: bool) -> None:
    """Write the evidence files the repository at PATH is missing; never overwrite."""
    from pathlib import Path

    from tcop_lint.init import InitError
    from tcop_lint.init import run as run_init

    try:
        lines = run_init(Path(path), dry_run=dry_run)
    except InitError as exc:
        raise UsageProblem(str(exc)) from None
    for line in lines:
        click.echo(line)


@main.command("import-repolinter")
@click.argument("ruleset", type=click.Path(dir_okay=False))
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the config to FILE."
)
@click.option(
    "--prefix", default="RL", show_default=True, help="The policies' code prefix."
)
def import_repolinter(ruleset: str, output: str | None, prefix: str) -> None:
    """Convert a Repolinter ruleset (JSON or YAML) into a policies: config on standard
    output; standard error lists the rules not converted and why."""
    from tcop_lint.repolinter.command import ImportProblem, run

    try:
        code = run(ruleset, output, prefix)
    except ImportProblem as exc:
        raise UsageProblem(str(exc)) from None
    sys.exit(code)


def _as_for_check(name: str) -> str:
    """The help of ``check``'s option ``name``: the estate's option means the same."""
    return next(p.help or "" for p in check.params if p.name == name)


_CHECKING_ONLY = (
    "select",
    "ignore",
    "online",
    "allow_private_hosts",
    "allow_plugins",
    "rule_time_limit",
    "repo_time_limit",
    "no_cache",
    "jobs",
)


@main.command("estate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--from-file",
    metavar="FILE",
    help="Also the paths this file lists, one a line (- reads standard input).",
)
@click.option(
    "--merge",
    is_flag=True,
    help="PATHS are JSON reports (--format json), failure records or estate.json files "
    "made elsewhere: merge them instead of checking.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="An earlier estate.json: record the points each repository gained and lost since.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(),
    metavar="DIR",
    help="Folder for estate.json, estate.csv and index.html.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Repositories checked at once (default: the number of CPUs).",
)
@click.option(
    "--profile",
    type=click.Choice(["uk", "bc"]),
    help="Edition of the Code for every repository and the columns (default: each "
    "repository's config; the columns follow the edition most use).",
)
@click.option("--select", multiple=True, metavar="RULES", help=_as_for_check("select"))
@click.option("--ignore", multiple=True, metavar="RULES", help=_as_for_check("ignore"))
@click.option("--online/--offline", default=None, help=_as_for_check("online"))
@click.option(
    "--allow-private-hosts", is_flag=True, help=_as_for_check("allow_private_hosts")
)
@click.option("--allow-plugins", is_flag=True, help=_as_for_check("allow_plugins"))
@click.option(
    "--rule-time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    metavar="SECONDS",
    help=_as_for_check("rule_time_limit"),
)
@click.option(
    "--repo-time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=900.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop checking a repository that takes longer, recorded with that reason; the "
    "others are still checked.",
)
@click.option("--no-cache", is_flag=True, help=_as_for_check("no_cache"))
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="never",
    show_default=True,
    help="Also exit 1 when a repository has a finding at this level or above.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary line.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def estate(ctx: click.Context, **options: Any) -> None:
    """Check many repositories (PATHS) in one run, or merge reports made elsewhere, into
    one estate view: DIR/estate.json, DIR/estate.csv and the dashboard DIR/index.html.

    Exit code 0 when every repository was checked, 1 when one could not be (each is
    recorded with its reason; the others are still checked), 2 for a usage problem.
    """
    from tcop_lint.checking import Runner
    from tcop_lint.estate.command import EstateProblem, EstateRequest, run_estate
    from tcop_lint.estate.run import Settings

    if options["merge"]:
        for name in _CHECKING_ONLY:
            if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT:
                flag = name.replace("_", "-")
                raise UsageProblem(f"--{flag} applies to checking, not to --merge")
    request = EstateRequest(
        tuple(options["paths"]),
        options["from_file"],
        options["merge"],
        options["previous"],
        options["output"],
        options["jobs"],
        options["profile"],
        options["fail_on"],
        options["quiet"],
    )
    settings = Settings(
        options["profile"],
        _split(options["select"]),
        _split(options["ignore"]),
        Runner(
            options["online"],
            options["allow_private_hosts"],
            options["allow_plugins"],
            options["rule_time_limit"],
        ),
        options["no_cache"],
        options["repo_time_limit"],
    )
    try:
        code = run_estate(request, settings)
    except EstateProblem as exc:
        raise UsageProblem(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, exit 3
        _internal_error(exc, options["debug"])
    sys.exit(code)
