"""``tcop-lint import-repolinter``: a Repolinter ruleset as a ``policies:`` config.

``translate`` turns Repolinter's globs (picomatch: braces, ``nocase``) and JavaScript regular
expressions into what a policy holds (tcop-lint path globs, RE2); ``convert`` maps each rule
of a version 2 ruleset to policies or says why it cannot; ``command`` reads the ruleset and
writes the config.
"""
