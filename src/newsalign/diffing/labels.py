"""What every view of a diff shares: the op markers, the fact-difference labels, the type check."""

from __future__ import annotations

from ..errors import InputError
from .multi import MultiAlignment
from .ops import Diff

__all__ = ["FACT_LABELS", "MARKERS", "check_result"]


MARKERS = {
    "equal": "=", "paraphrase": "~", "partial": "≈", "split": "<", "merged": ">",
    "regrouped": "#", "deleted": "-", "inserted": "+",
}  # fmt: skip


FACT_LABELS = {
    "conflict": "conflict", "qualifier": "qualifier differs", "role": "role differs",
    "unit": "unit differs", "restated": "restated", "name_variant": "name variant",
    "left_only": "only left", "right_only": "only right",
}  # fmt: skip


def check_result(result: object) -> None:
    if not isinstance(result, (Diff, MultiAlignment)):
        raise InputError(f"expected a Diff or a MultiAlignment, got {type(result).__name__}")
