"""A read-only SPARQL 1.1 Protocol endpoint over the exported graph (``kg serve``).

Standard library HTTP (:class:`http.server.ThreadingHTTPServer`) in front of pyoxigraph:

* ``/sparql`` answers ``GET ?query=``, ``POST`` ``application/x-www-form-urlencoded`` (``query=``) and
  ``POST`` ``application/sparql-query``. SELECT/ASK results are negotiated on ``Accept`` (SPARQL JSON by
  default, XML, CSV, TSV), CONSTRUCT/DESCRIBE graphs too (Turtle by default, N-Triples, RDF/XML); a
  ``format=`` parameter (json, xml, csv, tsv, turtle, ntriples, rdfxml) overrides ``Accept``. The bodies
  are written by pyoxigraph's own serializers. The usual prefixes are declared for the user
  (:func:`kg.query.with_prefixes`) and the default graph is the union of all graphs, each triple once,
  as in ``kg query`` (:func:`kg.query.load_store`).
* Read-only: an ``update=`` parameter, an ``application/sparql-update`` body or a query text that is an
  update (INSERT, DELETE, LOAD, CLEAR, ...) is refused with 403; no request ever reaches ``Store.update``.
  Other HTTP methods get 405.
* No request leaves the machine: a query using ``SERVICE`` (federation) is refused with 400 before it
  is run. As a second line of defence the query workers, on Linux, give up network access at start
  (a fresh, empty network namespace) when the kernel allows unprivileged user namespaces.
* Each query runs in a separate worker *process* (a small pool, each with its own copy of the graph)
  so that a query running past ``timeout`` seconds is really stopped: its worker is killed (503) and
  replaced in the background (workers are fresh interpreters joined by a socket pair: POSIX only; each
  exits by itself if the server dies). A malformed query gets 400 with the parser's message; at most
  ``max_rows`` rows (or triples) are returned, with ``X-Result-Truncated: true`` when cut.
* ``/`` is a small self-contained HTML query page (no external script or stylesheet) whose example
  buttons are the documented queries, ``docs/queries/*.rq`` (:func:`load_examples`).
"""

from __future__ import annotations

import atexit
import ctypes
import html
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import KGError
from .query import reads_union, with_prefixes
from .vocab import PREFIXES

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
MAX_BODY = 1 << 20  # bytes of a POSTed query

# media type -> pyoxigraph format name (QueryResultsFormat for solutions/booleans, RdfFormat for graphs)
RESULT_TYPES = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML", "text/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/rdf+xml": "RDF_XML"}
DEFAULT_RESULT_TYPE = "application/sparql-results+json"
DEFAULT_GRAPH_TYPE = "text/turtle"
FORMAT_PARAM = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
}
_TEXT_TYPES = ("text/", "application/n-triples")

# --------------------------------------------------------------------------- query screening

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
# One SPARQL token at a time, left to right, so that '#', quotes and '<' are read as the parser reads them.
_TOKENS = re.compile(
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')'''
    r'''|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'''
    r'''|(?P<escape>\\.)'''
    r'''|(?P<comment>\#[^\n\r]*)'''
    r'''|(?P<other>[^"'<\\\#]+|.)''',
    re.S,
)
_SERVICE = re.compile(r"(?<![\w?$:\\-])SERVICE(?![\w:-])", re.I)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PROLOGUE = re.compile(r"\s*(?:BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)", re.I)


def _unescape(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)
    return _UCHAR.sub(char, text)


def _code(text: str) -> tuple[str, list[str]]:
    """The query's text outside strings and comments (IRIs blanked), and its IRIs."""
    out: list[str] = []
    iris: list[str] = []
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "iri":
            iris.append(m.group())
            out.append(" <> ")
        elif kind in ("other", "escape"):
            out.append(m.group())
        else:
            out.append(" ")
    return "".join(out), iris


def uses_service(query: str) -> bool:
    """Whether the query may contain a SERVICE clause (errs on the side of yes)."""
    for text in {query, _unescape(query)}:  # the parser reads \\uXXXX escapes inside IRIs
        code, iris = _code(text)
        if _SERVICE.search(code):
            return True
        # '<' may be a less-than whose '>' the parser then reads inside a '#' comment: look at the
        # part of each IRI-looking token that comes before its last '#'.
        if any("#" in iri and _SERVICE.search(iri[1:iri.rindex("#")]) for iri in iris):
            return True
    return False


def is_update(query: str) -> bool:
    """Whether the text reads as a SPARQL update (its first keyword after the prologue)."""
    code, _ = _code(query)
    pos = 0
    while m := _PROLOGUE.match(code, pos):
        pos = m.end()
    rest = code[pos:].lstrip()
    word = re.match(r"[A-Za-z]+", rest)
    return bool(word and word.group().upper() in _UPDATE_KEYWORDS)


# --------------------------------------------------------------------------- content negotiation


def negotiate(accept: str | None, offers: Mapping[str, str], default: str) -> str:
    """The media type of ``offers`` that ``accept`` prefers most (``default`` when nothing matches)."""
    if not accept:
        return default
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media))
    for _, _, media in sorted(ranges):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            if default.startswith(major):
                return default
            for offer in offers:
                if offer.startswith(major):
                    return offer
        elif media in offers:
            return media
    return default


# --------------------------------------------------------------------------- worker processes


@dataclass
class _Request:
    query: str
    result_type: str
    graph_type: str
    max_rows: int
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass
class _Reply:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def _text(status: int, message: str) -> _Reply:
    return _Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


def _isolate_network() -> bool:
    """Move this (single-threaded) process into an empty network namespace: no socket can reach out."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(0x10000000 | 0x40000000) == 0  # CLONE_NEWUSER | CLONE_NEWNET
    except (OSError, AttributeError):
        return False


def _open(source: str) -> ox.Store:
    from .query import load_store

    return load_store(Path(source))


_WORKER_CODE = "import sys; from kg.serve import _worker_entry; _worker_entry(sys.argv[1:])"


def _worker_entry(argv: list[str]) -> None:
    """A query worker: ``python -c _WORKER_CODE FD SOURCE ISOLATE`` (FD: its end of a socket pair)."""
    _worker_main(Connection(int(argv[0])), argv[1], argv[2] == "1")


def _watch_parent(parent: int) -> None:
    while True:  # pyoxigraph releases the GIL while it evaluates, so this runs even mid-query
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(1)  # the server is gone: do not finish a query nobody waits for


def _worker_main(conn: Any, source: str, isolate: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    isolated = _isolate_network() if isolate else False  # while still single-threaded
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        store = _open(source)
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = _execute(store, request)
        except Exception as exc:  # noqa: BLE001 - a query must never take the worker down
            reply = _text(500, f"query failed: {' '.join(str(exc).split())}")
        conn.send(reply)


def _nt(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_nt(term.subject)} {_nt(term.predicate)} {_nt(term.object)} )>>"
    return str(term)


def _parser_message(exc: Exception, added_lines: int) -> str:
    msg = " ".join(str(exc).split())

    def line(m: re.Match[str]) -> str:
        return f"error at line {max(1, int(m.group(1)) - added_lines)}, column {m.group(2)}"
    return "malformed SPARQL query: " + re.sub(r"error at (\d+):(\d+)", line, msg)


def _execute(store: ox.Store, req: _Request) -> _Reply:
    text = with_prefixes(req.query)
    added = text.count("\n") - req.query.count("\n")
    kwargs: dict[str, Any] = {}
    try:
        if req.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(iri) for iri in req.default_graphs]
        elif reads_union(store):  # else the default graph holds the union (see kg.query.load_store)
            kwargs["use_default_graph_as_union"] = True
        if req.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(iri) for iri in req.named_graphs]
    except ValueError as exc:
        return _text(400, f"bad graph IRI: {exc}")
    try:
        results = store.query(text, **kwargs)
    except SyntaxError as exc:
        return _text(400, _parser_message(exc, added))
    if isinstance(results, ox.QueryBoolean):
        fmt = getattr(ox.QueryResultsFormat, RESULT_TYPES[req.result_type])
        return _Reply(200, req.result_type, results.serialize(format=fmt) or b"")
    if isinstance(results, ox.QuerySolutions):
        variables = results.variables
        rows = list(islice(results, req.max_rows + 1))
        truncated = len(rows) > req.max_rows
        # Re-read the kept rows as TSV (terms in N-Triples syntax, lossless) so that pyoxigraph's own
        # serializers write the answer whatever the cut.
        lines = ["\t".join(str(v) for v in variables)]
        lines += ["\t".join(_nt(row[v]) for v in variables) for row in rows[: req.max_rows]]
        kept = ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)
        fmt = getattr(ox.QueryResultsFormat, RESULT_TYPES[req.result_type])
        body = kept.serialize(format=fmt) or b""  # type: ignore[union-attr]
        return _Reply(200, req.result_type, body, truncated)
    triples = list(islice(results, req.max_rows + 1))
    fmt = getattr(ox.RdfFormat, GRAPH_TYPES[req.graph_type])
    prefixes = dict(PREFIXES) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples[: req.max_rows], format=fmt, prefixes=prefixes) or b""
    return _Reply(200, req.graph_type, body, len(triples) > req.max_rows)


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    pass


class _Worker:
    """A fresh interpreter (not multiprocessing: no re-import of the caller's __main__) over a socket pair."""

    def __init__(self, source: str, isolate: bool) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])  # so that `kg` imports even from a bare checkout
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(theirs.fileno()), source, "1" if isolate else "0"],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.isolated = False

    def wait_ready(self) -> None:
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise KGError(f"a query worker died while loading the graph (exit code {self.proc.poll()})") from exc
        if status != "ready":
            raise KGError(f"a query worker could not load the graph: {detail}")
        self.isolated = bool(detail)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


class WorkerPool:
    """Worker processes, each with its own copy of the graph; one query at a time per worker."""

    def __init__(self, source: str, size: int, isolate: bool = True) -> None:
        self._source = source
        self._isolate = isolate
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.size = size
        atexit.register(self.close)
        try:
            started = [self._spawn() for _ in range(size)]
            for worker in started:
                worker.wait_ready()
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise
        self.isolated = all(w.isolated for w in started)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._source, self._isolate)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        self._discard(worker)

        def start() -> None:
            if self._closed:
                return
            fresh = self._spawn()
            try:
                fresh.wait_ready()
            except KGError as exc:
                print(f"kg serve: {exc}", file=sys.stderr)
                self._discard(fresh)
                return
            if self._closed:
                self._discard(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=start, name="kg-serve-respawn", daemon=True).start()

    def run(self, request: _Request, timeout: float) -> _Reply:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy from None
        try:
            worker.conn.send(request)
            if not worker.conn.poll(timeout):
                self._replace(worker)  # kill the runaway query
                raise QueryTimeout
            reply = worker.conn.recv()
        except (EOFError, OSError):
            if self._closed:
                return _text(503, "the server is stopping")
            self._replace(worker)
            return _text(500, "the query worker died while running this query")
        except QueryTimeout:
            raise
        except BaseException:
            self._replace(worker)
            raise
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        self._closed = True
        atexit.unregister(self.close)
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()


# --------------------------------------------------------------------------- HTTP

# The query page's examples are the documented queries themselves (docs/queries/*.rq, reached through
# the kg/queries/examples link, so that they are packaged too): one source for the README, the docs and
# the page.  The four most asked come first.
EXAMPLES_DIR = Path(__file__).resolve().parent / "queries" / "examples"
FIRST_EXAMPLES = ("who-met-whom", "contacts-of-person", "by-place", "not-held")


def example_title(stem: str) -> str:
    """``who-met-whom`` -> ``Who met whom``."""
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def load_examples(folder: Path = EXAMPLES_DIR) -> list[tuple[str, str, str]]:
    """(file name, button title, query text) of every ``*.rq`` in ``folder``: the four most asked first,
    then the others by name."""
    files = sorted(folder.glob("*.rq"), key=lambda p: (FIRST_EXAMPLES.index(p.stem) if p.stem in FIRST_EXAMPLES
                                                       else len(FIRST_EXAMPLES), p.name))
    return [(p.name, example_title(p.stem), p.read_text(encoding="utf-8")) for p in files]


EXAMPLES = [(title, text) for _, title, text in load_examples()]
EXAMPLE_FILES = [name for name, _, _ in load_examples()]

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>diplomatic-kg SPARQL</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 70rem; }}
textarea {{ width: 100%; height: 16rem; font-family: ui-monospace, monospace; font-size: .9rem; }}
table {{ border-collapse: collapse; margin-top: 1rem; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} pre {{ white-space: pre-wrap; background: #f7f7f7; padding: .5rem; }}
.examples button {{ margin: 0 .3rem .3rem 0; }} #status {{ color: #555; margin-left: .5rem; }}
</style></head>
<body>
<h1>diplomatic-kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over {triples} quads. The prefixes {prefixes} are declared for you.
Queries stop after {timeout:g} s; at most {max_rows} rows are returned. Endpoint: <code>/sparql</code>.</p>
<div class="examples">Examples (the queries of <code>docs/queries/</code>; who met whom counts held contacts
only, the others show each report's status): {buttons}</div>
<form id="form" method="post" action="sparql">
<textarea id="query" name="query" spellcheck="false">{query}</textarea>
<p><label>Format <select name="format" id="format">
<option value="json">table (JSON)</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT)</option>
<option value="ntriples">N-Triples (CONSTRUCT)</option></select></label>
<button type="submit">Run query</button><span id="status"></span></p>
</form>
<div id="out"></div>
<script>
"use strict";
const form = document.getElementById("form"), out = document.getElementById("out");
const statusEl = document.getElementById("status"), query = document.getElementById("query");
for (const b of document.querySelectorAll(".examples button")) {{
  b.addEventListener("click", () => {{ query.value = b.dataset.query; }});
}}
function cell(term) {{
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  if (term.type === "bnode") return "_:" + term.value;
  if (term.type === "triple") return "<< " + ["subject", "predicate", "object"].map(k => cell(term.value[k])).join(" ") + " >>";
  return term.value;
}}
form.addEventListener("submit", async (ev) => {{
  ev.preventDefault();
  out.textContent = ""; statusEl.textContent = "running...";
  const started = performance.now();
  try {{
    const resp = await fetch("sparql", {{ method: "POST", body: new URLSearchParams(new FormData(form)) }});
    const type = resp.headers.get("Content-Type") || "", text = await resp.text();
    let note = resp.status + " " + resp.statusText + ", " + Math.round(performance.now() - started) + " ms";
    if (resp.headers.get("X-Result-Truncated") === "true") note += ", truncated";
    statusEl.textContent = note;
    if (resp.ok && type.startsWith("application/sparql-results+json")) {{
      const data = JSON.parse(text);
      if ("boolean" in data) {{
        const p = document.createElement("p"); p.textContent = "ASK: " + data.boolean; out.append(p); return;
      }}
      const table = document.createElement("table"), head = table.insertRow();
      for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.append(th); }}
      for (const b of data.results.bindings) {{
        const tr = table.insertRow();
        for (const v of data.head.vars) tr.insertCell().textContent = cell(b[v]);
      }}
      const p = document.createElement("p"); p.textContent = data.results.bindings.length + " rows";
      out.append(p, table);
    }} else {{
      const pre = document.createElement("pre"); pre.textContent = text; out.append(pre);
    }}
  }} catch (err) {{ statusEl.textContent = "request failed: " + err; }}
}});
</script>
</body></html>
"""


def render_page(triples: int, timeout: float, max_rows: int) -> bytes:
    buttons = " ".join(f'<button type="button" data-query="{html.escape(q, quote=True)}" title="docs/queries/{html.escape(f)}">'
                       f'{html.escape(name)}</button>' for f, (name, q) in zip(EXAMPLE_FILES, EXAMPLES, strict=True))
    return _PAGE.format(triples=triples, timeout=timeout, max_rows=max_rows, buttons=buttons,
                        prefixes=", ".join(f"<code>{p}:</code>" for p in PREFIXES),
                        query=html.escape(EXAMPLES[0][1]) if EXAMPLES else "").encode()


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], store_size: int, pool: WorkerPool | None,
                 timeout: float, max_rows: int, log: bool) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SparqlHandler)
        self.pool = pool
        self.store_size = store_size
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.log = log
        self._cleanup: list[Any] = []
        self._page: bytes | None = None

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look the host name up in the DNS (getfqdn): not needed here.
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    @property
    def page(self) -> bytes:
        if self._page is None:
            self._page = render_page(self.store_size, self.query_timeout, self.max_rows)
        return self._page

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()
        for action in self._cleanup:
            action()
        self._cleanup.clear()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "diplomatic-kg-sparql"
    timeout = 60  # seconds of an idle or slow client connection

    # ---- plumbing
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.log:
            super().log_message(format, *args)

    def _send(self, status: int, content_type: str, body: bytes, headers: Mapping[str, str] | None = None,
              head: bool = False) -> None:
        if content_type.startswith(_TEXT_TYPES) and "charset" not in content_type:
            content_type += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _reply(self, reply: _Reply, cors: bool = True) -> None:
        headers = {}
        if cors:
            headers["Access-Control-Allow-Origin"] = "*"
            headers["Access-Control-Expose-Headers"] = "X-Result-Truncated"
        if reply.truncated:
            headers["X-Result-Truncated"] = "true"
        self._send(reply.status, reply.content_type, reply.body, headers)

    def _error(self, status: int, message: str) -> None:
        self._reply(_text(status, message))

    # ---- methods
    def do_GET(self) -> None:
        self._get(head=False)

    def do_HEAD(self) -> None:
        self._get(head=True)

    def _get(self, head: bool) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", self.server.page, {
                "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                           "style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'",
            }, head=head)
        elif url.path == "/sparql":
            if head:
                self._send(200, DEFAULT_RESULT_TYPE, b"", {"Access-Control-Allow-Origin": "*"}, head=True)
                return
            self._sparql(parse_qs(url.query, keep_blank_values=True), None)
        else:
            self._send(404, "text/plain", b"not found: the endpoint is /sparql, the query page is /\n", head=head)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked" or length_text is None:
            self.close_connection = True
            self._error(411, "a POST needs a Content-Length")
            return
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True
            self._error(400, "bad Content-Length")
            return
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._error(413, f"request body too large (at most {MAX_BODY} bytes)")
            return
        body = self.rfile.read(length)
        if url.path != "/sparql":
            self._send(404, "text/plain", b"not found: POST queries to /sparql\n")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
            return
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                self._error(400, "the form is not valid UTF-8")
                return
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
            self._sparql(params, None)
        elif ctype == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                self._error(400, "the query is not valid UTF-8")
                return
            self._sparql(params, text)
        else:
            self._error(415, "POST the query as application/sparql-query or as an "
                             "application/x-www-form-urlencoded form with query=")

    def do_OPTIONS(self) -> None:
        self._send(204, "text/plain", b"", {
            "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept", "Allow": "GET, HEAD, POST, OPTIONS"})

    def _read_only(self) -> None:
        self._send(405, "text/plain", b"this endpoint is read-only\n", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    # ---- the protocol
    def _sparql(self, params: dict[str, list[str]], body_query: str | None) -> None:
        if "update" in params:
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
            return
        queries = params.get("query", [])
        if body_query is not None:
            queries = [body_query, *queries]
        if not queries:
            self._error(400, "missing query: use GET /sparql?query=..., or POST it (the query page is at /)")
            return
        if len(queries) > 1:
            self._error(400, "give exactly one query")
            return
        text = queries[0]
        if not text.strip():
            self._error(400, "empty query")
            return
        if is_update(text):
            self._error(403, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, "
                             "CREATE, ...) are refused")
            return
        if uses_service(text):
            self._error(400, "SERVICE (federated query) is not allowed: this endpoint makes no outside request. "
                             "(If 'service' occurs in a name or IRI, write it with a prefix or an escape.)")
            return
        accept = self.headers.get("Accept")
        fmt = params.get("format", [""])[-1].strip().lower()
        if fmt:
            if fmt not in FORMAT_PARAM:
                self._error(400, f"unknown format '{fmt}' (use one of {', '.join(FORMAT_PARAM)})")
                return
            accept = FORMAT_PARAM[fmt]
        request = _Request(
            query=text,
            result_type=negotiate(accept, RESULT_TYPES, DEFAULT_RESULT_TYPE),
            graph_type=negotiate(accept, GRAPH_TYPES, DEFAULT_GRAPH_TYPE),
            max_rows=self.server.max_rows,
            default_graphs=params.get("default-graph-uri", []),
            named_graphs=params.get("named-graph-uri", []),
        )
        timeout = self.server.query_timeout
        assert self.server.pool is not None
        try:
            reply = self.server.pool.run(request, timeout)
        except QueryTimeout:
            reply = _text(503, f"query stopped: it ran past the time limit of {timeout:g} s "
                               "(make it more selective, add a LIMIT, or restart the server with a larger --timeout)")
        except PoolBusy:
            reply = _text(503, f"server busy: no query worker became free within {timeout:g} s, try again")
        self._reply(reply)


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 0, timeout: float = DEFAULT_TIMEOUT,
                max_rows: int = DEFAULT_MAX_ROWS, *, workers: int | None = None, source: Path | None = None,
                log: bool = False, isolate_network: bool = True) -> SparqlServer:
    """A ready, bound (not yet serving) SPARQL server over ``store``; run ``serve_forever()`` on it.

    Queries run in ``workers`` processes (default: min(4, CPUs)), each loading the graph from
    ``source`` (graph.ttl / graph.nq / a store folder) or, without it, from an N-Quads copy of
    ``store`` written to a temporary folder. ``server_close()`` stops the workers.
    """
    if timeout <= 0:
        raise KGError("the time limit must be positive")
    if max_rows < 1:
        raise KGError("the row limit must be at least 1")
    size = workers or min(4, os.cpu_count() or 1)
    server = SparqlServer((host, port), len(store), None, timeout, max_rows, log)
    try:
        if source is None:
            folder = tempfile.mkdtemp(prefix="kg-serve-")
            server._cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
            dump = Path(folder) / "graph.nq"
            store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
            source = dump
        server.pool = WorkerPool(str(source), size, isolate=isolate_network)
    except BaseException:
        server.server_close()
        raise
    return server


def run(server: SparqlServer, echo: Any = print) -> None:
    """Serve until Ctrl-C (or SIGTERM), then stop the workers."""
    import signal

    def terminate(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("stopping")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()


def describe(server: SparqlServer) -> str:
    pool = server.pool
    lines = [f"SPARQL endpoint: {server.url}sparql   query page: {server.url}",
             f"{server.store_size} quads, {pool.size if pool else 0} query workers, time limit "
             f"{server.query_timeout:g} s, at most {server.max_rows} rows; Ctrl-C to stop"]
    if pool is not None and not pool.isolated:
        lines.append("note: the query workers could not drop network access here; SERVICE is refused all the same")
    host = str(server.server_address[0])
    if host not in ("127.0.0.1", "::1", "localhost"):
        lines.append(f"warning: listening on {host}: other machines can query this graph")
    return "\n".join(lines)


__all__ = ["make_server", "run", "describe", "negotiate", "uses_service", "is_update", "SparqlServer"]
