"""The rule for tests that need ../shared: they fail in CI when it is missing, and skip with the reason elsewhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import in_ci, need_shared


@pytest.mark.parametrize(("value", "ci"), [("true", True), ("1", True), ("TRUE", True), ("false", False), ("", False)])
def test_ci_is_what_ci_systems_set(monkeypatch, value, ci):
    monkeypatch.setenv("CI", value)
    assert in_ci() is ci


def test_missing_shared_data_fails_in_ci_and_skips_with_the_reason_elsewhere(monkeypatch, tmp_path):
    missing = tmp_path / "shared" / "corpora"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run with ../shared"):
        need_shared(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=r"need \.\./shared beside the checkout"):
        need_shared(missing)
    assert need_shared(Path(__file__)) == Path(__file__)
