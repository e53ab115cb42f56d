"""Bad inputs: each one is skipped with one line naming it (and the JSONL line) and the reason, the
build goes on, the summary counts it, and the exit code says whether any article was read."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest as ingest
from kg.cli import main
from kg.ingest import MAX_LINE, Skipped, read_inputs, split_long_text
from kg.model import Article

MEETING = "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on Tuesday.\n"
SUMMARY_PREFIXES = ("articles read:", "skipped:", "events:", "actors:", "time:", "store:", "wrote ")


def _read(*paths: Path | str) -> tuple[list[Article], list[Skipped]]:
    items = list(read_inputs([str(p) for p in paths]))
    return [a for a in items if isinstance(a, Article)], [s for s in items if isinstance(s, Skipped)]


def _in_thread(fn, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    """Run ``fn`` with a time limit: reading a FIFO or a device must never block the build."""
    box: dict[str, object] = {}
    thread = threading.Thread(target=lambda: box.setdefault("value", fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "reading the inputs blocked"
    return box["value"]


# --------------------------------------------------------------------------- files


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n  ")
    (tmp_path / "bom_only.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "utf16_bom_only.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "empty.html").write_bytes(b"")
    arts, skipped = _read(tmp_path)
    assert not arts
    assert {Path(s.source).name: s.reason for s in skipped} == {
        name: "empty file" for name in ("empty.txt", "blank.txt", "bom_only.txt", "utf16_bom_only.txt",
                                        "empty.jsonl", "empty.html")}


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "nul.jsonl").write_bytes(b'{"id": "a", "text": "x"}\x00\x00\x00')
    (tmp_path / "noise.html").write_bytes(bytes((i * 7919) % 256 for i in range(5000)))
    (tmp_path / "doc.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03")
    arts, skipped = _read(tmp_path)
    assert not arts and len(skipped) == 4
    assert all(s.reason == "binary content, not text" for s in skipped), skipped


def test_encodings_that_can_be_told_are_decoded(tmp_path: Path) -> None:
    text = "Le ministre fran\u00e7ais a rencontr\u00e9 son homologue \u00e0 Gen\u00e8ve, dit le communiqu\u00e9."
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes((text + " Co\u00fbt : 5 \u20ac \u2013 \u201cbien\u201d.").encode("cp1252"))
    (tmp_path / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16le.txt").write_bytes(text.encode("utf-16"))  # with a BOM
    (tmp_path / "utf16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (tmp_path / "utf16nobom.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "utf32.txt").write_bytes(text.encode("utf-32"))
    (tmp_path / "crlf.txt").write_bytes(text.encode("utf-8").replace(b", ", b"\r\n") + b"\r\n")
    html = ('<html><head><meta charset="koi8-r"><title>\u0412\u0441\u0442\u0440\u0435\u0447\u0430</title></head>'
            '<body><article><p>\u041c\u0438\u043d\u0438\u0441\u0442\u0440\u044b \u0438\u043d\u043e\u0441\u0442\u0440'
            '\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0432\u0441\u0442\u0440\u0435\u0442\u0438\u043b\u0438'
            '\u0441\u044c \u0432 \u041c\u043e\u0441\u043a\u0432\u0435 \u0432\u043e \u0432\u0442\u043e\u0440\u043d'
            '\u0438\u043a \u0434\u043b\u044f \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u043e\u0432.'
            '</p></article></body></html>')
    (tmp_path / "koi8.html").write_bytes(html.encode("koi8-r"))
    (tmp_path / "utf8_spliced.txt").write_bytes(text.encode("utf-8") + b" \xe9\xff " + text.encode("utf-8"))
    arts, skipped = _read(tmp_path)
    assert not skipped
    by_id = {a.id: a.text for a in arts}
    assert set(by_id) == {"latin1", "cp1252", "utf8bom", "utf16le", "utf16be", "utf16nobom", "utf32", "crlf", "koi8",
                          "utf8_spliced"}
    assert by_id["utf8_spliced"] == text + " \ufffd\ufffd " + text  # UTF-8 with two bad bytes, not Windows-1252
    for name in ("latin1", "cp1252", "utf8bom", "utf16le", "utf16be", "utf16nobom", "utf32"):
        assert by_id[name].startswith(text), name
    assert '5 \u20ac - "bien"' in by_id["cp1252"]
    assert by_id["crlf"] == text.replace(", ", "\n")
    assert "\u041c\u043e\u0441\u043a\u0432\u0435" in by_id["koi8"]  # "Москве", decoded by the declared charset


def test_encodings_that_cannot_be_told_are_skipped(tmp_path: Path) -> None:
    # bytes that are neither UTF-8 nor Windows-1252 (0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned there)
    (tmp_path / "unknown.txt").write_bytes(b"Caf\xe9 \x81\x8d\x8f\x90\x9d " * 40)
    (tmp_path / "odd_utf16.txt").write_bytes(b"\xff\xfe" + "Leaders met.".encode("utf-16-le") + b"\x00")
    (tmp_path / "lone_surrogate_utf16.txt").write_bytes(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8a\x00")
    arts, skipped = _read(tmp_path)
    assert not arts
    got = {Path(s.source).name: s.reason for s in skipped}
    assert got["unknown.txt"].startswith("unknown text encoding")
    assert got["odd_utf16.txt"].startswith("not valid UTF-16")
    assert got["lone_surrogate_utf16.txt"].startswith("not valid UTF-16")


def test_control_characters_and_odd_line_breaks_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / "ctl.txt").write_text("Ministers\x07 met\x1b in\x85 Oslo\u2028on Monday\u2029\ufffe.\rEnd. "
                                      + "A long enough text, so that a few control characters are not binary. " * 3,
                                      encoding="utf-8")
    (tmp_path / "only_controls.jsonl").write_text(json.dumps({"id": "c", "text": "\u0001\u0002\u0085\u200b"}) + "\n")
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["ctl"]
    assert arts[0].text.startswith("Ministers met in Oslo\non Monday\n .\nEnd. A long")
    assert [(Path(s.source).name, s.reason.split(" (")[0]) for s in skipped] == [
        ("only_controls.jsonl:1", "no text left after cleaning")]


def test_html_full_of_scripts_and_navigation(tmp_path: Path) -> None:
    junk = "".join(f"<script>var met{i} = 'Putin met Xi'; document.write('<p>' + met{i} + '</p>');</script>"
                   for i in range(200))
    nav = "<nav>" + " | ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(300)) + "</nav>"
    (tmp_path / "nav_only.html").write_text(f"<html><head>{junk}</head><body>{nav}{junk}<footer>(c)</footer></body></html>")
    story = ("<article><h1>Ruto in Arusha</h1><p>" + MEETING + " The two leaders discussed trade, the border and the "
             "East African Community during three hours of talks, officials said.</p></article>")
    (tmp_path / "story.html").write_text(f"<html><head>{junk}<style>p {{ color: red }}</style></head>"
                                         f"<body>{nav}{junk}{story}<aside>{nav}</aside></body></html>")
    (tmp_path / "broken.html").write_text("<html><body><p>unclosed <b><i><div><table><tr><td>" * 200)
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["story"]
    assert "met Tanzanian President" in arts[0].text and "document.write" not in arts[0].text
    assert "Section 12" not in arts[0].text
    got = {Path(s.source).name: s.reason for s in skipped}
    assert got == {"nav_only.html": "no article text found in the HTML", "broken.html": "no article text found in the HTML"}


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.txt").write_text(MEETING)
    (tmp_path / "open.txt").write_text(MEETING.replace("Tuesday", "Wednesday"))
    os.chmod(tmp_path / "locked.txt", 0)  # enough when the tests do not run as root ...
    real_open = open

    def deny(file, *args, **kwargs):  # type: ignore[no-untyped-def]  # ... and this when they do
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["open"]
    assert [(Path(s.source).name, s.reason) for s in skipped] == [("locked.txt", "cannot be read (Permission denied)")]


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(MEETING)
    (tmp_path / "b" / "y.txt").write_text(MEETING.replace("Tuesday", "Friday"))
    real = os.scandir

    def deny(path: str | os.PathLike[str] = ".") -> object:
        if Path(path).name == "a":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", deny)
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["y"]
    assert [(Path(s.source).name, s.reason) for s in skipped] == [("a", "folder cannot be read (Permission denied)")]


def test_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(MEETING)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # in/sub/loop -> in
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "ping.txt").symlink_to(root / "pong.txt")
    (root / "pong.txt").symlink_to(root / "ping.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    arts, skipped = _in_thread(lambda: _read(root, root / "self.txt", tmp_path / "missing.txt"))
    assert [a.id for a in arts] == ["a"]
    reasons = [(Path(s.source).name, s.reason.split(" (")[0]) for s in skipped]
    assert ("loop", "symlink loop") in reasons
    assert reasons.count(("self.txt", "symlink loop")) == 2  # found in the folder, and named
    assert ("ping.txt", "symlink loop") in reasons and ("pong.txt", "symlink loop") in reasons
    assert ("dangling.txt", "broken symlink") in reasons
    assert ("missing.txt", "no such file or folder") in reasons


def test_folder_named_like_a_file_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "looks_like.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(MEETING)
    arts, skipped = _read(folder)
    assert [a.id for a in arts] == ["inner"] and not skipped


def test_special_files_are_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(MEETING)
    inputs: list[Path | str] = [tmp_path, tmp_path / "pipe.txt"]
    if os.path.exists("/dev/zero"):
        inputs.append("/dev/zero")  # would never end if it were read
    arts, skipped = _in_thread(lambda: _read(*inputs))
    assert [a.id for a in arts] == ["ok"]
    reasons = [(Path(s.source).name, s.reason) for s in skipped]
    assert reasons[:2] == [("pipe.txt", "not a regular file (a FIFO)")] * 2
    if len(inputs) == 3:
        assert reasons[2] == ("zero", "unsupported file type (no extension; use .htm, .html, .jsonl, .ndjson, .text, .txt)")


def test_device_with_a_text_suffix_is_not_read(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    arts, skipped = _in_thread(lambda: _read(tmp_path / "zero.txt"))
    assert not arts and [s.reason for s in skipped] == ["not a regular file (a character device)"]


def test_too_large_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    (tmp_path / "huge.txt").write_text(MEETING * 100)
    arts, skipped = _read(tmp_path)
    assert not arts and skipped[0].reason.startswith("file too large (")


def test_odd_names_give_one_line_messages_and_valid_ids(tmp_path: Path) -> None:
    (tmp_path / "new\nline.pdf").write_text("x")
    weird = os.fsdecode(b"caf\xe9-\xff.txt")  # a file name that is not UTF-8
    (tmp_path / weird).write_text(MEETING)
    (tmp_path / "noext").write_text(MEETING)
    arts, skipped = _read(tmp_path)
    assert [a.id for a in arts] == ["caf\\xe9-\\xff"]
    arts[0].id.encode("utf-8")
    lines = [str(s) for s in skipped]
    assert all("\n" not in line for line in lines)
    assert any("new\\nline.pdf: unsupported file type '.pdf'" in line for line in lines)
    assert any("noext: unsupported file type (no extension;" in line for line in lines)


# --------------------------------------------------------------------------- JSONL


def test_jsonl_bad_lines_each_named_with_its_line(tmp_path: Path) -> None:
    good = {"id": "g1", "text": MEETING}
    lines = [
        json.dumps(good),                                  # 1 ok
        "{not json",                                       # 2
        json.dumps(["a list"]),                            # 3
        json.dumps("a string"),                            # 4
        "42",                                              # 5
        "null",                                            # 6
        json.dumps({"id": "x"}),                           # 7 no text
        json.dumps({"id": "x", "text": None}),             # 8
        json.dumps({"id": "x", "text": 12}),               # 9
        json.dumps({"id": "x", "text": ["a"]}),            # 10
        json.dumps({"id": "x", "text": "   "}),            # 11
        json.dumps({"id": ["x"], "text": MEETING}),        # 12 bad id
        json.dumps({"id": {"a": 1}, "text": MEETING}),     # 13
        json.dumps({"id": True, "text": MEETING}),         # 14
        json.dumps({"id": 1.5, "text": MEETING}),          # 15
        json.dumps({"id": 7, "text": MEETING}),            # 16 ok: id "7"
        json.dumps({"id": "", "text": MEETING + " "}),     # 17 ok: id feed-17
        "[" * 100_000,                                     # 18 nested too deeply
        "1" * 5000,                                        # 19 a number too long
        '{"id": "s", "text": "lone \\ud800 surrogate met"}',  # 20 ok, surrogate replaced
        '{"id": "\\udcff", "text": "' + MEETING.strip() + '"}',  # 21 ok, id escaped
        json.dumps({"id": "ls", "text": "A\u2028B met C\u2029in D."}, ensure_ascii=False),  # 22 one record
        "",                                                # 23 blank: nothing to say
        json.dumps({"id": "g1", "text": "duplicate"}),     # 24 duplicate id
        '{"id": "t", "text": "truncated',                  # 25
        json.dumps({"id": "n", "text": MEETING, "url": 5, "title": ["t"], "published": 2020}),  # 26 ok
    ]
    p = tmp_path / "feed.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8", "surrogatepass") + b"\r\n")
    arts, skipped = _read(p)
    assert [a.id for a in arts] == ["g1", "7", "feed-17", "s", "\\xff", "ls", "n"]  # lone surrogates escaped
    assert "\ufffd" in arts[3].text
    assert arts[5].text == "A\nB met C\nin D."
    assert arts[6].url is None and arts[6].title is None and arts[6].published is None
    got = [(s.source.rsplit(":", 1)[1], s.reason.split(" (")[0]) for s in skipped]
    assert got == [
        ("2", "malformed JSON"), ("3", "line is not a JSON object"), ("4", "line is not a JSON object"),
        ("5", "line is not a JSON object"), ("6", "line is not a JSON object"),
        ("7", "record has no 'text'"), ("8", "record has no 'text'"), ("9", "record has no 'text'"),
        ("10", "record has no 'text'"), ("11", "record has no 'text'"),
        ("12", "record has a bad 'id'"), ("13", "record has a bad 'id'"), ("14", "record has a bad 'id'"),
        ("15", "record has a bad 'id'"),
        ("18", "malformed JSON"), ("19", "malformed JSON"),
        ("24", "duplicate id 'g1'"), ("25", "malformed JSON"),
    ]
    assert all(s.source.startswith(str(p) + ":") for s in skipped)
    assert "(it is an array)" in skipped[1].reason and "nested too deeply" in skipped[14].reason


def test_duplicate_ids_first_read_wins(tmp_path: Path) -> None:
    """The documented rule: inputs are read in the order given, a folder's files (sorted) before its
    subfolders (sorted); the first article with an id keeps it, later ones are skipped with a reason."""
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
    (tmp_path / "a" / "story.txt").write_text("First version: " + MEETING)
    (tmp_path / "b" / "feed.jsonl").write_text(json.dumps({"id": "story", "text": "Second version: " + MEETING}) + "\n"
                                               + json.dumps({"id": "story", "text": "Third version: " + MEETING}) + "\n")
    (tmp_path / "c" / "story.html").write_text(
        f"<html><body><article><p>Fourth version: {MEETING}</p></article></body></html>")
    arts, skipped = _read(tmp_path)
    assert [(a.id, a.text.split(":")[0]) for a in arts] == [("story", "First version")]
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("feed.jsonl:1", "duplicate id 'story' (the first one read is kept)"),
        ("feed.jsonl:2", "duplicate id 'story' (the first one read is kept)"),
        ("story.html", "duplicate id 'story' (the first one read is kept)"),
    ]
    # the order of the inputs decides
    arts2, _ = _read(tmp_path / "b", tmp_path / "a")
    assert arts2[0].text.startswith("Second version")


# --------------------------------------------------------------------------- long texts


def test_split_long_text_keeps_every_character() -> None:
    text = ("Alpha beta gamma. " * 2000) + ("x" * 25_000) + " tail"
    pieces = split_long_text(text, 10_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 10_000 for p in pieces)
    assert pieces[0].endswith(". ")  # cut after a sentence end
    assert split_long_text("short") == ["short"]
    assert split_long_text("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


@pytest.mark.parametrize("case", ["one_line", "no_space", "one_line_with_met"])
def test_three_million_characters_are_processed_in_pieces(tmp_path: Path, nlp: object, case: str) -> None:
    from kg.build import build

    filler = "The committee discussed the budget for the next fiscal year in great detail. "
    if case == "one_line":
        text = filler * (3_000_000 // len(filler))
    elif case == "no_space":
        text = "a" * 3_000_000
    else:
        text = (MEETING.strip() + " " + filler * 50) * (3_000_000 // (len(MEETING) + 50 * len(filler)))
    assert len(text) >= 2_990_000 and "\n" not in text
    (tmp_path / f"{case}.txt").write_text(text)
    arts, skipped = _read(tmp_path)
    assert not skipped and max(len(line) for line in arts[0].text.split("\n")) <= MAX_LINE
    assert len(arts[0].text) >= len(text) - 3_000_000 // MAX_LINE - 2  # only spaces became line breaks
    skips: list[Skipped] = []
    result = build([tmp_path], None, nlp=nlp, on_skip=skips.append)
    assert result.articles == 1 and not skips and not result.failed
    if case == "one_line_with_met":
        pairs = {frozenset(a.name for a in e.actors) for e in result.events}
        assert frozenset({"William Ruto", "Samia Suluhu Hassan"}) in pairs


# --------------------------------------------------------------------------- the command line


def _build(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["build", *args, "--workers", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def test_cli_prints_one_line_per_skipped_input_then_the_summary(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(MEETING)
    (src / "empty.txt").write_text("")
    (src / "bin.txt").write_bytes(b"\x00\x01" * 300)
    (src / "notes.pdf").write_bytes(b"%PDF")
    (src / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    (src / "feed.jsonl").write_text('{"id": "j", "text": "Leaders met in Oslo on Monday for talks, officials said."}\n'
                                    "{broken\n[1]\n" + json.dumps({"id": "good", "text": MEETING}) + "\n")
    os.mkfifo(src / "fifo.txt")
    (src / "loop").symlink_to(src, target_is_directory=True)
    code, lines = _in_thread(lambda: _build(str(src), str(tmp_path / "missing"), "--out", str(tmp_path / "out")))
    assert code == 0
    skip_lines = [line for line in lines if line.startswith("kg: skipped ")]
    rest = [line for line in lines if not line.startswith("kg: skipped ")]
    assert lines[: len(skip_lines)] == skip_lines  # the skipped inputs first, then the summary only
    assert all(line.startswith(SUMMARY_PREFIXES) for line in rest), rest
    assert rest[0] == f"articles read: 2; skipped: {len(skip_lines)}"
    assert len(skip_lines) == 10
    expected = ["bin.txt: binary content", "empty.txt: empty file", "feed.jsonl:2: malformed JSON",
                "feed.jsonl:3: line is not a JSON object", "good.txt: duplicate id 'good'",
                "fifo.txt: not a regular file (a FIFO)", "loop: symlink loop", "nav.html: no article text found",
                "notes.pdf: unsupported file type", "missing: no such file or folder"]
    for piece in expected:
        assert sum(piece in line for line in skip_lines) == 1, piece
    for name in ("graph.ttl", "graph.nq", "graph.graphml", "graph.gexf"):
        assert (tmp_path / "out" / name).stat().st_size > 0


def test_cli_exit_1_when_no_article_can_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    code, lines = _build(str(tmp_path / "empty.txt"), str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert lines[0].endswith("empty.txt: empty file") and lines[1].endswith("nope.jsonl: no such file or folder")
    assert lines[-1] == f"kg: no article could be read; nothing was written: the exports in {tmp_path / 'out'} are unchanged"


def test_cli_quiet_prints_skipped_inputs_only(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(MEETING)
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 10)
    code, lines = _build(str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "--out", str(tmp_path / "out"), "-q")
    assert code == 0 and lines == [f"kg: skipped {tmp_path / 'bad.txt'}: binary content, not text"]


def test_cli_help_documents_skips_and_exit_codes() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    text = " ".join(result.output.split())
    assert result.exit_code == 0
    for needle in ("skipped with one line", "first article read keeps the id", "Exit codes:",
                   "0 the graph was built", "1 no article could be read", "2 usage or output error",
                   "3 internal error"):
        assert needle in text, needle


@pytest.mark.parametrize("where", ["file", "under_file"])
def test_cli_out_not_a_folder_is_one_line_exit_2(tmp_path: Path, where: str) -> None:
    (tmp_path / "good.txt").write_text(MEETING)
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = blocker if where == "file" else blocker / "out"
    code, lines = _build(str(tmp_path / "good.txt"), "--out", str(out))
    assert code == 2 and len(lines) == 1 and lines[0].startswith("kg: error: ")
    assert str(blocker) in lines[0]


def test_cli_unwritable_out_is_one_line_exit_2_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    import kg.build

    def deny(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    def never(*args: object, **kwargs: object) -> object:
        raise AssertionError("the build started although --out cannot be written")

    (tmp_path / "good.txt").write_text(MEETING)
    monkeypatch.setattr(tempfile, "TemporaryFile", deny)
    monkeypatch.setattr(kg.build, "build", never)
    code, lines = _build(str(tmp_path / "good.txt"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert lines == [f"kg: error: cannot write into the output folder {tmp_path / 'out'} (Permission denied)"]


def test_cli_failed_export_write_is_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import kg.export.gexf

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "graph.gexf"))

    (tmp_path / "good.txt").write_text(MEETING)
    monkeypatch.setattr(kg.export.gexf, "write_gexf", full)
    code, lines = _build(str(tmp_path / "good.txt"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert lines == [f"kg: error: cannot write the exports to {tmp_path / 'out' / 'graph.gexf'} (No space left on device)"]


def test_cli_internal_error_is_one_line_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected\nstate")

    (tmp_path / "good.txt").write_text(MEETING)
    monkeypatch.setattr(kg.build, "build", boom)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    code, lines = _build(str(tmp_path / "good.txt"), "--out", str(tmp_path / "out"))
    assert code == 3 and len(lines) == 1
    assert lines[0].startswith("kg: internal error: RuntimeError: unexpected state")
