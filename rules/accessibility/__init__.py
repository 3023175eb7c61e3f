"""Point 2, make things accessible and inclusive: automated accessibility tests, run by CI,
and an accessibility statement, wherever the repository has a web front end. One module per
rule; which files make a front end is decided once, in :mod:`tcop_lint.facts.frontend`, and
every rule here is skipped, with the same reason, when there is none."""
