"""The public entry points: documents or vectors in, an :class:`~newsalign.Alignment` out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..embed import Encoder, check_vectors, get_encoder, normalize_rows
from ..errors import ConfigError, InputError
from ..records import Alignment, Document, Link, sort_links
from .calibration import calibration_for
from .params import AlignParams, Mode, check_mode, resolve_params
from .probability import LinkProbability
from .rewrite import Linker
from .scoring import Scorer
from .translation import side_blind_key, translation_beads

__all__ = ["align", "align_embeddings"]

logger = logging.getLogger(__name__)


def align(
    left: Document | str,
    right: Document | str,
    *,
    encoder: str | Encoder | None = None,
    mode: Mode = "rewrite",
    threshold: float | None = None,
    params: AlignParams | None = None,
) -> Alignment:
    """Align the sentences of two versions of a story.

    Args:
        left: a :class:`Document`, or text to segment with :meth:`Document.from_text`.
        right: the other version.
        encoder: an encoder name (``"use-m3"`` by default, ``"tfidf"``, ``"st:<model>"``) or
            an object with ``name`` and ``encode``.
        mode: ``"rewrite"`` (no assumption about order) or ``"translation"`` (exploits order).
        threshold: lowest score of a 1-1 link; overrides ``params.threshold``.
        params: all other settings (:class:`AlignParams`).

    Returns:
        An :class:`Alignment` whose links are many-to-many beads; every sentence of each side
        is in at most one link, and the others are listed as unmatched.

    Raises:
        ConfigError: unknown mode or encoder, threshold outside [0, 1].

    Example:
        >>> al = align("Troops moved. Talks failed.", "Talks failed again. Troops moved.",
        ...            encoder="tfidf")
        >>> [(link.left, link.right) for link in al.links]
        [((0,), (1,)), ((1,), (0,))]
    """
    mode = check_mode(mode)
    p = resolve_params(params, threshold)
    left_doc = _as_document(left, "left")
    right_doc = _as_document(right, "right")
    check_size(left_doc, right_doc, p)
    enc = _Truncating(get_encoder(encoder), p.max_encode_chars)
    if not len(left_doc) or not len(right_doc):
        # Nothing to align: no need to load a model.
        empty = np.zeros((0, 1), np.float32)
        left_vecs = np.zeros((len(left_doc), 1), np.float32) if len(left_doc) else empty
        right_vecs = np.zeros((len(right_doc), 1), np.float32) if len(right_doc) else empty
    elif getattr(enc, "contextual", False):
        both = enc.encode([*left_doc.texts, *right_doc.texts])
        left_vecs, right_vecs = both[: len(left_doc)], both[len(left_doc) :]
    else:
        left_vecs = enc.encode(left_doc.texts)
        right_vecs = enc.encode(right_doc.texts)
    if len(left_doc) and len(right_doc):
        # what an encoder returns is checked, not trusted: NaN would give no links silently
        checked = (
            check_vectors(f"encoder {enc.name!r} output for left", left_vecs, len(left_doc)),
            check_vectors(f"encoder {enc.name!r} output for right", right_vecs, len(right_doc)),
        )
        # an encoder may return lists; arrays are kept as they are (their dtype included)
        if not isinstance(left_vecs, np.ndarray) or not isinstance(right_vecs, np.ndarray):
            left_vecs, right_vecs = checked
    encode = None if getattr(enc, "contextual", False) else enc.encode
    return _align_docs(left_doc, right_doc, left_vecs, right_vecs, mode, p, enc.name, encode=encode)


def align_embeddings(
    left_vecs: Any,
    right_vecs: Any,
    *,
    left: Document | Sequence[str] | None = None,
    right: Document | Sequence[str] | None = None,
    mode: Mode = "rewrite",
    threshold: float | None = None,
    params: AlignParams | None = None,
) -> Alignment:
    """Align two sides given their sentence vectors (bring your own embeddings).

    Args:
        left_vecs: array ``(n, dim)``, one row per left sentence (normalised here).
        right_vecs: array ``(m, dim)``.
        left: the left sentences (a Document or strings); enables the lexical and number
            anchors. Without texts, placeholders ``"#0"``, ``"#1"``... stand in.
        right: the right sentences.
        mode: ``"rewrite"`` or ``"translation"``.
        threshold: lowest score of a 1-1 link; overrides ``params.threshold``.
        params: all other settings.

    Example:
        >>> import numpy as np
        >>> v = np.eye(3, dtype=np.float32)
        >>> al = align_embeddings(v, v[[2, 0, 1]])
        >>> [(link.left, link.right) for link in al.links]
        [((0,), (1,)), ((1,), (2,)), ((2,), (0,))]
    """
    mode = check_mode(mode)
    p = resolve_params(params, threshold)
    lv = normalize_rows(left_vecs, name="left_vecs")
    rv = normalize_rows(right_vecs, name="right_vecs")
    if lv.shape[1] != rv.shape[1] and len(lv) and len(rv):
        raise ConfigError(f"embedding widths differ: left {lv.shape[1]}, right {rv.shape[1]}")
    left_doc, has_left = _side_document(left, len(lv), "left")
    right_doc, has_right = _side_document(right, len(rv), "right")
    check_size(left_doc, right_doc, p)
    return _align_docs(
        left_doc, right_doc, lv, rv, mode, p, "precomputed", texts=has_left and has_right
    )


def check_size(left: Document, right: Document, p: AlignParams) -> None:
    """Refuse a side of more than ``p.max_sentences`` sentences (:class:`InputError`).

    Example:
        >>> try:
        ...     doc = Document.from_text("Troops moved. Talks failed. Rain fell.")
        ...     check_size(doc, doc, AlignParams(max_sentences=2))
        ... except InputError as exc:
        ...     print(str(exc)[:47])
        left has 3 sentences, more than max_sentences=2
    """
    for name, doc in (("left", left), ("right", right)):
        if p.max_sentences and len(doc) > p.max_sentences:
            raise InputError(
                f"{name} has {len(doc)} sentences, more than max_sentences={p.max_sentences} "
                "(AlignParams(max_sentences=0) lifts the limit)"
            )


class _Truncating:
    """An encoder that reads at most ``limit`` characters of each text (0: all)."""

    def __init__(self, inner: Encoder, limit: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.limit = limit
        self.contextual = bool(getattr(inner, "contextual", False))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self.limit:
            texts = [t[: self.limit] if len(t) > self.limit else t for t in texts]
        out: np.ndarray = self.inner.encode(texts)
        return out


def _as_document(doc: Document | str, side: str) -> Document:
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, str):
        return Document.from_text(doc)
    raise InputError(f"{side} must be a Document or a str, got {type(doc).__name__}")


def _side_document(
    side: Document | Sequence[str] | None, n: int, name: str
) -> tuple[Document, bool]:
    if side is None:
        return Document.from_sentences([f"#{k}" for k in range(n)]), False
    doc = side if isinstance(side, Document) else Document.from_sentences(side)
    if len(doc) != n:
        raise ConfigError(f"{name} has {len(doc)} sentences but {n} embedding rows")
    return doc, True


def _align_docs(
    left: Document,
    right: Document,
    lv: np.ndarray,
    rv: np.ndarray,
    mode: Mode,
    p: AlignParams,
    encoder_name: str,
    *,
    texts: bool = True,
    encode: Callable[[list[str]], np.ndarray] | None = None,
) -> Alignment:
    if len(lv) != len(left) or len(rv) != len(right):
        raise ConfigError("the encoder returned a different number of rows than sentences")
    if len(left) == 0 or len(right) == 0:
        return Alignment(left, right, (), encoder_name, mode)
    scorer = Scorer(
        lv, rv, left.texts if texts else None, right.texts if texts else None, p, encode
    )
    aligner = Linker(scorer, mode, p, LinkProbability(scorer, calibration_for(encoder_name)))
    if mode == "translation":
        # The bead search breaks ties by position, so run it both ways and keep the result
        # with the smaller side-blind key: align(a, b) is then align(b, a).inverse().
        forward = translation_beads(scorer, p)
        swapped = scorer.swapped()
        backward = [(b, a) for a, b in translation_beads(swapped, p)]
        # the passages the backward search encoded are not encoded again for the scores
        for (side, members), vec in swapped._joined.items():
            scorer._joined.setdefault((1 - side, members), vec)
        aligner.beads = min(forward, backward, key=side_blind_key)
        beads = aligner.scored_batch()
    else:
        beads = aligner.run()
    links = [
        Link(left=tuple(sorted(a)), right=tuple(sorted(b)), score=s, kind=k) for a, b, s, k in beads
    ]
    return Alignment(left, right, sort_links(links), encoder_name, mode)
