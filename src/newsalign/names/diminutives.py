"""English given names and their diminutives (Jim and James, Sam and Samuel, Bobby and Robert).

News writes a person by the name they go by (Jim Mattis, Bill Clinton) and as often by the
full one (James Mattis, William Clinton), and Hangul labels write either (짐 라이트바디
James Lightbody, 대니얼 Danny). The relation is the hand-curated table of the
``nicknames`` package (Carlton Northern et al., Apache-2.0): a name's nicknames and the
names it is a nickname of, one step, never a name reached through a third (Al is a
nickname of Alan and of Albert, which are not one name).

Public seam: :func:`given_name_forms`.
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=8192)
def given_name_forms(word: str) -> frozenset[str]:
    """A given name, lower-cased, with its nicknames and the names it is a nickname of.

    Example:
        >>> sorted(given_name_forms("Jim"))
        ['james', 'jim', 'jimmie']
        >>> given_name_forms("Vlad")
        frozenset({'vlad'})
    """
    low = word.strip().lower()
    if not low:
        return frozenset()
    namer = _namer()
    return frozenset({low} | namer.nicknames_of(low) | namer.canonicals_of(low))
