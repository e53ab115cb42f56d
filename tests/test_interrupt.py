"""kg.interrupt and kg.export.atomic.atomic_group: SIGINT/SIGTERM become Interrupted (exit 130/143);
a signal inside a deferred section waits for its end; a group of files is replaced whole or not at
all."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kg.export.atomic import atomic_group, atomic_write
from kg.interrupt import Interrupted, deferred, handled


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signals_become_interrupted_with_the_shell_exit_code(signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    with handled():
        with pytest.raises(Interrupted) as caught:
            os.kill(os.getpid(), signum)
            for _ in range(1000):  # the handler runs between two bytecodes
                pass
    assert caught.value.exit_code == code and caught.value.signum == signum and caught.value.done is None
    assert isinstance(caught.value, KeyboardInterrupt)  # whatever handles Ctrl-C handles it
    assert signal.getsignal(signum) is before  # restored


def test_a_deferred_section_completes_before_the_signal_acts() -> None:
    steps = []
    with handled():
        with pytest.raises(Interrupted) as caught:
            with deferred("all done"):
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):
                    pass
                steps.append("after the signal")
            steps.append("after the section")  # not reached: the signal acts at the section's end
    assert steps == ["after the signal"]
    assert caught.value.exit_code == 143 and caught.value.done == "all done"


def test_deferred_outside_handled_hands_the_signal_to_the_previous_handler() -> None:
    with pytest.raises(KeyboardInterrupt) as caught:  # the default SIGINT handler, after the section
        with deferred():
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):
                pass
    assert not isinstance(caught.value, Interrupted)


def _write_group(folder: Path, names: list[str], data: bytes, fail_after: int | None = None,
                 signal_after: int | None = None) -> None:
    with atomic_group("replaced"):
        for i, name in enumerate(names):
            with atomic_write(folder / name, "wb") as fh:
                fh.write(data)
            if i == fail_after:
                raise OSError("disk full")
            if i == signal_after:
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(1000):
                    pass


NAMES = ["a.ttl", "b.nq", "c.graphml", "d.gexf"]


def test_a_group_is_replaced_whole(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_bytes(b"old")
    _write_group(tmp_path, NAMES, b"new")
    assert sorted(os.listdir(tmp_path)) == NAMES
    assert all((tmp_path / n).read_bytes() == b"new" for n in NAMES)


@pytest.mark.parametrize("fail_after", [0, 2, 3])
def test_a_failed_group_leaves_every_file_as_it_was(tmp_path: Path, fail_after: int) -> None:
    for name in NAMES:
        (tmp_path / name).write_bytes(b"old")
    with pytest.raises(OSError):
        _write_group(tmp_path, NAMES, b"new", fail_after=fail_after)
    assert sorted(os.listdir(tmp_path)) == NAMES  # no temporary file left
    assert all((tmp_path / n).read_bytes() == b"old" for n in NAMES)


def test_ctrl_c_while_a_group_is_written_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_bytes(b"old")
    with handled(), pytest.raises(Interrupted) as caught:
        _write_group(tmp_path, NAMES, b"new", signal_after=1)
    assert caught.value.done is None and caught.value.exit_code == 130
    assert sorted(os.listdir(tmp_path)) == NAMES
    assert all((tmp_path / n).read_bytes() == b"old" for n in NAMES)


def test_ctrl_c_during_the_renames_lets_them_all_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NAMES:
        (tmp_path / name).write_bytes(b"old")
    real = os.replace
    calls = []

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if not calls:
            os.kill(os.getpid(), signal.SIGINT)  # lands between the first rename and the others
        calls.append(dst)
        real(src, dst)
        for _ in range(1000):
            pass

    monkeypatch.setattr(os, "replace", replace)
    with handled(), pytest.raises(Interrupted) as caught:
        _write_group(tmp_path, NAMES, b"new")
    assert len(calls) == 4 and caught.value.done == "replaced"
    assert sorted(os.listdir(tmp_path)) == NAMES
    assert all((tmp_path / n).read_bytes() == b"new" for n in NAMES)


@pytest.mark.parametrize("journaled", [0, 16])
def test_the_line_of_an_interrupted_store_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journaled: int) -> None:
    from click.testing import CliRunner

    import kg.build
    from kg.cli import main

    def interrupted(*args: object, **kwargs: object) -> None:
        exc = Interrupted(signal.SIGTERM)
        exc.result = kg.build.BuildResult(journaled=journaled)
        raise exc

    monkeypatch.setattr(kg.build, "build", interrupted)
    store, out = tmp_path / "store", tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(store), "--out", str(out)])
    assert result.exit_code == 143
    kept = ("the store keeps the 16 articles extracted so far; the next build extracts only the others" if journaled
            else f"no article was extracted yet: the store {store} is as it was")
    assert result.output.splitlines() == [f"kg: interrupted by SIGTERM; the exports in {out} were left as they were; {kept}"]


def _ttl(tmp_path: Path) -> Path:
    graph = tmp_path / "graph.ttl"
    graph.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    return graph


def test_ctrl_c_during_a_query_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not click's bare "Aborted!": the command says what was stopped and that nothing was changed."""
    import time

    from click.testing import CliRunner

    import kg.query
    from kg.cli import main

    def slow_query(store: object, text: str) -> object:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        raise AssertionError("the signal should have stopped the query")

    monkeypatch.setattr(kg.query, "run_query", slow_query)
    result = CliRunner().invoke(main, ["query", str(_ttl(tmp_path)), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 130
    assert "Aborted" not in result.output
    assert result.output.strip().splitlines() == [
        "kg: interrupted by SIGINT; no result was printed; the graph was only read"]


def test_sigterm_while_the_server_loads_its_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import kg.query
    from kg.cli import main

    def load(graph: Path, named_graphs: bool = False) -> object:
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("the signal should have stopped the load")

    monkeypatch.setattr(kg.query, "load_store", load)
    result = CliRunner().invoke(main, ["serve", str(_ttl(tmp_path)), "--port", "0"])
    assert result.exit_code == 143
    assert result.output.strip().splitlines() == [
        "kg: interrupted by SIGTERM; the server was not started; the graph was only read"]
