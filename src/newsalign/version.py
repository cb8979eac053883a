"""The installed version, read from the package metadata (pyproject.toml holds the one copy)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("newsalign")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"
