"""The type stubs cannot drift: stubtest compares `_native.pyi` with the
compiled module, and mypy --strict checks a typed usage example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
ALLOWLIST = PACKAGE / "stubtest-allowlist.txt"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=PACKAGE, capture_output=True, text=True, timeout=600
    )


@pytest.mark.typing
def test_stubtest() -> None:
    args = ["-m", "mypy.stubtest", "salesplan._native"]
    if ALLOWLIST.exists():
        args += ["--allowlist", str(ALLOWLIST)]
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.typing
def test_mypy_strict_on_package_and_typed_usage() -> None:
    result = _run("-m", "mypy", "--strict", "python/salesplan", str(HERE / "typing_usage.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_refuses_misuse() -> None:
    misuse = HERE / "typing_misuse.py"
    expected = {
        number
        for number, line in enumerate(misuse.read_text(encoding="utf-8").splitlines(), start=1)
        if line.endswith("# error")
    }
    result = _run("-m", "mypy", "--strict", str(misuse))
    flagged = {int(m) for m in re.findall(r"typing_misuse\.py:(\d+): error", result.stdout)}
    assert flagged == expected, result.stdout


def test_typed_usage_runs(tmp_path: Path) -> None:
    sys.path.insert(0, str(HERE))
    try:
        import typing_usage
    finally:
        sys.path.remove(str(HERE))
    typing_usage.main(tmp_path)
