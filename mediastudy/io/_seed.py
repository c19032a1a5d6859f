"""Parser for the seed article layout (private).

The layout (see ``mediastudy.load_articles``)::

    <blank>
    <title line>
    <blank>
    <date as dd/mm/yyyy>
    <blank lines>
    <body paragraphs separated by blank lines>
    Read more [<related title>](<link>)     optional, anywhere in the body
    ---                                     ends an article

Block quotes are paragraphs written ``*"..."*``; they are taken out of the body
and kept in ``quotes``. Inline ``*"..."*`` keep their words in the body, without
the asterisks. A paragraph that a stray blank line broke mid-sentence (no closing
punctuation, next paragraph starting in lower case) is joined again.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from ._dates import EXPECTED, DateProblem, parse_date

_READ_MORE = re.compile(r"Read more:?\s*\[(?P<title>[^\]]*)\]\((?P<url>[^)\s]*)\)", re.IGNORECASE)
_BLOCK_QUOTE = re.compile(r"\*\s*([\"“].*[\"”])\s*\*", re.DOTALL)
_INLINE_QUOTE = re.compile(r"\*([\"“][^*]*?[\"”])\*")
# A paragraph that ends with one of these is finished; anything else may continue.
_TERMINAL = frozenset(".!?…:;\"”’')]*")


@dataclass
class SeedArticle:
    """One article as read from a seed-layout file."""

    title: str
    date: datetime | None
    text: str
    quotes: list[str]
    related: list[dict[str, str]]
    line: int  # 1-based line of the title
    index: int  # 0-based position of the article in its file
    problem: tuple[int, str] | None = None  # (line, what is wrong): the article is unusable
    date_problem: tuple[int, str] | None = None  # (line, what is wrong with its date)


def parse_seed_text(text: str, *, dayfirst: bool = True) -> list[SeedArticle]:
    """Split ``text`` into articles; each carries its own problem, if any.

    Examples
    --------
    >>> arts = parse_seed_text("\\nTitle\\n\\n01/02/2023\\n\\nFirst para\\n\\nends here.\\n---\\n")
    >>> arts[0].title, arts[0].date.date().isoformat(), arts[0].text
    ('Title', '2023-02-01', 'First para ends here.')
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    articles: list[SeedArticle] = []
    start = 0
    for i, line in enumerate(lines):
        if line.strip() == "---":
            _add_chunk(lines, start, i, articles, dayfirst)
            start = i + 1
    _add_chunk(lines, start, len(lines), articles, dayfirst)
    return articles


def _add_chunk(lines, start, stop, articles, dayfirst) -> None:
    i = start
    while i < stop and not lines[i].strip():
        i += 1
    if i == stop:  # nothing but blank lines: not an article
        return
    title = lines[i].strip()
    art = SeedArticle(title, None, "", [], [], line=i + 1, index=len(articles))
    articles.append(art)
    j = i + 1
    while j < stop and not lines[j].strip():
        j += 1
    if j == stop:
        art.problem = (i + 1, f"article '{_short(title)}' has a title but no date and no body")
        return
    raw_date = lines[j].strip()
    try:
        art.date = parse_date(raw_date, dayfirst=dayfirst)
    except DateProblem as exc:
        if raw_date[:1].isdigit() or len(raw_date) < 40:
            art.date_problem = (j + 1, str(exc))
        else:  # a body line where the date should be: the date line is missing
            art.date_problem = (
                j + 1,
                f"missing date: expected a date ({EXPECTED}) on the first line after the "
                f"title, found '{_short(raw_date)}'",
            )
            j -= 1  # that line belongs to the body
    _fill_body(art, lines, j + 1, stop)
    if not art.text:
        art.problem = (i + 1, f"article '{_short(title)}' has no body text")


def _fill_body(art: SeedArticle, lines, start, stop) -> None:
    paragraphs: list[str] = []
    current: list[str] = []
    for k in range(start, stop):
        s = lines[k].strip()
        if not s:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if s[:4].lower() == "read":
            m = _READ_MORE.fullmatch(s)
            if m:
                art.related.append({"title": m["title"].strip(), "url": m["url"]})
                continue
        current.append(s)
    if current:
        paragraphs.append(" ".join(current))

    body: list[str] = []
    broken = False  # the last body paragraph was cut mid-sentence
    for para in paragraphs:
        if para[0] == "*":
            m = _BLOCK_QUOTE.fullmatch(para)
            if m and "*" not in m[1]:
                art.quotes.append(m[1])
                continue
        if "*" in para:
            para = _INLINE_QUOTE.sub(r"\1", para)
        if broken and para[0].islower():
            body[-1] = body[-1] + " " + para
        else:
            body.append(para)
        broken = body[-1][-1] not in _TERMINAL
    art.text = "\n\n".join(body)


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


# The fields of a row; title and text are UTF-8 bytes (the loader makes Arrow strings of them).
ROW_FIELDS = (
    "id", "date", "date_problem", "title", "text", "quotes", "related", "source_line", "article",
    "n_words", "content",
)


def content_key(title: bytes, text: bytes) -> bytes:
    """What makes two articles of an outlet exact duplicates: a digest of title and text.

    Computed where the article is read (in worker processes too), so finding duplicates
    later compares 20 bytes per article instead of whole texts.
    """
    h = hashlib.sha1(title)
    h.update(b"\x1f")
    h.update(text)
    return h.digest()


def article_id(key: str, content: bytes, occurrence: int = 0) -> str:
    """The id of an article: a hash of where its file sits under the loaded folder (``key``)
    and of its content (:func:`content_key`), so it is the same on every machine and does
    not depend on where in its file the article stands. The second and later articles of
    the same content in one file count their ``occurrence`` (1, 2, ...) in too.
    """
    h = hashlib.sha1(key.encode("utf-8", "surrogateescape"))
    h.update(b"\x00")
    h.update(content)
    if occurrence:
        h.update(b"#%d" % occurrence)
    return h.hexdigest()[:16]


class SeedFileResult(NamedTuple):
    """What one seed-layout file gave: rows, or why the whole file failed."""

    rows: list[tuple]  # see ROW_FIELDS
    problems: list[tuple[int, int, str]]  # (line, article index, problem) of skipped articles
    n_found: int = 0
    failure: tuple[int | None, str] | None = None  # (line, problem) when the file is unusable


_READ_SIZE = 1 << 16
# O_NONBLOCK: a FIFO put where a listed file was opens at once (and reads as empty)
# instead of waiting for a writer; it changes nothing for a regular file.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def read_bytes(path: str) -> bytes:
    """The bytes of a file, read with two system calls for a small file.

    Half the cost of ``open(path, "rb").read()``, which builds a buffered file object and
    asks the size first: that matters when a corpus is 100,000 files of a few kilobytes.
    Reads until the end of the file, however large.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        data = os.read(fd, _READ_SIZE)
        if not data:
            return data
        more = os.read(fd, _READ_SIZE)
        if not more:
            return data
        parts = [data, more]
        while more:
            more = os.read(fd, 1 << 20)
            parts.append(more)
        return b"".join(parts)
    finally:
        os.close(fd)


def read_seed(path: str, key: str, encoding: str, dayfirst: bool) -> tuple | SeedFileResult:
    """Read and parse one file; never raises for bad content (the caller decides).

    Returns the bare row of a simple one-article file (the common case: see
    :func:`simple_row`), else the file's :class:`SeedFileResult`.
    """
    try:
        data = read_bytes(path)
    except OSError as exc:
        return SeedFileResult([], [], failure=(None, f"cannot read the file ({exc.strerror or exc})"))
    if dayfirst and encoding in FAST_ENCODINGS:
        row = simple_row(data, key)
        if row is not None:
            return row
    return parse_seed_bytes(data, key, encoding, dayfirst)


def parse_seed_bytes(data: bytes, key: str, encoding: str, dayfirst: bool) -> SeedFileResult:
    """The general parser: decode a whole file, split it into articles, give their rows."""
    try:
        text = data.decode(encoding)
        bad_lines: list[int] = []
    except UnicodeDecodeError as exc:
        # Decode the rest anyway (each bad byte kept as a lone surrogate) and leave out only
        # the articles that hold one: one bad byte must not cost the file's other articles.
        try:
            text = data.decode(encoding, errors="surrogateescape")
        except UnicodeDecodeError:  # a codec without that error handler
            return SeedFileResult([], [], failure=(
                data.count(b"\n", 0, exc.start) + 1, _undecodable(exc.start, encoding)))
        bad_lines = _surrogate_lines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return SeedFileResult([], [], failure=(None, "empty file: no article in it"))
    articles = parse_seed_text(text, dayfirst=dayfirst)
    if bad_lines:
        _mark_undecodable(articles, bad_lines, encoding)
    if not articles:
        return SeedFileResult([], [], failure=(None, "no article in the file, only '---' separators"))
    rows, problems = [], []
    seen: dict[bytes, int] = {}  # articles of the same content so far (see article_id)
    for art in articles:
        if art.problem:
            problems.append((art.problem[0], art.index, art.problem[1]))
            continue
        title, text = art.title.encode(), art.text.encode()
        content = content_key(title, text)
        occurrence = seen.get(content, 0)
        seen[content] = occurrence + 1
        rows.append((
            article_id(key, content, occurrence), art.date, art.date_problem, title, text,
            art.quotes, art.related, art.line, art.index, count_words(art.text), content,
        ))
    return SeedFileResult(rows, problems, n_found=len(articles))


def _undecodable(byte: int | None, encoding: str) -> str:
    where = " on this line" if byte is None else f" at byte {byte}"
    return (f"undecodable bytes{where}: the file is not {encoding}; pass encoding= "
            "with the file's encoding (e.g. 'latin-1') or fix the file")


def _surrogate_lines(text: str) -> list[int]:
    """The 1-based lines holding a byte that could not be decoded (a lone surrogate)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [i for i, line in enumerate(lines, 1)
            if any("\udc80" <= ch <= "\udcff" for ch in line)]


def _mark_undecodable(articles: list[SeedArticle], bad_lines: list[int], encoding: str) -> None:
    """Give each article holding an undecodable byte a problem naming the first such line."""
    starts = [a.line for a in articles]
    marked = set()
    for line in bad_lines:
        # The article the line belongs to: the last one starting at or before it. Its other
        # problems (which may quote the undecodable text) give way to this one.
        at = max((i for i, start in enumerate(starts) if start <= line), default=None)
        if at is not None and at not in marked:
            marked.add(at)
            articles[at].problem = (line, _undecodable(None, encoding))


# The fast path works on the raw bytes, which only UTF-8 (and its ASCII subset) allows.
FAST_ENCODINGS = frozenset({"utf-8", "utf8", "UTF-8", "UTF8", "utf_8"})
_SIMPLE_HEAD_BYTES = re.compile(rb"[ \t\n]*([^\n]*[^\s])[ \t]*\n[ \t\n]*(\d{1,2})/(\d{1,2})/(\d{4})[ \t]*\n")


def _space_at_ends(b: bytes) -> bool:
    """Whether the UTF-8 text ``b`` starts or ends with whitespace (of any kind)."""
    if 0x20 < b[0] < 0x7F and 0x20 < b[-1] < 0x7F:  # visible ASCII at both ends: the usual case
        return False
    return (b[:3].decode("utf-8", "ignore")[:1].isspace()
            or b[-3:].decode("utf-8", "ignore")[-1:].isspace())


def simple_row(data: bytes, key: str) -> tuple | None:
    """The row of a UTF-8 file holding one article whose body is one plain line, or None.

    The common case of scraped files, read without splitting lines: it works on the bytes
    and keeps title and body as UTF-8 bytes. The body is not decoded here: the loader checks
    all bodies at once and sends any file whose body is not UTF-8 to the general parser,
    which reports it. Returns None whenever the general parser
    (:func:`parse_seed_bytes`) must look at the file (several lines or articles, quotes,
    "Read more" links, a bad or unusual date, undecodable bytes, Unicode spaces at the
    ends); otherwise the row is exactly what the general parser gives (tests check this),
    except that the word count is left to the loader (None here), which counts the words of
    a whole batch at once (:func:`mediastudy.io._seed_block.word_counts`).

    Examples
    --------
    >>> row = simple_row(b"\\nTitle\\n\\n16/06/2022\\n\\nOne line body.\\n---\\n", "rt/a.txt")
    >>> row[3:5], row[1].date().isoformat()
    ((b'Title', b'One line body.'), '2022-06-16')
    >>> simple_row(b"\\nTitle\\n\\n16/06/2022\\n\\nTwo\\n\\nparagraphs.\\n", "rt/a.txt") is None
    True
    """
    if data[:3] == b"\xef\xbb\xbf":
        data_ = data[3:]
    else:
        data_ = data
    if b"\r" in data_:
        data_ = data_.replace(b"\r\n", b"\n")
        if b"\r" in data_:
            return None
    m = _SIMPLE_HEAD_BYTES.match(data_)
    if m is None or m[1] == b"---":  # a '---' line ends an article: it is no title
        return None
    rest = data_[m.end():].strip(b" \t\n")
    if rest.endswith(b"---"):
        head, _, tail = rest.rpartition(b"\n")
        if tail.strip(b" \t") == b"---":
            rest = head.rstrip(b" \t\n")
    if not rest or b"\n" in rest or b"*" in rest or rest[:4].lower() == b"read" or rest == b"---":
        return None
    try:
        day = datetime(int(m[4]), int(m[3]), int(m[2]))
        m[1].decode("utf-8")
    except (ValueError, UnicodeDecodeError):  # a bad date or bytes: the general path says so
        return None
    if _space_at_ends(m[1]) or _space_at_ends(rest):
        return None  # Unicode spaces at the ends: leave the stripping to the general parser
    content = content_key(m[1], rest)
    line = data_.count(b"\n", 0, m.start(1)) + 1
    return (article_id(key, content), day, None, m[1], rest, [], [], line, 0, None, content)


def count_words(text: str) -> int:
    """Words in ``text``: runs of non-whitespace, as ``len(text.split())`` counts them.

    Examples
    --------
    >>> count_words("Sanctions  were\\textended. Again"), count_words("")
    (4, 0)
    """
    # A printable text holds no whitespace but plain spaces, so counting them is exact and
    # avoids building a list of every word.
    if text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text.count(" ") + 1 if text else 0
    return len(text.split())
