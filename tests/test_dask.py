"""kg build --dask: the extraction step on a Dask cluster gives the single-process graph."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.errors import KgError
from kg.run.cluster import check_address

from conftest import ROOT


def _graphml(graph, path: Path) -> bytes:
    kg.write_graph(graph, path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_dask_build_equals_single_process_build(cluster, seeds_dir, tmp_path: Path) -> None:
    single = kg.build([str(seeds_dir)], workers=1)
    db = tmp_path / "cache.sqlite"
    distributed = kg.build([str(seeds_dir)], dask=cluster.scheduler_address, cache=db)
    assert distributed.report.articles == 5 and distributed.report.cached == 0
    assert distributed.report.workers == 2
    expected = _graphml(single.graph, tmp_path / "single.graphml")
    assert _graphml(distributed.graph, tmp_path / "dask.graphml") == expected
    # what the Dask workers wrote into the cache serves a local build unchanged
    warm = kg.build([str(seeds_dir)], workers=1, cache=db)
    assert warm.report.cached == 5
    assert _graphml(warm.graph, tmp_path / "warm.graphml") == expected


def test_dask_worker_errors_reach_the_caller(cluster, seeds_dir) -> None:
    with pytest.raises(KgError, match="no_such_pipeline"):
        kg.build([str(seeds_dir)], dask=cluster.scheduler_address, model="no_such_pipeline")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error(seeds_dir) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(KgError, match=f"cannot reach Dask scheduler at {address}.*dask scheduler"):
        kg.build([str(seeds_dir)], dask=address)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("address", ["nonsense", "tcp://host-without-port", "http://:8786"])
def test_malformed_address_is_refused(address: str) -> None:
    with pytest.raises(KgError, match="tcp://host:8786"):
        check_address(address)


def test_cli_unreachable_scheduler_exits_1(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    out = tmp_path / "g.graphml"
    done = subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(out), "--dask", address],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith(f"Error: cannot reach Dask scheduler at {address}")
    assert "Traceback" not in done.stderr and not out.exists()
