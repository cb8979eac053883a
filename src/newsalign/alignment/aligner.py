"""Many-to-many sentence alignment of two versions of a story.

The algorithm works on sentence vectors (unit rows, so dot products are cosines) and, when
the texts are known, on two anchors that survive paraphrase and translation: numbers
(``3,000`` = ``3천``) and a character n-gram overlap that catches shared names, quoted words
and figures.

1. **Candidates.** For every sentence, the ``top_k`` most similar sentences of the other side
   (computed blockwise, so two 10,000-sentence documents never need a 10,000 x 10,000
   matrix). Each candidate pair gets a score: cosine + lexical bonus + number bonus.
   In ``translation`` mode steps 2 and 3 are replaced by a bead search (see below).
2. **Backbone.** Competitive linking: candidate pairs are taken best first while both
   sentences are free and the score reaches ``threshold``. This gives 1-1 links in any order,
   which is what rewrites need: they reorder freely. With ``attach_neighbours``, a pair
   waits when one of its sentences scores more than ``merge_gap`` higher with its best
   match, whose own best match is that sentence's neighbour: the sentence is likely half
   of a merge or split there, so it gets the chance to join that link (step 3) before
   the pairs that waited are linked, best first, among the sentences still free.
3. **Beads.** A sentence left over joins an existing link when that raises the link's
   score by at least ``attach_threshold`` (its side is then read as one passage, the
   sentences joined and encoded). Repeated, this builds 1-n, n-1 and n-m beads (up to
   ``max_bead`` sentences a side). In ``rewrite`` mode it may join the link of the sentence
   it resembles most, wherever that is, or (``attach_neighbours``) the link of a sentence
   next to it, since merges and splits join neighbours; with ``attach_neighbours=False``
   the result does not depend on sentence order.
   **Translation mode** instead searches, by dynamic programming as Bertalign and Vecalign
   do, the best monotone sequence of 1-0, 0-1 and n-m beads in a band around the path
   traced by confident, mutually best pairs; a bead scores the cosine of its two passages
   (joined and encoded) times their length agreement, plus their character n-gram overlap.
   A 2-2 bead that matches crosswise is split into crossing links, and sentences left out
   are linked to each other near the path, so local swaps survive. The search runs both
   ways and keeps a side-blind choice, so ``align(a, b) == align(b, a).inverse()``.
4. **Kinds.** A link whose score reaches ``equivalent_threshold`` is ``"equivalent"``, one
   below it ``"partial"``.

Default settings were tuned on development data only (the Korean-English perturbed news
task built from ``ko_en_news`` dev and the Text+Berg dev document; see ``benchmarks/``).
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from ..embed import Encoder, get_encoder, lexical_vectors, normalize_rows
from ..errors import ConfigError, InputError
from ..names import sentence_name_keys
from ..records import Alignment, Document, Link, LinkKind, sort_links
from ..text import number_values
from ..validate import check_at_least, check_unit

__all__ = ["MODES", "AlignParams", "Mode", "align", "align_embeddings"]

logger = logging.getLogger(__name__)

Mode = Literal["rewrite", "translation"]
#: The alignment modes: ``rewrite`` assumes nothing about order, ``translation`` exploits it.
MODES: tuple[Mode, ...] = ("rewrite", "translation")


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Settings of the aligner. Defaults come from tuning on development data.

    Attributes:
        threshold: lowest score for a 1-1 backbone link (the score of a candidate pair).
        attach_threshold: lowest residual cosine for a sentence to join an existing link.
        attach_floor: lowest plain cosine between a joining sentence and the other side.
        equivalent_threshold: links scoring at least this are ``"equivalent"``.
        attach_neighbours: rewrite mode: a leftover sentence may join the link of the
            sentence next to it as well as the link of its best candidate (merges and
            splits mostly join neighbours).
        merge_gap: rewrite mode with ``attach_neighbours``: a candidate pair waits until the
            beads are built when one of its sentences scores more than this higher with its
            best match, whose own best match is that sentence's neighbour (half of a merge
            or split; it may join that link instead).
        max_bead: most sentences on one side of a link.
        top_k: candidates kept per sentence and direction.
        lexical_weight: weight of the centred character n-gram overlap.
        number_weight: weight of the share of numbers two sentences have in common.
        name_weight: weight of the share of people (name keys, any spelling or script)
            two sentences have in common.
        path_window: translation mode: distance from the path (in sentences) that is "near".
        band: translation mode: half width (in sentences) of the band around the anchor
            path that the bead search explores.
        skip_penalty: translation mode: cost of leaving a sentence unmatched in the search.
        margin_weight: translation mode: weight of the neighbours' similarity subtracted
            from a bead's cosine (Bertalign's margin).
        length_weight: translation mode: exponent of the length agreement factor
            ``log2(1 + short / long)`` that multiplies a bead's similarity.
        bead_penalty: translation mode: cost of each sentence a bead has beyond one a side.
        max_bead_total: translation mode: most sentences in a bead, both sides together.
        anchor_weight: translation mode: weight of the character n-gram overlap of a bead's
            two passages (shared names, figures) in the search.
    """

    threshold: float = 0.11
    attach_threshold: float = 0.015
    attach_floor: float = 0.0
    equivalent_threshold: float = 0.25
    attach_neighbours: bool = True
    merge_gap: float = 0.07
    max_bead: int = 3
    top_k: int = 8
    lexical_weight: float = 0.30
    number_weight: float = 0.10
    name_weight: float = 0.10
    path_window: float = 3.0
    band: float = 8.0
    skip_penalty: float = 0.1
    margin_weight: float = 0.0
    length_weight: float = 1.0
    bead_penalty: float = 0.0
    max_bead_total: int = 5
    anchor_weight: float = 0.3

    def __post_init__(self) -> None:
        for name in ("threshold", "attach_threshold", "attach_floor", "equivalent_threshold"):
            check_unit(name, getattr(self, name))
        check_at_least("max_bead", self.max_bead, 1)
        check_at_least("top_k", self.top_k, 1)
        check_at_least("max_bead_total", self.max_bead_total, 2)
        for name in (
            "merge_gap", "lexical_weight", "number_weight", "name_weight", "path_window",
            "band", "skip_penalty", "margin_weight", "length_weight", "bead_penalty",
            "anchor_weight",
        ):  # fmt: skip
            check_at_least(name, getattr(self, name), 0)


_BLOCK = 1024  # rows per block of the similarity computation: 1024 x m float32 at a time


def align(
    left: Document | str,
    right: Document | str,
    *,
    encoder: str | Encoder | None = None,
    mode: str = "rewrite",
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
    mode = _check_mode(mode)
    p = _params(params, threshold)
    left_doc = _as_document(left, "left")
    right_doc = _as_document(right, "right")
    enc = get_encoder(encoder)
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
    encode = None if getattr(enc, "contextual", False) else enc.encode
    return _align_docs(left_doc, right_doc, left_vecs, right_vecs, mode, p, enc.name, encode=encode)


def align_embeddings(
    left_vecs: Any,
    right_vecs: Any,
    *,
    left: Document | Sequence[str] | None = None,
    right: Document | Sequence[str] | None = None,
    mode: str = "rewrite",
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
    mode = _check_mode(mode)
    p = _params(params, threshold)
    lv = normalize_rows(left_vecs)
    rv = normalize_rows(right_vecs)
    if lv.shape[1] != rv.shape[1] and len(lv) and len(rv):
        raise ConfigError(f"embedding widths differ: left {lv.shape[1]}, right {rv.shape[1]}")
    left_doc, has_left = _side_document(left, len(lv), "left")
    right_doc, has_right = _side_document(right, len(rv), "right")
    return _align_docs(
        left_doc, right_doc, lv, rv, mode, p, "precomputed", texts=has_left and has_right
    )


# -- helpers for the public functions ---------------------------------------------------
def _check_mode(mode: str) -> Mode:
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; valid modes: {', '.join(MODES)}")
    return mode


def _params(params: AlignParams | None, threshold: float | None) -> AlignParams:
    p = params or AlignParams()
    if threshold is not None:
        p = replace(p, threshold=check_unit("threshold", threshold))
    return p


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
    scorer = _Scorer(
        lv, rv, left.texts if texts else None, right.texts if texts else None, p, encode
    )
    aligner = _Aligner(scorer, mode, p)
    if mode == "translation":
        # The bead search breaks ties by position, so run it both ways and keep the result
        # with the smaller side-blind key: align(a, b) is then align(b, a).inverse().
        forward = _translation_beads(scorer, p)
        backward = [(b, a) for a, b in _translation_beads(scorer.swapped(), p)]
        aligner.beads = min(forward, backward, key=_side_blind_key)
        beads = aligner.scored_batch()
    else:
        beads = aligner.run()
    links = [
        Link(left=tuple(sorted(a)), right=tuple(sorted(b)), score=s, kind=k) for a, b, s, k in beads
    ]
    return Alignment(left, right, sort_links(links), encoder_name, mode)


# -- scoring --------------------------------------------------------------------------
class _Scorer:
    """Scores of sentence pairs and of beads: cosine plus anchors."""

    def __init__(
        self,
        lv: np.ndarray,
        rv: np.ndarray,
        ltexts: Sequence[str] | None,
        rtexts: Sequence[str] | None,
        p: AlignParams,
        encode: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        self.texts = (ltexts, rtexts)
        self.encode = encode if ltexts is not None and rtexts is not None else None
        self._joined: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}
        self._lex_cache: dict[tuple[int, int], Any] = {}
        self._bead_cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self.lv = lv.astype(np.float64)
        self.rv = rv.astype(np.float64)
        self.lv32 = lv
        self.rv32 = rv
        self.p = p
        self.n, self.m = len(lv), len(rv)
        # The mean cosine over all pairs: what two sentences of these documents share anyway
        # (same topic, same language). Scores are measured from there, so one threshold
        # serves a same-language rewrite (baseline ~0.3) and a translation (~0.15) alike.
        baseline = float(self.lv.mean(axis=0) @ self.rv.mean(axis=0))
        self.baseline = min(max(baseline, 0.0), 0.9)
        # The anchors add up to lexical_weight + number_weight + name_weight; dividing by
        # the largest possible total keeps every score in [0, 1].
        self.norm = 1.0 + p.lexical_weight + p.number_weight + p.name_weight
        self.lex_l: Any = None
        self.lex_r: Any = None
        # The same rows restricted to the n-grams both sides have (column k is n-gram
        # shared_cols[k]): every dot product between the sides is the same on them, and
        # across scripts they are a small fraction.
        self.shared_cols = np.zeros(0, dtype=np.int64)
        self.dot_l: Any = None
        self.dot_r: Any = None
        self.lex_norms: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0))
        self.lex_mean = 0.0
        self.num_l: list[frozenset[float]] = [frozenset()] * self.n
        self.num_r: list[frozenset[float]] = [frozenset()] * self.m
        self.names_l: list[frozenset[str]] = [frozenset()] * self.n
        self.names_r: list[frozenset[str]] = [frozenset()] * self.m
        if ltexts is not None and rtexts is not None:
            if p.lexical_weight > 0:
                lex = lexical_vectors([*ltexts, *rtexts])
                self.lex_l, self.lex_r = lex[: self.n], lex[self.n :]
                self.lex_norms = (_row_norms(self.lex_l), _row_norms(self.lex_r))
                used = np.zeros((2, lex.shape[1]), dtype=bool)
                used[0, self.lex_l.indices] = used[1, self.lex_r.indices] = True
                self.shared_cols = np.flatnonzero(used[0] & used[1])
                self.dot_l = _take_columns(self.lex_l, self.shared_cols)
                self.dot_r = _take_columns(self.lex_r, self.shared_cols)
                mean_l = np.asarray(self.dot_l.mean(axis=0)).ravel()
                mean_r = np.asarray(self.dot_r.mean(axis=0)).ravel()
                self.lex_mean = float(mean_l @ mean_r)
            if p.number_weight > 0:
                self.num_l = [number_values(t) for t in ltexts]
                self.num_r = [number_values(t) for t in rtexts]
            if p.name_weight > 0:
                self.names_l = [sentence_name_keys(t) for t in ltexts]
                self.names_r = [sentence_name_keys(t) for t in rtexts]

    def candidates(self) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (I, J) among each row's and each column's ``top_k`` cosines."""
        k_row = min(self.p.top_k, self.m)
        k_col = min(self.p.top_k, self.n)
        col_vals = np.full((k_col, self.m), -np.inf, dtype=np.float32)
        col_idx = np.zeros((k_col, self.m), dtype=np.int64)
        rows_i: list[np.ndarray] = []
        rows_j: list[np.ndarray] = []
        for start in range(0, self.n, _BLOCK):
            block = self.lv32[start : start + _BLOCK] @ self.rv32.T
            top = np.argpartition(block, -k_row, axis=1)[:, -k_row:]
            rows_i.append(np.repeat(np.arange(start, start + len(block)), k_row))
            rows_j.append(top.ravel())
            kb = min(k_col, len(block))
            # along rows of the transposed copy: partitioning down columns is twice slower
            part = np.argpartition(np.ascontiguousarray(block.T), -kb, axis=1)[:, -kb:].T
            vals = np.take_along_axis(block, part, axis=0)
            merged_vals = np.concatenate([col_vals, vals])
            merged_idx = np.concatenate([col_idx, part + start])
            best = np.argpartition(-merged_vals, k_col - 1, axis=0)[:k_col]
            col_vals = np.take_along_axis(merged_vals, best, axis=0)
            col_idx = np.take_along_axis(merged_idx, best, axis=0)
        ok = np.isfinite(col_vals)
        ci = col_idx[ok]
        cj = np.broadcast_to(np.arange(self.m), col_idx.shape)[ok]
        pairs = np.unique(
            np.concatenate(
                [np.concatenate(rows_i) * self.m + np.concatenate(rows_j), ci * self.m + cj]
            )
        )
        return pairs // self.m, pairs % self.m

    def pair_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine plus anchors for pairs (computed in float64, the same from either side)."""
        # gathered in float32 (half the memory traffic), multiplied and summed in float64
        cos = np.einsum("ij,ij->i", self.lv32[i], self.rv32[j], dtype=np.float64)
        scores: np.ndarray = (self.rescale(cos) + self._anchor_bonus(i, j)) / self.norm
        return scores

    def rescale(self, cos: Any) -> Any:
        """Map a cosine to the score scale: the documents' baseline is 0, identity is 1."""
        return (cos - self.baseline) / (1.0 - self.baseline)

    def _anchor_bonus(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        bonus = np.zeros(len(i))
        if self.lex_l is not None and len(i):
            lex = _row_sums(self.dot_l[i].multiply(self.dot_r[j]))
            bonus += self.p.lexical_weight * np.maximum(0.0, lex - self.lex_mean)
        for weight, sets_l, sets_r in self._anchor_sets():
            has_l = np.fromiter(map(bool, sets_l), dtype=bool, count=len(sets_l))
            has_r = np.fromiter(map(bool, sets_r), dtype=bool, count=len(sets_r))
            for k in np.flatnonzero(has_l[i] & has_r[j]).tolist():
                bonus[k] += weight * _shared(sets_l[i[k]], sets_r[j[k]])
        return bonus

    def _anchor_sets(self) -> list[tuple[float, list[Any], list[Any]]]:
        return [
            (w, sl, sr)
            for w, sl, sr in (
                (self.p.number_weight, self.num_l, self.num_r),
                (self.p.name_weight, self.names_l, self.names_r),
            )
            if w > 0
        ]

    def side_vector(self, side: int, members: Sequence[int]) -> np.ndarray:
        """Unit vector of some sentences of one side read as one passage.

        With an encoder, the passage is encoded as the sentences joined in document order
        (what Bertalign does for its beads); without one, the sentence vectors are summed.
        """
        rows = self.lv if side == 0 else self.rv
        if len(members) == 1:
            row: np.ndarray = rows[members[0]]
            return row
        key = (side, tuple(sorted(members)))
        vec = self._joined.get(key)
        if vec is None:
            self.prepare([key])
            vec = self._joined[key]
        return vec

    def prepare(self, keys: Sequence[tuple[int, tuple[int, ...]]]) -> None:
        """Compute the vectors of several multi-sentence passages in one encoder call."""
        todo = sorted({k for k in keys if len(k[1]) > 1 and k not in self._joined})
        if not todo:
            return
        if self.encode is not None:
            texts = [" ".join(self.texts[side][x] for x in members) for side, members in todo]  # type: ignore[index]
            vecs = normalize_rows(self.encode(texts)).astype(np.float64)
        else:
            vecs = np.stack(
                [
                    (self.lv if side == 0 else self.rv)[list(members)].sum(axis=0)
                    for side, members in todo
                ]
            )
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        for key, vec in zip(todo, vecs):
            self._joined[key] = vec

    # -- translation mode ------------------------------------------------------------
    def swapped(self) -> _Scorer:
        """The scorer of the problem with the sides swapped, sharing what was computed."""
        other = copy.copy(self)
        other.texts = (self.texts[1], self.texts[0])
        other.lv, other.rv, other.lv32, other.rv32 = self.rv, self.lv, self.rv32, self.lv32
        other.n, other.m = self.m, self.n
        other.lex_l, other.lex_r = self.lex_r, self.lex_l
        other.dot_l, other.dot_r = self.dot_r, self.dot_l
        other.lex_norms = (self.lex_norms[1], self.lex_norms[0])
        other.num_l, other.num_r = self.num_r, self.num_l
        other.names_l, other.names_r = self.names_r, self.names_l
        other._joined = {(1 - side, key): vec for (side, key), vec in self._joined.items()}
        other._lex_cache = {(1 - side, size): m for (side, size), m in self._lex_cache.items()}
        other._bead_cache = {(b, a): score for (a, b), score in self._bead_cache.items()}
        return other

    def bead_scores(self, beads: Sequence[tuple[Sequence[int], Sequence[int]]]) -> np.ndarray:
        """Score of each bead: cosine of its two passages plus the anchors they share.

        A bead's score depends on nothing else, so each distinct bead is scored once (the
        rounds of attachment and the final scoring ask again for the links left unchanged).
        """
        keys = [(tuple(sorted(a)), tuple(sorted(b))) for a, b in beads]
        todo = [k for k in dict.fromkeys(keys) if k not in self._bead_cache]
        if todo:
            self._bead_cache.update(zip(todo, self._score_beads(todo).tolist()))
        return np.array([self._bead_cache[k] for k in keys], dtype=np.float64)

    def _score_beads(self, beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> np.ndarray:
        keys = [(0, a) for a, _ in beads] + [(1, b) for _, b in beads]
        self.prepare(keys)
        lvec = np.stack([self.side_vector(0, a) for a, _ in beads])
        rvec = np.stack([self.side_vector(1, b) for _, b in beads])
        out = np.asarray(self.rescale(np.einsum("ij,ij->i", lvec, rvec)), dtype=np.float64)
        if self.lex_l is not None:
            lefts, rights = [a for a, _ in beads], [b for _, b in beads]
            la = _indicator(lefts, self.n) @ self.dot_l
            lb = _indicator(rights, self.m) @ self.dot_r
            nla, nlb = self._passage_norms(0, lefts), self._passage_norms(1, rights)
            dot = _row_sums(la.multiply(lb))
            ok = (nla > 0) & (nlb > 0)
            lex = np.where(ok, dot / np.where(ok, nla * nlb, 1.0), 0.0)
            out += np.where(ok, self.p.lexical_weight * np.maximum(0.0, lex - self.lex_mean), 0.0)
        for weight, sets_l, sets_r in self._anchor_sets():
            for k, (a, b) in enumerate(beads):
                union_l = frozenset().union(*(sets_l[x] for x in a))
                union_r = frozenset().union(*(sets_r[x] for x in b))
                out[k] += weight * _shared(union_l, union_r)
        scores: np.ndarray = out / self.norm
        return scores

    def _passage_norms(self, side: int, groups: Sequence[Sequence[int]]) -> np.ndarray:
        """Norm of each group's summed character n-gram rows (all n-grams, not only the
        shared ones); a one-sentence group has its row's norm."""
        norms = self.lex_norms[side]
        out = np.array([norms[g[0]] if len(g) == 1 else 0.0 for g in groups])
        multi = [k for k, g in enumerate(groups) if len(g) > 1]
        if multi:
            rows = self.lex_l if side == 0 else self.lex_r
            summed = _indicator([groups[k] for k in multi], len(norms)) @ rows
            out[multi] = _row_norms(summed)
        return out

    def anchor_chain(self) -> tuple[np.ndarray, np.ndarray]:
        """The longest monotone chain of confident, mutually best pairs."""
        i, j = self.candidates()
        return _confident_chain(i, j, self.pair_scores(i, j), self.n, self.m, self.p.threshold)

    def windows(self, side: int, size: int) -> np.ndarray:
        """Vectors of every run of ``size`` consecutive sentences of one side (float32)."""
        rows = self.lv32 if side == 0 else self.rv32
        if size == 1:
            return rows
        count = len(rows) - size + 1
        if count <= 0:
            return np.zeros((0, rows.shape[1]), dtype=np.float32)
        keys = [(side, tuple(range(k, k + size))) for k in range(count)]
        self.prepare(keys)
        out: np.ndarray = np.stack([self._joined[key] for key in keys]).astype(np.float32)
        return out

    def _char_cumsum(self, side: int) -> np.ndarray | None:
        texts = self.texts[side]
        if texts is None:
            return None
        return np.concatenate([[0], np.cumsum([len(t) + 1 for t in texts])]).astype(np.float64)

    def band_scores(self, rows: np.ndarray, cols: np.ndarray, a: int, b: int) -> np.ndarray:
        """Score of the bead of ``a`` left and ``b`` right sentences ending at each cell.

        A cell ``(i, j)`` means ``i`` left and ``j`` right sentences consumed, so the bead
        is left ``i-a .. i-1`` against right ``j-b .. j-1``.
        """
        p = self.p
        out = np.full(len(rows), -np.inf)
        ok = np.flatnonzero((rows >= a) & (cols >= b))
        if not len(ok):
            return out
        sw, tw = self.windows(0, a), self.windows(1, b)
        s1, t1 = self.lv32, self.rv32
        cs_l, cs_r = self._char_cumsum(0), self._char_cumsum(1)
        ratio = 1.0
        if cs_l is not None and cs_r is not None:
            ratio = float(cs_l[-1] / max(cs_r[-1], 1.0))
        for start in range(0, len(ok), _CHUNK):
            idx = ok[start : start + _CHUNK]
            i, j = rows[idx], cols[idx]
            u, v = sw[i - a], tw[j - b]
            cos = np.einsum("ij,ij->i", u, v).astype(np.float64)
            if p.margin_weight > 0:
                near_t = _neighbour_sim(u, t1, j - b - 1, j, self.m)
                near_s = _neighbour_sim(v, s1, i - a - 1, i, self.n)
                cos = cos - p.margin_weight * (near_t + near_s) / 2
            if cs_l is not None and cs_r is not None and p.length_weight > 0:
                ls = cs_l[i] - cs_l[i - a] - 1
                lt = (cs_r[j] - cs_r[j - b] - 1) * ratio
                agree = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1.0))
                cos = cos * agree**p.length_weight
            if p.anchor_weight > 0 and self.lex_l is not None:
                lw, rw = self._lex_windows(0, a), self._lex_windows(1, b)
                lex = _sparse_pair_dots(lw, rw, i - a, j - b)
                cos = cos + p.anchor_weight * np.maximum(0.0, lex - self.lex_mean)
            out[idx] = cos - p.bead_penalty * (a + b - 2)
        return out

    def _lex_windows(self, side: int, size: int) -> Any:
        """Character n-gram rows of every run of ``size`` sentences (L2-normalised CSR)."""
        key = (side, size)
        cached = self._lex_cache.get(key)
        if cached is None:
            from scipy.sparse import csr_matrix, diags_array

            rows = self.lex_l if side == 0 else self.lex_r
            count = max(rows.shape[0] - size + 1, 0)
            ones = np.ones(count * size)
            r = np.repeat(np.arange(count), size)
            c = (np.arange(count)[:, None] + np.arange(size)[None, :]).ravel()
            summed = csr_matrix((ones, (r, c)), shape=(count, rows.shape[0])) @ rows
            norms = _row_norms(summed)
            cached = (diags_array(1.0 / np.maximum(norms, 1e-12)) @ summed).tocsr()
            # only the n-grams of the other side can add to a dot product
            cached = _take_columns(cached, self.shared_cols)
            self._lex_cache[key] = cached
        return cached

    def attach_deltas(
        self, moves: Sequence[tuple[tuple[list[int], list[int]], int, int]]
    ) -> list[float]:
        """For each (bead, side, sentence): bead score with the sentence minus without it."""
        before = [(left, right) for (left, right), _, _ in moves]
        after = [
            ([*left, x], right) if side == 0 else (left, [*right, x])
            for (left, right), side, x in moves
        ]
        scores = self.bead_scores([*before, *after])
        deltas: list[float] = (scores[len(moves) :] - scores[: len(moves)]).tolist()
        return deltas


# -- the aligner ------------------------------------------------------------------------
class _Aligner:
    def __init__(self, scorer: _Scorer, mode: Mode, p: AlignParams) -> None:
        self.s = scorer
        self.mode = mode
        self.p = p
        self.owner = (np.full(scorer.n, -1, dtype=np.int64), np.full(scorer.m, -1, dtype=np.int64))
        self.beads: list[tuple[list[int], list[int]]] = []

    def run(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]]:
        """Rewrite mode: backbone, then beads (translation mode runs its own search)."""
        i, j = self.s.candidates()
        scores = self.s.pair_scores(i, j)
        best = _best_partners(i, j, scores, self.s.n, self.s.m)
        eligible = scores >= self.p.threshold
        held = self._held_back(i, j, scores, best)
        self._backbone(i, j, scores, eligible & ~held)
        self._attach(best)
        if held.any():
            # pairs held back get their turn once the beads are built, if still free
            own_l, own_r = self.owner
            self._backbone(i, j, scores, eligible & held & (own_l[i] < 0) & (own_r[j] < 0))
            self._attach(best)
        return self.scored_batch()

    def scored_batch(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]]:
        """The beads with their final scores and kinds, scored in one batch."""
        beads = [(sorted(a), sorted(b)) for a, b in self.beads]
        if not beads:
            return []
        scores = np.clip(self.s.bead_scores(beads), 0.0, 1.0)
        out: list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]] = []
        for (left, right), score in zip(beads, scores.tolist(), strict=True):
            kind: LinkKind = "equivalent" if score >= self.p.equivalent_threshold else "partial"
            out.append((tuple(left), tuple(right), round(score, 6), kind))
        return out

    def _held_back(
        self, i: np.ndarray, j: np.ndarray, scores: np.ndarray, best: tuple[np.ndarray, np.ndarray]
    ) -> np.ndarray:
        """Candidate pairs kept out of the first backbone: one of the two sentences scores
        ``merge_gap`` more with its best match, and that match's own best is the sentence's
        neighbour, so the sentence is likely half of a merge or split there."""
        held = np.zeros(len(i), dtype=bool)
        if not self.p.attach_neighbours or not len(i):
            return held  # without neighbours the result must not depend on order
        for side, (x, sizes) in enumerate(((i, self.s.n), (j, self.s.m))):
            top = np.full(sizes, -np.inf)
            np.maximum.at(top, x, scores)
            partner = best[side][x]  # every candidate sentence has a best partner
            back = best[1 - side][partner]  # ... and so has that partner
            held |= (top[x] - scores > self.p.merge_gap) & (np.abs(back - x) == 1)
        return held

    def _backbone(self, i: np.ndarray, j: np.ndarray, scores: np.ndarray, keep: np.ndarray) -> None:
        i, j, scores = i[keep], j[keep], scores[keep]
        # Best first; exact ties go to the pair nearer the diagonal, then the lower indices,
        # so that align(a, b) and align(b, a) agree.
        order = np.lexsort((np.minimum(i, j), i + j, np.abs(i - j), -np.round(scores, 9)))
        own_l, own_r = self.owner
        for k in order.tolist():
            a, b = int(i[k]), int(j[k])
            if own_l[a] < 0 and own_r[b] < 0:
                own_l[a] = own_r[b] = len(self.beads)
                self.beads.append(([a], [b]))

    # leftover sentences join the link whose other side they help to match
    def _attach(self, best: tuple[np.ndarray, np.ndarray]) -> None:
        for _ in range(2 * self.p.max_bead):
            proposals: list[tuple[int, int, int]] = []  # (side, sentence, bead)
            for side in (0, 1):
                for x in np.flatnonzero(self.owner[side] < 0).tolist():
                    for bead_id in self._beads_for(side, x, best):
                        if self._admissible(side, x, bead_id):
                            proposals.append((side, x, bead_id))
            if not proposals:
                return
            deltas = self.s.attach_deltas([(self.beads[b], side, x) for side, x, b in proposals])
            ranked = sorted(
                (
                    (-round(d, 9), side, x, b)
                    for d, (side, x, b) in zip(deltas, proposals)
                    if d >= self.p.attach_threshold
                ),
            )
            changed: set[int] = set()
            for _, side, x, bead_id in ranked:
                if bead_id in changed or self.owner[side][x] >= 0:
                    continue  # one change per link a round: its score has to be recomputed
                self.beads[bead_id][side].append(x)
                self.owner[side][x] = bead_id
                changed.add(bead_id)
            if not changed:
                return

    def _beads_for(self, side: int, x: int, best: tuple[np.ndarray, np.ndarray]) -> list[int]:
        own, other = self.owner[side], self.owner[1 - side]
        if self.mode == "translation":
            # only a neighbour of the link's sentences, as in Bertalign and Vecalign beads
            return sorted(
                {int(own[y]) for y in (x - 1, x + 1) if 0 <= y < len(own) and own[y] >= 0}
            )
        # rewrite mode: the link of the sentence it resembles most, wherever that is
        partner = int(best[side][x])
        out = [int(other[partner])] if partner >= 0 and other[partner] >= 0 else []
        if self.p.attach_neighbours:  # a merge or split usually joins neighbours
            for y in (x - 1, x + 1):
                if 0 <= y < len(own) and own[y] >= 0 and int(own[y]) not in out:
                    out.append(int(own[y]))
        return out

    def _admissible(self, side: int, x: int, bead_id: int) -> bool:
        bead = self.beads[bead_id]
        if len(bead[side]) >= self.p.max_bead:
            return False
        other = bead[1 - side]
        vec = (self.s.lv if side == 0 else self.s.rv)[x]
        other_vecs = self.s.rv if side == 0 else self.s.lv
        return bool(self.s.rescale(np.max(other_vecs[other] @ vec)) >= self.p.attach_floor)


def _shared(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Share of anchors in common: |a & b| / max(|a|, |b|), 0 when either side has none."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _row_norms(m: Any) -> np.ndarray:
    """Euclidean norm of each row of a sparse matrix (squares its stored values only)."""
    sq = m.copy()
    sq.data **= 2
    norms: np.ndarray = np.sqrt(_row_sums(sq))
    return norms


def _row_sums(m: Any) -> np.ndarray:
    """Sum of each row of a CSR matrix, added in stored order as ``m @ ones`` does, without
    scipy's per-call overhead (these run on small batches many times)."""
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    sums: np.ndarray = np.bincount(rows, weights=m.data, minlength=m.shape[0])
    return sums


def _take_columns(m: Any, cols: np.ndarray) -> Any:
    """The columns ``cols`` (sorted) of a CSR matrix, as a CSR matrix of ``len(cols)``
    columns; stored values keep their order."""
    from scipy.sparse import csr_matrix

    new_index = np.full(m.shape[1], -1, dtype=np.int64)
    new_index[cols] = np.arange(len(cols))
    pos = new_index[m.indices]
    keep = pos >= 0
    indptr = np.concatenate([[0], np.cumsum(keep)])[m.indptr]
    return csr_matrix((m.data[keep], pos[keep], indptr), shape=(m.shape[0], len(cols)))


def _indicator(groups: Sequence[Sequence[int]], size: int) -> Any:
    """A CSR matrix with one row per group and ones at the group's members."""
    from scipy.sparse import csr_matrix

    indptr = np.concatenate([[0], np.cumsum([len(g) for g in groups], dtype=np.int64)])
    members = np.fromiter((x for g in groups for x in g), dtype=np.int64, count=int(indptr[-1]))
    return csr_matrix((np.ones(len(members)), members, indptr), shape=(len(groups), size))


def _sparse_pair_dots(a: Any, b: Any, ri: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """``a[ri[k]] . b[cj[k]]`` for CSR matrices, by blocks of rows (``ri`` sorted) against
    the span of columns they need, so the work follows the band, not ``len(a) x len(b)``."""
    out = np.zeros(len(ri))
    step = 256
    if not len(ri):
        return out
    starts = np.searchsorted(ri, np.arange(ri[0], ri[-1] + 1, step)).tolist()
    bounds: list[int] = [*starts, len(ri)]
    for s0, s1 in itertools.pairwise(bounds):
        if s1 <= s0:
            continue
        r0, r1 = int(ri[s0]), int(ri[s1 - 1]) + 1
        c0, c1 = int(cj[s0:s1].min()), int(cj[s0:s1].max()) + 1
        block = (a[r0:r1] @ b[c0:c1].T).toarray()
        out[s0:s1] = block[ri[s0:s1] - r0, cj[s0:s1] - c0]
    return out


def _side_blind_key(
    beads: list[tuple[list[int], list[int]]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return sorted(
        (min(ta, tb), max(ta, tb))
        for ta, tb in ((tuple(sorted(a)), tuple(sorted(b))) for a, b in beads)
    )


def _neighbour_sim(
    vec: np.ndarray, rows: np.ndarray, before: np.ndarray, after: np.ndarray, size: int
) -> np.ndarray:
    """Mean cosine of each ``vec`` row with the sentences just before and after a passage."""
    has_b = before >= 0
    has_a = after < size
    sim_b = np.einsum("ij,ij->i", vec, rows[np.where(has_b, before, 0)]) * has_b
    sim_a = np.einsum("ij,ij->i", vec, rows[np.where(has_a, after, 0)]) * has_a
    count = np.maximum(has_b.astype(np.int64) + has_a, 1)
    out: np.ndarray = (sim_b + sim_a).astype(np.float64) / count
    return out


def _best_partners(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each sentence, its highest-scoring candidate on the other side (-1 if none)."""
    best_l = np.full(n, -1, dtype=np.int64)
    best_r = np.full(m, -1, dtype=np.int64)
    order = np.lexsort((np.maximum(i, j), np.abs(i - j), -np.round(scores, 9)))
    # best first: each sentence's first pair in this order is its best
    for best, mine, theirs in ((best_l, i[order], j[order]), (best_r, j[order], i[order])):
        _, first = np.unique(mine, return_index=True)
        best[mine[first]] = theirs[first]
    return best_l, best_r


def _confident_chain(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, n: int, m: int, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """The heaviest chain, increasing on both sides, of mutually best pairs above threshold.

    Mutually best pairs form a matching, so the chain is found in O(k log k) with a Fenwick
    tree of running maxima over right indices. Weighing by score (rather than taking the
    longest chain) makes the result unique for tie-free scores, and the same whichever
    document is called left.
    """
    best_l = np.full(n, -np.inf)
    best_r = np.full(m, -np.inf)
    np.maximum.at(best_l, i, scores)
    np.maximum.at(best_r, j, scores)
    mutual = (scores >= threshold) & (scores >= best_l[i]) & (scores >= best_r[j])
    order = np.argsort(i[mutual], kind="stable")
    mi, mj, ms = i[mutual][order], j[mutual][order], scores[mutual][order]
    tree_val = [0.0] * (m + 1)  # Fenwick tree over right indices: best chain weight
    tree_arg = [-1] * (m + 1)  # ... and the pair that ends it
    prev = [-1] * len(mi)
    total = [0.0] * len(mi)
    for k, (jj, w) in enumerate(zip(mj.tolist(), ms.tolist())):
        best, arg, x = 0.0, -1, jj  # query the prefix of right indices < jj
        while x > 0:
            if tree_val[x] > best:
                best, arg = tree_val[x], tree_arg[x]
            x -= x & -x
        total[k], prev[k] = best + w, arg
        x = jj + 1
        while x <= m:
            if total[k] > tree_val[x]:
                tree_val[x], tree_arg[x] = total[k], k
            x += x & -x
    chain: list[int] = []
    k = int(np.argmax(total)) if total else -1
    while k >= 0:
        chain.append(k)
        k = prev[k]
    chain.reverse()
    return mi[chain].astype(np.float64), mj[chain].astype(np.float64)


# -- translation mode: a bead search in a band around the anchor path ------------------
_SKIP_LEFT, _SKIP_RIGHT = -1, -2  # back-pointer codes of the 1-0 and 0-1 beads
_CHUNK = 16384  # cells scored at a time (bounded memory for long documents)


def _translation_beads(s: _Scorer, p: AlignParams) -> list[tuple[list[int], list[int]]]:
    """Monotone many-to-many beads by dynamic programming, as Bertalign and Vecalign do.

    The confident chain of mutually best pairs traces a path; a band of ``p.band``
    sentences around it is searched for the best sequence of beads (1-0, 0-1 and n-m up to
    ``p.max_bead`` a side and ``p.max_bead_total`` in all). A bead scores the cosine of its
    two passages minus the neighbours' similarity (margin), times the length agreement,
    plus the character n-gram overlap. Afterwards, two repairs give
    back what a monotone search cannot express: a 2-2 bead whose sentences match crosswise
    becomes two crossing links, and sentences the search left out are linked to each other
    if they match well near the path (local swaps).
    """
    n, m = s.n, s.m
    ci, cj = s.anchor_chain()
    jstar = np.interp(
        np.arange(n + 1), np.concatenate([[0.0], ci + 1, [n]]), np.concatenate([[0.0], cj + 1, [m]])
    )
    kmax = p.max_bead
    sizes = range(1, kmax + 1)
    types = sorted(
        ((a, b) for a in sizes for b in sizes if a + b <= p.max_bead_total),
        key=lambda t: (t[0] + t[1], abs(t[0] - t[1]), t),
    )
    beads = _bead_search(s, p, types, jstar, p.band)
    beads = _split_crossed(s, beads, p)
    return _link_leftovers(s, beads, jstar, p)


def _bead_search(
    s: _Scorer, p: AlignParams, types: list[tuple[int, int]], jstar: np.ndarray, half: float
) -> list[tuple[list[int], list[int]]]:
    """The best monotone sequence of beads in a band of ``half`` columns around ``jstar``."""
    n, m = s.n, s.m
    lo, hi = _band(jstar, n, m, half)
    widths = hi - lo + 1
    off = np.concatenate([[0], np.cumsum(widths)]).astype(np.int64)
    rows = np.repeat(np.arange(n + 1), widths)
    cols = np.arange(off[-1]) - np.repeat(off[:-1], widths) + np.repeat(lo, widths)
    bead_scores = [s.band_scores(rows, cols, a, b) for a, b in types]
    # forward pass, one row at a time (each row is a vector over its band)
    cost = np.full(off[-1], -np.inf)
    back = np.zeros(off[-1], dtype=np.int8)
    skip = p.skip_penalty
    for i in range(n + 1):
        sl = slice(off[i], off[i + 1])
        js = cols[sl]
        cands = []
        for t, (a, b) in enumerate(types):
            if i - a < 0:
                cands.append(np.full(len(js), -np.inf))
                continue
            cands.append(_prev_cost(cost, off, lo, widths, i - a, js - b) + bead_scores[t][sl])
        if i > 0:
            cands.append(_prev_cost(cost, off, lo, widths, i - 1, js) - skip)
        else:
            cands.append(np.where(js == 0, 0.0, -np.inf))
        stacked = np.vstack(cands)
        best = np.argmax(stacked, axis=0)
        row = stacked[best, np.arange(len(js))]
        codes = np.where(best < len(types), best, _SKIP_LEFT).astype(np.int8)
        # 0-1 beads move along the row: cost[j] = max_k<=j row[k] - (j - k) * skip
        # (compared in the shifted domain, so rounding cannot fake an insertion)
        steps = np.arange(len(js)) * skip
        shifted = row + steps
        best_run = np.maximum.accumulate(shifted)
        inserted = best_run > shifted
        run = np.where(inserted, best_run - steps, row)
        codes = np.where(inserted, _SKIP_RIGHT, codes).astype(np.int8)
        cost[sl] = run
        back[sl] = codes
    # back-track from (n, m)
    beads: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(back[off[i] + j - lo[i]])
        if code == _SKIP_LEFT:
            i -= 1
        elif code == _SKIP_RIGHT:
            j -= 1
        else:
            a, b = types[code]
            beads.append((list(range(i - a, i)), list(range(j - b, j))))
            i, j = i - a, j - b
    beads.reverse()
    return beads


def _prev_cost(
    cost: np.ndarray, off: np.ndarray, lo: np.ndarray, widths: np.ndarray, row: int, js: np.ndarray
) -> np.ndarray:
    """``cost[row, js]`` over a band row (minus infinity outside the band)."""
    k = js - lo[row]
    ok = (k >= 0) & (k < widths[row])
    out = np.full(len(js), -np.inf)
    out[ok] = cost[off[row] + k[ok]]
    return out


def _band(jstar: np.ndarray, n: int, m: int, half: float) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest column of each row of the search band (monotone and connected)."""
    w = int(np.ceil(half))
    prev = np.concatenate([[jstar[0]], jstar[:-1]])
    nxt = np.concatenate([jstar[1:], [jstar[-1]]])
    lo = np.floor(np.minimum(prev, jstar)) - w
    hi = np.ceil(np.maximum(nxt, jstar)) + w
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo = np.clip(lo, 0, m).astype(np.int64)
    hi = np.clip(hi, 0, m).astype(np.int64)
    lo[0] = 0
    hi[-1] = m
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return lo, hi


def _split_crossed(
    s: _Scorer, beads: list[tuple[list[int], list[int]]], p: AlignParams
) -> list[tuple[list[int], list[int]]]:
    """Turn a 2-2 bead whose sentences match crosswise into two crossing 1-1 links."""
    out: list[tuple[list[int], list[int]]] = []
    for left, right in beads:
        if len(left) == 2 and len(right) == 2:
            li = np.array([left[0], left[0], left[1], left[1]])
            rj = np.array([right[0], right[1], right[0], right[1]])
            sc = s.pair_scores(li, rj)
            # crosswise wins when each crossed pair beats both straight ones and one of
            # them is a confident link on its own
            if min(sc[1], sc[2]) > max(sc[0], sc[3]) and max(sc[1], sc[2]) >= p.threshold:
                out += [([left[0]], [right[1]]), ([left[1]], [right[0]])]
                continue
        out.append((left, right))
    return out


def _link_leftovers(
    s: _Scorer, beads: list[tuple[list[int], list[int]]], jstar: np.ndarray, p: AlignParams
) -> list[tuple[list[int], list[int]]]:
    """Link sentences the search left out to each other, best first, near the path."""
    used_l = {x for b in beads for x in b[0]}
    used_r = {x for b in beads for x in b[1]}
    free_l = [x for x in range(s.n) if x not in used_l]
    free_r = np.array([y for y in range(s.m) if y not in used_r], dtype=np.int64)
    if not free_l or not len(free_r):
        return beads
    cand_i: list[int] = []
    cand_j: list[int] = []
    for x in free_l:
        near = free_r[np.abs(free_r + 1 - jstar[x + 1]) <= p.path_window + 1]
        cand_i += [x] * len(near)
        cand_j += near.tolist()
    if not cand_i:
        return beads
    i, j = np.array(cand_i, dtype=np.int64), np.array(cand_j, dtype=np.int64)
    sc = s.pair_scores(i, j)
    order = np.lexsort((np.minimum(i, j), i + j, np.abs(i - j), -np.round(sc, 9)))
    for k in order.tolist():
        if sc[k] < p.threshold:
            break
        a, b = int(i[k]), int(j[k])
        if a not in used_l and b not in used_r:
            used_l.add(a)
            used_r.add(b)
            beads.append(([a], [b]))
    return beads
