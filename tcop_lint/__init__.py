"""tcop-lint: evidence, point by point, that a repository follows the Technology Code of Practice."""

__version__ = "0.1.0"
