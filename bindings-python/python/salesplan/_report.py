"""The plan review (经营复盘) as a document people read: :meth:`Plan.report`
gives a :class:`Report`, which Jupyter shows inline and which saves to a
file whole or not at all."""

from __future__ import annotations

import os
from typing import Literal, Optional, Union

from . import _files

ReportFormat = Literal["html", "md"]
"""How a review is written: one self-contained HTML file, or Markdown."""

ReportLang = Literal["zh", "en"]
"""The language of a review: Chinese (amounts in 万/亿) or English."""


class Report:
    """A written plan review: :attr:`text` in :attr:`format` and
    :attr:`lang`. In Jupyter an HTML review shows inline (a Markdown one
    as Markdown); :meth:`save` writes it to a file."""

    __slots__ = ("text", "format", "lang")

    def __init__(self, text: str, format: ReportFormat, lang: ReportLang) -> None:
        self.text = text
        self.format = format
        self.lang = lang

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the review to ``path``, whole or not at all (UTF-8)."""
        _files.replace_text(path, self.text)

    def _repr_html_(self) -> Optional[str]:
        return self.text if self.format == "html" else None

    def _repr_markdown_(self) -> Optional[str]:
        return self.text if self.format == "md" else None

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Report(format={self.format!r}, lang={self.lang!r}, {len(self.text)} characters)"
