"""``python -m tcop_lint``: the same command line as the ``tcop-lint`` console script.

``python -m`` puts the current folder first on the import path, and plugins are found through
the ``*.dist-info`` entry points on that path: run inside a scanned repository, its own
``evil.dist-info`` would be imported. The console script has no such entry, so neither does
this one: the current folder leaves the path before anything else is imported.
"""

import os
import sys


def _without_the_current_folder(path: list[str]) -> list[str]:
    here = os.getcwd()
    return [entry for entry in path if os.path.abspath(entry or ".") != here]


if __name__ == "__main__":
    sys.path[:] = _without_the_current_folder(sys.path)

    from tcop_lint.cli import main

    main(prog_name="tcop-lint")
