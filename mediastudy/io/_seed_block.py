"""Seed-layout files read into columns, a batch of files at a time (private).

A worker process (or the loading process itself) reads a batch of files and hands back one
:class:`SeedBlock`: the fields of all its articles as a few Arrow and numpy arrays, plus the
few files that were not one clean article (a failure, skipped articles, several articles).
Handing back columns instead of a tuple of Python objects per article keeps what crosses
between processes to a few large buffers, and leaves the loading process almost nothing to
do per article.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import tempfile
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from ._seed import ROW_FIELDS, SeedFileResult, parse_seed_bytes, read_bytes, read_seed


class Packed(NamedTuple):
    """A column of strings as UTF-8 bytes end to end plus offsets: the layout of an Arrow
    string array, in objects that pickle at the speed of a copy (an Arrow array pickles
    30 times slower). The bytes are checked to be UTF-8 where they are made."""

    data: bytes | pa.Buffer | Shared
    offsets: np.ndarray  # int64, one more than there are strings

    @classmethod
    def of(cls, values: list[bytes]) -> Packed:
        offsets = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)), out=offsets[1:])
        return cls(b"".join(values), offsets)

    @classmethod
    def of_str(cls, values: list[str]) -> Packed:
        # A file name that is not UTF-8 (surrogates in Python) is shown with \\x escapes.
        return cls.of([v.encode("utf-8", "backslashreplace") for v in values])

    def array(self) -> pa.LargeStringArray:
        """The Arrow array over the same memory (no copy)."""
        data = self.data if isinstance(self.data, pa.Buffer) else pa.py_buffer(self.data)
        return pa.LargeStringArray.from_buffers(
            len(self.offsets) - 1, pa.py_buffer(self.offsets), data)


class Shared(NamedTuple):
    """Where a worker left the bytes of a string column: a span of a file in shared memory."""

    path: str
    start: int
    length: int


_STRING_FIELDS = ("ids", "titles", "texts", "paths", "folders")


def share(block: SeedBlock, folder: str) -> SeedBlock:
    """Move the bytes of the block's string columns into one new file in ``folder``.

    ``folder`` is in shared memory (``/dev/shm``): the loading process maps the file
    (:func:`attach`) instead of receiving the bytes through a pipe, which copies them four
    times (a third of its work in a 100,000-file load). When the file cannot be written
    (no space, no such folder) the block is returned as it was, to go through the pipe.
    """
    parts = [getattr(block, name).data for name in _STRING_FIELDS]
    if not sum(map(len, parts)):
        return block
    path = None
    try:
        fd, path = tempfile.mkstemp(dir=folder, suffix=".block")
        try:
            for part in parts:
                view = memoryview(part)
                while len(view):
                    view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError:
        if path is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)
        return block
    spans, start = {}, 0
    for name, part in zip(_STRING_FIELDS, parts, strict=True):
        packed = getattr(block, name)
        spans[name] = packed._replace(data=Shared(path, start, len(part)))
        start += len(part)
    return block._replace(**spans)


def attach(block: SeedBlock) -> SeedBlock:
    """The block with its shared string bytes mapped into this process (see :func:`share`).

    The file is removed as soon as it is mapped: its memory lives as long as the columns
    that use it, and nothing is left behind in ``/dev/shm``.
    """
    first = block.ids.data
    if not isinstance(first, Shared):
        return block
    with open(first.path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    os.unlink(first.path)
    buffer = pa.py_buffer(mapped)
    spans = {}
    for name in _STRING_FIELDS:
        packed = getattr(block, name)
        spans[name] = packed._replace(data=buffer.slice(packed.data.start, packed.data.length))
    return block._replace(**spans)


class SeedBlock(NamedTuple):
    """The articles of a batch of seed-layout files, in file order, as columns."""

    ids: Packed
    dates: np.ndarray  # datetime64[ns]; NaT where the date is missing or bad
    titles: Packed
    texts: Packed
    lines: np.ndarray  # int64: the line of the article's title
    articles: np.ndarray  # int64: the article's position in its file
    n_words: np.ndarray  # int64
    content: np.ndarray  # S20: digest of title and text (see _seed.content_key)
    rows_per_file: np.ndarray | None  # int64 per file; None when every file gave one row
    paths: Packed  # the file of each article
    folders: Packed  # the name of that file's folder
    extras: dict[int, tuple]  # row -> (date_problem, quotes, related), where any is set
    files: dict[int, tuple]  # file -> (problems, n_found, failure), where not one clean article

    @property
    def n_rows(self) -> int:
        return len(self.lines)


def read_seed_block(batch: list[tuple[str, str, str]], encoding: str, dayfirst: bool,
                    general: frozenset[int] = frozenset()) -> SeedBlock:
    """Read the files of ``batch`` into one :class:`SeedBlock`.

    ``batch`` holds ``(path, root name, path under the root)`` per file, as
    :func:`mediastudy.io.sources.discover` gives them; the last two make the key that ids
    are made from.

    Never raises for bad content: failures and skipped articles are in ``files`` for the
    loading process to report (or raise). ``general`` names files (by position) to send
    through the general parser, which decodes them: used for bodies that turn out not to be
    UTF-8 once the batch's text is checked.
    """
    rows: list[tuple] = []  # see _seed.ROW_FIELDS
    counts: list[int] = []
    extras: dict[int, tuple] = {}
    files: dict[int, tuple] = {}
    for f, (path, root, rel) in enumerate(batch):
        key = f"{root}/{rel}"
        if f in general:
            result = _read_general(path, key, encoding, dayfirst)
        else:
            result = read_seed(path, key, encoding, dayfirst)
        if not isinstance(result, SeedFileResult):  # the bare row of a one-article file
            rows.append(result)
            counts.append(1)
            continue
        if result.failure or result.problems or result.n_found != 1 or len(result.rows) != 1:
            files[f] = (result.problems, result.n_found, result.failure)
        for row in result.rows:
            if row[2] or row[5] or row[6]:  # date problem, quotes, related links
                extras[len(rows)] = (row[2], row[5], row[6])
            rows.append(row)
        counts.append(len(result.rows))
    (ids, dates, _problems, titles, texts, _quotes, _related, lines, articles, _words,
     content) = zip(*rows, strict=True) if rows else [()] * len(ROW_FIELDS)
    packed_titles, packed_texts = Packed.of(titles), Packed.of(texts)
    text_array = packed_texts.array()
    try:
        packed_titles.array().validate(full=True)  # UTF-8, as Arrow strings must be
        text_array.validate(full=True)
    except pa.ArrowInvalid:  # the fast path keeps bodies undecoded: one is not UTF-8
        if general:  # cannot happen: the general parser decodes what it keeps
            raise
        row_file = np.repeat(np.arange(len(counts)), counts)
        bad = {int(row_file[i]) for i, (t, x) in enumerate(zip(titles, texts, strict=True))
               if not _is_utf8(t) or not _is_utf8(x)}
        return read_seed_block(batch, encoding, dayfirst, general=frozenset(bad))
    per_file = np.asarray(counts, dtype=np.int64)
    one_each = bool((per_file == 1).all())
    paths = [f[0] for f in batch]
    folders = _folder_names(paths)
    if not one_each:
        paths = np.repeat(np.asarray(paths, dtype=object), per_file).tolist()
        folders = np.repeat(np.asarray(folders, dtype=object), per_file).tolist()
    return SeedBlock(
        ids=Packed.of_str(ids),
        dates=_datetimes(dates),
        titles=packed_titles,
        texts=packed_texts,
        lines=np.asarray(lines, dtype=np.int64),
        articles=np.asarray(articles, dtype=np.int64),
        n_words=word_counts(text_array),
        content=np.array(content, dtype="S20"),
        rows_per_file=None if one_each else per_file,
        paths=Packed.of_str(paths),
        folders=Packed.of_str(folders),
        extras=extras,
        files=files,
    )


def word_counts(texts: pa.Array) -> np.ndarray:
    """``len(text.split())`` of every text of an Arrow string array, computed in bulk.

    A text whose only whitespace is single plain spaces between words has one word more
    than it has spaces: counted on the UTF-8 buffer with numpy. The few texts holding any
    other whitespace (as ``str.isspace`` defines it), two spaces in a row, or a space at
    either end are split in Python. A property test checks it against ``str.split``.

    Examples
    --------
    >>> word_counts(pa.array(["one two", "  three\\u00a0 four ", ""], type=pa.large_string()))
    array([2, 2, 0])
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset:texts.offset + n + 1]
    data = np.frombuffer(texts.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    offsets = offsets - offsets[0]
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    space = data == 0x20
    counts = np.zeros(n, dtype=np.int64)
    if filled.any():  # reduceat sums each text's slice; empty texts are left at 0
        counts[filled] = np.add.reduceat(space.view(np.uint8), starts[filled], dtype=np.int32) + 1
    odd = np.zeros(n, dtype=bool)
    odd[filled] = space[starts[filled]] | space[ends[filled] - 1]
    places = np.concatenate([np.flatnonzero(space[:-1] & space[1:]), _other_spaces(data)])
    odd[np.searchsorted(offsets, places, side="right") - 1] = True
    for i in np.flatnonzero(odd):
        counts[i] = len(texts[int(i)].as_py().split())
    return counts


def _other_spaces(data: np.ndarray) -> np.ndarray:
    """Byte positions where a whitespace character other than the plain space starts.

    In UTF-8 these are the control characters 09-0D and 1C-1F and the characters encoded
    C2 85, C2 A0, E1 9A 80, E2 80 80-8A, E2 80 A8, E2 80 A9, E2 80 AF, E2 81 9F, E3 80 80.
    """
    lead = np.flatnonzero((data < 0x20) | (data == 0xC2) | ((data >= 0xE1) & (data <= 0xE3)))
    if not len(lead):
        return lead
    padded = np.concatenate([data, np.zeros(2, dtype=np.uint8)])
    b0, b1, b2 = padded[lead], padded[lead + 1], padded[lead + 2]
    is_space = (
        ((b0 >= 0x09) & (b0 <= 0x0D)) | ((b0 >= 0x1C) & (b0 <= 0x1F))
        | ((b0 == 0xC2) & ((b1 == 0x85) | (b1 == 0xA0)))
        | ((b0 == 0xE1) & (b1 == 0x9A) & (b2 == 0x80))
        | ((b0 == 0xE2) & (b1 == 0x80)
           & (((b2 >= 0x80) & (b2 <= 0x8A)) | (b2 == 0xA8) | (b2 == 0xA9) | (b2 == 0xAF)))
        | ((b0 == 0xE2) & (b1 == 0x81) & (b2 == 0x9F))
        | ((b0 == 0xE3) & (b1 == 0x80) & (b2 == 0x80))
    )
    return lead[is_space]


def _datetimes(dates: tuple) -> np.ndarray:
    """datetime64[ns] of a batch's dates (datetime or None for NaT).

    A batch holds few distinct days: each is converted once (converting every datetime
    object costs more than the rest of a simple file's row).
    """
    codes: dict = {}
    index = np.fromiter((codes.setdefault(d, len(codes)) for d in dates), dtype=np.intp,
                        count=len(dates))
    return np.array(list(codes), dtype="datetime64[ns]")[index]


def _folder_names(paths: list[str]) -> list[str]:
    """The name of the folder holding each file (the outlet when no other is given)."""
    names: dict[str, str] = {}
    out = []
    folder_of = os.path.dirname if os.altsep else _posix_folder
    for path in paths:
        folder = folder_of(path)
        name = names.get(folder)
        if name is None:
            name = names[folder] = os.path.basename(os.path.abspath(folder))
        out.append(name)
    return out


def _posix_folder(path: str) -> str:
    """``os.path.dirname`` for POSIX paths, at a third of its cost."""
    head = path.rpartition("/")[0]
    return head or ("/" if path.startswith("/") else "")


def _read_general(path: str, key: str, encoding: str, dayfirst: bool) -> SeedFileResult:
    try:
        data = read_bytes(path)
    except OSError as exc:
        return SeedFileResult([], [], failure=(None, f"cannot read the file ({exc.strerror or exc})"))
    return parse_seed_bytes(data, key, encoding, dayfirst)


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
