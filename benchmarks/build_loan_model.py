"""Fit the learned letters-to-jamo transducer of newsalign.names (names/data/loan_model.tsv).

Run from the repository root::

    python -m benchmarks.build_loan_model [--data ../shared/data]

Data: the *dev* half of ``<data>/names/wikidata_en_hangul_names.tsv`` (English/Hangul labels
of people; the half ``benchmarks/names_quality.py`` calls dev, by a hash of the English
label). The test half is never read. The dev half is split again by a second hash: dev-fit
(four fifths) fits the model, dev-tune (one fifth) chooses the thresholds.

Fitting: the word pairs of dev-fit labels with as many Latin as Hangul words (pairs whose
both names read as Korean are left out: the Korean syllable rules decide those) are
aligned in order, then, after two rounds, by their best pairing under the model. A joint
distribution over chunk pairs (0-3 letters, 0-3 jamo) is fitted by expectation
maximisation (forward-backward over every segmentation, Ristad & Yianilos 1998;
Jiampojamarn et al. 2007), from uniform, on a seeded sample; chunk pairs with an expected
count under ``--min-count`` are pruned after each round. The null model is the letters' and
jamo's unigram frequencies.

Thresholds: on dev-tune, the positives are its labels that the rules alone do not call the
same; the negatives are pairs of *different* dev-tune people (English label of one, Hangul
label of another): those whose keys are equal (the dev twin of ``en_hangul_same_key``),
those sharing the English surname or the English first name, and those whose Hangul words
start with the same syllables. The pair of thresholds (surname, other words) with the most
positives is chosen among those that merge at most ``--max-false`` negatives the rules do
not already merge; then the lowest worst-word threshold that merges a name on its own
(every word clearly written by sound, whatever the pooled score) adding no more. Writes the parameters and the thresholds to the package data file and a
summary to ``benchmarks/results/loan_model.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import random
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from benchmarks.names_sets import en_hangul_negatives, load_en_hangul_people
from newsalign.names.loanmodel import (
    SHAPES,
    LoanModel,
    Pairing,
    _agree,
    _loan_pair_words,
    _pairing_scores,
    jamo_form,
    latin_form,
    llr,
    parse_table,
)
from newsalign.names.match import _match_rules

ROOT = Path(__file__).resolve().parent
TABLE = ROOT.parent / "src" / "newsalign" / "names" / "data" / "loan_model.tsv"
RESULTS = ROOT / "results" / "loan_model.json"

FLOOR = 1e-7  # the probability of an edit of one symbol never seen in the fit
Edge = tuple[int, int, int]  # source cell, target cell, chunk-pair id


def _tune_half(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[1] % 5 == 0


def _edges(x: str, y: str, ids: dict[tuple[str, str], int]) -> list[Edge]:
    """Every chunk pair of one word pair as an edge of its lattice, cells in row order."""
    m = len(y) + 1
    out = []
    for i in range(len(x) + 1):
        for j in range(m):
            for dx, dy in SHAPES:
                if i + dx <= len(x) and j + dy <= len(y):
                    key = (x[i : i + dx], y[j : j + dy])
                    pid = ids.setdefault(key, len(ids))
                    out.append((i * m + j, (i + dx) * m + j + dy, pid))
    return out


def _em_round(
    lattices: list[tuple[int, list[Edge]]], probs: list[float]
) -> tuple[list[float], float]:
    """One expectation-maximisation round: expected chunk-pair counts, log likelihood."""
    counts = [0.0] * len(probs)
    loglik = 0.0
    for cells, edges in lattices:
        alpha = [0.0] * cells
        alpha[0] = 1.0
        for s, t, p in edges:
            alpha[t] += alpha[s] * probs[p]
        total = alpha[-1]
        if total <= 0.0:
            continue
        loglik += math.log(total)
        beta = [0.0] * cells
        beta[-1] = 1.0
        for s, t, p in reversed(edges):
            beta[s] += probs[p] * beta[t]
        for s, t, p in edges:
            c = alpha[s] * probs[p] * beta[t]
            if c:
                counts[p] += c / total
    return counts, loglik


def _word_pairs(rows: list[tuple[str, str]]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    out = []
    for en, ko in rows:
        words = _loan_pair_words(en, ko)
        if words is not None and len(words[0]) == len(words[1]) <= 3:
            lat = tuple(latin_form(w) for w in words[0])
            han = tuple(jamo_form(w) for w in words[1])
            if all(lat) and all(han) and all(len(w) <= 16 for w in lat + han):
                out.append((lat, han))
    return out


def fit(
    names: list[tuple[tuple[str, ...], tuple[str, ...]]],
    rounds: int,
    min_count: float,
    log: list[dict[str, float]],
) -> LoanModel:
    """EM on the word pairs of ``names``, realigning the words by the model after round 2."""
    latin: dict[str, float] = defaultdict(float)
    jamo: dict[str, float] = defaultdict(float)
    for lat, han in names:
        for w in lat:
            for c in w:
                latin[c] += 1
        for w in han:
            for c in w:
                jamo[c] += 1
    nl, nh = sum(latin.values()), sum(jamo.values())
    null_l = {c: v / nl for c, v in latin.items()}
    null_h = {c: v / nh for c, v in jamo.items()}
    pairs: dict[tuple[str, str], float] = {}
    aligned = [tuple(zip(lat, han, strict=True)) for lat, han in names]
    for r in range(rounds):
        t0 = time.perf_counter()
        if r >= 2:
            model = LoanModel(pairs, null_l, null_h, 0.0, 0.0)
            aligned = [_best_order(lat, han, model) for lat, han in names]
        ids: dict[tuple[str, str], int] = {}
        if pairs:
            ids = {k: i for i, k in enumerate(pairs)}
        word_pairs = sorted({wp for al in aligned for wp in al})
        lattices = []
        for x, y in word_pairs:
            edges = _edges(x, y, ids)
            if pairs:
                edges = [e for e in edges if e[2] < len(pairs)]
            lattices.append(((len(x) + 1) * (len(y) + 1), edges))
        keys = list(ids)
        probs = [pairs.get(k, 1.0 / len(keys)) for k in keys]
        counts, loglik = _em_round(lattices, probs)
        kept = {k: c for k, c in zip(keys, counts, strict=True) if c >= min_count}
        z = sum(kept.values())
        pairs = {k: c / z for k, c in kept.items()}
        # A floor for every one-symbol edit, so that no pair of words is impossible.
        for c in null_l:
            pairs.setdefault((c, ""), FLOOR)
            for j in null_h:
                pairs.setdefault((c, j), FLOOR)
        for j in null_h:
            pairs.setdefault(("", j), FLOOR)
        log.append(
            {
                "round": r + 1,
                "word_pairs": len(word_pairs),
                "loglik": round(loglik, 1),
                "chunk_pairs": len(pairs),
                "seconds": round(time.perf_counter() - t0, 1),
            }
        )
        print(log[-1], flush=True)
    return LoanModel(pairs, null_l, null_h, 0.0, 0.0)


def _per_symbol(x: str, y: str, model: LoanModel) -> float:
    return llr(x, y, model) / (len(x) + len(y))


def _best_order(
    lat: tuple[str, ...], han: tuple[str, ...], model: LoanModel
) -> tuple[tuple[str, str], ...]:
    best = max(
        itertools.permutations(han),
        key=lambda p: sum(_per_symbol(x, y, model) for x, y in zip(lat, p, strict=True)),
    )
    return tuple(zip(lat, best, strict=True))


def _scores(pairs: list[tuple[str, str]], model: LoanModel) -> list[tuple[bool, list[Pairing]]]:
    """Per pair: whether the rules alone merge it, and its pairings' scores."""
    out = []
    cache: dict[tuple[str, str], tuple[float, int]] = {}

    def score(a: str, b: str) -> tuple[float, int]:
        if (a, b) not in cache:
            x, y = latin_form(a), jamo_form(b)
            cache[(a, b)] = (llr(x, y, model), len(x) + len(y))
        return cache[(a, b)]

    for a, b in pairs:
        rule = _match_rules(a, b).verdict == "same"
        words = None if rule else _loan_pair_words(a, b)
        out.append((rule, _pairing_scores(*words, score) if words else []))
    return out


def _choose(
    pos: list[tuple[bool, list[Pairing]]],
    neg: list[tuple[bool, list[Pairing]]],
    max_false: int,
    every_word_false: int,
    single_false: int = 0,
) -> tuple[dict[str, float], list[dict[str, float]]]:
    """The thresholds with the most dev-tune positives at most ``max_false`` negatives."""
    grid = [round(0.05 * k, 2) for k in range(0, 61)]

    def best_single(rows: list[tuple[bool, list[Pairing]]]) -> list[float]:
        return [max((p for p, _, n in s if n == 1), default=-math.inf) for r, s in rows if not r]

    ps, ns = best_single(pos), best_single(neg)
    single = min((t for t in grid if sum(v >= t for v in ns) <= single_false), default=math.inf)
    frontier = []
    best = (0, math.inf, math.inf, 0)
    for tw in grid:
        # Per pair the best pooled score among pairings of 2+ parts whose worst word is >= tw.
        pp = [
            max((p for p, w, n in s if n > 1 and w >= tw), default=-math.inf)
            for r, s in pos
            if not r
        ]
        nn = [
            max((p for p, w, n in s if n > 1 and w >= tw), default=-math.inf)
            for r, s in neg
            if not r
        ]
        for tp_ in grid:
            tp = sum(v >= tp_ for v in pp)
            fp = sum(v >= tp_ for v in nn)
            if fp <= 3:
                frontier.append({"pooled": tp_, "word": tw, "merged": tp, "false": fp})
            if fp <= max_false and tp > best[0]:
                best = (tp, tp_, tw, fp)

    # Then the lowest worst-word score that alone merges (whatever the pooled score) and
    # adds at most every_word_false negatives to those the pair above merges.
    def worst(rows: list[tuple[bool, list[Pairing]]], t: float) -> list[bool]:
        return [
            any(n > 1 and (w >= t or (p >= best[1] and w >= best[2])) for p, w, n in s)
            for r, s in rows
            if not r
        ]

    every_word = min(
        (t for t in grid if sum(worst(neg, t)) <= best[3] + every_word_false), default=math.inf
    )
    chosen = {
        "pooled": best[1],
        "word": best[2],
        "single": single,
        "every_word": every_word,
        "every_word_merged": sum(worst(pos, every_word)),
        "multi_merged": best[0],
        "multi_false": best[3],
        "single_merged": sum(v >= single for v in ps),
    }
    return chosen, frontier


HEADER = (
    "# The learned letters-to-jamo transducer of newsalign.names.loanmodel, written by",
    "# benchmarks/build_loan_model.py from the dev half of wikidata_en_hangul_names.tsv",
    "# (Wikidata labels, CC0): derived probabilities, no labels. Rows: P latin jamo prob",
    "# (chunk pairs), L letter prob and H jamo prob (the null model), T name threshold.",
)


def _write(path: Path, model: LoanModel, header: tuple[str, ...] = HEADER) -> None:
    lines = [
        *header,
        f"T\tpooled\t{model.pooled}",
        f"T\tword\t{model.word}",
        f"T\tsingle\t{model.single}",
        f"T\tevery_word\t{model.every_word}",
        *([f"T\tedit\t{model.edit}"] if model.edit > -math.inf else []),
    ]
    lines += [f"L\t{c}\t{p:.6g}" for c, p in sorted(model.latin.items())]
    lines += [f"H\t{c}\t{p:.6g}" for c, p in sorted(model.jamo.items())]
    lines += [f"P\t{x}\t{y}\t{p:.6g}" for (x, y), p in sorted(model.pairs.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data", help="folder holding names/")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--sample", type=int, default=20000, help="dev-fit labels to fit on")
    ap.add_argument("--min-count", type=float, default=0.5)
    ap.add_argument("--max-false", type=int, default=0)
    ap.add_argument("--every-word-false", type=int, default=3)
    ap.add_argument("--single-false", type=int, default=1)
    ap.add_argument("--out", default=str(TABLE))
    ap.add_argument("--load", help="read a fitted table instead of fitting (thresholds only)")
    ap.add_argument("--fit-only", action="store_true", help="fit and write, no thresholds")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rnd = random.Random(20261204)
    dev = load_en_hangul_people(Path(args.data) / "names")["dev"]
    fit_rows = [r for r in dev if not _tune_half(r[0])]
    tune_rows = [r for r in dev if _tune_half(r[0])]
    names = _word_pairs(fit_rows)
    names = rnd.sample(names, min(args.sample, len(names)))
    log: list[dict[str, float]] = []
    if args.load:
        model = parse_table(Path(args.load).read_text(encoding="utf-8"))
        if RESULTS.exists():  # keep the fit's log of the run that fitted the table
            log = json.loads(RESULTS.read_text(encoding="utf-8")).get("rounds", [])
    else:
        model = fit(names, args.rounds, args.min_count, log)
    if args.fit_only:
        _write(Path(args.out), model)
        return 0

    negatives = en_hangul_negatives(tune_rows, rnd)
    pos = _scores(tune_rows, model)
    neg = _scores(negatives, model)
    rule_recall = sum(r for r, _ in pos) / len(pos)
    chosen, frontier = _choose(pos, neg, args.max_false, args.every_word_false, args.single_false)
    final = LoanModel(
        model.pairs,
        model.latin,
        model.jamo,
        chosen["pooled"],
        chosen["word"],
        chosen["single"],
        chosen["every_word"],
    )
    near = [
        (a, b)
        for (a, b), (r, sc) in zip(negatives, neg, strict=True)
        if not r
        and _agree(sc, replace(final, pooled=final.pooled - 0.2, single=final.single - 0.2))
    ]
    print("negatives near the thresholds:", near[:40])
    missed = [
        (a, b)
        for (a, b), (r, sc) in zip(tune_rows, pos, strict=True)
        if not r and not _agree(sc, final)
    ]
    print("dev-tune positives still missed:", random.Random(1).sample(missed, 40))
    merged = sum(1 for r, sc in pos if not r and _agree(sc, final))
    summary = {
        "fit_labels": len(fit_rows),
        "fit_word_pairs_sampled": len(names),
        "tune_labels": len(tune_rows),
        "tune_negatives": len(negatives),
        "tune_negatives_rules_merge": sum(r for r, _ in neg),
        "rules_recall_tune": round(rule_recall, 4),
        "thresholds": chosen,
        "tune_recall_with_model": round(rule_recall + merged / len(pos), 4),
        "tune_false_merges_added": sum(1 for r, sc in neg if not r and _agree(sc, final)),
        "rounds": log,
        "chunk_pairs": len(model.pairs),
        "seconds": round(time.perf_counter() - t0, 1),
        "frontier": frontier,
    }
    _write(Path(args.out), final)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "frontier"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
