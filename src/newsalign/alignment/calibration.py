"""Calibrated link scores: P(the two sides say the same thing), one table per encoder.

A link's score is a logistic model over the features of :mod:`.evidence`, fitted by
``benchmarks/calibrate.py`` (seeded, public data only, split by story) and shipped as
``calibration.json`` beside this module. The score is an absolute estimate: 0.8 means that
about 8 of 10 pairs scored 0.8 on held-out data say the same thing, whatever documents they
come from.

Each bundled encoder has its own table (``use-m3``, ``tfidf``, ``st:all-MiniLM-L6-v2``):
their cosines live on different scales. Any other encoder, and vectors given to
:func:`~newsalign.align_embeddings`, use the ``default`` table, which is the fit of the
default encoder, ``use-m3`` (a user's own encoder is most likely a multilingual sentence
encoder like it; documented in ``docs/align.md``). Each table has two models: ``text``
(all features) and ``vectors`` (the cosine alone, for vectors without texts).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from ..errors import ConfigError
from .evidence import FEATURES

__all__ = ["DEFAULT_TABLE", "Calibration", "Model", "calibration_for", "parse_calibrations"]

DEFAULT_TABLE = "default"
_VECTOR_FEATURES = ("cos", "cos_high")


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model: ``P = 1 / (1 + exp(-(bias + sum(w * x))))`` over named features."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(same content) for each row of :data:`~.evidence.FEATURES` values."""
        cols = [FEATURES.index(f) for f in self.features]
        z = self.bias + rows[:, cols] @ np.asarray(self.weights, dtype=np.float64)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@dataclass(frozen=True, slots=True)
class Calibration:
    """The calibrated score of one encoder.

    Attributes:
        encoder: the encoder name the table was fitted for (or ``"default"``).
        text: the model over every feature (both sides' texts known).
        vectors: the model over the cosine alone (vectors without texts).
    """

    encoder: str
    text: Model
    vectors: Model

    def probability(self, rows: np.ndarray, *, texts: bool = True) -> np.ndarray:
        """P(same content) of each feature row; ``texts=False`` reads the cosine only."""
        return (self.text if texts else self.vectors).probability(rows)


def _model(where: str, raw: Any) -> Model:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"calibration {where}: expected an object, got {type(raw).__name__}")
    weights = raw.get("weights")
    bias = raw.get("bias")
    if not isinstance(weights, Mapping) or not weights:
        raise ConfigError(f"calibration {where}: 'weights' must be a non-empty object")
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ConfigError(
            f"calibration {where}: unknown feature {unknown[0]!r}; known: {', '.join(FEATURES)}"
        )
    values = []
    for name in FEATURES:
        if name not in weights:
            continue
        w = weights[name]
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
            raise ConfigError(
                f"calibration {where}: weight of {name!r} must be a number, got {w!r}"
            )
        values.append((name, float(w)))
    if isinstance(bias, bool) or not isinstance(bias, (int, float)) or not math.isfinite(bias):
        raise ConfigError(f"calibration {where}: 'bias' must be a number, got {bias!r}")
    return Model(tuple(n for n, _ in values), tuple(w for _, w in values), float(bias))


def parse_calibrations(data: Any) -> dict[str, Calibration]:
    """Read calibration tables from their JSON form (``{"encoders": {name: {...}}}``).

    Raises:
        ConfigError: a table is missing a model, names an unknown feature, or holds a
            weight that is not a finite number; the message names the table.

    Example:
        >>> m = {"weights": {"cos": 10.0}, "bias": -5.0}
        >>> tables = parse_calibrations({"encoders": {"default": {"text": m, "vectors": m}}})
        >>> tables["default"].text.features
        ('cos',)
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("encoders"), Mapping):
        raise ConfigError("calibration data must be an object with an 'encoders' object")
    out: dict[str, Calibration] = {}
    for name, table in data["encoders"].items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"calibration {name!r}: expected an object")
        for part in ("text", "vectors"):
            if part not in table:
                raise ConfigError(f"calibration {name!r}: missing the {part!r} model")
        vectors = _model(f"{name!r} vectors", table["vectors"])
        if set(vectors.features) - set(_VECTOR_FEATURES):
            raise ConfigError(
                f"calibration {name!r} vectors: may use only {', '.join(_VECTOR_FEATURES)}"
            )
        out[str(name)] = Calibration(str(name), _model(f"{name!r} text", table["text"]), vectors)
    if DEFAULT_TABLE not in out:
        raise ConfigError(f"calibration data has no {DEFAULT_TABLE!r} table")
    return out


@cache
def _bundled() -> dict[str, Calibration]:
    text = resources.files(__package__).joinpath("calibration.json").read_text(encoding="utf-8")
    return parse_calibrations(json.loads(text))


def calibration_for(encoder: str) -> Calibration:
    """The bundled calibration of an encoder name, or the ``default`` table for any other.

    Example:
        >>> calibration_for("use-m3").encoder, calibration_for("my-encoder").encoder
        ('use-m3', 'default')
    """
    tables = _bundled()
    return tables.get(encoder) or tables[DEFAULT_TABLE]
