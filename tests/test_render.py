from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import newsalign as na


@pytest.fixture(scope="module")
def seeds_diff(gold: dict[str, Any]) -> na.Diff:
    left = na.Document.from_sentences(gold["a"], name="seeds/000_b8ee9c48053c37e7.txt")
    right = na.Document.from_sentences(gold["b"], name="seeds/001_721f5f27ed0f671a.txt")
    return na.diff(left, right)


@pytest.fixture(scope="module")
def small_diff() -> na.Diff:
    return na.diff(
        "Over 3,000 troops left on the 23rd. Talks failed in Geneva. Rain fell all day.",
        "Rain fell all day. Around 3,000 troops left on the 23rd. Talks failed in Geneva.",
        encoder="tfidf",
    )


# -- JSON -------------------------------------------------------------------------------
def test_json_schema(small_diff: na.Diff) -> None:
    out = json.loads(na.render_json(small_diff))
    assert set(out) == {
        "left", "right", "left_name", "right_name", "encoder", "mode", "ops", "summary",
    }  # fmt: skip
    assert out["left"] == list(small_diff.left.texts)
    for op in out["ops"]:
        assert set(op) == {"tag", "left", "right", "moved", "score", "fact_differences"}
        assert op["tag"] in na.DIFF_TAGS
        for fd in op["fact_differences"]:
            assert {"kind", "left_value", "right_value", "explanation"} <= set(fd)
            assert fd["kind"] in na.FACT_DIFFERENCE_KINDS
    assert {"shared_ratio", "conflicts", "inserted", "deleted", "moved"} <= set(out["summary"])


def test_json_multi_schema() -> None:
    ma = na.align_many(["A cat sat. It rained.", "It rained. A cat sat.", "A cat sat."],
                       encoder="tfidf")  # fmt: skip
    out = json.loads(na.render(ma, "json"))
    assert set(out) == {"documents", "clusters", "encoder", "mode", "summary"}
    assert out["clusters"][0]["members"][0] == {"document": 0, "sentences": [0]}


# -- text -------------------------------------------------------------------------------
def test_text_lists_every_sentence_once_per_op(small_diff: na.Diff) -> None:
    text = na.render_text(small_diff)
    assert "qualifier differs" in text
    assert "moved" in text
    assert "\033[" not in text
    assert "\033[" in na.render_text(small_diff, color=True)


def test_unknown_format_is_a_typed_error(small_diff: na.Diff) -> None:
    with pytest.raises(na.InputError):
        na.render(small_diff, "pdf")
    with pytest.raises(na.InputError):
        na.render_text("not a diff")  # type: ignore[arg-type]


# -- HTML -------------------------------------------------------------------------------
def test_html_is_self_contained(seeds_diff: na.Diff) -> None:
    page = na.render_html(seeds_diff)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script src" not in page


def test_html_escapes_text() -> None:
    d = na.diff("A <b>bold</b> claim & more. Rain.", "A <b>bold</b> claim & more. Snow.",
                encoder="tfidf")  # fmt: skip
    page = na.render_html(d)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


class _Dom(HTMLParser):
    """Collects elements with their attributes and text (enough for the checks below)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict[str, Any]] = []
        self._open: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": "", "parents": []}
        el["parents"] = [p["attrs"].get("id", "") for p in self._open]
        self.elements.append(el)
        if tag not in ("br", "meta", "img", "input", "link"):
            self._open.append(el)

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self._open) - 1, -1, -1):
            if self._open[k]["tag"] == tag:
                del self._open[k:]
                break

    def handle_data(self, data: str) -> None:
        for el in self._open:
            el["text"] += data

    def find(self, tag: str, cls: str | None = None, **attrs: str) -> list[dict[str, Any]]:
        out = []
        for el in self.elements:
            if el["tag"] != tag:
                continue
            if cls and cls not in el["attrs"].get("class", "").split():
                continue
            if all(el["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(el)
        return out


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _chrome_args(binary: str, profile: str) -> list[str]:
    return [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
    ]  # fmt: skip


def test_seeds_report_in_headless_chromium(seeds_diff: na.Diff, tmp_path: Path) -> None:
    binary = _chromium()
    if binary is None:
        pytest.skip("chromium is not installed (Debian package 'chromium'; CI installs it)")
    report = tmp_path / "seeds_report.html"
    report.write_text(na.render_html(seeds_diff), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [*_chrome_args(binary, profile), "--dump-dom", report.as_uri()],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    dom = _Dom()
    dom.feed(run.stdout)

    # the summary at the top
    (conflicts,) = dom.find("li", data_summary="conflicts")
    assert conflicts["text"].strip().startswith(str(seeds_diff.summary.conflicts))

    # every linked pair: the sentences of both sides share their op's data-op
    sentences = {el["attrs"]["id"]: el for el in dom.find("p", "sent")}
    assert len(sentences) == len(seeds_diff.left) + len(seeds_diff.right)
    for k, op in enumerate(seeds_diff.ops):
        ids = [f"L{i}" for i in op.left] + [f"R{j}" for j in op.right]
        assert {sentences[i]["attrs"]["data-op"] for i in ids} == {str(k)}
    assert sentences["L2"]["attrs"]["data-op"] == sentences["R0"]["attrs"]["data-op"]

    # moved ops are marked
    moved = [el for el in dom.find("tr", "op") if el["attrs"].get("data-moved") == "true"]
    assert len(moved) == seeds_diff.summary.moved > 0

    # conflict annotations: inline marks in L2 and R0, and the list under the op
    role_marks = [el for el in dom.find("mark", "role") if "conflict" in el["attrs"]["class"]]
    assert any(el["parents"][-1] == "L2" and "10,000" in el["text"] for el in role_marks)
    assert any(el["parents"][-1] == "R0" and "additional 10,000" in el["text"] for el in role_marks)
    qualifier = [el for el in dom.find("li", "fd-item") if "qualifier" in el["attrs"]["class"]]
    assert any("over" in el["text"] and "around" in el["text"] for el in qualifier)
    variants = " ".join(el["text"] for el in dom.find("li", "name_variant"))
    assert "Lee Seong Kwon" in variants and "Park Sun Won" in variants
    person_conflicts = [
        el for el in dom.find("li", "conflict") if el["attrs"].get("data-fact") == "person"
    ]
    assert not person_conflicts
