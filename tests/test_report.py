"""`kg report DIR`: one self-contained HTML page, checked as text and, where Debian's chromium is
installed, rendered in headless Chromium (the DOM it builds, and a screenshot)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.report import read_report_data, render_report

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory, sample_build: Any) -> Path:
    out, _ = sample_build
    folder = tmp_path_factory.mktemp("report")
    for name in ("graph.events.csv", "graph.skipped.csv"):
        shutil.copy(out / name, folder / name)
    with (folder / "graph.skipped.csv").open("a", encoding="utf-8", newline="") as fh:  # as a build would write them
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["in/empty.txt", "skipped", "empty file"])
        writer.writerow(["feed.jsonl:3", "warning", "does not look like English (0% English function words in 41 words)"])
    result = CliRunner().invoke(main, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(folder / "report.html")
    return folder


def test_report_has_every_section_and_needs_no_network(report_dir: Path, sample_build: Any) -> None:
    _, build = sample_build
    page = (report_dir / "report.html").read_text(encoding="utf-8")
    for section in ("status", "kind", "month", "actors", "pairs", "places", "review", "skipped"):
        assert f'<section id="{section}">' in page
    # nothing is fetched: no script, link, image, frame or url(); no http(s) reference at all
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert "url(" not in page and "http://" not in page and "https://" not in page.replace(
        "https://w3id.org", "")  # (event IRIs may appear as text, never as a reference)
    assert "src=" not in page and "href=" not in page
    held = sum(1 for e in build.events if e.status == "occurred")
    assert f"<b>{len(build.events)}</b>events" in page and f"<b>{held}</b>held contacts" in page
    assert "empty file" in page and "does not look like English" in page
    assert page.count("<rect") > 10 and "<circle" in page


def test_report_escapes_data_and_handles_empty_builds(tmp_path: Path) -> None:
    from kg.export.events import NAMES

    (tmp_path / "graph.events.csv").write_text(",".join(NAMES) + "\r\n", encoding="utf-8")
    page = render_report(read_report_data(tmp_path))
    assert "no event dated" in page and "no place with coordinates" in page
    row = dict.fromkeys(NAMES, "")
    row.update(event="e1", kind="meeting", status="occurred", held="true", participants="<b>A</b>;B & C",
               confidence="0.3", evidence="<script>alert(1)</script>", date="2024-02-03", article_ids="a1")
    with (tmp_path / "graph.events.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, NAMES, lineterminator="\r\n").writerow(row)
    page = render_report(read_report_data(tmp_path))
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;A&lt;/b&gt;" in page


def test_report_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and result.output.startswith("kg: error:") and len(result.output.splitlines()) == 1
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "graph.events.csv" in result.output and "kg build" in result.output


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_report_renders_in_headless_chromium(report_dir: Path, sample_build: Any, tmp_path: Path) -> None:
    _, build = sample_build
    page = report_dir / "report.html"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
              f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    html = dom.stdout
    assert "<h1>" in html and "Lowest confidence" in html
    assert html.count("<rect") > 10 and html.count("<tr>") > 20  # the charts and tables are in the rendered DOM
    assert f"<b>{len(build.events)}</b>events" in html
    shot = tmp_path / "report.png"
    subprocess.run([*common, "--window-size=1200,1600", f"--screenshot={shot}", "--hide-scrollbars", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page with content, not a blank one
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
