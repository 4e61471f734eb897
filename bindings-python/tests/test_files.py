"""Plans and histories saved to disk: whole or not at all. A refused
revision or a failed write leaves the files byte for byte as they were."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import salesplan
from salesplan import History, Plan, RejectedError

CHANGE = {"author": "Sales VP Li Wei", "reason": "a test", "at": "2026-07-03T09:00:00+08:00"}


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    plan = salesplan.example_plan()
    plan.save(tmp_path / "plan.json")
    assert Plan.load(tmp_path / "plan.json") == plan
    history = History(plan)
    history.save(tmp_path / "history.json")
    assert History.load(tmp_path / "history.json").to_json() == history.to_json()
    assert sorted(os.listdir(tmp_path)) == ["history.json", "plan.json"]


def test_a_refused_revision_leaves_plan_and_history_untouched(tmp_path: Path) -> None:
    plan = salesplan.example_plan()
    plan_path, history_path = tmp_path / "plan.json", tmp_path / "history.json"
    plan.save(plan_path)
    history = History(plan)
    history.save(history_path)
    before = (plan_path.read_bytes(), history_path.read_bytes())
    with pytest.raises(RejectedError):
        revised = plan.edit([{"op": "replace", "path": "/resources/budget/1/amount", "value": "90000000.00"}], **CHANGE)
        history.commit(revised)
        revised.plan.save(plan_path)
        history.save(history_path)
    assert (plan_path.read_bytes(), history_path.read_bytes()) == before
    assert len(History.load(history_path)) == 0


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = salesplan.example_plan()
    path = tmp_path / "plan.json"
    plan.save(path)
    before = path.read_bytes()
    renamed = plan.edit([{"op": "replace", "path": "/name", "value": "Renamed"}], **CHANGE).plan

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        renamed.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["plan.json"]
    renamed.save(path)
    assert Plan.load(path).name == "Renamed"
