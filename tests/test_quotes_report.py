"""The report's "Who is quoted" section."""

from __future__ import annotations

import pandas as pd
import pytest
from _seed_corpus import seed_article, write_outlets

from mediastudy import run_report


@pytest.mark.filterwarnings("ignore:Stance is not scored", "ignore:assign_topics")
def test_report_has_the_who_is_quoted_section(tmp_path):
    corpus = tmp_path / "corpus"
    for o, outlet in enumerate(["Daily $ <i>News", "Weekly"]):
        folder = corpus / outlet
        folder.mkdir(parents=True)
        for i in range(6):
            body = (f"Trade in the port rose by {i + o} percent in month {i}, the harbour office "
                    f"said. \"We expect more ships next year,\" Harbour Master Anna Lind said. "
                    f"Exporters in region {o} were less sure about prices and costs.")
            (folder / f"{i}.txt").write_text(
                seed_article(f"Port story {i} of {outlet}", f"{10 + o:02d}/0{1 + i % 3}/2023", body),
                encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", k=2, min_articles=1).read_text(encoding="utf-8")
    assert "Who is quoted" in page and "id='quotes'" in page
    assert "<i>News" not in page and "&lt;i&gt;News" in page  # names from the data escaped
    speakers = pd.read_csv(tmp_path / "out" / "tables" / "speakers.csv")
    assert set(speakers["outlet"]) == {"Daily $ <i>News", "Weekly"}
    assert set(speakers["speaker"]) == {"the harbour office", "Anna Lind"}
    quotes = pd.read_csv(tmp_path / "out" / "tables" / "quotes.csv")
    assert len(quotes) == 24 and quotes["direct"].sum() == 12


@pytest.mark.filterwarnings("ignore:Stance is not scored", "ignore:assign_topics")
def test_the_report_counts_a_name_spelt_two_ways_once_and_a_surname_alone_apart(tmp_path):
    corpus = tmp_path / "corpus"
    for o, (outlet, name) in enumerate([("Daily", "Olena Kovalenko"), ("Weekly", "Olena Kowalenko"),
                                        ("Herald", "Olena Kovalenko"), ("Post", "Kovalenko")]):
        folder = corpus / outlet
        folder.mkdir(parents=True)
        for i in range(5 if o < 3 else 2):
            body = (f"Grain exports rose by {i + o} percent in month {i}. \"The corridor holds,\" "
                    f"Minister {name} said. Traders in region {o} were less sure about prices.")
            (folder / f"{i}.txt").write_text(
                seed_article(f"Grain story {i} of {outlet}", f"{10 + o:02d}/0{1 + i % 3}/2023", body),
                encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", k=2, min_articles=1).read_text(encoding="utf-8")
    variants = pd.read_csv(tmp_path / "out" / "tables" / "speaker_variants.csv")
    assert variants[["speaker", "variant", "n_speaker", "n_variant", "rule"]].values.tolist() == [
        ["Olena Kovalenko", "Olena Kowalenko", 10, 5, "spelling"],
        ["Olena Kovalenko", "Kovalenko", 10, 2, "surname"]]
    assert "1 speaker name (5 quotes) is counted as a more quoted name spelt otherwise" in page
    assert "1 surname quoted alone (2 quotes) may be a more quoted full name" in page
    speakers = pd.read_csv(tmp_path / "out" / "tables" / "speakers.csv")
    totals = speakers.groupby("speaker")["n_quotes"].sum().to_dict()
    assert totals == {"Olena Kovalenko": 15, "Kovalenko": 2}  # the spellings as one
    assert set(speakers.loc[speakers["speaker"] == "Olena Kovalenko", "outlet"]) == {
        "Daily", "Weekly", "Herald"}
    assert "a name spelt several ways counted once" in page


@pytest.mark.filterwarnings("ignore:assign_topics")
def test_the_voice_table_blanks_a_score_from_fewer_than_five_cues_as_the_stance_table(tmp_path):
    corpus = write_outlets(tmp_path / "corpus", lambda outlet, i: (
        f"Port story {i}",
        f"NATO is reckless, the editors of {outlet} wrote in issue {i} about ports. "
        + ("\"NATO is defensive,\" Anna Lind said about harbours." if i == 0 else
           f"Shipping in harbour {i} rose.")))
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("targets:\n  NATO: [NATO]\ncues:\n  pro: [defensive]\n  anti: [reckless]\n",
                       encoding="utf-8")
    page = run_report(corpus, tmp_path / "out", k=2, min_articles=1, lexicon=lexicon)
    voice = pd.read_csv(tmp_path / "out" / "tables" / "stance_by_voice.csv").set_index("outlet")
    assert voice["own_cues"].tolist() == [6, 6] and voice["own_score"].tolist() == [-1.0, -1.0]
    assert voice["quoted_cues"].tolist() == [1, 1] and voice["quoted_score"].isna().all()
    assert "empty from fewer than 5 cues" in page.read_text(encoding="utf-8")
