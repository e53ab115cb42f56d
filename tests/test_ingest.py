from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import Skipped, date_from_text, date_from_url, normalise_text, read_inputs
from kg.model import Article


def _read(*paths: Path) -> tuple[list[Article], list[Skipped]]:
    items = list(read_inputs([str(p) for p in paths]))
    return [a for a in items if isinstance(a, Article)], [s for s in items if isinstance(s, Skipped)]


def test_txt_id_is_file_name(tmp_path: Path) -> None:
    p = tmp_path / "abc_1.txt"
    p.write_text(" date 2023-03-10 The foreign ministers met in Oslo on Monday.\n", encoding="utf-8")
    arts, skipped = _read(p)
    assert [a.id for a in arts] == ["abc_1"] and not skipped
    assert arts[0].published == "2023-03-10"


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Leaders met.", "url": "https://x.org/2019/06/28/story", "title": "T"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Talks were held.", "published": "2020-01-02"}),
        json.dumps({"id": "a", "text": "A duplicate id."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, skipped = _read(p)
    assert [a.id for a in arts] == ["a", "c"]
    assert arts[0].published == "2019-06-28" and arts[0].published_source == "url"
    assert arts[1].published == "2020-01-02"
    reasons = [(s.source.rsplit(":", 1)[-1], s.reason.split(" (")[0]) for s in skipped]
    assert reasons == [("2", "malformed JSON"), ("3", "line is not a JSON object"), ("4", "record has no 'text'"),
                       ("6", "duplicate id 'a'")]


def test_bad_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "latin.txt").write_bytes("Le ministre fran\xe7ais a rencontr\xe9 son homologue.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    arts, skipped = _read(tmp_path, tmp_path / "missing.txt")
    assert [a.id for a in arts] == ["latin"] and "français" in arts[0].text
    got = {Path(s.source).name: s.reason for s in skipped}
    assert got["empty.txt"] == "empty file"
    assert got["bin.txt"].startswith("binary")
    assert got["notes.pdf"].startswith("unsupported file type")
    assert got["missing.txt"].startswith("no such file")


def test_html_main_text_and_date(tmp_path: Path) -> None:
    html = """<html><head><title>Ministers meet in Oslo</title>
    <meta property="article:published_time" content="2021-05-04T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <script>var meeting = "met";</script>
    <article><h1>Ministers meet in Oslo</h1>
    <p>The foreign ministers of Norway and Sweden met in Oslo on Tuesday to discuss fisheries and
    energy cooperation across the border region, officials said after the talks.</p>
    <p>The two ministers agreed to meet again in the autumn, according to a joint statement issued
    by both governments late on Tuesday evening.</p></article>
    <footer>Related: Leaders meet elsewhere</footer></body></html>"""
    p = tmp_path / "oslo.html"
    p.write_text(html, encoding="utf-8")
    arts, skipped = _read(p)
    assert not skipped and arts[0].id == "oslo"
    assert arts[0].published == "2021-05-04"
    assert "met in Oslo on Tuesday" in arts[0].text and "var meeting" not in arts[0].text


def test_normalise_spaces_quotes_and_repeated_copy() -> None:
    body = ("Officials said the \u201cconstructive\u201d talks lasted\u00a0two hours in the capital city.\n"
            "The ministers agreed to hold another round of consultations early next year in Geneva.\n"
            "Both delegations described the atmosphere as businesslike and frank throughout the day.\n")
    text = normalise_text("Title of the story\n" + body + "\nTitle of the story\n" + body)
    assert text.count("constructive") == 1
    assert '"constructive"' in text and "\u00a0" not in text


def test_publication_dates_from_text() -> None:
    assert date_from_text("Headline\n\nPublished on March 11, 2025\n\nDocument Date: Tue, Jul 15 2025") == "2025-03-11"
    assert date_from_text("Document Date: Tue, Jul 15 2025 11:02:09 am\nbody text") is None
    assert date_from_text("Agency Lima\nLast Updated : Apr 13 2017 | 6:40 PM IST\nText.") == "2017-04-13"
    assert date_from_text("Story\n Source: Wire | 2018-03-23 10:12:40 | Editor: x") == "2018-03-23"
    assert date_from_text("Story title\n\n9 June 2020\nAgency (City)\n") == "2020-06-09"
    assert date_from_text("Today: Saturday 21 November 2026\nA story") is None
    assert date_from_text("A story with no date at all.") is None


def test_publication_dates_from_url() -> None:
    assert date_from_url("https://www.pri.org/stories/2013-09-17/slug") == "2013-09-17"
    assert date_from_url("http://china.org.cn/world/2010-08/11/content_1.htm") == "2010-08-11"
    assert date_from_url("https://x.com/news/live-20230224-p5cn8n.html") == "2023-02-24"
    assert date_from_url("http://x.co.nz/home/world/2016/09/story.html") == "2016-09"
    assert date_from_url("https://x.com/amp/story-15883") is None


def test_page_printed_twice_keeps_the_whole_first_copy() -> None:
    body = ("Mexican President met her Brazilian counterpart in Brasilia on Tuesday for three hours of talks.\n"
            "The two leaders agreed to expand trade in farm goods and to open a new consulate in Monterrey.\n"
            "Officials said a follow-up meeting of trade ministers would take place in the autumn.\n")
    text = normalise_text(" date 2025-06-04 \nTitle line\n" + body + "\n date 2025-06-04 \nTitle line\n" + body)
    assert text.count("Brasilia") == 1 and "follow-up meeting" in text and text.startswith("date 2025-06-04")


def test_date_from_url_more_forms() -> None:
    assert date_from_url("https://x.com/world/2009/mar/05/slug?view=mobile") == "2009-03-05"
    assert date_from_url("https://x.com/News/2009/March/05/Slug") == "2009-03-05"
    assert date_from_url("https://x.pk/news/31/Politics/March-05-2009/slug") == "2009-03-05"
    assert date_from_url("https://x.com/05-Mar-2009/slug") == "2009-03-05"
    assert date_from_url("https://x.in/world/story/slug-12345-2009-03-05") == "2009-03-05"
    assert date_from_url("https://x.net/eng/news.php?yyyy=2009&mm=03&dd=05&nav_id=1") == "2009-03-05"
    assert date_from_url("https://x.com/view.php?ud=20090305000224") == "2009-03-05"
    # a date the slug talks about is not the publication date when the path has one
    assert date_from_url("https://x.com/story/2011/09/slug-sept-15-1959-063520") == "2011-09"
    assert date_from_url("https://x.com/a/b-20091305-x") is None  # month 13


def test_date_from_text_short_lines() -> None:
    assert date_from_text("Nav\nSep 17, 2013 10:02 AM EDT\nThe ministers met.") == "2013-09-17"
    assert date_from_text("Nav\nTuesday 17 September 2013 09.15 BST\nThe ministers met.") == "2013-09-17"
    long_line = "x " * 50 + "17 September 2013"
    assert date_from_text(long_line) is None  # a date inside prose is not a publication line


def test_date_from_text_with_ordinal_days() -> None:
    assert date_from_text("Title\n\nPublished September 26th, 2000 - 02:00 GMT\nThe ministers met.") == "2000-09-26"
    assert date_from_text("Title\n3rd March 2019\nThe ministers met.") == "2019-03-03"
    assert date_from_text("Posted on 1st of May 2020\nThe ministers met.") == "2020-05-01"


def test_a_filed_time_wins_over_a_today_widget() -> None:
    text = "Friday, April 19, 2024\n\nWORLD | 23-11-2023 18:23\n\nThe ministers met."
    assert date_from_text(text) == "2023-11-23"
    assert date_from_text("Updated 11/23/2023 18:23\nThe ministers met.") == "2023-11-23"


def test_publication_dates_from_agency_datelines_and_short_url_days() -> None:
    from kg.ingest import make_article

    assert date_from_url("https://x.ua/eng/news/2019/03/4/8812/") == "2019-03-04"  # a day written with one digit
    # "CITY (Agency / Wire - 03rd March, 2019)": the dateline of a long first line
    assert date_from_text("OSLO (Wire News / Agency - 03rd March, 2019) The Norwegian premier said on Sunday "
                          "that she would travel to Helsinki next month for talks.") == "2019-03-03"
    # a month in the URL and the day in the dateline: the day of that month
    art = make_article("a", "BERGEN (Fjordnews/4 May) – The mayor hosted a delegation.", "s",
                       url="https://x.no/top/2017/05/slug/")
    assert art.published == "2017-05-04"
    art = make_article("b", "BERGEN (Fjordnews/4 June) – The mayor hosted a delegation.", "s",
                       url="https://x.no/top/2017/05/slug/")
    assert art.published == "2017-05"  # another month's day is not the publication's
