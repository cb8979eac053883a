"""Helpers shared by the test modules (pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import newsalign as na

DATA = Path(__file__).resolve().parent / "data"


def pair_f1(al: na.Alignment, gold: dict[str, Any]) -> tuple[float, float, float]:
    """The scoring the gold file describes: precision over predicted pairs that lie in any
    gold link, recall over the pairs of its equivalent links."""
    allowed = {(i, j) for g in gold["links"] for i in g["a"] for j in g["b"]}
    equivalent = {
        (i, j) for g in gold["links"] if g["kind"] == "equivalent" for i in g["a"] for j in g["b"]
    }
    pred = set(al.pairs())
    p = len(pred & allowed) / len(pred) if pred else 0.0
    r = len(pred & equivalent) / len(equivalent)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
