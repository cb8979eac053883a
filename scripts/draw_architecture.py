"""Draw docs/architecture.svg from the code: the packages of newsalign and their imports.

Run ``python scripts/draw_architecture.py`` from the project root after moving code; it reads
the imports with :mod:`ast` (nothing is imported or run), draws one box per concept (a
package or a top-level module, with its line count and files), rows from the bottom layer
up, and an arrow from each concept to every concept it imports. ``--check`` exits 1 when
the committed picture is out of date.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "newsalign"
OUT = ROOT / "docs" / "architecture.svg"
# rows from the bottom; concepts on one row do not import each other
ROWS = [
    ["errors"],
    ["validate", "version"],
    ["text"],
    ["records"],
    ["embed", "names"],
    ["facts"],
    ["alignment"],
    ["diffing", "deduplication", "evaluation"],
    ["__init__"],
    ["cli"],
]
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 210, 46, 40, 34, 20


def concept_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def read_graph() -> tuple[dict[str, set[str]], dict[str, tuple[int, int]]]:
    """Concept -> imported concepts, and concept -> (files, lines)."""
    edges: dict[str, set[str]] = defaultdict(set)
    size: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(SRC.rglob("*.py")):
        me = concept_of(path)
        text = path.read_text(encoding="utf-8")
        size[me][0] += 1
        size[me][1] += text.count("\n")
        folder = ["newsalign", *path.relative_to(SRC).parts[:-1]]
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom):
                base = folder[: len(folder) - node.level + 1] if node.level else []
                full = [*base, *(node.module.split(".") if node.module else [])]
                names = [[*full, a.name] for a in node.names] if len(full) == 1 else [full]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".") for a in node.names]
            else:
                continue
            for parts in names:
                if parts[0] != "newsalign":
                    continue
                target = parts[1] if len(parts) > 1 else "__init__"
                if target != me and (target in size or _exists(target)):
                    edges[me].add(target)
    return dict(edges), {k: (v[0], v[1]) for k, v in size.items()}


def _exists(concept: str) -> bool:
    return (SRC / concept).is_dir() or (SRC / f"{concept}.py").is_file()


def draw(edges: dict[str, set[str]], size: dict[str, tuple[int, int]]) -> str:
    width = max(len(r) for r in ROWS) * (BOX_W + GAP_X) - GAP_X + 2 * MARGIN
    height = len(ROWS) * (BOX_H + GAP_Y) - GAP_Y + 2 * MARGIN
    pos: dict[str, tuple[float, float]] = {}
    for k, row in enumerate(ROWS):
        y = height - MARGIN - BOX_H - k * (BOX_H + GAP_Y)
        row_w = len(row) * (BOX_W + GAP_X) - GAP_X
        for c, name in enumerate(row):
            pos[name] = ((width - row_w) / 2 + c * (BOX_W + GAP_X), y)
    missing = set(size) - set(pos)
    if missing:
        raise SystemExit(f"concepts without a row in ROWS: {sorted(missing)}")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#567"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for src in sorted(edges):
        for dst in sorted(edges[src]):
            x1, y1 = pos[src][0] + BOX_W / 2, pos[src][1] + BOX_H
            x2, y2 = pos[dst][0] + BOX_W / 2, pos[dst][1]
            colour = "#c33" if y2 <= y1 - BOX_H else "#567"  # red: an arrow running up
            out.append(
                f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                f'stroke="{colour}" stroke-opacity="0.55" marker-end="url(#a)"/>'
            )
    for name, (x, y) in pos.items():
        if name not in size:
            continue
        files, lines = size[name]
        label = "newsalign/__init__" if name == "__init__" else name + ("/" if files > 1 else "")
        out += [
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            'fill="#eef3f8" stroke="#345"/>',
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" '
            f'font-weight="bold">{escape(label)}</text>',
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 36:.0f}" text-anchor="middle" '
            f'fill="#555" font-size="11">{files} file{"s" * (files > 1)}, {lines:,} lines</text>',
        ]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the picture is stale")
    args = ap.parse_args()
    svg = draw(*read_graph())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == svg
        print("docs/architecture.svg is " + ("up to date" if same else "stale"))
        return 0 if same else 1
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
