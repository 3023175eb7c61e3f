"""``python -m tcop_lint``: the same command line as the ``tcop-lint`` console script."""

from tcop_lint.cli import main

if __name__ == "__main__":
    main(prog_name="tcop-lint")
