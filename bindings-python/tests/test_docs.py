"""The examples in README.md and in the package docstring run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import List

import pytest

import salesplan

README = Path(__file__).resolve().parents[1] / "README.md"
# The examples read the case study's files by paths relative to the package.
PACKAGE = README.parent


def _python_blocks() -> List[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples() -> None:
    assert len(_python_blocks()) >= 2


@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_readme_example_runs(index: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PACKAGE)
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


def test_readme_whole_plan_example_prints_what_it_says(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(PACKAGE)
    exec(_python_blocks()[3], {})
    assert capsys.readouterr().out.splitlines()[:4] == [
        "15 reached_late",
        "1.2500",
        "['T-01', 'T-04', 'T-07']",
        "['R-CHURN', 'R-EXEC', 'R-FIN']",
    ]


def test_readme_risk_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    exec(_python_blocks()[4], {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["R-CHURN ['K-CONV'] 4 → 5", "6700000.00"]
    assert "0.123000 124631995.16 151073868.32" in lines


def test_readme_adjustment_loop_prints_what_it_says(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PACKAGE)
    exec(_python_blocks()[5], {})
    assert capsys.readouterr().out.splitlines() == [
        'R-CONV-SERVICE@2026-06-30 because kpi("K-CONV").attainment = 0.7857; kpi("K-REV-HIGH").trend = 400000',
        "['add_strategy', 'add_task', 'add_task', 'move_budget', 'recommend']",
        "2 ['R-CONV-SERVICE@2026-06-30']",
        "add /execution/tasks/9",
        "add /execution/tasks/10",
        "replace /resources/budget/1/amount",
        "replace /resources/budget/3/amount",
        "add /strategies/3",
        "1.211亿 >= 1.2亿",
        "accepted as of 2026-06-30; cooling down for 2 period(s), 1 elapsed",
        "rejected budget_exceeded /resources/budget",
        "3 []",
    ]


def test_readme_replay_and_scenarios_print_what_they_say(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(PACKAGE)
    block = _python_blocks()[6]
    exec(block, {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "{'rule': 'R-CONV-SERVICE', 'as_of': datetime.date(2026, 4, 30), 'times': 3}"
    assert lines[2].split() == ["0", "2026-04", "R-CONV-SERVICE", "fired"]
    # The table printed is the one written under the example.
    written = [line[1:] for line in block.splitlines() if line.startswith("#")][-6:]
    assert [line.split() for line in lines[-6:]] == [line.split() for line in written]
    assert written[0].split() == ["capacity_gap", "budget", "probability"]


def test_package_docstring() -> None:
    result = doctest.testmod(salesplan, verbose=False)
    assert result.attempted >= 3
    assert result.failed == 0


REPOSITORY_README = Path(__file__).resolve().parents[2] / "README.md"


def test_repository_readme_python_example(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = REPOSITORY_README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 1
    monkeypatch.chdir(REPOSITORY_README.parent)
    exec(compile(blocks[0], "README.md (repository)", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["invalid_type /id"]
    # Any further Python example (the adjustment loop) runs too, and shows
    # something.
    for index, block in enumerate(blocks[1:], start=1):
        exec(compile(block, f"README.md (repository) block {index}", "exec"), {})
        assert capsys.readouterr().out, f"block {index} printed nothing"
