"""Stance lexicons: targets with aliases, and pro / anti cues, written by hand in YAML.

A lexicon file looks like this (every key but ``targets`` is optional)::

    name: NATO and sanctions            # free text, for the reader
    targets:
      NATO:
        aliases: [NATO, North Atlantic Alliance, the alliance]
        case_sensitive: auto            # auto | true | false
      sanctions: [sanctions, embargo*]  # shorthand: just the aliases
    cues:                               # apply to every target
      pro:
        - defensive
        - strengthens security          # a phrase: consecutive tokens
        - {cue: effective, weight: 2}   # a weight (default 1)
        - {cue: fair share, weight: 1.3, z: 2.8}   # z: how learn_lexicon found it (read only)
      anti:
        - provocative
        - threaten*                     # a wildcard: threaten, threatens, threatening
    negators: [not, no, never, "n't", hardly]   # replaces the default list
    contrast: [but, however]                    # replaces the default list

A target may also carry its own ``cues: {pro: [...], anti: [...]}``, which count for that
target only, on top of the shared ones. :func:`mediastudy.learn_lexicon` writes the cues it
learns there, each with its ``weight`` and ``z`` (the z-score it was chosen by, kept for the
reader: scores use the weight only); :meth:`Lexicon.to_yaml` saves a lexicon in this format.

Matching rules
--------------
* Cues are matched on tokens, case-insensitively, typographic apostrophes made straight.
  A word ending in ``*`` matches every token starting with it. A phrase matches
  consecutive tokens, so punctuation in between breaks it.
* A cue written in lower case is a word, not part of a name: it does not match a capitalised
  word inside a sentence that another capitalised word follows ("united" is not found in "the
  United States" or "the United Nations"). It does match at a sentence's start and after a
  colon, a quotation mark, a bracket or a dash ("United, they stand"), before a possessive
  ("Manchester United's"), in words written in capitals ("UNITED AND FREE") and in a title in
  title case. Write the cue with a capital ("United") to match it everywhere; cues learned by
  :func:`mediastudy.learn_lexicon` (with a ``z``) match everywhere, as they were counted.
* Aliases are matched in the text, whole words only, any run of whitespace between their
  words; a trailing ``*`` matches the rest of a word. With ``case_sensitive: auto`` an alias
  written all in capitals (``NATO``, ``THAAD``, ``ABM``) matches only in capitals, so "abm"
  or "Nato" in running text do not count; other aliases match in any case.
* The same cue may appear only once per target (shared and own cues together), and an
  alias may belong to only one target: a lexicon that says a word is both pro and anti is
  rejected rather than silently resolved.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InvalidParameterError, LexiconError
from ..io.yaml_files import SafeLoader, read_limited, refuse_aliases
from ..text.sentences import normalize_token, tokenize

__all__ = ["Lexicon", "Target", "Cue", "load_lexicon", "DEFAULT_NEGATORS", "DEFAULT_CONTRAST"]

DEFAULT_NEGATORS: tuple[str, ...] = (
    "not", "no", "never", "n't", "hardly", "without", "nor", "neither", "cannot", "nobody",
    "nothing", "barely", "scarcely", "little", "lack", "lacks", "lacked", "lacking",
)  # fmt: skip
"""Tokens that flip the polarity of a cue shortly after them (any token ending in n't too)."""

DEFAULT_CONTRAST: tuple[str, ...] = ("but", "however", "nevertheless", "nonetheless")
"""Tokens after which a cue weighs more: the clause after "but" carries the point."""

POLARITIES = ("pro", "anti")
_TOP_KEYS = ("name", "description", "version", "targets", "cues", "negators", "contrast")
_TARGET_KEYS = ("aliases", "case_sensitive", "cues")
_CUE_KEYS = ("cue", "weight", "z")
_CASE_CHOICES = {"auto": "auto", "true": True, "false": False, "yes": True, "no": False}


@dataclass(frozen=True)
class Target:
    """A stance target: a name and the aliases that mention it."""

    name: str
    aliases: tuple[str, ...]
    case_sensitive: bool | str = "auto"

    def alias_is_case_sensitive(self, alias: str) -> bool:
        """Whether ``alias`` matches only as written (see the module's matching rules)."""
        if self.case_sensitive == "auto":
            letters = [c for c in alias if c.isalpha()]
            return len(letters) >= 2 and all(c.isupper() for c in letters)
        return bool(self.case_sensitive)


@dataclass(frozen=True)
class Cue:
    """A stance cue: a word, phrase or wildcard with a polarity and a weight.

    ``words`` holds the normalised tokens the cue matches, each with a flag telling whether
    it is a prefix (wildcard). ``target`` is None for a cue that counts for every target.
    ``z`` is the z-score of a cue learned by :func:`mediastudy.learn_lexicon` (None for a
    cue written by hand).
    """

    text: str
    polarity: str
    weight: float = 1.0
    target: str | None = None
    words: tuple[tuple[str, bool], ...] = ()
    z: float | None = None


class Lexicon:
    """A validated stance lexicon. Build one with :func:`load_lexicon`.

    Attributes
    ----------
    targets : dict of str to Target
        In the order they were written.
    cues : tuple of Cue
    negators, contrast : frozenset of str
        Normalised tokens.
    source : str
        The file it came from, or ``"<dict>"``.

    Examples
    --------
    >>> lex = load_lexicon({"targets": {"NATO": ["NATO", "the alliance"]},
    ...                     "cues": {"pro": ["defensive"], "anti": ["reckless", "threaten*"]}})
    >>> lex
    Lexicon(source='<dict>', targets=['NATO'], cues=3)
    >>> [(c.text, c.polarity, c.weight) for c in lex.cues]
    [('defensive', 'pro', 1.0), ('reckless', 'anti', 1.0), ('threaten*', 'anti', 1.0)]
    """

    def __init__(
        self,
        targets: Mapping[str, Target],
        cues: tuple[Cue, ...],
        *,
        negators: tuple[str, ...] = DEFAULT_NEGATORS,
        contrast: tuple[str, ...] = DEFAULT_CONTRAST,
        source: str = "<dict>",
        name: str | None = None,
    ) -> None:
        self.name = name
        self.targets = dict(targets)
        self.cues = tuple(cues)
        self.negators = frozenset(normalize_token(w) for w in negators)
        self.contrast = frozenset(normalize_token(w) for w in contrast)
        self.source = source
        self._compiled: Any = None  # filled by mediastudy.stance on first use

    def __repr__(self) -> str:
        return f"Lexicon(source={self.source!r}, targets={list(self.targets)}, cues={len(self.cues)})"

    def to_frame(self):
        """The cues as a DataFrame (``cue, polarity, weight, target, z``), for reading.

        ``z`` is NaN for cues written by hand.

        Examples
        --------
        >>> lex = load_lexicon({"targets": {"NATO": ["NATO"]}, "cues": {"pro": ["defensive"]}})
        >>> lex.to_frame()
                 cue polarity  weight target   z
        0  defensive      pro     1.0    NaN NaN
        """
        import pandas as pd

        return pd.DataFrame(
            {
                "cue": [c.text for c in self.cues],
                "polarity": [c.polarity for c in self.cues],
                "weight": [c.weight for c in self.cues],
                "target": pd.Series([c.target for c in self.cues], dtype="str"),
                "z": pd.Series([c.z for c in self.cues], dtype="float64"),
            }
        )

    def to_yaml(self, path: str | os.PathLike[str] | None = None) -> str:
        """The lexicon in the YAML format :func:`load_lexicon` reads, to vet and edit by hand.

        Learned cues keep their ``weight`` and ``z``; cues of weight 1 are written as plain
        words. Negators and contrast words are written only when they differ from the
        defaults.

        Parameters
        ----------
        path : str, path or None
            Where to write it (UTF-8); None only returns the text.

        Returns
        -------
        str
            The YAML text.

        Examples
        --------
        >>> lex = load_lexicon({"targets": {"NATO": ["NATO"]},
        ...                     "cues": {"pro": ["defensive", {"cue": "safe", "weight": 2}]}})
        >>> print(lex.to_yaml())
        targets:
          NATO:
            aliases:
            - NATO
        cues:
          pro:
          - defensive
          - cue: safe
            weight: 2.0
        <BLANKLINE>
        >>> load_lexicon(lex.to_dict()).to_frame().equals(lex.to_frame())
        True
        """
        text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_dict(self) -> dict[str, Any]:
        """The lexicon as a plain dict of the YAML format (what :meth:`to_yaml` writes)."""

        def entries(cues: list[Cue]) -> dict[str, list]:
            out: dict[str, list] = {}
            for cue in cues:
                item: Any = cue.text
                if cue.weight != 1.0 or cue.z is not None:
                    item = {"cue": cue.text, "weight": float(cue.weight)}
                    if cue.z is not None:
                        item["z"] = float(cue.z)
                out.setdefault(cue.polarity, []).append(item)
            return out

        data: dict[str, Any] = {}
        if self.name is not None:
            data["name"] = self.name
        targets: dict[str, Any] = {}
        for name, target in self.targets.items():
            spec: dict[str, Any] = {"aliases": list(target.aliases)}
            if target.case_sensitive != "auto":
                spec["case_sensitive"] = bool(target.case_sensitive)
            own = [c for c in self.cues if c.target == name]
            if own:
                spec["cues"] = entries(own)
            targets[name] = spec
        data["targets"] = targets
        shared = [c for c in self.cues if c.target is None]
        if shared:
            data["cues"] = entries(shared)
        if self.negators != frozenset(normalize_token(w) for w in DEFAULT_NEGATORS):
            data["negators"] = sorted(self.negators)
        if self.contrast != frozenset(normalize_token(w) for w in DEFAULT_CONTRAST):
            data["contrast"] = sorted(self.contrast)
        return data


def load_lexicon(lexicon: Lexicon | Mapping[str, Any] | str | os.PathLike[str]) -> Lexicon:
    """Read and validate a stance lexicon from a YAML file or a plain dict.

    Parameters
    ----------
    lexicon : Lexicon, dict, str or path
        A path to a YAML file (see the module docstring for the format), a dict of the same
        shape, or an already loaded :class:`Lexicon` (returned as is).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        When the lexicon is malformed; the message names the file, the line and the entry,
        and says what to change.

    Examples
    --------
    >>> load_lexicon({"targets": {"NATO": []}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mediastudy.errors.LexiconError: <dict>, entry targets.NATO: the target has no aliases. ...
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return _Validator(lexicon, {}, "<dict>").lexicon()
    if isinstance(lexicon, (str, os.PathLike)):
        return _from_yaml(Path(lexicon))
    raise InvalidParameterError(
        "The 'lexicon' parameter must be a Lexicon, a dict or the path of a YAML file. "
        f"Got {type(lexicon).__name__} instead.", param="lexicon"
    )


class _StrLoader(SafeLoader):
    """A safe loader that keeps every plain scalar a string (YAML 1.1 would read a cue
    ``no`` or ``off`` as False), except ``~`` and empty values, which stay None."""


_StrLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _from_yaml(path: Path) -> Lexicon:
    source = str(path)
    try:
        raw = read_limited(path, what="Lexicon", error=LexiconError)
    except FileNotFoundError:
        raise LexiconError(
            f"Lexicon file {source} does not exist. Check the path (relative paths are "
            f"read from {Path.cwd()}).", path=source
        ) from None
    except OSError as err:
        raise LexiconError(f"Lexicon file {source} cannot be read ({err.strerror or err}).",
                           path=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LexiconError(f"{source}: not UTF-8 text ({err}). Save it as UTF-8.", path=source) from None
    try:
        # Anchors and aliases are refused before anything is built (see io.yaml_files).
        refuse_aliases(text, source=source, error=LexiconError,
                       hint=" (a cue starting with '*' or '&' must be quoted: '*threaten')")
        loader = _StrLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise LexiconError(f"{source}: the file is empty. It needs a 'targets' section.",
                                   path=source)
            lines: dict[tuple, int] = {}
            _collect_lines(node, (), lines, source)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise LexiconError(
            f"{source}{where}: not valid YAML ({problem}). Check indentation and quoting "
            "there (quote cues that contain ':' or start with '*').",
            path=source, line=None if mark is None else mark.line + 1
        ) from None
    if not isinstance(data, dict):
        raise LexiconError(
            f"{source} line 1: the file must be a mapping with a 'targets' key. "
            f"Got a {type(data).__name__} instead."
        )
    return _Validator(data, lines, source).lexicon()


def _collect_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int], source: str) -> None:
    """Record the 1-based line of every node by its path; reject duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                entry = ".".join(map(str, path + (key,)))
                raise LexiconError(
                    f"{source} line {line}, entry {entry}: '{key}' is listed twice "
                    f"(first at line {seen[key]}). Merge the two entries."
                )
            seen[key] = line
            lines[path + (key,)] = line
            _collect_lines(value_node, path + (key,), lines, source)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect_lines(item, path + (i,), lines, source)


def _entry(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Validator:
    """Turn a plain structure into a Lexicon, raising on the first problem found."""

    def __init__(self, data: Mapping[str, Any], lines: dict[tuple, int], source: str):
        self.data = data
        self.lines = lines
        self.source = source

    def fail(self, path: tuple, message: str) -> None:
        line = self.lines.get(path)
        where = f"{self.source} line {line}" if line is not None else self.source
        if path:
            where += f", entry {_entry(path)}"
        raise LexiconError(f"{where}: {message}")

    def check_keys(self, mapping: Mapping, allowed: tuple[str, ...], path: tuple) -> None:
        for key in mapping:
            if key not in allowed:
                self.fail(
                    path + (key,),
                    f"unknown key '{key}'. Allowed here: {', '.join(allowed)}.",
                )

    def words(self, value: Any, path: tuple, what: str) -> list[tuple[str, tuple]]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(path, f"{what} must be a list of strings. Got {type(value).__name__}.")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(path + (i,), f"{what} must be non-empty strings. Got {item!r}.")
            out.append((item.strip(), path + (i,)))
        return out

    def lexicon(self) -> Lexicon:
        data = self.data
        self.check_keys(data, _TOP_KEYS, ())
        targets_raw = data.get("targets")
        if not isinstance(targets_raw, Mapping) or not targets_raw:
            self.fail(
                ("targets",) if "targets" in data else (),
                "the lexicon needs a non-empty 'targets' mapping of target name to aliases, "
                "e.g. targets: {NATO: [NATO, the alliance]}.",
            )
        targets: dict[str, Target] = {}
        alias_owner: dict[str, tuple[str, tuple]] = {}
        own_cues: list[tuple[Any, tuple, str]] = []
        for name, spec in targets_raw.items():
            path = ("targets", name)
            if not isinstance(name, str) or not name.strip():
                self.fail(path, f"a target name must be a non-empty string. Got {name!r}.")
            case: bool | str = "auto"
            if isinstance(spec, Mapping):
                self.check_keys(spec, _TARGET_KEYS, path)
                aliases = self.words(spec.get("aliases"), path + ("aliases",), "aliases")
                case = self.case(spec.get("case_sensitive", "auto"), path + ("case_sensitive",))
                if spec.get("cues") is not None:
                    own_cues.append((spec["cues"], path + ("cues",), name))
            else:
                aliases = self.words(spec, path, "aliases")
            if not aliases:
                self.fail(
                    path,
                    "the target has no aliases. Give at least one word or phrase that names "
                    "it, e.g. NATO: [NATO, the alliance].",
                )
            for alias, apath in aliases:
                self.check_alias(alias, apath)
                key = " ".join(alias.split()).lower()
                if key in alias_owner:
                    other, opath = alias_owner[key]
                    first = self.lines.get(opath)
                    at = f" (line {first})" if first is not None else ""
                    self.fail(
                        apath,
                        f"alias '{alias}' is listed twice: already under target '{other}'"
                        f"{at}. Keep it under one target.",
                    )
                alias_owner[key] = (name, apath)
            targets[name] = Target(name, tuple(a for a, _ in aliases), case)

        cues: list[Cue] = []
        shared = self.cue_block(data.get("cues"), ("cues",), None)
        seen_shared = {self.cue_key(c): (c, p) for c, p in shared}
        cues.extend(c for c, _ in shared)
        for block, path, name in own_cues:
            own = self.cue_block(block, path, name, seen=dict(seen_shared))
            cues.extend(c for c, _ in own)

        negators = DEFAULT_NEGATORS
        if "negators" in data:
            negators = tuple(w for w, _ in self.words(data["negators"], ("negators",), "negators"))
        contrast = DEFAULT_CONTRAST
        if "contrast" in data:
            contrast = tuple(w for w, _ in self.words(data["contrast"], ("contrast",), "contrast"))
        name = data.get("name")
        return Lexicon(targets, tuple(cues), negators=negators, contrast=contrast,
                       source=self.source, name=None if name is None else str(name))  # fmt: skip

    def case(self, value: Any, path: tuple) -> bool | str:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _CASE_CHOICES:
            return _CASE_CHOICES[value.strip().lower()]
        self.fail(path, f"case_sensitive must be auto, true or false. Got {value!r}.")
        raise AssertionError  # unreachable: fail raises

    def check_alias(self, alias: str, path: tuple) -> None:
        for word in alias.split():
            if "*" in word[:-1] or word == "*":
                self.fail(
                    path,
                    f"alias '{alias}': '*' may only end a word (e.g. sanction*), and cannot stand alone.",
                )

    @staticmethod
    def cue_key(cue: Cue) -> tuple:
        return cue.words

    def cue_block(
        self, block: Any, path: tuple, target: str | None, seen: dict | None = None
    ) -> list[tuple[Cue, tuple]]:
        if block is None:
            return []
        if not isinstance(block, Mapping):
            self.fail(
                path,
                "cues must be a mapping with the keys 'pro' and/or 'anti', each a list of "
                f"cues. Got {type(block).__name__}.",
            )
        self.check_keys(block, POLARITIES, path)
        seen = {} if seen is None else seen
        out = []
        for polarity in POLARITIES:
            items = block.get(polarity)
            if items is None:
                continue
            if isinstance(items, (str, Mapping)):
                items = [items]
            if not isinstance(items, list):
                self.fail(path + (polarity,), f"'{polarity}' must be a list of cues.")
            for i, item in enumerate(items):
                ipath = path + (polarity, i)
                cue = self.cue(item, ipath, polarity, target)
                key = self.cue_key(cue)
                if key in seen:
                    prev_cue, prev_path = seen[key]
                    line = self.lines.get(prev_path)
                    at = f" at line {line}" if line is not None else ""
                    if prev_cue.polarity != polarity:
                        self.fail(
                            ipath,
                            f"cue '{cue.text}' is listed with both polarities: as "
                            f"'{prev_cue.polarity}' in {_entry(prev_path)}{at} and as "
                            f"'{polarity}' here. Decide which it is and delete the other.",
                        )
                    self.fail(
                        ipath,
                        f"cue '{cue.text}' is listed twice (also in {_entry(prev_path)}{at}). "
                        "Delete one; use 'weight' to make a cue count more.",
                    )
                seen[key] = (cue, ipath)
                out.append((cue, ipath))
        return out

    def cue(self, item: Any, path: tuple, polarity: str, target: str | None) -> Cue:
        weight: Any = 1.0
        if isinstance(item, Mapping):
            self.check_keys(item, _CUE_KEYS, path)
            if "cue" not in item:
                self.fail(path, "a cue written as a mapping needs a 'cue' key, "
                                "e.g. {cue: effective, weight: 2}.")  # fmt: skip
            text, weight = item["cue"], item.get("weight", 1.0)
            z = item.get("z")
        else:
            text, z = item, None
        if not isinstance(text, str) or not text.strip():
            self.fail(path, f"a cue must be a non-empty string. Got {text!r}.")
        text = " ".join(text.split())
        try:
            number = float(weight)
        except (TypeError, ValueError):
            number = float("nan")
        if not 0 < number < float("inf"):
            self.fail(path, f"cue '{text}': weight must be a positive number. Got {weight!r}.")
        if z is not None:
            try:
                z = float(z)
            except (TypeError, ValueError):
                self.fail(path, f"cue '{text}': z must be a number (or left out). Got {z!r}.")
        words: list[tuple[str, bool]] = []
        for word in text.split():
            prefix = word.endswith("*")
            core = word[:-1] if prefix else word
            if "*" in core or not core:
                self.fail(
                    path,
                    f"cue '{text}': '*' may only end a word (e.g. threaten*), and cannot stand alone.",
                )
            tokens = [normalize_token(t) for t in tokenize(core)]
            if not tokens:
                self.fail(path, f"cue '{text}' has no word in it.")
            words.extend((t, False) for t in tokens[:-1])
            words.append((tokens[-1], prefix))
        return Cue(text, polarity, number, target, tuple(words), z)
