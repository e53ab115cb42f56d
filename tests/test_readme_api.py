"""The README's Python API example runs as written (paths moved to a temporary folder)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    start = section.index("```python") + len("```python")
    code = section[start:section.index("```", start)]
    code = code.replace('Path("examples/articles")', repr(ROOT / "examples" / "articles").replace("PosixPath", "Path"))
    monkeypatch.chdir(tmp_path)  # "exports/" is then tmp_path/exports
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    frame = namespace["frame"]
    events = namespace["events"]
    assert len(frame) == len(events) > 20  # type: ignore[arg-type]
    assert str(events["held"].dtype) == "boolean"  # type: ignore[index]
    assert "events:" in capsys.readouterr().out
