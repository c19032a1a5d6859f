"""The report's "Copies and wire stories" section."""

from __future__ import annotations

import pandas as pd

from mediastudy import run_report

WIRE = ("The port authority of Vessen closed the northern harbour on Monday after a storm damaged "
        "two cranes and a grain terminal, and ships were sent to the southern docks while "
        "engineers checked the quays for cracks. Officials said the harbour could reopen by the "
        "end of the week if the weather held and the inspections found nothing serious.")


def _article(title, day, body):
    return f"\n{title}\n\n{day}\n\n{body}\n---\n"


def test_report_has_the_copies_section(tmp_path):
    corpus = tmp_path / "corpus"
    for o, outlet in enumerate(["Wire $ Agency", "Daily", "Weekly"]):
        folder = corpus / outlet
        folder.mkdir(parents=True)
        for i in range(8):
            body = (f"Report {i} from {outlet} on trade, ports and prices in month {i}. "
                    f"Volumes moved by {i + o} percent, exporters in region {o} said.")
            if i == 0:
                body = WIRE if o == 0 else f"VESSEN ({'AP'}) - {WIRE}"
            (folder / f"{i}.txt").write_text(_article(f"Story {i} of {outlet}", f"{10 + o:02d}/0{1 + i % 3}/2023", body),
                                             encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", k=2, min_articles=1).read_text(encoding="utf-8")
    assert "Copies and wire stories" in page
    assert "carry the text of an earlier article (2 near copies)" in page
    assert 'copies=&quot;each&quot;' in page or 'copies="each"' in page
    dups = pd.read_csv(tmp_path / "out" / "tables" / "duplicates.csv")
    assert sorted(dups["kind"]) == ["copy", "copy", "origin"]
    flows = pd.read_csv(tmp_path / "out" / "tables" / "copy_flows.csv")
    assert set(flows["origin_outlet"]) == {"Wire $ Agency"}
    assert set(flows["agencies"]) == {"AP 1"}
    assert (tmp_path / "out" / "figures").exists()
