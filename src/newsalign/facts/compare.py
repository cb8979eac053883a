"""Comparing facts: :func:`compare_facts` for two linked passages, :func:`same_fact` for two
facts.

Each kind is paired its own way (quantities by value, then their hedge, role and unit; dates
by value, then by slot; people by name key or :func:`newsalign.names.same_person`;
organisations by name, acronym or containment; quotations by fuzzy wording); what is left
unpaired is ``left_only`` or ``right_only``. The explanations are plain English sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .dates import date_slot, same_date
from .orgs import same_org
from .people import same_person_fact, spelling_differs
from .quantities import hedge_phrase
from .quotes import same_quote
from .records import FACT_KINDS, Fact, FactDifference, FactDifferenceKind

__all__ = ["compare_facts", "same_fact"]


def compare_facts(left: Sequence[Fact], right: Sequence[Fact]) -> tuple[FactDifference, ...]:
    """How the facts of two linked passages differ.

    Quantities are paired by value first (then their qualifier, role and unit are compared),
    then a leftover pair with compatible units is a ``conflict``; dates likewise by value,
    then by slot (day, month, weekday...); people by name key or
    :func:`newsalign.names.same_person`, so a spelling difference is a ``name_variant``;
    organisations by name, acronym or containment; quotations by fuzzy wording. Whatever is
    left is ``left_only`` or ``right_only``.

    Args:
        left: the facts of the left passage (one or more sentences).
        right: the facts of the right passage.

    Returns:
        Differences grouped by fact kind (quantities, dates, people, organisations,
        quotations), in text order within a kind; equal facts produce nothing.

    Example:
        >>> from newsalign.facts import extract_facts
        >>> diffs = compare_facts(
        ...     extract_facts("The total is expected to reach 10,000 by December."),
        ...     extract_facts("An additional 10,000 are expected by December."))
        >>> [(d.kind, d.left_value, d.right_value) for d in diffs]
        [('role', '10,000 (total)', 'An additional 10,000')]
    """
    out: list[FactDifference] = []
    by_kind = {k: ([f for f in left if f.kind == k], [f for f in right if f.kind == k])
               for k in FACT_KINDS}  # fmt: skip
    out += _compare_quantities(*by_kind["quantity"])
    out += _compare_dates(*by_kind["date"])
    out += _compare_people(*by_kind["person"])
    out += _compare_orgs(*by_kind["organization"])
    out += _compare_quotes(*by_kind["quote"])
    return tuple(out)


def _pair(kind: FactDifferenceKind, a: Fact, b: Fact, why: str) -> FactDifference:
    return FactDifference(kind, a.kind, a.label(), b.label(), a.sentence, b.sentence, why, a, b)


def _only(side: Literal["left", "right"], f: Fact) -> FactDifference:
    what = {
        "quantity": f"the figure {f.label()!r}",
        "date": f"the date {f.label()!r}",
        "person": f"{f.text!r}",
        "organization": f"{f.text!r}",
        "quote": f"the quotation {_short(f.text)!r}",
    }[f.kind]
    verb = {"quote": "has", "person": "names", "organization": "names"}.get(f.kind, "gives")
    why = f"only the {side} version {verb} {what}"
    if side == "left":
        return FactDifference("left_only", f.kind, f.label(), None, f.sentence, None, why, f, None)
    return FactDifference("right_only", f.kind, None, f.label(), None, f.sentence, why, None, f)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _leftovers(
    left: list[Fact], right: list[Fact], used_l: set[int], used_r: set[int]
) -> tuple[list[Fact], list[Fact]]:
    return (
        [f for k, f in enumerate(left) if k not in used_l],
        [f for k, f in enumerate(right) if k not in used_r],
    )


def _compare_quantities(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        same = [j for j, b in enumerate(right) if j not in used_r and b.number == a.number]
        if not same:
            continue
        # prefer the one with the same role, then the same unit
        j = min(same, key=lambda j: (right[j].role != a.role, right[j].unit != a.unit, j))
        b = right[j]
        used_l.add(i)
        used_r.add(j)
        if a.role and b.role and a.role != b.role:
            out.append(
                _pair(
                    "role",
                    a,
                    b,
                    (
                        f"{_pretty(a)}: the left version gives it as the {_role_word(a)} "
                        f"({a.role_cue!r}), the right as the {_role_word(b)} ({b.role_cue!r})"
                    ),
                )
            )
        if a.qualifier != b.qualifier:
            out.append(
                _pair(
                    "qualifier",
                    a,
                    b,
                    (
                        f"{_pretty(a)}: the left version says {hedge_phrase(a)}, "
                        f"the right says {hedge_phrase(b)}"
                    ),
                )
            )
        if a.unit and b.unit and a.unit != b.unit:
            out.append(
                _pair(
                    "unit",
                    a,
                    b,
                    (f"{_pretty(a)}: the left version counts {a.unit}, the right {b.unit}"),
                )
            )
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    paired: list[tuple[Fact, Fact]] = []
    if len(rest_l) == 1 and len(rest_r) == 1 and _units_compatible(rest_l[0], rest_r[0]):
        paired.append((rest_l[0], rest_r[0]))
    else:
        for unit in sorted({f.unit for f in rest_l if f.unit}):
            ls = [f for f in rest_l if f.unit == unit]
            rs = [f for f in rest_r if f.unit == unit]
            if len(ls) == 1 and len(rs) == 1:
                paired.append((ls[0], rs[0]))
    for a, b in paired:
        out.append(
            _pair(
                "conflict", a, b, (f"the left version says {a.label()!r}, the right {b.label()!r}")
            )
        )
        rest_l.remove(a)
        rest_r.remove(b)
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _units_compatible(a: Fact, b: Fact) -> bool:
    if a.role and b.role and a.role != b.role:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit


def _role_word(f: Fact) -> str:
    return "total" if f.role == "total" else "additional amount"


def _compare_dates(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j in used_r or not same_date(a.value, b.value):
                continue
            used_l.add(i)
            used_r.add(j)
            if a.qualifier != b.qualifier:
                out.append(
                    _pair(
                        "qualifier",
                        a,
                        b,
                        (
                            f"same date, but the left version says {a.text!r} and the right "
                            f"{b.text!r}"
                        ),
                    )
                )
            break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    for slot in sorted({date_slot(f) for f in rest_l}):
        ls = [f for f in rest_l if date_slot(f) == slot]
        rs = [f for f in rest_r if date_slot(f) == slot]
        if len(ls) == 1 and len(rs) == 1 and slot != "relative":
            out.append(
                _pair(
                    "conflict",
                    ls[0],
                    rs[0],
                    (f"the left version dates it {ls[0].text!r}, the right {rs[0].text!r}"),
                )
            )
            rest_l.remove(ls[0])
            rest_r.remove(rs[0])
    if len(rest_l) == 1 and len(rest_r) == 1:
        a, b = rest_l.pop(), rest_r.pop()
        out.append(
            _pair(
                "restated",
                a,
                b,
                (
                    f"the left version dates it {a.text!r}, the right {b.text!r}; "
                    "the two forms cannot be compared without a calendar"
                ),
            )
        )
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.value not in seen:
            seen.add(f.value)
            out.append(f)
    return out


def _compare_people(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    left, right = _dedupe(left), _dedupe(right)
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for rule in ("key", "same_person"):
        for i, a in enumerate(left):
            if i in used_l:
                continue
            for j, b in enumerate(right):
                if j in used_r:
                    continue
                if (a.value == b.value) if rule == "key" else same_person_fact(a, b):
                    used_l.add(i)
                    used_r.add(j)
                    if spelling_differs(a.text, b.text):
                        out.append(
                            _pair(
                                "name_variant",
                                a,
                                b,
                                (
                                    f"the same person, spelled {a.text!r} in the left version and "
                                    f"{b.text!r} in the right"
                                ),
                            )
                        )
                    break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def _compare_orgs(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    left, right = _dedupe(left), _dedupe(right)
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j not in used_r and same_org(a, b):
                used_l.add(i)
                used_r.add(j)
                break
    # an acronym matched on one side may stand for several spellings on the other
    for j, b in enumerate(right):
        if j not in used_r and any(same_org(a, b) for a in left):
            used_r.add(j)
    for i, a in enumerate(left):
        if i not in used_l and any(same_org(a, b) for b in right):
            used_l.add(i)
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    return [_only("left", f) for f in rest_l] + [_only("right", f) for f in rest_r]


def _compare_quotes(left: list[Fact], right: list[Fact]) -> list[FactDifference]:
    left, right = _dedupe(left), _dedupe(right)
    out: list[FactDifference] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if j not in used_r and same_quote(a, b):
                used_l.add(i)
                used_r.add(j)
                break
    rest_l, rest_r = _leftovers(left, right, used_l, used_r)
    while rest_l and rest_r:
        a, b = rest_l.pop(0), rest_r.pop(0)
        out.append(
            _pair(
                "restated",
                a,
                b,
                (
                    f"both versions quote here, in different words: {_short(a.text, 40)!r} / "
                    f"{_short(b.text, 40)!r}"
                ),
            )
        )
    out += [_only("left", f) for f in rest_l]
    out += [_only("right", f) for f in rest_r]
    return out


def same_fact(a: Fact, b: Fact) -> bool:
    """Whether two facts state the same thing (used to find a fact elsewhere in a document).

    Example:
        >>> from newsalign.facts import extract_facts
        >>> a = extract_facts("Lee Seong-gwon spoke.")[0]
        >>> b = extract_facts("Lee Seong Kwon spoke.")[0]
        >>> same_fact(a, b)
        True
    """
    if a.kind != b.kind:
        return False
    if a.kind == "person":
        return same_person_fact(a, b)
    if a.kind == "organization":
        return same_org(a, b)
    if a.kind == "quote":
        return same_quote(a, b)
    return a.value == b.value


def _pretty(f: Fact) -> str:
    if f.number is None:
        return f.text
    if f.number == int(f.number) and abs(f.number) < 1e15:
        return f"{int(f.number):,}"
    return f"{f.number:,g}"
