"""Pausing Python's cyclic garbage collector around work that builds many objects.

A run builds indexes of every path and parse trees of the files it reads, and frees them by
reference counting: they hold no cycles. The collector still walks them on every pass it
makes while they grow, which was a fifth of a 100,000-file run and three quarters of parsing
a 2 MB YAML document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
