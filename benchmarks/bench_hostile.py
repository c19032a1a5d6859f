"""Hostile YAML (issue 19): an alias bomb and a large lexicon, the old way and ours.

    python benchmarks/bench_hostile.py [--levels 7] [--megabytes 5]

In one process, side by side:

* baseline: what load_lexicon did before issue 19 (PyYAML's pure-Python safe loader
  composes the document, then every node is walked to record its line, then it is built);
* ours: ``mediastudy.load_lexicon`` (anchors and aliases refused as the file is parsed,
  libyaml, a 5 MB limit).

Inputs: a "billion laughs" lexicon (``--levels`` levels of nine aliases each, under an
unused key) and a valid lexicon of about ``--megabytes`` MB (ours reads it: under the
limit), plus a 50 MB one that ours refuses unread. Peak memory is the growth of this
process's peak resident set during each call (the baseline runs last for that reason).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import yaml

import mediastudy as ms
from mediastudy.errors import LexiconError


def bomb(levels: int) -> str:
    lines = ['b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "targets:\n  NATO: [NATO]\nunused:\n" + "".join(f"  {line}\n" for line in lines)


def big_lexicon(megabytes: float) -> str:
    parts, size, i = ["targets:\n"], 0, 0
    while size < megabytes * 1e6 / 2:
        line = f"  Target{i}: [alias number {i}, another alias {i}]\n"
        parts.append(line)
        size += len(line)
        i += 1
    parts.append("cues:\n  pro:\n")
    j = 0
    while size < megabytes * 1e6:
        line = f"    - cue{j}\n"
        parts.append(line)
        size += len(line)
        j += 1
    return "".join(parts)


def baseline(path: Path):
    """The pre-issue-19 reading: pure-Python compose, record every node's line by its path
    (as load_lexicon's line map did, aliases expanded), then construct."""

    def collect(node, where, lines):
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                collect(value, where + (key.value,), lines)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                collect(item, where + (i,), lines)

    loader = yaml.SafeLoader(path.read_text(encoding="utf-8-sig"))
    try:
        node = loader.get_single_node()
        collect(node, (), {})
        return loader.construct_document(node)
    finally:
        loader.dispose()


def timed(func, path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        func(path)
        outcome = "loaded"
    except LexiconError as exc:
        outcome = "refused: " + str(exc).split(os.sep)[-1][:90]
    except RecursionError:
        outcome = "RecursionError"
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return seconds, grown, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, default=7)
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()
    print(f"PyYAML {yaml.__version__}, libyaml: {yaml.__with_libyaml__}")
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            f"alias bomb, {args.levels} levels": bomb(args.levels),
            f"lexicon of {args.megabytes:g} MB": big_lexicon(args.megabytes),
            "lexicon of 50 MB": None,
        }
        rows = []
        for name, text in files.items():
            path = Path(tmp) / "lexicon.yaml"
            if text is None:
                path.write_text(big_lexicon(50))
            else:
                path.write_text(text)
            size = path.stat().st_size / 1e6
            ours = timed(ms.load_lexicon, path)
            base = timed(baseline, path) if text is not None else (None, None, "not run (minutes)")
            rows.append((name, size, base, ours))
        for name, size, base, ours in rows:
            print(f"\n{name} ({size:.2f} MB)")
            for who, (sec, mem, outcome) in (("baseline", base), ("ours", ours)):
                shown = "" if sec is None else f"{sec:8.3f} s  peak +{mem:7.0f} MiB  "
                print(f"  {who:9s} {shown}{outcome}")
            if base[0] is not None and ours[0]:
                print(f"  ratio baseline / ours: {base[0] / ours[0]:,.0f}x")


if __name__ == "__main__":
    main()
