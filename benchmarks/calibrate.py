"""Fit the calibrated link score: one logistic model per bundled encoder, seeded, public data.

    PYTHONPATH=src:. python -m benchmarks.calibrate            # all bundled encoders
    PYTHONPATH=src:. python -m benchmarks.calibrate --encoders use-m3

Writes ``src/newsalign/alignment/calibration.json`` (the shipped tables) and
``benchmarks/results/calibration.json`` (samples, weights, held-out expected calibration
error and reliability bins per encoder). How the samples are built is in
``benchmarks/README.md`` ("Calibration data"); in short, every sample is a pair of passages
labelled 1 when they say the same thing and 0 otherwise, split by story:

- ko_en_news: windows of 6 consecutive silver pairs (one story, mostly). Positives: a Korean
  line and its English line; two neighbours merged on both sides; a line against its English
  split in two. Negatives: a line against another English line of its window (same topic,
  other content); a line against its English merged with a neighbour, or against half of its
  split (one side says more: not the same); a positive with one number changed on one side
  (a conflict of facts); a positive with one person it names replaced on one side by
  another person named in the split (the same words about someone else). Training: dev;
  held out: test.
- Text+Berg de-fr: gold beads (positives) against the right side of a bead 1-3 beads away
  (negatives) and a 1-2 bead's left against one of its two right sentences (one side says
  more). Training: dev; held out: test0-1.
- VOA events: for two articles of one topic but different events, each sentence against the
  other article's sentence nearest to it by cosine (a topical hard negative), except pairs
  whose wording is near-identical (lexical cosine >= 0.8: shared boilerplate that does say the
  same thing); for two addresses of one article, each sentence against its copy (positives).
  Split by event: an event is held out when a hash of its name says so (about a third).

The seeds are not used (the seeds' gold is kept for reporting). Each source's samples weigh
``1 / sqrt(its sample count)`` in the fit (:func:`source_weights`): unweighted, the VOA
topical negatives (nearly all in one language) set the one-language scores alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import newsalign as na
from newsalign.alignment import FEATURES, Scorer, calibration_for
from newsalign.alignment.probability import LinkProbability
from newsalign.embed import normalize_rows

from .data import DataError, load_textberg, load_voa_articles, shared_dir
from .env import ROOT, environment, write_json

SEED = 20261202
WINDOW = 6
DECOY_RATE = 0.3
VOA_EVERY = 2  # other-event negatives: one sentence in VOA_EVERY
VOA_TOP = 3  # silver positives taken from each same-event article pair
LEX_COPY = 0.8  # near-identical wording between different events: not a negative
TABLE = ROOT / "src" / "newsalign" / "alignment" / "calibration.json"
RESULT = ROOT / "benchmarks" / "results" / "calibration.json"
DEFAULT_FROM = "use-m3"  # the table any other encoder uses is this encoder's
ENCODERS = ("use-m3", "tfidf", "st:all-MiniLM-L6-v2")
# the direction each weight must take; a feature whose fit goes the other way is dropped
SIGNS = {
    "cos": 1,
    "cos_high": 1,
    "lex": 1,
    "num_share": 1,
    "num_miss": -1,
    "conflict": -1,
    "name_share": 1,
    "name_miss": -1,
    "len_gap": -1,
    "short": 0,
    "extra": 0,
    "quotes": 1,
    "cross": 0,
    "cos_cross": 0,
    "lex_same": 1,
    "name_clash": -1,
    "clash_short": -1,
}
assert tuple(SIGNS) == FEATURES

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Group:
    """One document pair and the labelled beads drawn from it."""

    source: str
    held_out: bool
    left: list[str]
    right: list[str]
    beads: list[Bead]
    labels: list[int]


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError(f"missing data file: {path}")
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines()]


_NUM = re.compile(r"\d[\d,.]*")


def _changed_number(text: str, rng: random.Random) -> str | None:
    """The text with one of its numbers replaced by another value, or None without one."""
    found = [m for m in _NUM.finditer(text) if any(c.isdigit() for c in m.group())]
    if not found:
        return None
    m = rng.choice(found)
    digits = re.sub(r"\D", "", m.group())
    value = int(digits[:9])
    new = value + rng.choice([1, 2, 3, 5, 7]) * max(1, 10 ** max(0, len(str(value)) - 2))
    return text[: m.start()] + f"{new:,}" + text[m.end() :]


def _changed_name(text: str, others: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """The text with one person it names replaced by another person of ``others`` (names
    found in other lines of the split, with their keys), or None when it names nobody."""
    found = na.names.extract_people(text)
    if not found:
        return None
    m = rng.choice(found)
    choices = [o for o, key in others if key != m.key]
    if not choices:
        return None
    return text[: m.start] + rng.choice(choices) + text[m.end :]


def ko_en_groups(shared: Path, split: str, rng: random.Random) -> list[Group]:
    folder = shared / "data" / "ko_en_news"
    ko = _lines(folder / f"korean-english-park.{split}.ko")
    en = _lines(folder / f"korean-english-park.{split}.en")
    # a second stream for the changed-name decoys, so the other samples stay as they were
    name_rng = random.Random(f"{SEED}-names-{split}")
    people = [
        (name, na.names.name_key(name))
        for name in sorted({m.text for line in en[::7] for m in na.names.extract_people(line)})
    ]
    out = []
    for start in range(0, len(ko) - WINDOW + 1, WINDOW):
        left = ko[start : start + WINDOW]
        right = en[start : start + WINDOW]
        beads: list[Bead] = []
        labels: list[int] = []
        n = len(left)
        for i in range(n):
            beads.append(((i,), (i,)))
            labels.append(1)
            for j in rng.sample([j for j in range(n) if j != i], 2):
                beads.append(((i,), (j,)))
                labels.append(0)
        for i in range(0, n - 1, 3):  # merges: the whole is the same, one side of it is not
            beads += [((i, i + 1), (i, i + 1)), ((i,), (i, i + 1)), ((i, i + 1), (i + 1,))]
            labels += [1, 0, 0]
            # passages of one story that share nothing: joined sentences read alike
            j = rng.choice([j for j in range(n - 1) if j not in (i - 1, i, i + 1)])
            k = rng.choice([k for k in range(n - 1) if k not in (i - 1, i, i + 1)])
            beads += [((i, i + 1), (j, j + 1)), ((i,), (k, k + 1))]
            labels += [0, 0]
        extra: list[str] = []
        for i in range(n):  # splits of the English at a comma or conjunction
            parts = _split(right[i])
            if parts and rng.random() < 0.5:
                a = len(right) + len(extra)
                extra += list(parts)
                beads += [((i,), (a, a + 1)), ((i,), (rng.choice([a, a + 1]),))]
                labels += [1, 0]
            if rng.random() < DECOY_RATE:
                changed = _changed_number(right[i], rng)
                if changed:
                    beads.append(((i,), (len(right) + len(extra),)))
                    extra.append(changed)
                    labels.append(0)
            if name_rng.random() < DECOY_RATE:
                renamed = _changed_name(right[i], people, name_rng)
                if renamed:
                    beads.append(((i,), (len(right) + len(extra),)))
                    extra.append(renamed)
                    labels.append(0)
        out.append(Group(f"ko_en_{split}", split == "test", left, right + extra, beads, labels))
    return out


def _split(text: str) -> tuple[str, str] | None:
    cands = [m.start() for m in re.finditer(r",\s|\s(?:and|but|while|which)\s", text)]
    cands = [c for c in cands if 0.3 * len(text) < c < 0.7 * len(text)]
    if not cands:
        return None
    c = cands[len(cands) // 2]
    first = text[:c].rstrip(" ,") + "."
    rest = re.sub(r"^[,\s]*(?:and|but|while|which)?\s*", "", text[c:]).strip()
    if len(rest) < 15 or len(first) < 15:
        return None
    return first, rest[0].upper() + rest[1:]


def textberg_groups(shared: Path, split: str, rng: random.Random) -> list[Group]:
    out = []
    tasks = load_textberg("dev", shared) if split == "dev" else load_textberg("test", shared)[:2]
    for t in tasks:
        gold = [(a, b) for a, b in t.gold if a and b]
        beads: list[Bead] = []
        labels: list[int] = []
        for k, (a, b) in enumerate(gold):
            beads.append((a, b))
            labels.append(1)
            for off in rng.sample([-3, -2, -1, 1, 2, 3], 2):
                if 0 <= k + off < len(gold):
                    beads.append((a, gold[k + off][1]))
                    labels.append(0)
            if 0 < k < len(gold) - 1 and rng.random() < 0.3:  # two neighbours' passages
                beads.append((a, tuple(sorted({*gold[k - 1][1], *gold[k + 1][1]}))))
                labels.append(0)
            if len(a) == 1 and len(b) == 2:
                beads.append((a, (rng.choice(b),)))
                labels.append(0)
            if len(a) == 2 and len(b) == 1:
                beads.append(((rng.choice(a),), b))
                labels.append(0)
        # the documents are long: one group per 60 beads keeps the passages' encoding small
        for s in range(0, len(beads), 180):
            out.append(
                Group(
                    "textberg_" + split,
                    split != "dev",
                    list(t.left),
                    list(t.right),
                    beads[s : s + 180],
                    labels[s : s + 180],
                )
            )
    return out


def _held_event(event: str) -> bool:
    return int(hashlib.sha256(event.encode()).hexdigest(), 16) % 3 == 0


def voa_groups(shared: Path, enc: na.Encoder) -> list[Group]:
    arts = load_voa_articles(shared)
    docs = {a["id"]: na.Document.from_text(a["text"]).texts for a in arts}
    vecs = {k: normalize_rows(enc.encode(list(v))) for k, v in docs.items() if v}
    out = []
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            a, b = arts[x], arts[y]
            if a["id"] not in vecs or b["id"] not in vecs:
                continue
            same_article = (
                a.get("same_article_as") == b["id"] or b.get("same_article_as") == a["id"]
            )
            held = _held_event(a["event"]) or _held_event(b["event"])
            if same_article:
                left, right = list(docs[a["id"]]), list(docs[b["id"]])
                index = {t: j for j, t in enumerate(right)}
                beads = [((i,), (index[t],)) for i, t in enumerate(left) if t in index]
                out.append(Group("voa_same_article", held, left, right, beads, [1] * len(beads)))
            elif a["event"] == b["event"]:
                # two write-ups of one event: their closest mutually best pairs (the lead
                # that tells the event, mostly) say the same thing (silver positives)
                left, right = list(docs[a["id"]]), list(docs[b["id"]])
                sims = vecs[a["id"]] @ vecs[b["id"]].T
                mutual = [(float(sims[i, j]), i, j) for i, j in enumerate(sims.argmax(axis=1))
                          if int(sims[:, j].argmax()) == i]  # fmt: skip
                beads = [((i,), (int(j),)) for _, i, j in sorted(mutual, reverse=True)]
                out.append(Group("voa_same_event", held, left, right, beads, [1] * len(beads)))
            elif a["topic"] == b["topic"] and a["event"] != b["event"]:
                left, right = list(docs[a["id"]]), list(docs[b["id"]])
                sims = vecs[a["id"]] @ vecs[b["id"]].T
                best = sims.argmax(axis=1)
                beads = [((i,), (int(best[i]),)) for i in range(0, len(left), VOA_EVERY)]
                for i in range(0, len(left) - 1, 2 * VOA_EVERY):  # joined against joined
                    j = min(int(best[i]), len(right) - 2)
                    if j >= 0:
                        beads += [((i, i + 1), (j, j + 1)), ((i,), (j, j + 1))]
                out.append(Group("voa_other_event", held, left, right, beads, [0] * len(beads)))
    return out


def features(
    groups: Sequence[Group], enc: na.Encoder
) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    rows, labels, sources, held = [], [], [], []
    p = na.AlignParams()
    for g in groups:
        if not g.beads:
            continue
        lv = normalize_rows(enc.encode(g.left))
        rv = normalize_rows(enc.encode(g.right))
        s = Scorer(lv, rv, g.left, g.right, p, enc.encode)
        x = LinkProbability(s, calibration_for(enc.name)).features(g.beads)
        keep = np.ones(len(g.beads), dtype=bool)
        if g.source == "voa_other_event":
            keep = x[:, FEATURES.index("lex")] < LEX_COPY
        if g.source == "voa_same_event":  # the closest pairs, or those sharing an anchor
            anchored = (x[:, FEATURES.index("num_share")] > 0) | (
                x[:, FEATURES.index("name_share")] > 0
            )
            keep = anchored | (np.arange(len(x)) < VOA_TOP)
        rows.append(x[keep])
        labels += [lab for lab, k in zip(g.labels, keep, strict=True) if k]
        sources += [g.source] * int(keep.sum())
        held += [g.held_out] * int(keep.sum())
    return np.vstack(rows), np.asarray(labels), sources, np.asarray(held)


def source_weights(sources: Sequence[str]) -> np.ndarray:
    """Sample weights: each sample of a source weighs ``1 / sqrt(samples of the source)``,
    scaled to a mean of 1, so that no source's size decides the fit (the VOA topical
    negatives, nearly all in one language, outnumber every positive in one language) while
    a large source still counts for more than a small one."""
    src = np.asarray(sources)
    w = np.ones(len(src))
    for name in set(src.tolist()):
        m = src == name
        w[m] = 1.0 / np.sqrt(m.sum())
    out: np.ndarray = w * len(w) / w.sum()
    return out


def fit(
    x: np.ndarray, y: np.ndarray, names: Sequence[str], weights: np.ndarray | None = None
) -> dict[str, Any]:
    """Logistic regression whose weights keep the signs of :data:`SIGNS` (a feature that
    would take the wrong sign is dropped and the model refitted); ``weights`` are the
    samples' weights."""
    from sklearn.linear_model import LogisticRegression

    use = list(names)
    while True:
        cols = [FEATURES.index(f) for f in use]
        model = LogisticRegression(C=1.0, max_iter=2000)
        model.fit(x[:, cols], y, sample_weight=weights)
        w = dict(zip(use, model.coef_[0].tolist(), strict=True))
        wrong = [f for f in use if SIGNS[f] and np.sign(w[f]) != SIGNS[f] and w[f] != 0]
        if not wrong:
            return {
                "weights": {f: round(v, 6) for f, v in w.items()},
                "bias": round(float(model.intercept_[0]), 6),
            }
        if len(use) == 1:  # no feature goes the right way: the base rate alone
            rate = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
            return {"weights": {use[0]: 0.0}, "bias": round(float(np.log(rate / (1 - rate))), 6)}
        # "cos" goes last: every other feature reads beside it
        others = [f for f in wrong if f != "cos"] or wrong
        use.remove(min(others, key=lambda f: abs(w[f])))


def predict(model: dict[str, Any], x: np.ndarray) -> np.ndarray:
    z = model["bias"] + sum(w * x[:, FEATURES.index(f)] for f, w in model["weights"].items())
    out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return out


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Expected calibration error over equal-width bins, and the bins themselves."""
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        m = idx == b
        if not m.any():
            continue
        conf, acc = float(p[m].mean()), float(y[m].mean())
        ece += m.sum() / len(p) * abs(conf - acc)
        rows.append(
            {
                "lo": round(float(edges[b]), 2),
                "hi": round(float(edges[b + 1]), 2),
                "n": int(m.sum()),
                "mean_p": round(conf, 4),
                "share_same": round(acc, 4),
            }
        )
    return {"ece": round(float(ece), 4), "n": len(p), "bins": rows}


def samples(enc_name: str, shared: Path) -> dict[str, Any]:
    enc = na.get_encoder(enc_name)
    rng = random.Random(SEED)
    groups = ko_en_groups(shared, "dev", rng) + ko_en_groups(shared, "test", rng)
    groups += textberg_groups(shared, "dev", rng) + textberg_groups(shared, "test", rng)
    groups += voa_groups(shared, enc)
    x, y, src, held = features(groups, enc)
    return {"x": x, "y": y, "sources": src, "held": held}


def table(
    x: np.ndarray,
    y: np.ndarray,
    held: np.ndarray,
    sources: Sequence[str],
    without: Sequence[str] = (),
) -> dict[str, Any]:
    train = ~held
    w = source_weights(np.asarray(sources)[train])
    text = fit(x[train], y[train], [f for f in FEATURES if f not in without], w)
    vectors = fit(x[train], y[train], ("cos", "cos_high"), w)
    return {"text": text, "vectors": vectors}


def report(t: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    x, y, held, src = d["x"], d["y"], d["held"], np.asarray(d["sources"])
    out: dict[str, Any] = {
        "samples": {
            "train": int((~held).sum()),
            "held_out": int(held.sum()),
            "positives": int(y.sum()),
        },
        "held_out": reliability(predict(t["text"], x[held]), y[held]),
        "held_out_vectors": reliability(predict(t["vectors"], x[held]), y[held]),
        "by_source": {},
    }
    out["train_by_source"] = {}
    for s in sorted(set(src)):
        for part, mask in (("by_source", held), ("train_by_source", ~held)):
            m = mask & (src == s)
            if m.any():
                out[part][s] = reliability(predict(t["text"], x[m]), y[m])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--encoders", default=",".join(ENCODERS))
    ap.add_argument("--without", default="", help="features left out (comma-separated), to compare")
    args = ap.parse_args(argv)
    try:
        shared = shared_dir(args.shared)
        without = [f for f in args.without.split(",") if f]
        tables: dict[str, Any] = {}
        results: dict[str, Any] = {}
        for name in args.encoders.split(","):
            print(f"[calibrate] {name}: building samples", file=sys.stderr, flush=True)
            d = samples(name, shared)
            tables[name] = table(d["x"], d["y"], d["held"], d["sources"], without)
            results[name] = {**report(tables[name], d), "table": tables[name]}
            print(f"[calibrate] {name}: held-out ECE {results[name]['held_out']['ece']}",
                  file=sys.stderr, flush=True)  # fmt: skip
        if DEFAULT_FROM in tables:
            # any other encoder gets the default encoder's fit: a user's own encoder is most
            # likely a multilingual sentence encoder like it (the pooled fit of all three was
            # dominated by tfidf and the English-only MiniLM, whose cosines say little across
            # languages, and gave the cosine almost no weight)
            tables["default"] = tables[DEFAULT_FROM]
            results["default"] = {**results[DEFAULT_FROM], "fitted_as": DEFAULT_FROM}
    except DataError as exc:
        print(f"calibrate: {exc}", file=sys.stderr)
        return 2
    env = environment()
    results = {name: {**res, "env": env} for name, res in results.items()}
    old = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.is_file() else {"encoders": {}}
    if set(args.encoders.split(",")) != set(ENCODERS):
        # a partial run keeps the other encoders' tables and results, each with the machine
        # and commit it was fitted on (older files name them once, for all)
        tables = {**old["encoders"], **tables}
        if RESULT.is_file():
            before = json.loads(RESULT.read_text(encoding="utf-8"))
            kept = {n: {"env": before["env"], **r} for n, r in before["encoders"].items()}
            results = {**kept, **results}
    TABLE.write_text(
        json.dumps({"about": "fitted by benchmarks/calibrate.py; see docs/align.md",
                    "seed": SEED, "features": list(FEATURES), "encoders": tables},
                   indent=1, sort_keys=False) + "\n", encoding="utf-8")  # fmt: skip
    write_json("calibration.json", {"env": env, "seed": SEED, "encoders": results})
    print(f"wrote {TABLE} and benchmarks/results/calibration.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
