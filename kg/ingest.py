"""Articles in: .txt, .html, .jsonl files and folders -> normalised :class:`Article` records.

Bad inputs never stop a build: each is reported as a :class:`Skipped` record naming the input
(and line, for JSONL) and the reason, and the iteration goes on.  Nothing in this module raises
for a bad input: empty, binary, undecodable, unreadable or special files, symlink loops,
malformed JSONL lines and records, HTML without article text are all skipped with a reason.

Reasons read ``"what (details)"``: the part before `` (`` names the kind of problem (the build
summary counts skipped inputs by it).
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Article

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".ndjson": "jsonl"}
MAX_BYTES = 50_000_000
# Longest line handed to the language pipeline: longer lines are cut (at a sentence end or a space
# when there is one), so that no piece comes near spaCy's ``max_length`` and the parser's memory stays
# bounded (it works on batches of 64 blocks: 64 pieces of 50,000 characters took 9 GB, of 10,000, 2 GB).
MAX_LINE = 10_000
MAX_REASON = 300


def _one_line(text: str) -> str:
    """``text`` printable on one line: line breaks and other control characters escaped, no lone
    surrogates (file names that are not UTF-8 come back as ``\\xNN``)."""
    text = _escape_surrogates(text)
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class Skipped:
    """An input (a file, a folder, ``file:line`` for JSONL) that gave no article, and why.

    ``source`` and ``reason`` are made printable on one line (control characters escaped), and
    ``reason`` is cut to :data:`MAX_REASON` characters.
    """

    source: str
    reason: str

    def __post_init__(self) -> None:
        reason = _one_line(" ".join(str(self.reason).split()))
        if len(reason) > MAX_REASON:
            reason = reason[: MAX_REASON - 1].rstrip() + "\u2026"
        object.__setattr__(self, "source", _one_line(str(self.source)))
        object.__setattr__(self, "reason", reason)

    def __str__(self) -> str:
        return f"skipped {self.source}: {self.reason}"


# --------------------------------------------------------------------------- text normalisation

_TRANSLATE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": " - ", "\u2212": "-", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
})
# C0 and C1 control characters but tab and line feed, DEL, the non-characters U+FFFE and U+FFFF
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8, a JSON ``"\\ud800"``) as backslash escapes:
    the result encodes to UTF-8 and stays distinct for distinct inputs."""
    if not _SURROGATE.search(text):
        return text
    try:  # a file name's undecodable bytes come back as the bytes: \xff
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def normalise_text(text: str) -> str:
    """NFC, straight quotes, plain spaces and dashes, no control characters, one copy of the page,
    no line longer than :data:`MAX_LINE` characters (see :func:`break_long_lines`)."""
    text = _SURROGATE.sub("\ufffd", text).replace("\r\n", "\n")
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return break_long_lines(drop_repeated_copy(text.strip()))


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*[ \t]+")


def split_long_text(text: str, limit: int = MAX_LINE) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters (joined, they give
    ``text`` back).

    Each cut falls after the last sentence end (``. ``, ``?" ``...) in the second half of the
    window, else after its last space or tab, else (a run with no space at all) at ``limit``.
    """
    if limit < 2:
        raise ValueError("split_long_text: limit must be at least 2")
    pieces: list[str] = []
    pos, n = 0, len(text)
    while n - pos > limit:
        window = text[pos: pos + limit]
        half = limit // 2
        cut = 0
        for m in _SENTENCE_END.finditer(window, half):
            cut = m.end()
        if not cut:
            cut = max(window.rfind(" ", half), window.rfind("\t", half)) + 1
        if cut <= 0:
            cut = limit
        pieces.append(window[:cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def break_long_lines(text: str, limit: int = MAX_LINE) -> str:
    """Lines longer than ``limit`` become several lines (:func:`split_long_text`; the space at a
    cut becomes the line break).  A 3-million-character article on one line is thereby analysed
    in pieces, like any article, instead of being refused by the language pipeline."""
    if len(text) <= limit or all(len(line) <= limit for line in text.split("\n")):
        return text
    out = []
    for line in text.split("\n"):
        if len(line) <= limit:
            out.append(line)
        else:
            out.extend(piece.rstrip(" \t") for piece in split_long_text(line, limit))
    return "\n".join(out)


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


_URL_DAY = [
    r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d?)(?:[/_.-]|$)",         # /2013/09/17/, /2013-09-17/, /2013/09/7/
    r"[?&]yyyy=((?:19|20)\d\d)&mm=(\d\d?)&dd=(\d\d?)",            # ?yyyy=2013&mm=09&dd=17
    r"(?<![\d])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d])",            # slug-2013-09-17-1.html
    r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?:\d{4}|\d{6})?(?!\d)",   # 20130917, 201309171230, 20130917123000
]
_URL_NAMED = [
    (r"/((?:19|20)\d\d)/" + _MONTH_RE + r"/(\d\d?)(?:/|$)", ("y", "mon", "d")),      # /2013/sep/17/
    (r"(?<![a-z])" + _MONTH_RE + r"-(\d\d?)-((?:19|20)\d\d)(?!\d)", ("mon", "d", "y")),  # september-17-2013
    (r"(?<!\d)(\d\d?)-" + _MONTH_RE + r"-((?:19|20)\d\d)(?!\d)", ("d", "mon", "y")),    # 17-sep-2013
]


def date_from_url(url: str | None) -> str | None:
    """A date in the URL: /2013/09/17/, /2013-09-17/, /2010-08/11/, /2013/sep/17/, ?yyyy=&mm=&dd=,
    a 20230224 run (alone or before a time), a slug ending in 2013-09-17, then /2016/09/ (a month),
    and last a written date in the slug (september-17-2013, 17-sep-2013)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for rx in _URL_DAY:
        for hit in re.finditer(rx, path):
            found = _mk(int(hit[1]), int(hit[2]), int(hit[3]))
            if found:
                return found
    month = re.search(r"/((?:19|20)\d\d)[/-](\d\d)/", path)
    if month:
        return _mk(int(month[1]), int(month[2]))
    named = _URL_NAMED[:1] if re.search(r"/(?:19|20)\d\d/", path) else _URL_NAMED
    for rx, order in named:
        m = re.search(rx, path, re.IGNORECASE)
        if m:
            parts = dict(zip(order, m.groups(), strict=True))
            found = _mk(int(parts["y"]), _month(parts["mon"]), int(parts["d"]))
            if found:
                return found
    return None


_TEXT_DATE_PATTERNS = [
    # " date 2023-03-10 " metadata line
    re.compile(r"^\s*date\s+(?P<iso>\d{4}-\d\d-\d\d)\b", re.IGNORECASE | re.MULTILINE),
    # Published on March 11, 2025 / Updated: Apr 13 2017 / Last Updated : Apr 13 2017
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*" + _MONTH_RE
               + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE
               + r",?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<iso>\d{4}-\d\d-\d\d)", re.IGNORECASE),
    # an agency dateline: "CITY (Agency / Wire - 12th May, 2021) -"
    re.compile(r"\([^()\n]{2,60}?[-–/]\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE
               + r",?\s+(?P<y>(?:19|20)\d\d)\s*\)", re.IGNORECASE),
    # 2011-07-14 18:05:41
    re.compile(r"(?<!\d)(?P<iso>\d{4}-\d\d-\d\d)[ T]\d\d:\d\d"),
    # 23-11-2023 18:23, 23/11/2023 18:23 (day first, with the time a story was filed: not a "today" widget)
    re.compile(r"(?<![\d/-])(?P<dd>\d{1,2})[-/.](?P<mm>\d{1,2})[-/.](?P<yy>(?:19|20)\d\d)\s+\d{1,2}[:.]\d\d\b"),
]
# a short line with a full date: "4 March 2012", "08:10 GMT +2 hours12 April 2015", "Sep 17, 2013 10:02 AM",
# "Tuesday 17 September 2013 09.15 BST"
_LINE_DATE = [
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE
               + r"\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE),
    re.compile(r"\b" + _MONTH_RE + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE),
]


def _from_match(m: re.Match[str]) -> str | None:
    if m.groupdict().get("dd"):  # day first; month first ("11/23/2023") only when that cannot be a day
        return _mk(int(m["yy"]), int(m["mm"]), int(m["dd"])) or _mk(int(m["yy"]), int(m["dd"]), int(m["mm"]))
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
        if len(line) > 80:
            continue
        for rx in _LINE_DATE:
            hit = rx.search(line)
            if hit:
                found = _from_match(hit)
                if found:
                    return found
    return None


_DATELINE_DAY = re.compile(r"\([^()\n]{2,60}?[-–/]\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"\s*\)",
                           re.IGNORECASE)


def _dateline_day(text: str, month: str, head_chars: int = 300) -> str | None:
    """The day of the month ``month`` (YYYY-MM) that an agency dateline without a year gives."""
    m = _DATELINE_DAY.search(text[:head_chars])
    if not m:
        return None
    y, mo = (int(x) for x in month.split("-"))
    name = next(g for g in m.groups() if g and not g.isdigit())
    return _mk(y, mo, int(m["d"])) if _month(name) == mo else None


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
    url = _escape_surrogates(url) if url else None
    title = _escape_surrogates(title) if title else None
    pub, how = _valid_iso(published), "field"
    if not pub:
        pub, how = date_from_url(url), "url"
    if not pub:
        pub, how = date_from_text(text), "text"
    elif len(pub) == 7:  # a month from the URL: the day of a dateline in that month ("CITY (Agency/16 May) -")
        pub = _dateline_day(text, pub) or pub
    return Article(id=_escape_surrogates(id), text=text, source=source, url=url, title=title, published=pub,
                   published_source=how if pub else None)


def _article(id: str, text: str, source: str, **fields: str | None) -> Article | Skipped:
    article = make_article(id, text, source, **fields)
    if not article.text:
        return Skipped(source, "no text left after cleaning (only control characters or spaces)")
    return article


# --------------------------------------------------------------------------- readers

class NotText(ValueError):
    """Bytes that are not text in an encoding that can be told (the message is the skip reason)."""


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})|"""
                       rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_ALLOWED_CONTROLS = "\t\n\r\x0c\x0b"


def _sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without a byte order mark, told by its zero bytes (text in the Latin range)."""
    n = len(sample) // 2
    if n < 2:
        return None
    even, odd = sample[0: 2 * n: 2], sample[1: 2 * n: 2]
    for zeros, chars, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.4 * n and chars.count(0) <= 0.05 * n:
            # the other byte of the pairs with a zero: mostly printable ASCII, as in real text
            ascii_ = sum(1 for z, c in zip(zeros, chars, strict=True) if z == 0 and (32 <= c < 127 or c in b"\t\n\r"))
            if ascii_ >= 0.8 * zeros.count(0):
                return codec
    return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML page (``<meta charset>``) or XML prolog declares, if Python knows it."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than 5% control, unassigned or private-use characters."""
    sample = text[:4096]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    bad = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / len(sample) > 0.05


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Bytes -> text, for encodings that can be told; else :class:`NotText` (a ``ValueError``).

    In order: a byte order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark (told by its zero
    bytes); UTF-8 (a few corrupt bytes among many well-formed characters become U+FFFD); the
    encoding the page declares (``declared``, for HTML); Windows-1252; Latin-1.
    Decoded text with NUL characters or more than 5% control characters is binary, not text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {codec.upper()} text (byte {exc.start + len(bom)})") from None
            break
    else:
        codec = _sniff_utf16(data[:4096]) or ""
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                codec = ""
        if not codec:
            text = _decode_8bit(data, declared)
    if _looks_binary(text):
        raise NotText("binary content, not text")
    return text


def _decode_8bit(data: bytes, declared: str | None) -> str:
    if b"\x00" in data[:4096]:
        raise NotText("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few corrupt bytes (a truncated or spliced page): more well-formed multi-byte
    # characters than bad bytes; the bad ones become U+FFFD. Windows-1252 text has next to no
    # well-formed UTF-8 sequences.
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if sum(1 for ch in lenient if ch > "\x7f" and ch != "\ufffd") > 4 * bad:
        return lenient
    for codec in (declared, "cp1252"):
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text[:4096] if "\x80" <= ch <= "\x9f")
    if c1 / max(1, min(len(text), 4096)) > 0.01:
        raise NotText("unknown text encoding (not UTF-8, UTF-16, Windows-1252 or the declared one)")
    return text


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    return f"cannot be read ({exc.strerror or type(exc).__name__})"


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; :class:`NotText` for what is not a regular file or is too large (never
    opens a FIFO or device: reading one could block or never end)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(st.st_mode)), "a special file")
        raise NotText(f"not a regular file ({kind})")
    if st.st_size > MAX_BYTES:
        raise NotText(f"file too large ({st.st_size} bytes, over the {MAX_BYTES}-byte limit)")
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise NotText(f"file too large (over the {MAX_BYTES}-byte limit)")
    return data


_PROSE_LINE = re.compile(r"\S.{23,}[.!?\u3002\uff01\uff1f\u061f\u0964\u2026][\"'\u00bb\u201d)\]]*\s*$")


def _has_prose(text: str) -> bool:
    """Whether the extractor found prose: a line of 25 characters or more that ends a sentence.
    Navigation, menus and link lists ("Home | World | Sport") are not an article."""
    return any(_PROSE_LINE.match(line.strip()) for line in text.split("\n"))


def html_to_article(html: str, id: str, source: str, url: str | None = None) -> Article | Skipped:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                favor_recall=True)
    except Exception as exc:  # noqa: BLE001 - a page the extractor chokes on is skipped, never fatal
        return Skipped(source, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
    if extracted is None:
        return Skipped(source, "no article text found in the HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    title = data.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not _has_prose(text):
        return Skipped(source, "no article text found in the HTML")
    page_url = url or data.get("url")
    return _article(id, text, source, url=page_url if isinstance(page_url, str) else None,
                    title=title if isinstance(title, str) else None,
                    published=data.get("date") if isinstance(data.get("date"), str) else None)


def _file_id(path: Path) -> str:
    """The id of a .txt or .html file: its name without the extension (undecodable bytes as \\xNN)."""
    return _escape_surrogates(path.stem)


def read_file(path: Path) -> Iterator[Article | Skipped]:
    """The articles of one file, or a :class:`Skipped` saying why there are none (never raises
    for a bad file)."""
    kind = SUFFIXES.get(path.suffix.lower())
    source = str(path)
    if kind is None:
        what = f"'{path.suffix}' (use" if path.suffix else "(no extension; use"
        yield Skipped(source, f"unsupported file type {what} {', '.join(sorted(SUFFIXES))})")
        return
    try:
        data = _read_bytes(path)
    except NotText as exc:
        yield Skipped(source, str(exc))
        return
    except OSError as exc:
        broken = exc.errno == errno.ENOENT and os.path.islink(path)
        yield Skipped(source, "broken symlink (its target does not exist)" if broken else _os_reason(exc))
        return
    if not data.strip() or data in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        yield Skipped(source, "empty file")
        return
    try:
        text = decode_bytes(data, declared_encoding(data) if kind == "html" else None)
    except NotText as exc:
        yield Skipped(source, str(exc))
        return
    if not text.strip():
        yield Skipped(source, "empty file")
        return
    if kind == "text":
        yield _article(_file_id(path), text, source)
    elif kind == "html":
        yield html_to_article(text, _file_id(path), source)
    else:
        yield from read_jsonl(text, source)


def _type_name(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _jsonl_record(line: str, where: str, default_id: str) -> Article | Skipped:
    try:
        rec = json.loads(line.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Skipped(where, "malformed JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return Skipped(where, f"malformed JSON ({exc})")
    if not isinstance(rec, dict):
        return Skipped(where, f"line is not a JSON object (it is {_type_name(rec)})")
    body = rec.get("text")
    if body is None or (isinstance(body, str) and not body.strip()):
        return Skipped(where, "record has no 'text'")
    if not isinstance(body, str):
        return Skipped(where, f"record has no 'text' (it is {_type_name(body)}, not a string)")
    rid = rec.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int | type(None)):
        return Skipped(where, f"record has a bad 'id' ({_type_name(rid)}, not a string or an integer)")
    rid = str(rid).strip() if rid is not None else ""
    rid = rid or default_id
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    published = rec.get("published") if isinstance(rec.get("published"), str) else None
    if body.lstrip().startswith("<") and re.search(r"<(html|body|p|div)\b", body[:2000], re.I):
        return html_to_article(body, rid, where, url=url)
    return _article(rid, body, where, url=url, title=title, published=published)


def read_jsonl(text: str, source: str) -> Iterator[Article | Skipped]:
    """One article per line (lines are numbered from 1, split at line feeds only: a JSON string
    may hold U+2028 and other characters :meth:`str.splitlines` would break at)."""
    stem = _escape_surrogates(Path(source).stem)
    for lineno, line in enumerate(text.split("\n"), 1):
        where = f"{source}:{lineno}"
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, where, f"{stem}-{lineno}")
        except Exception as exc:  # noqa: BLE001 - one bad record never stops the file
            yield Skipped(where, f"record could not be read ({type(exc).__name__}: {exc})")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under ``root``, sorted, hidden names and ``*.md`` left out; a folder reached again
    through a symlink (a loop) and an unreadable folder are reported, not followed."""
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=errors.append):
        for err in errors:
            yield Skipped(err.filename or folder, _os_reason(err).replace("cannot be read", "folder cannot be read"))
        errors.clear()
        try:
            st = os.stat(folder)
        except OSError as exc:
            dirs[:] = []
            yield Skipped(folder, _os_reason(exc))
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            yield Skipped(folder, "symlink loop (folder already visited)")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.upper().endswith(".MD"):
                continue
            yield Path(folder) / name
    for err in errors:
        yield Skipped(err.filename or str(root), _os_reason(err).replace("cannot be read", "folder cannot be read"))


def iter_paths(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Files named or found under folders (recursively, sorted, symlink loops avoided)."""
    for item in inputs:
        path = Path(item)
        try:
            st = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ENOENT and not os.path.islink(path):
                yield Skipped(str(path), "no such file or folder")
            elif exc.errno == errno.ENOENT:
                yield Skipped(str(path), "broken symlink (its target does not exist)")
            else:
                yield Skipped(str(path), _os_reason(exc))
            continue
        except ValueError as exc:  # e.g. an embedded NUL character
            yield Skipped(str(path), f"invalid path ({exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path)
        else:
            yield path


def read_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Skipped]:
    """Every article of every input, in a stable order; duplicate ids: the first one wins.

    Never raises for a bad input: whatever goes wrong with one file is a :class:`Skipped` record.
    """
    seen: set[str] = set()
    for path in iter_paths(inputs):
        if isinstance(path, Skipped):
            yield path
            continue
        try:
            for item in read_file(path):
                if isinstance(item, Article):
                    if item.id in seen:
                        yield Skipped(item.source, f"duplicate id '{item.id}' (the first one read is kept)")
                        continue
                    seen.add(item.id)
                yield item
        except Exception as exc:  # noqa: BLE001 - the last line of defence: one file never stops a build
            yield Skipped(str(path), f"could not be read ({type(exc).__name__}: {exc})")
