"""The examples in README.md and in the package docstring run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import List

import pytest

import salesplan

README = Path(__file__).resolve().parents[1] / "README.md"


def _python_blocks() -> List[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples() -> None:
    assert len(_python_blocks()) >= 2


@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_readme_example_runs(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_python_blocks()[index], f"README.md block {index}", "exec"), {})
    printed = capsys.readouterr().out
    assert printed  # every block shows something


def test_readme_error_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    exec(_python_blocks()[1], {})
    assert capsys.readouterr().out.splitlines() == [
        "invalid_type /id",
        "/id: invalid type: integer `7`, expected a string",
    ]


def test_readme_monitoring_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    exec(_python_blocks()[2], {})
    assert capsys.readouterr().out.splitlines()[:3] == [
        "[{'row': 3, 'column': 'value', 'message': '\"lots\" is not a number'}]",
        "7000000 7200000.00 on_track",
        "500000",
    ]


def test_readme_risk_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    exec(_python_blocks()[3], {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["R-CHURN ['K-CONV'] 4 → 5", "6700000.00"]
    assert "0.123000 124631995.16 151073868.32" in lines


def test_package_docstring() -> None:
    result = doctest.testmod(salesplan, verbose=False)
    assert result.attempted >= 3
    assert result.failed == 0


REPOSITORY_README = Path(__file__).resolve().parents[2] / "README.md"


def test_repository_readme_python_example(capsys: pytest.CaptureFixture[str]) -> None:
    text = REPOSITORY_README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    exec(compile(blocks[0], "README.md (repository)", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["invalid_type /id"]
