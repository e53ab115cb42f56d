"""The endpoint as ``kg serve`` starts it: loopback only unless told otherwise, and read-only (a LOAD
update is refused).  The endpoint's own behaviour is tested in tests/test_serve.py."""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
TTL = """@prefix ex: <http://example.org/> .
ex:a ex:met ex:b .
"""


def test_defaults_are_loopback() -> None:
    assert inspect.signature(make_server).parameters["host"].default == "127.0.0.1"
    host = next(p for p in main.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX only")
def test_kg_serve_binds_127_0_0_1_by_default_and_refuses_load(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(TTL)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", "0", "--workers", "1", "-q"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql"), url

        def post(text: str, ctype: str) -> tuple[int, bytes]:
            req = urllib.request.Request(url, data=text.encode(), headers={"Content-Type": ctype}, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    return resp.status, resp.read()
            except urllib.error.HTTPError as exc:
                return exc.code, exc.read()

        load = "LOAD <http://127.0.0.1:9/graph.ttl>"
        for ctype in ("application/sparql-update", "application/sparql-query"):
            status, body = post(load, ctype)
            assert status == 403 and b"read-only" in body, (ctype, status, body)
        form = urllib.parse.urlencode({"update": load})
        assert post(form, "application/x-www-form-urlencoded")[0] == 403
        status, body = post("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-query")
        assert status == 200 and b'"1"' in body  # the graph is as it was
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
