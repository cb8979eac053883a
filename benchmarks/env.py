"""What every results file records: when, on what machine, with which software and code."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return float("nan")


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def environment() -> dict[str, Any]:
    """Date, machine, versions and git commit (with a flag when the tree has local edits)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "nproc": os.cpu_count(),
            "cpu": _cpu_model(),
            "ram_gib": _ram_gib(),
            "gpu": "none used (CPU only)",
            "load_avg_1_5_15": [round(x, 2) for x in load],
        },
        "python": platform.python_version(),
        "numpy": np.__version__,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(
            _git("status", "--porcelain", "--untracked-files=no", "src", "benchmarks")
        ),
    }


def write_json(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def env_line(env: dict[str, Any]) -> str:
    """One line naming the machine and software a result was measured on."""
    m = env["machine"]
    dirty = " (with local edits)" if env.get("git_dirty") else ""
    return (
        f"{env['date']}, commit `{env['git_commit']}`{dirty}; {m['nproc']} cores ({m['cpu']}), "
        f"{m['ram_gib']} GiB RAM, {m['gpu']}; load average at start {m['load_avg_1_5_15']}; "
        f"Python {env['python']}, numpy {env['numpy']}"
    )


def markdown_table(head: Sequence[Any], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A markdown table as lines, a blank line after it."""
    out = [
        "| " + " | ".join(str(h) for h in head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    return out + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows] + [""]


def machine() -> dict[str, Any]:
    """The machine record of the dedup benchmarks (cores, memory, load at the start)."""
    import psutil

    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "note": "shared machine: other jobs were running; rerun on a quiet one to publish",
    }
