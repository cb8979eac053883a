"""Progress bars on stderr (tqdm, loaded only when a bar is asked for)."""

from __future__ import annotations

import sys
from typing import Any

from .extras import tqdm

__all__ = ["Progress", "progress_bar"]


class Progress:
    """A context manager around a tqdm bar, or around nothing when bars are off."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self, n: int) -> None:
        """Advance the bar by ``n``."""
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def progress_bar(total: int | None, what: str, enabled: bool) -> Progress:
    """A bar of ``total`` steps (``None``: unknown) named ``what``, or a silent one.

    Raises:
        MissingDependencyError: ``enabled`` and tqdm is not installed.

    Example:
        >>> with progress_bar(3, "pairs", False) as bar:
        ...     bar.update(3)
    """
    if not enabled:
        return Progress(None)
    return Progress(tqdm(total=total, desc=what, unit="", file=sys.stderr, leave=False))
