"""Articles in: .txt, .html, .jsonl files and folders -> normalised :class:`Article` records.

Bad inputs never stop a build: each is reported as a :class:`Skipped` record naming the input
(and line, for JSONL) and the reason, and the iteration goes on.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Article

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".ndjson": "jsonl"}
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.source}: {self.reason}"


# --------------------------------------------------------------------------- text normalisation

_TRANSLATE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": " - ", "\u2212": "-", "\r": "",
})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """NFC, straight quotes, plain spaces and dashes, no control characters, one copy of the page."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return drop_repeated_copy(text.strip())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def drop_repeated_copy(text: str) -> str:
    """A page printed twice keeps its first copy only.

    The second copy may differ in page furniture and be cut short, so copies are found by their
    long paragraphs: from the first long paragraph seen before, at least 70% of the long
    paragraphs that follow repeat earlier ones.
    """
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    keys = [_squash(line).lower() for line in lines]
    seen: set[str] = set()
    first_long = len(keys)
    for i, key in enumerate(keys):
        if len(key) < 40:
            continue
        first_long = min(first_long, i + 1)
        if key in seen:
            rest = [k for k in keys[i:] if len(k) >= 40]
            repeats = sum(1 for k in rest if k in seen)
            if len(rest) >= 2 and repeats / len(rest) >= 0.7:
                # step back over the second copy's blank and short lines seen before (its title, dateline)
                cut = i
                while cut > 0 and len(keys[cut - 1]) < 40 and (keys[cut - 1] == "" or keys[cut - 1] in keys[: first_long]):
                    cut -= 1
                return text[: offsets[cut]].rstrip() if cut > 0 else text
        seen.add(key)
    return text


# --------------------------------------------------------------------------- publication dates

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH_RE = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
             r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_NOT_PUBLICATION = re.compile(r"document date|captured|retrieved|accessed|today\s*:|printed on",
                              re.IGNORECASE)


def _mk(y: int, m: int, d: int | None = None) -> str | None:
    if not (1900 <= y <= 2100 and 1 <= m <= 12):
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def date_from_url(url: str | None) -> str | None:
    """A date in the URL path: /2013/09/17/, /2013-09-17/, /2010-08/11/, a 20230224 run, or /2016/09/."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for rx in (r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:[/_.-]|$)",
               r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"):
        m = re.search(rx, path)
        if m:
            found = _mk(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found
    m = re.search(r"/((?:19|20)\d\d)[/-](\d\d)/", path)
    if m:
        return _mk(int(m[1]), int(m[2]))
    return None


_TEXT_DATE_PATTERNS = [
    # " date 2023-03-10 " metadata line
    re.compile(r"^\s*date\s+(?P<iso>\d{4}-\d\d-\d\d)\b", re.IGNORECASE | re.MULTILINE),
    # Published on March 11, 2025 / Updated: Apr 13 2017 / Last Updated : Apr 13 2017
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*" + _MONTH_RE
               + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<d>\d{1,2})\s+" + _MONTH_RE
               + r",?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<iso>\d{4}-\d\d-\d\d)", re.IGNORECASE),
    # 2018-03-23 03:59:26
    re.compile(r"(?<!\d)(?P<iso>\d{4}-\d\d-\d\d)[ T]\d\d:\d\d"),
]
# a short line ending with a full date: "9 June 2020", "17:35 GMT +3 hours30 May 2016"
_LINE_DATE = [
    re.compile(r"(?P<d>\d{1,2})\s+" + _MONTH_RE + r",?\s+(?P<y>(?:19|20)\d\d)\s*$", re.IGNORECASE),
    re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)\s*$", re.IGNORECASE),
]


def _from_match(m: re.Match[str]) -> str | None:
    if m.groupdict().get("iso"):
        y, mo, d = (int(x) for x in m["iso"].split("-"))
        return _mk(y, mo, d)
    month = next(g for g in m.groups() if g and g[:3].lower() in _MONTHS and not g.isdigit())
    return _mk(int(m["y"]), _month(month), int(m["d"]))


def date_from_text(text: str, head_chars: int = 1500) -> str | None:
    """The publication date stated near the top of the page, or None.

    Archive capture dates ("Document Date: ...") and "Today:" widgets are never taken.
    """
    head_lines = [ln for ln in text[:head_chars].splitlines() if not _NOT_PUBLICATION.search(ln)]
    head = "\n".join(head_lines)
    for rx in _TEXT_DATE_PATTERNS:
        for m in rx.finditer(head):
            found = _from_match(m)
            if found:
                return found
    for line in head_lines[:15]:
        if len(line) > 60:
            continue
        for rx in _LINE_DATE:
            hit = rx.search(line)
            if hit:
                found = _from_match(hit)
                if found:
                    return found
    return None


def _valid_iso(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d\d)(?:-(\d\d))?", value)
    if not m:
        return None
    return _mk(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)


def make_article(id: str, text: str, source: str, url: str | None = None, title: str | None = None,
                 published: str | None = None) -> Article:
    text = normalise_text(text)
    pub, how = _valid_iso(published), "field"
    if not pub:
        pub, how = date_from_url(url), "url"
    if not pub:
        pub, how = date_from_text(text), "text"
    return Article(id=id, text=text, source=source, url=url, title=title, published=pub,
                   published_source=how if pub else None)


# --------------------------------------------------------------------------- readers

def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with a BOM, else Windows-1252/Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and bad / len(sample) > 0.05


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file is {size} bytes, over the {MAX_BYTES}-byte limit")
    return path.read_bytes()


def html_to_article(html: str, id: str, source: str, url: str | None = None) -> Article | Skipped:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            favor_recall=True)
    if extracted is None:
        return Skipped(source, "no article text found in the HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not text.strip():
        return Skipped(source, "no article text found in the HTML")
    return make_article(id, text, source, url=url or data.get("url"), title=title,
                        published=data.get("date"))


def read_file(path: Path) -> Iterator[Article | Skipped]:
    kind = SUFFIXES.get(path.suffix.lower())
    source = str(path)
    if kind is None:
        yield Skipped(source, f"unsupported file type '{path.suffix}' (use {', '.join(sorted(SUFFIXES))})")
        return
    try:
        data = _read_bytes(path)
    except (OSError, ValueError) as exc:
        yield Skipped(source, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
        return
    if not data.strip():
        yield Skipped(source, "empty file")
        return
    if _looks_binary(data):
        yield Skipped(source, "binary content, not text")
        return
    text = decode_bytes(data)
    if kind == "text":
        yield make_article(path.stem, text, source)
    elif kind == "html":
        yield html_to_article(text, path.stem, source)
    else:
        yield from read_jsonl(text, source)


def read_jsonl(text: str, source: str) -> Iterator[Article | Skipped]:
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f"{source}:{lineno}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield Skipped(where, "line is not a JSON object")
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, "record has no 'text'")
            continue
        rid = rec.get("id")
        rid = str(rid) if rid not in (None, "") else f"{Path(source).stem}-{lineno}"
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        if body.lstrip().startswith("<") and re.search(r"<(html|body|p|div)\b", body[:2000], re.I):
            yield html_to_article(body, rid, where, url=url)
        else:
            yield make_article(rid, body, where, url=url, title=title, published=rec.get("published"))


def iter_paths(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Files named or found under folders (recursively, sorted, symlink loops avoided)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    yield Skipped(root, "symlink loop, folder already visited")
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs.sort()
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(files):
                    if name.startswith(".") or name.upper().endswith(".MD"):
                        continue
                    yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def read_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Skipped]:
    """Every article of every input, in a stable order; duplicate ids: the first one wins."""
    seen: set[str] = set()
    for path in iter_paths(inputs):
        if isinstance(path, Skipped):
            yield path
            continue
        for item in read_file(path):
            if isinstance(item, Article):
                if item.id in seen:
                    yield Skipped(item.source, f"duplicate id '{item.id}' (the first one read is kept)")
                    continue
                seen.add(item.id)
            yield item
