"""Grouping mentions from several versions of a story into people, and printing them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import InputError
from ..records import Document
from .extract import extract_people
from .match import same_person
from .parse import _parse
from .records import Mention, Person


def cluster_people(
    items: Iterable[Mention] | Iterable[Document | str] | Document | str,
) -> tuple[Person, ...]:
    """Group mentions (or the mentions of several documents) into people.

    Mentions with equal keys whose full spellings :func:`match_names` calls ``"same"`` form
    one person; ambiguous spellings under one key stay apart. Lone-surname back-references
    join the first person with their key.

    Args:
        items: mentions, or documents / texts (several versions of a story), or one of them.

    Returns:
        People ordered by their first mention (input order).

    Raises:
        InputError: if an item is not a Mention, Document or str.

    Example:
        >>> a = "Lee Seong-gwon of the People Power Party spoke."
        >>> b = "Lee Seong Kwon stated that the NIS was right."
        >>> [(p.canonical, p.spellings) for p in cluster_people([a, b])]
        [('Lee Seong-gwon', ('Lee Seong-gwon', 'Lee Seong Kwon'))]
    """
    if isinstance(items, (Document, str)):
        items = [items]
    mentions: list[Mention] = []
    for k, item in enumerate(items):
        if isinstance(item, Mention):
            mentions.append(item)
        elif isinstance(item, (Document, str)):
            mentions.extend(extract_people(item))
        else:
            raise InputError(f"item {k} is {type(item).__name__}, not Mention, Document or str")
    groups: list[list[Mention]] = []
    reps: list[list[str]] = []  # full spellings of each group
    by_key: dict[str, list[int]] = {}
    for m in mentions:
        full = _is_full(m.text)
        target: int | None = None
        for g in by_key.get(m.key, []):
            if not full or any(same_person(m.text, r) or m.text == r for r in reps[g]):
                target = g
                break
            if not reps[g]:
                target = g
                break
        if target is None:
            target = len(groups)
            groups.append([])
            reps.append([])
            by_key.setdefault(m.key, []).append(target)
        groups[target].append(m)
        if full and m.text not in reps[target]:
            reps[target].append(m.text)
    people: list[Person] = []
    for g, ms in enumerate(groups):
        spellings = tuple(dict.fromkeys(m.text for m in ms))
        counts: dict[str, int] = {}
        for m in ms:
            counts[m.text] = counts.get(m.text, 0) + 1
        pool = reps[g] or list(spellings)
        canonical = max(pool, key=lambda s: (counts.get(s, 0), -pool.index(s)))
        people.append(Person(canonical, ms[0].key, spellings, tuple(ms)))
    return tuple(people)


def _is_full(text: str) -> bool:
    parsed = _parse(text)
    if parsed.kind == "korean":
        return bool(parsed.given)
    return len(parsed.tokens) > 1


def format_people(people: Sequence[Person]) -> str:
    """Render people for ``newsalign names FILE...``: one block per person.

    Each block is the canonical spelling, the key in brackets and the mention count, then an
    indented line of spellings with their counts and the documents they appear in.

    Example:
        >>> ps = cluster_people(["Park Seon-won said so.", "Park Sun Won said no."])
        >>> print(format_people(ps))
        Park Seon-won  [pak son-won]  2 mentions
          Park Seon-won (1), Park Sun Won (1)
    """
    lines: list[str] = []
    for p in people:
        n = len(p.mentions)
        lines.append(f"{p.canonical}  [{p.key}]  {n} mention{'s' if n != 1 else ''}")
        parts: list[str] = []
        for sp in p.spellings:
            ms = [m for m in p.mentions if m.text == sp]
            docs = tuple(dict.fromkeys(m.document for m in ms if m.document))
            where = f" in {', '.join(docs)}" if docs else ""
            parts.append(f"{sp} ({len(ms)}{where})")
        lines.append("  " + ", ".join(parts))
    return "\n".join(lines)
