"""Translation mode: a monotone bead search in a band around the path of confident pairs."""

from __future__ import annotations

import numpy as np

from .params import AlignParams
from .refine import refine_beads
from .scoring import Pairs, Scorer

__all__ = ["side_blind_key", "translation_beads"]


# -- translation mode: a bead search in a band around the anchor path ------------------
_SKIP_LEFT, _SKIP_RIGHT = -1, -2  # back-pointer codes of the 1-0 and 0-1 beads


def translation_beads(s: Scorer, p: AlignParams) -> list[tuple[list[int], list[int]]]:
    """Monotone many-to-many beads by dynamic programming, as Bertalign and Vecalign do.

    The confident chain of mutually best pairs traces a path; a band of ``p.band``
    sentences around it is searched for the best sequence of beads (1-0, 0-1 and n-m up to
    ``p.max_bead_total`` sentences in all). A bead scores the cosine of its two passages
    (each the normalised sum of its sentence vectors: sentences are encoded once) minus the
    neighbours' similarity (margin), times the length agreement, plus the character n-gram
    overlap, the whole weighed by the bead's size (``p.size_weight``). With ``p.refine``, the
    close calls of that search are re-decided on encoded passages (:mod:`.refine`).
    Afterwards, two repairs give
    back what a monotone search cannot express: a 2-2 bead whose sentences match crosswise
    becomes two crossing links, and sentences the search left out are linked to each other
    if they match well near the path (local swaps).

    Leaving a sentence unmatched costs ``p.skip_penalty`` plus ``p.skip_match_weight`` times
    its best score with any sentence of the other side (rescaled cosine, 0 at the documents'
    baseline): a line that resembles nothing (a caption, a stray OCR line, text the other
    version lacks) is cheap to leave out, and is no longer absorbed into a neighbouring bead.
    """
    n, m = s.n, s.m
    pairs = s.candidates()
    ci, cj = s.anchor_chain(pairs)
    jstar = np.interp(
        np.arange(n + 1), np.concatenate([[0.0], ci + 1, [n]]), np.concatenate([[0.0], cj + 1, [m]])
    )
    kmax = p.max_bead_total - 1
    sizes = range(1, kmax + 1)
    types = sorted(
        ((a, b) for a in sizes for b in sizes if a + b <= p.max_bead_total),
        key=lambda t: (t[0] + t[1], abs(t[0] - t[1]), t),
    )
    skips = _skip_costs(s, p, pairs)
    beads = _bead_search(s, p, types, jstar, p.band, skips)
    if p.refine:
        beads = refine_beads(s, p, beads, skips)
    beads = _split_crossed(s, beads, p)
    return _link_leftovers(s, beads, jstar, p)


def _skip_costs(s: Scorer, p: AlignParams, pairs: Pairs) -> Pairs:
    """Cost of leaving each left and each right sentence unmatched (see above).

    The candidates hold every sentence's ``top_k`` cosines, so its best cosine among them is
    its best with the whole other side.
    """
    i, j = pairs
    cos = s.pair_cosines(i, j)
    best_l, best_r = np.full(s.n, -np.inf), np.full(s.m, -np.inf)
    np.maximum.at(best_l, i, cos)
    np.maximum.at(best_r, j, cos)
    w = p.skip_match_weight
    left = p.skip_penalty + w * np.maximum(0.0, s.rescale(best_l))
    right = p.skip_penalty + w * np.maximum(0.0, s.rescale(best_r))
    return left, right


def _bead_search(
    s: Scorer,
    p: AlignParams,
    types: list[tuple[int, int]],
    jstar: np.ndarray,
    half: float,
    skips: Pairs,
) -> list[tuple[list[int], list[int]]]:
    """The best monotone sequence of beads in a band of ``half`` columns around ``jstar``;
    ``skips`` are the costs of leaving each left and each right sentence unmatched."""
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
    skip_l, skip_r = skips
    # a 0-1 run from column k to column j costs right_cost[j] - right_cost[k]
    right_cost = np.concatenate([[0.0], np.cumsum(skip_r)])
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
            cands.append(_prev_cost(cost, off, lo, widths, i - 1, js) - skip_l[i - 1])
        else:
            cands.append(np.where(js == 0, 0.0, -np.inf))
        stacked = np.vstack(cands)
        best = np.argmax(stacked, axis=0)
        row = stacked[best, np.arange(len(js))]
        codes = np.where(best < len(types), best, _SKIP_LEFT).astype(np.int8)
        # 0-1 beads move along the row: cost[j] = max_k<=j row[k] - (right_cost[j] -
        # right_cost[k]) (compared in the shifted domain, so rounding cannot fake an insertion)
        steps = right_cost[js]
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
    s: Scorer, beads: list[tuple[list[int], list[int]]], p: AlignParams
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
    s: Scorer, beads: list[tuple[list[int], list[int]]], jstar: np.ndarray, p: AlignParams
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


def side_blind_key(
    beads: list[tuple[list[int], list[int]]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return sorted(
        (min(ta, tb), max(ta, tb))
        for ta, tb in ((tuple(sorted(a)), tuple(sorted(b))) for a, b in beads)
    )
