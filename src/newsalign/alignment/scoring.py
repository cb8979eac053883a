"""Scores of sentence pairs and of beads: cosine, rescaled, plus lexical, number and name anchors.

The :class:`Scorer` is the one place that turns vectors and texts into scores; the rewrite
linker and the translation bead search both ask it. It is public as a seam for tests.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..embed import char_ngram_counts, normalize_rows, tfidf_of_counts
from ..names import sentence_name_keys
from ..text import number_values
from .params import AlignParams

__all__ = ["Scorer", "indicator", "row_norms", "row_sums"]


_CHUNK = 16384  # cells of a band scored at a time (bounded memory for long documents)
_CHUNK_FLOATS = 2**23  # ... and at most this many vector entries gathered a side at a time
_BLOCK = 1024  # rows per block of the similarity computation: 1024 x m float32 at a time
_PAIRS = 4096  # pairs whose two rows are gathered at a time in pair_scores
_WINDOW_ROWS = 4096  # runs of sentences whose n-gram rows are summed at a time
_SLICE = 256  # rows (or columns) of a similarity block partitioned at a time
Pairs = tuple[np.ndarray, np.ndarray]  # left and right indices (or positions) of pairs


class Rows64:
    """The rows of a float32 matrix, read as float64 when indexed (no float64 copy kept).

    ``rows[x]`` is ``matrix.astype(np.float64)[x]``, value for value.
    """

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix

    def __len__(self) -> int:
        return len(self.matrix)

    def __getitem__(self, index: Any) -> np.ndarray:
        rows: np.ndarray = self.matrix[index].astype(np.float64)
        return rows


def _mean64(matrix: np.ndarray) -> np.ndarray:
    """``matrix.astype(np.float64).mean(axis=0)``, value for value, a block at a time (the
    sum down a column runs row after row either way)."""
    total = np.zeros(matrix.shape[1])
    for start in range(0, len(matrix), _BLOCK):
        total += matrix[start : start + _BLOCK].astype(np.float64).sum(axis=0)
    out: np.ndarray = total / len(matrix)
    return out


# -- scoring --------------------------------------------------------------------------
class Scorer:
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
        self._windows: dict[tuple[int, int], np.ndarray] = {}
        # float64 rows are gathered on demand, not copied whole: a copy would double the
        # vectors' memory (for 2,048-wide TF-IDF projections, 16 KiB a sentence)
        self.lv = Rows64(lv)
        self.rv = Rows64(rv)
        self.lv32 = lv
        self.rv32 = rv
        self.p = p
        self.n, self.m = len(lv), len(rv)
        # The mean cosine over all pairs: what two sentences of these documents share anyway
        # (same topic, same language). Scores are measured from there, so one threshold
        # serves a same-language rewrite (baseline ~0.3) and a translation (~0.15) alike.
        baseline = float(_mean64(lv) @ _mean64(rv))
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
        # the character n-gram counts of each side, kept for the links' calibrated scores
        # (:mod:`.probability`), which read them without the IDF of these documents
        self.gram_counts: tuple[Any, Any] = (None, None)
        if ltexts is not None and rtexts is not None:
            if p.lexical_weight > 0:
                counts = char_ngram_counts([*ltexts, *rtexts])
                self.gram_counts = (counts[: self.n], counts[self.n :])
                lex = tfidf_of_counts(counts)
                self.lex_l, self.lex_r = lex[: self.n], lex[self.n :]
                self.lex_norms = (row_norms(self.lex_l), row_norms(self.lex_r))
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
            top = _top_in_rows(block, k_row)
            rows_i.append(np.repeat(np.arange(start, start + len(block)), k_row))
            rows_j.append(top.ravel())
            kb = min(k_col, len(block))
            part = _top_in_columns(block, kb)
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

    def pair_cosines(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of each sentence pair, the same from either side: rows gathered in float32,
        summed in float64, ``_PAIRS`` pairs at a time (not pairs x dim x 8 bytes at once)."""
        cos = np.empty(len(i))
        for s in range(0, len(i), _PAIRS):
            li, rj = self.lv32[i[s : s + _PAIRS]], self.rv32[j[s : s + _PAIRS]]
            cos[s : s + _PAIRS] = np.einsum("ij,ij->i", li, rj, dtype=np.float64)
        return cos

    def pair_scores(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine plus anchors for pairs (computed in float64, the same from either side)."""
        scores: np.ndarray = self.rescale(self.pair_cosines(i, j)) + self._anchor_bonus(i, j)
        return scores / self.norm

    def rescale(self, cos: Any) -> Any:
        """Map a cosine to the score scale: the documents' baseline is 0, identity is 1."""
        return (cos - self.baseline) / (1.0 - self.baseline)

    def _anchor_bonus(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        bonus = np.zeros(len(i))
        if self.lex_l is not None and len(i):
            # a block of pairs at a time: every pair's two gathered rows at once would be
            # pairs x shared n-grams a row (0.7 GB for two 0.5 MB texts)
            lex = np.empty(len(i))
            for s in range(0, len(i), _CHUNK):
                part = self.dot_l[i[s : s + _CHUNK]].multiply(self.dot_r[j[s : s + _CHUNK]])
                lex[s : s + _CHUNK] = row_sums(part)
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
        return vec.astype(np.float64, copy=False)

    def prepare(self, keys: Sequence[tuple[int, tuple[int, ...]]]) -> None:
        """Compute the vectors of several multi-sentence passages in one encoder call."""
        todo = sorted({k for k in keys if len(k[1]) > 1 and k not in self._joined})
        if not todo:
            return
        if self.encode is not None:
            texts = [" ".join(self.texts[side][x] for x in members) for side, members in todo]  # type: ignore[index]
            # kept as the encoder's float32 (half the memory); read as float64, losslessly
            vecs = normalize_rows(self.encode(texts))
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
    def swapped(self) -> Scorer:
        """The scorer of the problem with the sides swapped, sharing what was computed."""
        other = copy.copy(self)
        other.texts = (self.texts[1], self.texts[0])
        other.lv, other.rv, other.lv32, other.rv32 = self.rv, self.lv, self.rv32, self.lv32
        other.n, other.m = self.m, self.n
        other.lex_l, other.lex_r = self.lex_r, self.lex_l
        other.gram_counts = (self.gram_counts[1], self.gram_counts[0])
        other.dot_l, other.dot_r = self.dot_r, self.dot_l
        other.lex_norms = (self.lex_norms[1], self.lex_norms[0])
        other.num_l, other.num_r = self.num_r, self.num_l
        other.names_l, other.names_r = self.names_r, self.names_l
        other._joined = {(1 - side, key): vec for (side, key), vec in self._joined.items()}
        other._lex_cache = {(1 - side, size): m for (side, size), m in self._lex_cache.items()}
        other._bead_cache = {(b, a): score for (a, b), score in self._bead_cache.items()}
        other._windows = {(1 - side, size): w for (side, size), w in self._windows.items()}
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
        out = np.asarray(self.rescale(self.passage_cosines(beads)), dtype=np.float64)
        if self.lex_l is not None:
            lefts, rights = [a for a, _ in beads], [b for _, b in beads]
            la = indicator(lefts, self.n) @ self.dot_l
            lb = indicator(rights, self.m) @ self.dot_r
            nla, nlb = self._passage_norms(0, lefts), self._passage_norms(1, rights)
            dot = row_sums(la.multiply(lb))
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

    def passage_cosines(self, beads: Sequence[tuple[Sequence[int], Sequence[int]]]) -> np.ndarray:
        """Cosine of each bead's two passage vectors (:meth:`side_vector`), in float64.

        The vectors are gathered ``_PAIRS`` beads at a time: all of them at once would be
        beads x dim x 8 bytes a side (0.5 GB for 15,000 beads of 2,048-wide vectors).
        """
        self.prepare([(0, tuple(a)) for a, _ in beads] + [(1, tuple(b)) for _, b in beads])
        out = np.empty(len(beads))
        for s in range(0, len(beads), _PAIRS):
            part = beads[s : s + _PAIRS]
            lvec = np.stack([self.side_vector(0, a) for a, _ in part])
            rvec = np.stack([self.side_vector(1, b) for _, b in part])
            out[s : s + _PAIRS] = np.einsum("ij,ij->i", lvec, rvec)
        return out

    def _passage_norms(self, side: int, groups: Sequence[Sequence[int]]) -> np.ndarray:
        """Norm of each group's summed character n-gram rows (all n-grams, not only the
        shared ones); a one-sentence group has its row's norm."""
        norms = self.lex_norms[side]
        out = np.array([norms[g[0]] if len(g) == 1 else 0.0 for g in groups])
        multi = [k for k, g in enumerate(groups) if len(g) > 1]
        if multi:
            rows = self.lex_l if side == 0 else self.lex_r
            summed = indicator([groups[k] for k in multi], len(norms)) @ rows
            out[multi] = row_norms(summed)
        return out

    def anchor_chain(self, pairs: Pairs | None = None) -> Pairs:
        """The heaviest monotone chain of confident, mutually best pairs (of ``candidates()``)."""
        i, j = self.candidates() if pairs is None else pairs
        return _confident_chain(i, j, self.pair_scores(i, j), self.n, self.m, self.p.threshold)

    def windows(self, side: int, size: int) -> np.ndarray:
        """Vectors of every run of ``size`` consecutive sentences of one side (float32).

        Composed from the sentence vectors (their normalised sum), not encoded: the bead
        search scores every run near the path, and encoding each joined run is what the
        peers spend their time on. The links found are scored on encoded passages
        (:meth:`side_vector`), as the link probability was calibrated.
        """
        rows = self.lv32 if side == 0 else self.rv32
        if size == 1:
            return rows
        key = (side, size)
        cached = self._windows.get(key)
        if cached is not None:
            return cached
        count = len(rows) - size + 1
        if count <= 0:
            return np.zeros((0, rows.shape[1]), dtype=np.float32)
        out = _summed_windows(rows, size, count)
        self._windows[key] = out
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
        # each cell gathers one passage vector a side: 16,384 rows 8,192 wide
        # would be 1 GiB, so wide vectors take fewer cells a chunk (the values are the same)
        chunk = max(1, min(_CHUNK, _CHUNK_FLOATS // max(sw.shape[1], 1)))
        for start in range(0, len(ok), chunk):
            idx = ok[start : start + chunk]
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
            # a bead stands for all its sentences: weighed by their number, the search does
            # not prefer several small beads over one that says the same (chosen on dev)
            out[idx] = cos * ((a + b) / 2) ** p.size_weight - p.bead_penalty * (a + b - 2)
        return out

    def _lex_windows(self, side: int, size: int) -> Any:
        """Character n-gram rows of every run of ``size`` sentences (L2-normalised CSR)."""
        key = (side, size)
        cached = self._lex_cache.get(key)
        if cached is None:
            from scipy.sparse import csr_matrix, diags_array, vstack

            rows = self.lex_l if side == 0 else self.lex_r
            count = max(rows.shape[0] - size + 1, 0)
            # a block of windows at a time: their sums over every n-gram (before only the
            # shared ones are kept) were 0.5 GB at once for 15,000 sentences; each row is
            # computed on its own, so the blocks stacked are the matrix at once
            parts = []
            for k0 in range(0, max(count, 1), _WINDOW_ROWS):
                k1 = min(k0 + _WINDOW_ROWS, count)
                ones = np.ones((k1 - k0) * size)
                r = np.repeat(np.arange(k1 - k0), size)
                c = (np.arange(k0, k1)[:, None] + np.arange(size)[None, :]).ravel()
                summed = csr_matrix((ones, (r, c)), shape=(k1 - k0, rows.shape[0])) @ rows
                norms = row_norms(summed)
                unit = (diags_array(1.0 / np.maximum(norms, 1e-12)) @ summed).tocsr()
                # only the n-grams of the other side can add to a dot product
                parts.append(_take_columns(unit, self.shared_cols))
            cached = parts[0] if len(parts) == 1 else vstack(parts, format="csr")
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


def _top_in_rows(block: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the ``k`` largest values of each row (in argpartition's order).

    Each row is partitioned on its own, so a slice of rows at a time gives the indices of
    the whole block at once without a block-sized int64 array (118 MB for 1,024 x 14,500).
    """
    parts = [
        np.argpartition(block[r : r + _SLICE], -k, axis=1)[:, -k:]
        for r in range(0, len(block), _SLICE)
    ]
    return np.concatenate(parts)


def _top_in_columns(block: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the ``k`` largest values of each column, shape ``(k, columns)``: along
    the rows of a transposed copy (partitioning down columns is twice slower), a slice of
    columns at a time as in :func:`_top_in_rows`."""
    parts = [
        np.argpartition(np.ascontiguousarray(block[:, c : c + _SLICE].T), -k, axis=1)[:, -k:].T
        for c in range(0, block.shape[1], _SLICE)
    ]
    return np.concatenate(parts, axis=1)


def _summed_windows(rows: np.ndarray, size: int, count: int) -> np.ndarray:
    """The unit sum of every run of ``size`` consecutive rows, a block of runs at a time.

    The values of :meth:`Scorer.prepare` without an encoder (float64 sums in member order,
    then scaled to unit length), cast to float32, but nothing is cached: a cache of every
    window would hold ``count`` float64 rows per size and side (for wide vectors, gigabytes
    at some 15,000 sentences a side), and the band search only reads them once per bead type.
    """
    out = np.empty((count, rows.shape[1]), dtype=np.float32)
    for start in range(0, count, _BLOCK):
        stop = min(start + _BLOCK, count)
        acc = rows[start:stop].astype(np.float64)
        for shift in range(1, size):
            acc += rows[start + shift : stop + shift]
        acc /= np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-12)
        out[start:stop] = acc
    return out


def _shared(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Share of anchors in common: |a & b| / max(|a|, |b|), 0 when either side has none."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def row_norms(m: Any) -> np.ndarray:
    """Euclidean norm of each row of a sparse matrix (squares its stored values only)."""
    sq = m.copy()
    sq.data **= 2
    norms: np.ndarray = np.sqrt(row_sums(sq))
    return norms


def row_sums(m: Any) -> np.ndarray:
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


def indicator(groups: Sequence[Sequence[int]], size: int) -> Any:
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
