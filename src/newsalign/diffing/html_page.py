"""The HTML view: one self-contained page, the versions side by side, nothing fetched."""

from __future__ import annotations

import string
from collections.abc import Sequence
from html import escape

from ..facts import CONFLICT_KINDS, FactDifference
from ..version import __version__
from .labels import FACT_LABELS, check_result
from .multi import Cluster, MultiAlignment
from .ops import Diff, DiffOp

__all__ = ["render_html"]


# -- HTML -------------------------------------------------------------------------------
_CSS = """
:root { --eq:#f4f4f4; --para:#e8f0fe; --part:#f3e8fd; --del:#fde8e8; --ins:#e6f4ea;
        --conf:#fbbc04; --hl:#ffe082; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0;
       color: #202124; background: #fff; }
header { padding: 16px 24px; border-bottom: 1px solid #ddd; background: #fafafa; }
h1 { font-size: 20px; margin: 0 0 8px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.summary li { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 4px 10px; }
.summary li b { font-size: 17px; }
.summary li.conflicts b { color: #b06000; }
.legend { margin-top: 8px; font-size: 13px; color: #5f6368; }
.legend span { display: inline-block; padding: 0 6px; border-radius: 4px; margin-right: 4px; }
table.diff { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.diff th { position: sticky; top: 0; background: #fff; text-align: left; padding: 8px 12px;
                border-bottom: 2px solid #ccc; z-index: 1; }
table.diff th.gutter, td.gutter { width: 150px; }
td { vertical-align: top; padding: 6px 12px; border-bottom: 1px solid #eee; }
td.gutter { font-size: 12px; color: #5f6368; }
.tag { display: inline-block; font-weight: 600; border-radius: 4px; padding: 0 6px; }
.badge-moved { display: inline-block; margin-top: 3px; background: #e0f7fa; color: #006064;
               border-radius: 4px; padding: 0 6px; font-weight: 600; }
tr.tag-equal .tag { background: var(--eq); }
tr.tag-paraphrase .tag, tr.tag-split .tag, tr.tag-merged .tag, tr.tag-regrouped .tag {
  background: var(--para); }
tr.tag-partial .tag { background: var(--part); }
tr.tag-deleted .tag, tr.tag-deleted td.left { background: var(--del); }
tr.tag-inserted .tag, tr.tag-inserted td.right { background: var(--ins); }
tr.tag-equal td.left, tr.tag-equal td.right { color: #5f6368; }
tr.moved td.gutter { border-left: 4px solid #00acc1; }
.sent { margin: 0 0 4px; }
.sent .idx { font-size: 11px; color: #80868b; margin-right: 4px; font-family: monospace; }
tr.op.hl td.left, tr.op.hl td.right, .sent.hl { background: var(--hl) !important; }
mark.fd { background: none; border-bottom: 2px solid #9aa0a6; padding: 0 1px; }
mark.fd.conflict { background: #fff3cd; border-bottom: 3px solid var(--conf); }
mark.fd.name_variant { border-bottom: 2px dashed #1a73e8; }
mark.fd.left_only, mark.fd.right_only { border-bottom: 2px dotted #5f6368; }
ul.facts { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
ul.facts li.conflict { color: #8a4b00; font-weight: 600; }
ul.facts li.elsewhere { color: #80868b; }
ul.facts .kind { font-variant: small-caps; }
td.absent { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #f1f1f1 6px,
            #f1f1f1 12px); }
footer { padding: 12px 24px; color: #80868b; font-size: 12px; }
"""


# Hovering a sentence lights up every element of its op (the linked sentences).
_JS = """
document.addEventListener('mouseover', function (event) {
  var target = event.target.closest ? event.target.closest('[data-op]') : null;
  document.querySelectorAll('.hl').forEach(function (el) { el.classList.remove('hl'); });
  if (!target) { return; }
  document.querySelectorAll('[data-op="' + target.getAttribute('data-op') + '"]')
    .forEach(function (el) { el.classList.add('hl'); });
});
"""


_PAGE = string.Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsalign $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header>
<h1>$title</h1>
$summary
</header>
<main>
$body
</main>
<footer>$footer</footer>
<script>$js</script>
</body>
</html>
""")


def render_html(result: Diff | MultiAlignment, *, title: str | None = None) -> str:
    """One self-contained HTML page (no external assets, nothing loaded from the network).

    Every linked sentence carries ``data-op`` (hovering one highlights its partners), moved
    ops carry the class ``moved`` and a badge, and every fact difference is a ``<mark
    class="fd KIND">`` in the sentence plus an ``<li class="fd-item KIND">`` under the op.

    Args:
        result: a :class:`~newsalign.Diff` or a :class:`~newsalign.MultiAlignment`.
        title: the page title (default: the two document names).

    Example:
        >>> from newsalign import diff
        >>> page = render_html(diff("Over 3,000 left. It rained.", "About 3,000 left. It rained.",
        ...                         encoder="tfidf"))
        >>> "<script src" in page, 'class="fd qualifier conflict"' in page
        (False, True)
    """
    check_result(result)
    if isinstance(result, MultiAlignment):
        names = [doc.name or f"version {k + 1}" for k, doc in enumerate(result.documents)]
        page_title = title or f"newsalign: {len(names)} versions"
        summary, body = _multi_html(result, names)
        footer = f"encoder {escape(result.encoder)}, mode {escape(result.mode)}"
    else:
        left_name = result.left.name or "left"
        right_name = result.right.name or "right"
        page_title = title or f"newsalign diff: {left_name} → {right_name}"
        summary = _summary_html(result)
        body = _diff_html(result, left_name, right_name)
        footer = f"encoder {escape(result.alignment.encoder)}, mode {escape(result.alignment.mode)}"
    return _PAGE.substitute(
        version=escape(__version__),
        title=escape(page_title),
        css=_CSS,
        summary=summary,
        body=body,
        footer=footer + " · generated by newsalign",
        js=_JS,
    )


def _summary_html(d: Diff) -> str:
    s = d.summary
    items = [
        ("shared", f"{s.shared_ratio:.0%}",
         f"of sentences shared ({s.shared_left}/{s.left_sentences} left, "
         f"{s.shared_right}/{s.right_sentences} right)"),
        ("added", str(s.inserted), "sentences only in the right version"),
        ("removed", str(s.deleted), "sentences only in the left version"),
        ("moved", str(s.moved), "linked passages moved"),
        ("conflicts", str(s.conflicts), "fact conflicts (values, qualifiers, roles, units)"),
        ("variants", str(s.name_variants), "names spelled differently"),
        ("left-only", str(s.left_only_facts), "facts only the left version states"),
        ("right-only", str(s.right_only_facts), "facts only the right version states"),
    ]  # fmt: skip
    lis = "".join(
        f'<li class="{cls}" data-summary="{cls}"><b>{escape(n)}</b> {escape(text)}</li>'
        for cls, n, text in items
    )
    legend = (
        '<div class="legend">'
        '<span style="background:var(--eq)">equal</span>'
        '<span style="background:var(--para)">paraphrase / split / merged</span>'
        '<span style="background:var(--part)">partial</span>'
        '<span style="background:var(--del)">deleted</span>'
        '<span style="background:var(--ins)">inserted</span>'
        '<span style="background:#e0f7fa">moved</span>'
        '<span style="background:#fff3cd">conflict</span>'
        " · hover a sentence to light up its counterpart</div>"
    )
    return f'<ul class="summary" id="summary">{lis}</ul>{legend}'


def _diff_html(d: Diff, left_name: str, right_name: str) -> str:
    rows = [
        '<table class="diff" id="diff"><thead><tr><th class="gutter">op</th>'
        f'<th class="left">{escape(left_name)}</th>'
        f'<th class="right">{escape(right_name)}</th></tr></thead><tbody>'
    ]
    for k, op in enumerate(d.ops):
        rows.append(_op_row(k, op, len(d.left), len(d.right)))
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _op_row(k: int, op: DiffOp, n_left: int, n_right: int) -> str:
    classes = f"op tag-{op.tag}" + (" moved" if op.moved else "")
    gutter = f'<span class="tag">{escape(op.tag)}</span>'
    if op.score is not None:
        gutter += f' <span class="score">{op.score:.2f}</span>'
    if op.moved:
        where = ", ".join(f"R{j}" for j in op.right)
        gutter += (
            f'<br><span class="badge-moved" title="out of order: in the right version this is '
            f'sentence {escape(where)} of {n_right}">↕ moved</span>'
        )
    marks_l = [fd for fd in op.fact_differences if fd.left_fact is not None]
    marks_r = [fd for fd in op.fact_differences if fd.right_fact is not None]
    left = "".join(
        _sentence_html("L", i, text, k, [fd for fd in marks_l if fd.left_sentence == i], "left")
        for i, text in zip(op.left, op.left_texts, strict=True)
    )
    right = "".join(
        _sentence_html("R", j, text, k, [fd for fd in marks_r if fd.right_sentence == j], "right")
        for j, text in zip(op.right, op.right_texts, strict=True)
    )
    facts = ""
    if op.left and op.right and op.fact_differences:
        facts = '<ul class="facts">' + "".join(_fd_item(fd) for fd in op.fact_differences) + "</ul>"
    attrs = (
        f'class="{classes}" id="op{k}" data-op="{k}" data-tag="{op.tag}" '
        f'data-left="{" ".join(map(str, op.left))}" data-right="{" ".join(map(str, op.right))}"'
        f' data-moved="{str(op.moved).lower()}"'
    )
    left_cell = f'<td class="left">{left}</td>' if op.left else '<td class="left absent"></td>'
    right_cell = (
        f'<td class="right">{right}{facts}</td>'
        if op.right
        else (f'<td class="right absent">{facts}</td>')
    )
    if op.left and op.right and facts:
        right_cell = f'<td class="right">{right}</td>'
        return (
            f'<tr {attrs}><td class="gutter">{gutter}</td>{left_cell}{right_cell}</tr>\n'
            f'<tr class="facts-row" data-op="{k}"><td class="gutter"></td>'
            f'<td colspan="2">{facts}</td></tr>'
        )
    return f'<tr {attrs}><td class="gutter">{gutter}</td>{left_cell}{right_cell}</tr>'


def _fd_classes(fd: FactDifference) -> str:
    classes = [fd.kind]
    if fd.kind in CONFLICT_KINDS:
        classes.append("conflict")
    return " ".join(classes)


def _fd_item(fd: FactDifference) -> str:
    classes = "fd-item " + _fd_classes(fd) + (" elsewhere" if fd.elsewhere else "")
    values = (
        " ≠ ".join(escape(v) for v in (fd.left_value, fd.right_value) if v is not None)
        if fd.kind in CONFLICT_KINDS
        else ""
    )
    text = escape(fd.explanation)
    if fd.elsewhere:
        side = "left" if fd.kind == "right_only" else "right"
        prefix = "L" if side == "left" else "R"
        text += " <i>(also stated in " + ", ".join(f"{prefix}{k}" for k in fd.elsewhere) + ")</i>"
    value_html = f' <span class="values">[{values}]</span>' if values else ""
    return (
        f'<li class="{classes}" data-kind="{fd.kind}" data-fact="{fd.fact}">'
        f'<span class="kind">{escape(FACT_LABELS[fd.kind])}</span> · {text}{value_html}</li>'
    )


def _sentence_html(
    side: str, index: int, text: str, op: int, fds: Sequence[FactDifference], which: str
) -> str:
    spans: list[tuple[int, int, FactDifference]] = []
    for fd in fds:
        fact = fd.left_fact if which == "left" else fd.right_fact
        if fact is None or not 0 <= fact.start < fact.end <= len(text):
            continue
        if any(fact.start < b and a < fact.end for a, b, _ in spans):
            continue  # one mark per span; the list under the op has every difference
        spans.append((fact.start, fact.end, fd))
    spans.sort(key=lambda s: s[0])
    parts: list[str] = []
    pos = 0
    for start, end, fd in spans:
        parts.append(escape(text[pos:start]))
        parts.append(
            f'<mark class="fd {_fd_classes(fd)}" data-kind="{fd.kind}" '
            f'title="{escape(fd.explanation)}">{escape(text[start:end])}</mark>'
        )
        pos = end
    parts.append(escape(text[pos:]))
    return (
        f'<p class="sent" id="{side}{index}" data-op="{op}" data-side="{which}" '
        f'data-index="{index}"><span class="idx">{side}{index}</span>{"".join(parts)}</p>'
    )


def _multi_html(ma: MultiAlignment, names: Sequence[str]) -> tuple[str, str]:
    n = len(ma.documents)
    everywhere = sum(len(c.members) == n for c in ma.clusters)
    single = sum(len(c.members) == 1 for c in ma.clusters)
    summary = (
        '<ul class="summary" id="summary">'
        f'<li data-summary="versions"><b>{n}</b> versions</li>'
        f'<li data-summary="clusters"><b>{len(ma.clusters)}</b> clusters of sentences</li>'
        f'<li data-summary="shared"><b>{everywhere}</b> carried by every version</li>'
        f'<li data-summary="single"><b>{single}</b> carried by one version only</li></ul>'
    )
    head = "".join(f"<th>{escape(name)}</th>" for name in names)
    rows = [
        '<table class="diff multi" id="diff"><thead><tr><th class="gutter">carried by</th>'
        f"{head}</tr></thead><tbody>"
    ]
    for k, cluster in enumerate(ma.clusters):
        rows.append(_cluster_row(k, cluster, ma, n))
    rows.append("</tbody></table>")
    return summary, "\n".join(rows)


def _cluster_row(k: int, cluster: Cluster, ma: MultiAlignment, n: int) -> str:
    cells = []
    for d in range(n):
        sentences = cluster.sentences(d)
        if not sentences:
            cells.append('<td class="absent"></td>')
            continue
        body = "".join(
            f'<p class="sent" id="D{d}S{s}" data-op="{k}" data-document="{d}" data-index="{s}">'
            f'<span class="idx">{s}</span>{escape(ma.documents[d][s].text)}</p>'
            for s in sentences
        )
        cells.append(f"<td>{body}</td>")
    count = len(cluster.members)
    tag = "equal" if count == n else ("inserted" if count == 1 else "paraphrase")
    return (
        f'<tr class="op tag-{tag}" data-op="{k}" '
        f'data-documents="{" ".join(map(str, cluster.documents))}">'
        f'<td class="gutter"><span class="tag">{count}/{n}</span></td>{"".join(cells)}</tr>'
    )
