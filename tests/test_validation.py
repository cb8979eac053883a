"""Typed errors at the public boundary: bad arguments name themselves, nothing fails later."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import newsalign as na


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "text must be a str, got NoneType"),
        (b"Seoul said so.", "got bytes (decode it first)"),
        ("Seoul \ud800 said so.", "lone surrogate U+D800 at character offset 6"),
    ],
)
def test_document_text_must_be_encodable_str(value: object, message: str) -> None:
    for make in (na.Document.from_text, na.Document.from_lines):
        with pytest.raises(na.InputError, match=re.escape(message)):
            make(value)  # type: ignore[arg-type]
    with pytest.raises(na.InputError, match="sentence 1"):
        na.Document.from_sentences(["Fine.", value])  # type: ignore[list-item]


@pytest.mark.parametrize(
    "field", ["merge_gap", "band", "lexical_weight", "threshold", "attach_floor"]
)
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, True, "0.5"])
def test_align_params_refuse_nan_inf_bool_and_strings(field: str, value: object) -> None:
    with pytest.raises(na.ConfigError, match=field):
        na.AlignParams(**{field: value})  # type: ignore[arg-type]


def test_threshold_true_is_refused_everywhere() -> None:
    with pytest.raises(na.ConfigError, match="threshold must be in"):
        na.align("A cat sat.", "A cat sat.", encoder="tfidf", threshold=True)
    with pytest.raises(na.ConfigError, match="threshold must be in"):
        na.dedup([{"id": "a", "text": "A cat sat."}], threshold=True)


@pytest.mark.parametrize(
    ("left", "message"),
    [
        ("not vectors", "left_vecs must be a 2-D array of numbers, got str"),
        ({"a": 1}, "got dict"),
        ([[1.0, 2.0], [3.0]], "left_vecs must be a 2-D array of numbers"),
        ([["a", "b"]], "left_vecs must be a 2-D array of numbers"),
        (np.ones((2, 2)) * 1j, "real numbers, got complex"),
        (np.full((2, 2), np.nan), "NaN or infinite"),
        (np.ones(3), "2-D array, got shape"),
    ],
)
def test_align_embeddings_refuses_what_is_not_a_real_matrix(left: object, message: str) -> None:
    with pytest.raises(na.ConfigError, match=message):
        na.align_embeddings(left, np.eye(2))


class _Encoder:
    def __init__(self, out: object) -> None:
        self.name = "mine"
        self._out = out

    def encode(self, texts: list[str]) -> object:
        return self._out(len(texts)) if callable(self._out) else self._out


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (lambda n: np.full((n, 3), np.nan), "encoder 'mine' output for left: NaN"),
        (lambda n: np.ones((n + 1, 3)), "has 3 rows for 2 sentences"),
        (lambda n: "vectors", "must be a 2-D array of numbers, got str"),
    ],
)
def test_a_bad_custom_encoder_fails_loudly(out: object, message: str) -> None:
    with pytest.raises(na.ConfigError, match=message):
        na.align("A cat sat. A dog ran.", "A cat sat.", encoder=_Encoder(out))


def test_a_custom_encoder_may_return_a_list() -> None:
    al = na.align(
        "A cat sat. A dog ran.", "A dog ran.", encoder=_Encoder(lambda n: np.eye(2, 3)[:n].tolist())
    )
    assert len(al.links) == 1
