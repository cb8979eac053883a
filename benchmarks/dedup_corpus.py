"""A labelled dedup corpus built from ko_en_news, and a synthetic corpus for scale runs.

ko_en_news (``../shared/data/ko_en_news``) has no document boundaries, only consecutive
lines that come from the same stories. A **story** here is a window of ``story_lines``
consecutive line pairs, and windows are separated by ``gap`` unused lines so that two
stories rarely continue one real article (they still may: that is label noise, and it can
only lower the measured precision). Per story:

* the English window and the Korean window: a translation pair (same cluster);
* 0-2 near copies of the English article and, for a quarter of the stories, one of the
  Korean article, each made by 1-3 realistic edits of a wire copy re-run by another outlet:
  a changed lead (dateline and a reworded first sentence), a trimmed ending (the last 1-3
  sentences cut), an inserted quote (a sentence from an unrelated story, attributed), and
  reordered paragraphs (two paragraphs swapped);
* for ``single_rate`` of the stories only one side is kept (no translation in the corpus),
  as distractors.

Labels: ``story`` (the cluster), ``lang``, ``kind`` (``original`` or ``copy``) and the
``edits`` applied. Gold near-duplicate pairs are same-story same-language pairs, gold
translation pairs are same-story cross-language pairs.

``synthetic_docs`` makes the scale corpus: articles of about ``words`` words drawn from the
English lines of both splits, a share of them near copies of an earlier article.

Run ``python -m benchmarks.dedup_corpus --split dev -o corpus.jsonl`` to write one.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.data import _read_lines, shared_dir

EDITS = ("changed_lead", "trimmed_ending", "inserted_quote", "reordered_paragraphs")
_OUTLETS = ("AP", "Reuters", "AFP", "Yonhap", "Kyodo", "UPI", "dpa")
_CITIES = ("SEOUL", "WASHINGTON", "TOKYO", "BEIJING", "LONDON", "NEW YORK", "PARIS")
_SPEAKERS = (
    ("a government official", "정부 관계자"),
    ("an analyst in Seoul", "서울의 한 분석가"),
    ("a spokesman", "대변인"),
    ("a local resident", "한 주민"),
)


def load_pairs(split: str, shared: str | None = None) -> tuple[list[str], list[str]]:
    folder = shared_dir(shared) / "data" / "ko_en_news"
    ko = [s.strip() for s in _read_lines(folder / f"korean-english-park.{split}.ko")]
    en = [s.strip() for s in _read_lines(folder / f"korean-english-park.{split}.en")]
    return ko, en


def _paragraphs(sents: list[str], rng: random.Random) -> list[list[str]]:
    paras: list[list[str]] = []
    k = 0
    while k < len(sents):
        size = rng.choice((1, 2, 2, 3))
        paras.append(sents[k : k + size])
        k += size
    return paras


def _render(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras if p)


def _changed_lead(paras: list[list[str]], lang: str, rng: random.Random) -> None:
    lead = paras[0][0]
    if lang == "en":
        words = lead.split()
        if "," in lead and rng.random() < 0.5:
            head, _, tail = lead.partition(",")
            tail = tail.split(",", 1)[-1] if tail.count(",") else tail
            body = (head + "," + tail).strip()
        else:
            cut = max(4, int(len(words) * rng.uniform(0.6, 0.8)))
            body = " ".join(words[:cut]).rstrip(",.;:") + ", officials said."
        city, outlet = rng.choice(_CITIES), rng.choice(_OUTLETS)
        paras[0][0] = f"{city} ({outlet}) -- {body}"
    else:
        outlet = rng.choice(("연합뉴스", "뉴시스", "뉴스1"))
        body = lead.rstrip(".") + "고 전했다."
        paras[0][0] = f"(서울={outlet}) {body}"


def _trimmed_ending(paras: list[list[str]], rng: random.Random) -> None:
    n = sum(len(p) for p in paras)
    drop = min(rng.randint(1, 3), max(1, int(0.3 * n)))
    for _ in range(drop):
        while paras and not paras[-1]:
            paras.pop()
        if len(paras) > 1 or (paras and len(paras[0]) > 2):
            paras[-1].pop()
    while paras and not paras[-1]:
        paras.pop()


def _inserted_quote(paras: list[list[str]], lang: str, other: str, rng: random.Random) -> None:
    en_who, ko_who = rng.choice(_SPEAKERS)
    other = other.rstrip(".")
    quote = f'"{other}," said {en_who}.' if lang == "en" else f'"{other}"라고 {ko_who}는 말했다.'
    k = rng.randrange(1, len(paras)) if len(paras) > 1 else 1
    paras.insert(k, [quote])


def _reordered(paras: list[list[str]], rng: random.Random) -> None:
    if len(paras) < 3:
        return
    a = rng.randrange(1, len(paras) - 1)
    paras[a], paras[a + 1] = paras[a + 1], paras[a]


def make_copy(
    sents: list[str], lang: str, pool: list[str], rng: random.Random
) -> tuple[str, tuple[str, ...]]:
    """A near copy of an article (its sentences) and the edits applied."""
    paras = _paragraphs(list(sents), rng)
    edits = tuple(sorted(rng.sample(EDITS, rng.randint(1, 3))))
    for e in edits:
        if e == "changed_lead":
            _changed_lead(paras, lang, rng)
        elif e == "trimmed_ending":
            _trimmed_ending(paras, rng)
        elif e == "inserted_quote":
            _inserted_quote(paras, lang, rng.choice(pool), rng)
        else:
            _reordered(paras, rng)
    return _render(paras), edits


def build_corpus(
    split: str = "dev",
    *,
    story_lines: int = 8,
    gap: int = 4,
    seed: int = 0,
    single_rate: float = 0.2,
    ko_copy_rate: float = 0.25,
    max_stories: int | None = None,
    shared: str | None = None,
) -> list[dict[str, Any]]:
    """Labelled records ``{"id", "text", "lang", "story", "kind", "edits"}``, shuffled."""
    ko, en = load_pairs(split, shared)
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    starts = list(range(0, len(ko) - story_lines + 1, story_lines + gap))
    if max_stories is not None:
        starts = starts[:max_stories]
    for story, start in enumerate(starts):
        window = range(start, start + story_lines)
        sides = {"en": [en[i] for i in window], "ko": [ko[i] for i in window]}
        far = [i for i in range(len(ko)) if abs(i - start) > 50]
        keep = ["en", "ko"]
        if rng.random() < single_rate:
            keep = [rng.choice(keep)]
        for lang in keep:
            sents = sides[lang]
            docs.append(
                {"id": f"s{story}-{lang}-0", "text": _render(_paragraphs(sents, rng)),
                 "lang": lang, "story": story, "kind": "original", "edits": []}
            )  # fmt: skip
            if lang == "en":
                n_copies = rng.choice((0, 1, 1, 2))
            else:
                n_copies = int(rng.random() < ko_copy_rate)
            pool = [(en if lang == "en" else ko)[i] for i in rng.sample(far, 10)]
            for c in range(n_copies):
                text, edits = make_copy(sents, lang, pool, rng)
                docs.append(
                    {"id": f"s{story}-{lang}-{c + 1}", "text": text, "lang": lang,
                     "story": story, "kind": "copy", "edits": list(edits)}
                )  # fmt: skip
    rng.shuffle(docs)
    return docs


def synthetic_docs(
    n: int, *, words: int = 500, copy_rate: float = 0.3, seed: int = 0, shared: str | None = None
) -> Iterator[dict[str, Any]]:
    """``n`` English articles of about ``words`` words; ``copy_rate`` are near copies.

    Originals draw runs of 3-6 consecutive lines from random places in ko_en_news (both
    splits) and shuffle the inner words of each sentence (see below); a copy re-runs a recent
    original (within the last 1,000) with 1-3 edits.
    Yields ``{"id", "text", "lang", "story", "kind"}``; generated lazily, so it streams.
    """
    _, en_dev = load_pairs("dev", shared)
    _, en_test = load_pairs("test", shared)
    lines = [s for s in en_dev + en_test if s]
    avg = sum(len(s.split()) for s in lines) / len(lines)
    per_doc = max(2, round(words / avg))
    rng = random.Random(seed)
    recent: list[tuple[int, list[str]]] = []
    story = 0
    for k in range(n):
        if recent and rng.random() < copy_rate:
            sid, sents = rng.choice(recent)
            text, _ = make_copy(sents, "en", [rng.choice(lines) for _ in range(5)], rng)
            yield {"id": k, "text": text, "lang": "en", "story": sid, "kind": "copy"}
            continue
        # runs of 3-6 lines from different places: a distinct article, built of real prose
        sents: list[str] = []
        while len(sents) < per_doc:
            start = rng.randrange(len(lines))
            sents += lines[start : start + rng.randint(3, 6)]
        # The pool has only ~3,000 lines, so 100,000 articles would reuse each line hundreds
        # of times and look like partial copies of one another. Shuffling the inner words of
        # each sentence keeps real vocabulary and lengths but makes every
        # original's shingles its own, as in a real news stream.
        sents = [_shuffle_words(x, rng) for x in sents[:per_doc]]
        recent.append((story, sents))
        if len(recent) > 1000:
            recent.pop(0)
        yield {"id": k, "text": _render(_paragraphs(sents, rng)), "lang": "en",
               "story": story, "kind": "original"}  # fmt: skip
        story += 1


def _shuffle_words(sentence: str, rng: random.Random) -> str:
    # the first and last words stay, so that sentence boundaries stay where they were
    words = sentence.split()
    if len(words) < 4:
        return sentence
    middle = [w.rstrip(".!?") for w in words[1:-1]]
    rng.shuffle(middle)
    return " ".join([words[0], *middle, words[-1]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--story-lines", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    docs = build_corpus(args.split, story_lines=args.story_lines, seed=args.seed)
    with Path(args.output).open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    n_stories = len({d["story"] for d in docs})
    print(f"{len(docs)} records, {n_stories} stories -> {args.output}")


if __name__ == "__main__":
    main()
