"""Errors raised by newsalign.

Every error the library raises on purpose derives from :class:`NewsalignError`, so a caller
can catch one class. The tree::

    NewsalignError
    ├── InputError            bad user data: empty text, undecodable bytes, a missing file
    ├── ConfigError           a bad argument: unknown encoder or mode, threshold out of range
    ├── MissingDependencyError an optional extra is not installed (names the extra)
    └── DataError             benchmark or evaluation data missing or malformed

``InputError`` and ``ConfigError`` are also ``ValueError``; ``MissingDependencyError`` is
also ``ImportError``, so code written against the built-in classes keeps working.
The CLI prints any of them as one line on stderr and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataError",
    "InputError",
    "MissingDependencyError",
    "NewsalignError",
]


class NewsalignError(Exception):
    """Base class of every error newsalign raises on purpose."""


class InputError(NewsalignError, ValueError):
    """The input text or file cannot be used (empty, not UTF-8, missing, a directory)."""


class ConfigError(NewsalignError, ValueError):
    """An argument is invalid: unknown encoder or mode, a threshold outside [0, 1]."""


class MissingDependencyError(NewsalignError, ImportError):
    """An optional dependency is needed; the message names the extra to install."""


class DataError(NewsalignError):
    """Evaluation or benchmark data is absent or malformed (names the path and line)."""
