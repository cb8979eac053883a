"""Many-to-many sentence alignment of two versions of a story.

The algorithm works on sentence vectors (unit rows, so dot products are cosines) and, when
the texts are known, on two anchors that survive paraphrase and translation: numbers
(``3,000`` = ``3천``) and a character n-gram overlap that catches shared names, quoted words
and figures.

1. **Candidates.** For every sentence, the ``top_k`` most similar sentences of the other side
   (computed blockwise, so two 10,000-sentence documents never need a 10,000 x 10,000
   matrix). Each candidate pair gets a score: cosine + lexical bonus + number bonus.
   In ``translation`` mode, pairs near the diagonal path traced by confident, mutually best
   pairs are added and favoured, and pairs far from it are held back.
2. **Backbone.** Competitive linking: candidate pairs are taken best first while both
   sentences are free and the score reaches ``threshold``. This gives 1-1 links in any order,
   which is what rewrites need: they reorder freely.
3. **Beads.** A sentence left over joins an existing link when it explains what the link's
   other side says and its own side does not: its cosine with the *residual* of the other
   side (the other side's vector minus its projection on this side's vector) must reach
   ``attach_threshold``. Repeated, this builds 1-n, n-1 and n-m beads (up to ``max_bead``
   sentences a side). In ``rewrite`` mode any link may be joined, so the result does not
   depend on sentence order; in ``translation`` mode only a neighbour of the link's
   sentences may join, as in Bertalign and Vecalign beads.
4. **Kinds.** A link whose score reaches ``equivalent_threshold`` is ``"equivalent"``, one
   below it ``"partial"``.

Default settings were tuned on development data only (the Korean-English perturbed news
task built from ``ko_en_news`` dev and the Text+Berg dev document; see ``benchmarks/``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from .embed import Encoder, get_encoder, lexical_vectors, normalize_rows
from .errors import ConfigError, InputError
from .facts import number_values
from .names import sentence_name_keys
from .records import Alignment, Document, Link, LinkKind, sort_links

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
        max_bead: most sentences on one side of a link.
        top_k: candidates kept per sentence and direction.
        lexical_weight: weight of the centred character n-gram overlap.
        number_weight: weight of the share of numbers two sentences have in common.
        name_weight: weight of the share of people (name keys, any spelling or script)
            two sentences have in common.
        path_weight: translation mode: bonus on the diagonal path, malus far from it.
        path_window: translation mode: distance from the path (in sentences) that is "near".
    """

    threshold: float = 0.11
    attach_threshold: float = 0.015
    attach_floor: float = 0.0
    equivalent_threshold: float = 0.25
    max_bead: int = 3
    top_k: int = 8
    lexical_weight: float = 0.30
    number_weight: float = 0.10
    name_weight: float = 0.10
    path_weight: float = 0.15
    path_window: float = 3.0

    def __post_init__(self) -> None:
        for name in ("threshold", "attach_threshold", "attach_floor", "equivalent_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {value!r}")
        if self.max_bead < 1:
            raise ConfigError(f"max_bead must be >= 1, got {self.max_bead!r}")
        if self.top_k < 1:
            raise ConfigError(f"top_k must be >= 1, got {self.top_k!r}")
        for name in ("lexical_weight", "number_weight", "name_weight", "path_weight", "path_window"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be >= 0, got {getattr(self, name)!r}")


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
        if not isinstance(threshold, (int, float)) or not 0.0 <= float(threshold) <= 1.0:
            raise ConfigError(f"threshold must be in [0, 1], got {threshold!r}")
        p = replace(p, threshold=float(threshold))
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
    beads = _Aligner(scorer, mode, p).run()
    links = [
        Link(left=tuple(sorted(a)), right=tuple(sorted(b)), score=s, kind=k)
        for a, b, s, k in beads
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
        # The anchors add up to lexical_weight + number_weight + name_weight; dividing by the largest
        # possible total keeps every score in [0, 1].
        self.norm = 1.0 + p.lexical_weight + p.number_weight + p.name_weight
        self.lex_l: Any = None
        self.lex_r: Any = None
        self.lex_mean = 0.0
        self.num_l: list[frozenset[float]] = [frozenset()] * self.n
        self.num_r: list[frozenset[float]] = [frozenset()] * self.m
        self.names_l: list[frozenset[str]] = [frozenset()] * self.n
        self.names_r: list[frozenset[str]] = [frozenset()] * self.m
        if ltexts is not None and rtexts is not None:
            if p.lexical_weight > 0:
                lex = lexical_vectors([*ltexts, *rtexts])
                self.lex_l, self.lex_r = lex[: self.n], lex[self.n :]
                mean_l = np.asarray(self.lex_l.mean(axis=0)).ravel()
                mean_r = np.asarray(self.lex_r.mean(axis=0)).ravel()
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
            top = np.argpartition(-block, k_row - 1, axis=1)[:, :k_row]
            rows_i.append(np.repeat(np.arange(start, start + len(block)), k_row))
            rows_j.append(top.ravel())
            kb = min(k_col, len(block))
            part = np.argpartition(-block, kb - 1, axis=0)[:kb]
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
            np.concatenate([np.concatenate(rows_i) * self.m + np.concatenate(rows_j),
                            ci * self.m + cj])
        )
        return pairs // self.m, pairs % self.m

    def pair_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine plus anchors for pairs (computed in float64, the same from either side)."""
        cos = np.einsum("ij,ij->i", self.lv[i], self.rv[j])
        scores: np.ndarray = (self.rescale(cos) + self._anchor_bonus(i, j)) / self.norm
        return scores

    def rescale(self, cos: Any) -> Any:
        """Map a cosine to the score scale: the documents' baseline is 0, identity is 1."""
        return (cos - self.baseline) / (1.0 - self.baseline)

    def _anchor_bonus(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        bonus = np.zeros(len(i))
        if self.lex_l is not None and len(i):
            lex = np.asarray(self.lex_l[i].multiply(self.lex_r[j]).sum(axis=1)).ravel()
            bonus += self.p.lexical_weight * np.maximum(0.0, lex - self.lex_mean)
        for weight, sets_l, sets_r in self._anchor_sets():
            for k, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
                bonus[k] += weight * _shared(sets_l[a], sets_r[b])
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
                [(self.lv if side == 0 else self.rv)[list(members)].sum(axis=0) for side, members in todo]
            )
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        for key, vec in zip(todo, vecs):
            self._joined[key] = vec

    def bead_score(self, left: Sequence[int], right: Sequence[int]) -> float:
        """Score of a bead: cosine of its two passages plus the anchors they share."""
        self.prepare([(0, tuple(sorted(left))), (1, tuple(sorted(right)))])
        cos = float(self.side_vector(0, left) @ self.side_vector(1, right))
        return (float(self.rescale(cos)) + self._bead_anchor_bonus(left, right)) / self.norm

    def _bead_anchor_bonus(self, left: Sequence[int], right: Sequence[int]) -> float:
        bonus = 0.0
        if self.lex_l is not None:
            la = _sparse_sum(self.lex_l, left)
            lb = _sparse_sum(self.lex_r, right)
            nla = float(np.sqrt(la.multiply(la).sum()))
            nlb = float(np.sqrt(lb.multiply(lb).sum()))
            if nla > 0 and nlb > 0:
                lex = float(la.multiply(lb).sum()) / (nla * nlb)
                bonus += self.p.lexical_weight * max(0.0, lex - self.lex_mean)
        for weight, sets_l, sets_r in self._anchor_sets():
            union_l = frozenset().union(*(sets_l[x] for x in left))
            union_r = frozenset().union(*(sets_r[x] for x in right))
            bonus += weight * _shared(union_l, union_r)
        return bonus

    def attach_deltas(
        self, moves: Sequence[tuple[tuple[list[int], list[int]], int, int]]
    ) -> list[float]:
        """For each (bead, side, sentence): bead score with the sentence minus without it."""
        keys: list[tuple[int, tuple[int, ...]]] = []
        for (left, right), side, x in moves:
            keys += [(0, tuple(sorted(left))), (1, tuple(sorted(right)))]
            grown = [*(left if side == 0 else right), x]
            keys.append((side, tuple(sorted(grown))))
        self.prepare(keys)
        out = []
        for (left, right), side, x in moves:
            before = self.bead_score(left, right)
            if side == 0:
                after = self.bead_score([*left, x], right)
            else:
                after = self.bead_score(left, [*right, x])
            out.append(after - before)
        return out


# -- the aligner ------------------------------------------------------------------------
class _Aligner:
    def __init__(self, scorer: _Scorer, mode: Mode, p: AlignParams) -> None:
        self.s = scorer
        self.mode = mode
        self.p = p
        self.owner = (np.full(scorer.n, -1, dtype=np.int64), np.full(scorer.m, -1, dtype=np.int64))
        self.beads: list[tuple[list[int], list[int]]] = []

    def run(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float, LinkKind]]:
        i, j = self.s.candidates()
        scores = self.s.pair_scores(i, j)
        if self.mode == "translation":
            i, j, scores = self._with_path_prior(i, j, scores)
        self._backbone(i, j, scores)
        self._attach(i, j, scores)
        out = []
        for left, right in self.beads:
            left, right = sorted(left), sorted(right)
            score = float(np.clip(self.s.bead_score(left, right), 0.0, 1.0))
            kind: LinkKind = "equivalent" if score >= self.p.equivalent_threshold else "partial"
            out.append((tuple(left), tuple(right), round(score, 6), kind))
        return out

    # translation mode: favour the diagonal path of confident pairs
    def _with_path_prior(
        self, i: np.ndarray, j: np.ndarray, scores: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n, m, w = self.s.n, self.s.m, self.p.path_window
        chain_i, chain_j = _confident_chain(i, j, scores, n, m, self.p.threshold)
        # Anchor the ends so the path spans both documents.
        ci = np.concatenate([[-1.0], chain_i, [float(n)]])
        cj = np.concatenate([[-1.0], chain_j, [float(m)]])
        jstar = np.interp(np.arange(n), ci, cj)
        istar = np.interp(np.arange(m), cj, ci)
        span = int(np.ceil(w))
        offsets = np.arange(-span, span + 1)
        near_i = np.repeat(np.arange(n), len(offsets))
        near_j = (np.round(jstar)[:, None] + offsets[None, :]).ravel().astype(np.int64)
        near_j2 = np.repeat(np.arange(m), len(offsets))
        near_i2 = (np.round(istar)[:, None] + offsets[None, :]).ravel().astype(np.int64)
        all_i = np.concatenate([i, near_i, near_i2])
        all_j = np.concatenate([j, near_j, near_j2])
        ok = (all_i >= 0) & (all_i < n) & (all_j >= 0) & (all_j < m)
        pairs = np.unique(all_i[ok] * m + all_j[ok])
        i2, j2 = pairs // m, pairs % m
        base = self.s.pair_scores(i2, j2)
        d = np.minimum(np.abs(j2 - jstar[i2]), np.abs(i2 - istar[j2]))
        prior = self.p.path_weight * (1.0 - np.minimum(d, 2 * w) / w)
        return i2, j2, base + prior

    def _backbone(self, i: np.ndarray, j: np.ndarray, scores: np.ndarray) -> None:
        keep = scores >= self.p.threshold
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
    def _attach(self, i: np.ndarray, j: np.ndarray, scores: np.ndarray) -> None:
        best = _best_partners(i, j, scores, self.s.n, self.s.m)
        for _ in range(2 * self.p.max_bead):
            proposals: list[tuple[int, int, int]] = []  # (side, sentence, bead)
            for side in (0, 1):
                for x in np.flatnonzero(self.owner[side] < 0).tolist():
                    for bead_id in self._beads_for(side, x, best):
                        if self._admissible(side, x, bead_id):
                            proposals.append((side, x, bead_id))
            if not proposals:
                return
            deltas = self.s.attach_deltas(
                [(self.beads[b], side, x) for side, x, b in proposals]
            )
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
        return [int(other[partner])] if partner >= 0 and other[partner] >= 0 else []

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


def _sparse_sum(matrix: Any, rows: Sequence[int]) -> Any:
    """Sum of some rows of a CSR matrix, kept sparse (a 1 x F CSR matrix)."""
    from scipy.sparse import csr_matrix

    return csr_matrix(np.ones((1, len(rows)))) @ matrix[list(rows)]


def _best_partners(
    i: np.ndarray, j: np.ndarray, scores: np.ndarray, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each sentence, its highest-scoring candidate on the other side (-1 if none)."""
    best_l = np.full(n, -1, dtype=np.int64)
    best_r = np.full(m, -1, dtype=np.int64)
    order = np.lexsort((np.maximum(i, j), np.abs(i - j), -np.round(scores, 9)))
    for k in order[::-1].tolist():  # worst first, so the best is written last
        best_l[i[k]] = j[k]
        best_r[j[k]] = i[k]
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
