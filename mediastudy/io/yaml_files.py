"""Reading YAML files that people write (stance lexicons, report configs) without trusting them.

Shared by :mod:`mediastudy.stance.lexicon` and :mod:`mediastudy.report`:

* only a regular file is opened (a FIFO would wait for a writer forever), and only up to
  :data:`MAX_YAML_BYTES` (a hand-written file is far smaller; a 50 MB one would take
  minutes to parse);
* anchors and aliases (``&name``, ``*name``) are refused as the file is parsed, before a
  single value is built: an alias "bomb" (each level repeating the one below nine times,
  billions of values from a few lines) stops at its first anchor and costs nothing;
* :func:`duplicate_key` finds a key written twice in one mapping (YAML keeps the last
  silently).

Parsing uses libyaml when PyYAML has it (ten times faster), else PyYAML's own parser.
"""

from __future__ import annotations

import os
import stat

import yaml

__all__ = ["MAX_YAML_BYTES", "SafeLoader", "read_limited", "refuse_aliases", "duplicate_key"]

#: The largest YAML file read, in bytes.
MAX_YAML_BYTES = 5_000_000

#: The safe loader to subclass: libyaml's when available.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _size(n: float) -> str:
    for unit in ("bytes", "kB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"  # pragma: no cover


def read_limited(path: str | os.PathLike, *, what: str, error: type) -> bytes:
    """The bytes of a YAML file, if it is a regular file of at most :data:`MAX_YAML_BYTES`.

    Raises ``error`` (with ``path``) for anything else; ``OSError`` (e.g.
    ``FileNotFoundError``) passes through for the caller to word.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from mediastudy.errors import ConfigError
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.yaml").write_text("k: 5\\n")
    >>> read_limited(folder / "a.yaml", what="Config", error=ConfigError)
    b'k: 5\\n'
    >>> read_limited(folder, what="Config", error=ConfigError)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mediastudy.errors.ConfigError: Config file ... is not a regular file (a folder): ...
    """
    source = os.fspath(path)
    limit = MAX_YAML_BYTES
    # O_NONBLOCK: opening a FIFO does not wait for a writer; a regular file is not affected.
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device")
        raise error(f"{what} file {source} is not a regular file ({kind}): give the path of "
                    "a YAML file.", path=source)
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1) if info.st_size <= limit else b""
        if info.st_size > limit or len(data) > limit:
            raise error(f"{what} file {source} is {_size(max(info.st_size, len(data)))}; a "
                        f"{what.lower()} file is read only up to {_size(limit)}. Check that this "
                        "is the right file.", path=source)
    return data


def refuse_aliases(text: str, *, source: str, error: type, hint: str = "") -> None:
    """Raise ``error`` (with ``path`` and ``line``) at the first anchor or alias of ``text``.

    Only the parser's events are looked at: nothing is composed or built, so a file that
    repeats a value billions of times through aliases costs no more than reading it.
    Syntax errors raise ``yaml.YAMLError`` as the parser finds them.

    Examples
    --------
    >>> from mediastudy.errors import LexiconError
    >>> refuse_aliases("a: &x [1]\\nb: *x\\n", source="lex.yaml", error=LexiconError)
    Traceback (most recent call last):
    ...
    mediastudy.errors.LexiconError: lex.yaml line 1: anchors and aliases (&x, *x) are not allowed; ...
    """
    for event in yaml.parse(text, Loader=SafeLoader):
        name = getattr(event, "anchor", None)
        if name is not None:  # an alias event carries the name of its anchor too
            line = event.start_mark.line + 1
            raise error(f"{source} line {line}: anchors and aliases (&{name}, *{name}) are not "
                        f"allowed; write the values out{hint}.", path=source, line=line)


def duplicate_key(node: yaml.Node) -> tuple[tuple, int, int] | None:
    """The first key written twice in one mapping of a composed document, or None.

    Returns the key's path (the keys leading to it, then the key), the line where it was
    first written and the line where it is written again (1-based).
    """
    stack: list[tuple[yaml.Node, tuple]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in seen:
                        return path + (key.value,), seen[key.value], line
                    seen[key.value] = line
                    stack.append((value, path + (key.value,)))
                else:
                    stack.append((value, path))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, path) for item in current.value)
    return None
