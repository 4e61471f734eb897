"""Charts as SVG: a :class:`Chart` shows inline in Jupyter and saves to a
file; its :attr:`svg` is the same text in Rust, Python and JavaScript."""

from __future__ import annotations

import os
from typing import Literal, Union

from . import _files

ChartKind = Literal[
    "burn_up", "kpi_bullets", "gap_waterfall", "risk_heatmap", "outcome_histogram", "gantt", "budget_burn"
]
"""The charts: burn-up against the phased target, KPI attainment bullets,
the gap waterfall, the risk heat map, the simulated outcomes' histogram,
the task Gantt chart with its critical path, the budget's phasing."""


class Chart:
    """One picture: :attr:`svg` is a self-contained SVG document (720×360)."""

    __slots__ = ("kind", "svg")

    def __init__(self, kind: str, svg: str) -> None:
        self.kind = kind
        self.svg = svg

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the SVG to ``path``, whole or not at all."""
        _files.replace_text(path, self.svg)

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"Chart(kind={self.kind!r}, {len(self.svg)} characters)"
