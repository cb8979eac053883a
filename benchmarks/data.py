"""Evaluation data: the seeds gold, Text+Berg de-fr, and a perturbed Korean-English task.

Everything is read from ``../shared/data`` and ``../shared/gold`` beside the project (or the
folder given by ``--data`` / ``NEWSALIGN_DATA``); nothing is copied into the repository.
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsalign.errors import DataError
from newsalign.evaluation import read_beads

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Task:
    """One document pair with gold beads (``equivalent``) and pairs that may be linked."""

    name: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    gold: tuple[Bead, ...]
    partial: tuple[Bead, ...] = ()


def shared_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The ``shared`` folder: ``path``, ``$NEWSALIGN_SHARED``, or ``../shared``."""
    p = Path(path or os.environ.get("NEWSALIGN_SHARED") or DEFAULT_SHARED)
    if not p.is_dir():
        raise DataError(
            f"evaluation data folder not found: {p} (pass --shared or set NEWSALIGN_SHARED)"
        )
    return p


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError(f"missing data file: {path}")
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh]


def load_seeds(shared: str | os.PathLike[str] | None = None) -> Task:
    """The hand-labelled seeds gold (two English write-ups of one briefing)."""
    path = shared_dir(shared) / "gold" / "seeds_en_en.json"
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    gold = tuple((tuple(l["a"]), tuple(l["b"])) for l in g["links"] if l["kind"] == "equivalent")
    partial = tuple((tuple(l["a"]), tuple(l["b"])) for l in g["links"] if l["kind"] != "equivalent")
    return Task("seeds_en_en", tuple(g["a"]), tuple(g["b"]), gold, partial)


def load_voa_articles(shared: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The VOA events corpus (``data/voa_events/articles.jsonl``), one dict an article."""
    path = shared_dir(shared) / "data" / "voa_events" / "articles.jsonl"
    if not path.is_file():
        raise DataError(f"missing data file: {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _parse_beads(path: Path) -> tuple[Bead, ...]:
    if not path.is_file():
        raise DataError(f"missing data file: {path}")
    return read_beads(path, role="gold file")


def load_textberg(split: str, shared: str | os.PathLike[str] | None = None) -> list[Task]:
    """Text+Berg de-fr: ``split`` is ``"dev"`` (1 document) or ``"test"`` (test0..6)."""
    folder = shared_dir(shared) / "data" / "textberg_de_fr"
    names = ["dev"] if split == "dev" else [f"test{k}" for k in range(7)]
    tasks = []
    for name in names:
        de = _read_lines(folder / f"{name}.de")
        fr = _read_lines(folder / f"{name}.fr")
        beads = _parse_beads(folder / f"{name}.defr")
        tasks.append(Task(f"textberg_{name}", tuple(de), tuple(fr), beads))
    return tasks


def _split_sentence(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Split an English sentence at a comma or conjunction near its middle, as editors do."""
    cands = [m.start() for m in re.finditer(r",\s|\s(?:and|but|while|which)\s", text)]
    cands = [c for c in cands if 0.3 * len(text) < c < 0.7 * len(text)]
    if not cands:
        return None
    c = rng.choice(cands)
    first = text[:c].rstrip(" ,") + "."
    rest = re.sub(r"^[,\s]*(?:and|but|while|which)?\s*", "", text[c:]).strip()
    if len(rest) < 15 or len(first) < 15:
        return None
    return first, rest[0].upper() + rest[1:]


def make_ko_en_tasks(
    split: str = "dev",
    *,
    n_tasks: int = 40,
    seed: int = 0,
    shared: str | os.PathLike[str] | None = None,
) -> list[Task]:
    """Synthetic news rewrites: a Korean window against a perturbed English window.

    Each task takes 12-24 consecutive Korean-English silver pairs. The English side is then
    edited the way rewrites are: sentences dropped (15%), two neighbours merged into one (12%),
    one split in two at a comma or conjunction (10%), neighbours swapped (10%), a block of 2-4
    sentences moved elsewhere (50% of tasks), and 0-2 sentences from an unrelated story
    inserted. The gold follows from the construction.
    """
    folder = shared_dir(shared) / "data" / "ko_en_news"
    ko = _read_lines(folder / f"korean-english-park.{split}.ko")
    en = _read_lines(folder / f"korean-english-park.{split}.en")
    if len(ko) != len(en):
        raise DataError(f"{folder}: {split}.ko has {len(ko)} lines but {split}.en has {len(en)}")
    rng = random.Random(seed)
    tasks = []
    for t in range(n_tasks):
        n = rng.randint(12, 24)
        start = rng.randrange(0, len(ko) - n)
        left = [s.strip() for s in ko[start : start + n]]
        # units: (list of english sentences, tuple of left indices)
        units: list[tuple[list[str], tuple[int, ...]]] = []
        i = 0
        while i < n:
            r = rng.random()
            if r < 0.15:
                i += 1  # dropped: left i stays unmatched
                continue
            if r < 0.27 and i + 1 < n:
                units.append(
                    ([en[start + i].strip() + " " + en[start + i + 1].strip()], (i, i + 1))
                )
                i += 2
                continue
            text = en[start + i].strip()
            if r < 0.37:
                parts = _split_sentence(text, rng)
                if parts:
                    units.append((list(parts), (i,)))
                    i += 1
                    continue
            units.append(([text], (i,)))
            i += 1
        for k in range(len(units) - 1):
            if rng.random() < 0.10:
                units[k], units[k + 1] = units[k + 1], units[k]
        if len(units) > 6 and rng.random() < 0.5:
            size = rng.randint(2, 4)
            a = rng.randrange(0, len(units) - size)
            block = units[a : a + size]
            del units[a : a + size]
            b = rng.randrange(0, len(units) + 1)
            units[b:b] = block
        for _ in range(rng.randint(0, 2)):
            far = (start + rng.randint(200, len(en) - 200)) % len(en)
            units.insert(rng.randrange(0, len(units) + 1), ([en[far].strip()], ()))
        right: list[str] = []
        gold: list[Bead] = []
        for sents, lefts in units:
            idx = tuple(range(len(right), len(right) + len(sents)))
            right.extend(sents)
            if lefts:
                gold.append((lefts, idx))
        tasks.append(Task(f"ko_en_{split}_{t}", tuple(left), tuple(right), tuple(gold)))
    return tasks
