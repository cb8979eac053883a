"""The internal record of a parsed name, shared by the readers, the matcher and the finders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .hangul import _SylSet


@dataclass(frozen=True, slots=True)
class _Parsed:
    kind: Literal["korean", "general", "empty"]
    key: str
    surname: frozenset[str] = frozenset()  # Hangul surnames it can spell (Korean)
    given: tuple[_SylSet, ...] = ()  # Korean given-name syllables
    fine: str = ""  # lower-case ASCII form for string scores
    tokens: tuple[str, ...] = ()  # general: surname skeleton, then given-name skeletons
    given_names: tuple[str, ...] = ()  # general: given-name skeletons, in order
    initials: str = ""  # general: folded initials when no given name is written out
    spelled: str = ""  # general: the surname as written, in lower-case ASCII
    read: str = ""  # general: the surname as read (written or transliterated), lower-case ASCII
    loan: bool = False  # general: read from Hangul in the loanword orthography (lossy)
    skeleton: str = ""  # general: the surname's full skeleton (the key is its coarse form)
    given_words: tuple[str, ...] = ()  # general: given names as read, lower-case ASCII
    japanese: bool = False  # general: two words that read as a Japanese name
    head: str = ""  # general: the surname's first sound: "V" vowel, "S" sibilant, "J" j, ""
    rr_vowels: tuple[str, ...] = ()  # Korean, marked as RR: each given syllable's RR vowel
    # Korean, read from Cyrillic (Ким Чен Ын): its lossy sets (о is ㅗ or ㅓ, н a final ㄴ or
    # ㅇ) that only overlap another spelling's are the same syllable, whatever the keys.
    cyrillic: bool = False
    # Any script: the regnal numbers written after the name (Louis XIV, 루이 14세: (14,);
    # James VI and I: (6, 1)), and the words before the first (Michael VIII Palaiologos:
    # "Michael"), which bynames and titles after the number do not change.
    regnal: tuple[int, ...] = ()
    regnal_name: str = ""
    # Any script: a generation suffix after the name, "jr" (Jr., Junior, 주니어) or "sr"
    # (Sr., Senior, 시니어): Donald Trump Jr. is not his father.
    generation: str = ""


_EMPTY = _Parsed("empty", "")
