"""Shared fixtures: the real bundled encoder (loaded once), the seeds and their gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsalign as na

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_LEFT = ROOT / "seeds" / "000_b8ee9c48053c37e7.txt"
SEED_RIGHT = ROOT / "seeds" / "001_721f5f27ed0f671a.txt"


@pytest.fixture(scope="session")
def encoder() -> na.Encoder:
    """USE-multilingual-v3, bundled and offline; loaded once per test session."""
    return na.get_encoder("use-m3")


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The hand-labelled seeds alignment (a copy of ../shared/gold/seeds_en_en.json)."""
    return json.loads((DATA / "seeds_en_en.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts() -> tuple[str, str]:
    return SEED_LEFT.read_text(encoding="utf-8"), SEED_RIGHT.read_text(encoding="utf-8")
