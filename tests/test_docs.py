"""Guard tests: the documented API and commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import newsalign as na
from newsalign.cli import build_parser

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = Path(__file__).resolve().parent.parent / "README.md"


def test_all_matches_api_doc() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)`", text, flags=re.M))
    assert documented == set(na.__all__)


def test_every_cli_command_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, sub_parser in sub.choices.items():  # type: ignore[union-attr]
        assert f"## newsalign {name}" in text, name
        for action in sub_parser._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in text, f"{name} {flag}"


def test_readme_gives_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "newsalign align seeds/000_b8ee9c48053c37e7.txt seeds/001_721f5f27ed0f671a.txt" in text
    assert 'pip install "torch==2.13.0" -e ".[test]" && python -m pytest' in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install "torch==2.13.0" -e ".[test]" && python -m pytest' in ci
