"""Argument checks at the public boundary, one definition each.

Every settings record and public function checks its numbers here, so "threshold must be in
[0, 1], got 1.5" reads the same everywhere, and ``True``, ``nan`` and ``inf`` are refused
alike (``True`` is an ``int`` to Python, not a threshold to a reader).
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from .errors import ConfigError, InputError

__all__ = ["check_at_least", "check_text", "check_unit"]


def _number(name: str, value: Any, rule: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise ConfigError(f"{name} must be {rule}, got {value!r}")
    return float(value)  # numpy scalars are Real too


def check_unit(name: str, value: Any) -> float:
    """``value`` as a float in [0, 1], or :class:`ConfigError` naming ``name``.

    Example:
        >>> check_unit("threshold", 0.5)
        0.5
        >>> check_unit("threshold", 2)
        Traceback (most recent call last):
        ...
        newsalign.errors.ConfigError: threshold must be in [0, 1], got 2
    """
    x = _number(name, value, "in [0, 1]")
    if not 0.0 <= x <= 1.0:
        raise ConfigError(f"{name} must be in [0, 1], got {value!r}")
    return x


def check_at_least(name: str, value: Any, low: float) -> float:
    """``value`` as a finite number ``>= low``, or :class:`ConfigError` naming ``name``.

    Example:
        >>> check_at_least("top_k", 3, 1)
        3.0
    """
    rule = f">= {low:g}"
    x = _number(name, value, rule)
    if not math.isfinite(x) or x < low:
        raise ConfigError(f"{name} must be {rule}, got {value!r}")
    return x


def check_text(name: str, value: Any) -> str:
    """``value`` if it is a ``str`` that UTF-8 can encode, or :class:`InputError` naming it.

    A lone surrogate (``"\\ud800"``, legal in JSON and in Python strings) cannot be written
    out, so it is refused here with its offset instead of failing later in a writer.

    Example:
        >>> check_text("text", "Seoul said so.")
        'Seoul said so.'
        >>> check_text("text", b"bytes")
        Traceback (most recent call last):
        ...
        newsalign.errors.InputError: text must be a str, got bytes (decode it first)
    """
    if not isinstance(value, str):
        hint = " (decode it first)" if isinstance(value, (bytes, bytearray)) else ""
        raise InputError(f"{name} must be a str, got {type(value).__name__}{hint}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{name} holds a lone surrogate U+{ord(value[exc.start]):04X} at character "
            f"offset {exc.start}: not encodable as UTF-8"
        ) from None
    return value
