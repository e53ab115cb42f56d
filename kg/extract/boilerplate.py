"""Which lines of a page are article prose: related headlines, comments, subscription offers,
navigation and repeated lines yield no events; photo captions are kept (flagged as captions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a line that starts the page's tail (comments, paywall, footer): nothing after it is article text
_STOP = re.compile(
    r"^\s*(all comments|comments?\s*(\(\d+\))?$|show new comments|comment via|leave a (comment|reply)|"
    r"\d+\s+comments|go to forum|top stories|more from this section|disclaimer\s*:|"
    r"you'?ve reached your limit|most (read|popular|viewed)|recommended( stories)?$|"
    r"trending( now)?$|you may also like|more stories|latest news$)",
    re.IGNORECASE)
# a single line that is page furniture
_SKIP = re.compile(
    r"^\s*(related( content| articles?| stories| news)?\s*[:>|-]|related$|read more|also read|read also|"
    r"see also|more from|more on|watch( the| more|:)|click here|for the full story|subscribe|"
    r"sign up|advertisement|©|credit\s*:|get short url|share (this|on)|follow us|tags?\s*:|"
    r"category\s*:|source\s*:|editor\s*:|back to top|home\s*[|>]|image\s*:|photo\s*:|log ?in)",
    re.IGNORECASE)
_CAPTION = re.compile(
    r"(,\s*(left|right|centre|center)\s*[,)]|\((l|r|c|l-r|front [lr]|c-l|c-r)\)|\(l-r\)|\bpictured\b|"
    r"\bduring (a|an|the|their|his|her)( [\w-]+){0,3} (meeting|talks|visit|summit|ceremony|conference|session|"
    r"welcome|reception|signing|dinner|banquet|event|forum)|\bas (they|he|she) (arrive|meet|shake|pose|walk|talk)|"
    r"\((reuters|ap|afp|xinhua|getty)[^)]*\)|\bphoto\b|\bshakes? hands\b|\bwelcomed by\b|"
    r"\bis welcomed\b|\| license photo)",
    re.IGNORECASE)
_NOT_A_SCENE = re.compile(r"\b(will|would|could|might|should|expects?|expected|said|says|told|plans?|planned)\b",
                          re.IGNORECASE)
_META_PREFIX = re.compile(r"^date\s+\d{4}-\d\d-\d\d\s*", re.IGNORECASE)
_END_PUNCT = re.compile(r"[.!?:;\"')\]]\s*$")


@dataclass(frozen=True)
class Block:
    """A piece of prose to analyse: its text and offset in the article."""

    text: str
    start: int
    is_caption: bool = False
    is_title: bool = False


def prose_blocks(text: str) -> list[Block]:
    """The article's lines worth analysing, in order, each once."""
    blocks: list[Block] = []
    seen: set[str] = set()
    pos = 0
    first = True
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        meta = _META_PREFIX.match(stripped)
        if meta:  # " date 2023-08-22 The summit opened ...": the capture's date metadata is not prose
            cut = line.index(stripped) + meta.end()
            start, line = start + cut, line[cut:]
            stripped = line.strip()
        if not stripped:
            continue
        if _STOP.match(stripped) and blocks:
            break
        key = " ".join(stripped.lower().split())
        is_title = first
        first = False
        if key in seen or _SKIP.match(stripped) or len(re.findall(r"[A-Za-z]", stripped)) < 12:
            continue
        seen.add(key)
        lead = len(line) - len(line.lstrip())
        one_sentence = len(stripped) < 320 and not re.search(r"[a-z0-9\)][.!?] +[A-Z]", stripped)
        cue = _CAPTION.search(stripped) if one_sentence else None
        # "during the three-day trip, which is also to include a meeting": a body sentence, not a photo's
        caption = cue is not None and not (cue.group(0).lower().startswith("during") and _NOT_A_SCENE.search(stripped))
        if not _END_PUNCT.search(stripped) and len(stripped) < 200 and not caption and not is_title:
            continue  # a headline-like line inside the page: related links, section heads
        if stripped.endswith(("(Reuters Photo)", "License Photo")):
            caption = True
        offset = start + lead
        for piece in _pieces(stripped):  # an overlong line (no newline in 3 MB) goes in pieces
            if piece.strip():
                blocks.append(Block(piece.rstrip(), offset, is_caption=caption, is_title=is_title and not caption))
            offset += len(piece)
    return blocks


MAX_BLOCK = 10_000


def _pieces(text: str, limit: int = MAX_BLOCK) -> list[str]:
    """Consecutive pieces of at most ``limit`` characters, cut after a sentence end or a space."""
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos: pos + limit]
        cut = max(window.rfind(". ", limit // 2) + 2, window.rfind(" ", limit // 2) + 1)
        cut = cut if cut > 1 else limit
        pieces.append(window[:cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces
