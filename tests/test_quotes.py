"""extract_quotes on hand-written sentences: one test per rule, bad input, the table and plot."""

from __future__ import annotations

import pandas as pd
import pytest

import mediastudy as ms
from mediastudy.errors import SchemaError
from mediastudy.quotes import QUOTE_COLUMNS, extract_quotes, plot_speakers, speakers_table


def rows(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"id": ["a"], "text": [text]}))


def one(text: str, quote_part: str) -> pd.Series:
    """The single row whose quote contains ``quote_part``."""
    q = rows(text)
    hit = q[q["quote"].str.contains(quote_part, regex=False)]
    assert len(hit) == 1, q[["quote", "speaker", "rule"]]
    return hit.iloc[0]


def written(text: str, row: pd.Series) -> str:
    return text[row["speaker_start"]:row["speaker_end"]]


def one_speaker(text: str) -> tuple[str, str]:
    """(speaker, speaker as written) of the single row of ``text``."""
    q = rows(text)
    assert len(q) == 1, q[["quote", "speaker", "rule"]]
    return q["speaker"][0], written(text, q.iloc[0])


def test_columns_and_offsets():
    text = 'Foreign Minister Sergey Lavrov said the plan was reckless. "We will respond," he said.'
    q = rows(text)
    assert list(q.columns) == QUOTE_COLUMNS
    for r in q.itertuples():
        assert text[r.start:r.end] == r.quote
    assert q["direct"].dtype == bool and str(q["speaker_start"].dtype) == "Int64"


@pytest.mark.parametrize("text", [
    '"It is a provocative step," said Lavrov.',              # straight, inversion
    "\u201cIt is a provocative step,\u201d said Lavrov.",    # curly
    '*"It is a provocative step,"* said Lavrov.',            # the seed's markup
])
def test_quote_marks(text):
    r = one(text, "provocative step")
    assert r["quote"].strip(",") == "It is a provocative step"
    assert r["direct"] and r["speaker"] == "Lavrov" and r["cue"] == "said" and r["rule"] == "after"


def test_speaker_after_the_quote_with_pronoun_resolved():
    text = ('Foreign Minister Sergey Lavrov arrived in Ankara on Monday. '
            '"Nobody in this region asked for a missile shield," he told reporters.')
    r = one(text, "missile shield")
    assert written(text, r) == "he"
    assert r["speaker"] == "Sergey Lavrov"


@pytest.mark.parametrize("text, part, speaker, as_written", [
    ("Moscow denied it. The Pentagon said on Tuesday that the claims were untrue.", "untrue",
     "Pentagon", "The Pentagon"),
    ("Talks began. The Russian president said that the talks had failed badly.", "failed",
     "the Russian president", "The Russian president"),  # as written mid-sentence
    ("Joe Biden spoke first. Then a Biden aide said that the bill would pass this week.", "bill",
     "a Biden aide", "a Biden aide"),  # an aide, not Joe Biden
])
def test_a_role_or_institution_is_no_ones_name(text, part, speaker, as_written):
    r = one(text, part)
    assert r["speaker"] == speaker and written(text, r) == as_written


@pytest.mark.parametrize("text, speaker, as_written", [
    ("The war went on. Former Ukrainian president Pyotr Poroshenko has since admitted that "
     "\u201cthe deal bought us time to build an army.\u201d", "Pyotr Poroshenko",
     "Former Ukrainian president Pyotr Poroshenko"),
    ("According to Russian media, the strike hit a depot near the border town on Monday.",
     "Russian media", "Russian media"),
    ("The bridge fell in Ukraine. Ukrainian officials said the attack came at dawn on Friday.",
     "Ukrainian officials", "Ukrainian officials"),  # not "Ukraine. Ukrainian officials"
    ("Moscow reacted. Pentagon officials said that the strike was not theirs at all.",
     "Pentagon officials", "Pentagon officials"),
])
def test_a_speaker_noun_takes_the_name_it_belongs_to(text, speaker, as_written):
    """'Russian' alone, or 'officials' alone, is not who spoke."""
    assert one_speaker(text) == (speaker, as_written)


@pytest.mark.parametrize("text, speaker", [
    ("The US-based Institute for the Study of War said that Russian forces were stalled.",
     "US-based Institute for the Study of War"),  # not "the Study of War"
    ("Britain's Ministry of Defence said the convoy had been hit overnight near the town.",
     "Britain's Ministry of Defence"),  # not "Defence"
    ("Governor of Sevastopol Mikhail Razvozhaev said the drone attack had been repelled.",
     "Mikhail Razvozhaev"),
    ("Secretary of State Antony J. Blinken said the talks would continue next week.",
     "Antony J. Blinken"),
    ("President Vladimir Putin of Russia said the operation was going to plan.",
     "Vladimir Putin"),  # not "Russia"
    ("Residents of Izyum said the shelling had stopped by the morning.", "residents"),
    ("Some of the major energy companies said prices would rise again in winter.",
     "the major energy companies"),
])
def test_a_speaker_written_with_of_or_for(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


def test_a_first_name_is_not_looked_for_across_a_sentence_or_clause():
    text = ("The shelling went on in Kyiv. Nikita, a student, hid in a cellar. In February, Ivan "
            "Petrov fled. Petrov said the city was calm again by the evening.")
    assert rows(text)["speaker"].tolist() == ["Ivan Petrov"]
    for text in ("It rained in Kyiv. Petrov left early. Petrov said that the city was calm again.",
                 "In February, Petrov left early. Petrov said that the city was calm again."):
        assert rows(text)["speaker"].tolist() == ["Petrov"]  # not "Kyiv. Petrov", "February, Petrov"


@pytest.mark.parametrize("text, expected", [
    ("Russian state media reported that the strike had hit a depot near the border.", None),
    ("The Baltic states have asked for more troops along their eastern borders this year.", None),
    ("Minnesota state delegate Mary Susan said the convention could fail badly.", "said"),
    ("They state their goal is to expand the territory they hold in the east.", "state"),
    ("The ministry states that the convoy was hit by artillery fire overnight.", "states"),
    ('"Leave is available after one year of employment," the document states.', "states"),
])
def test_state_is_a_cue_only_where_it_is_the_verb(text, expected):
    """'state(s)' is a noun in "state media", "Baltic states", "state delegate"."""
    cues = set(rows(text)["cue"].dropna())
    assert "state" not in cues and "states" not in cues if expected in (None, "said") else expected in cues
    if expected == "said":
        assert cues == {"said"}


@pytest.mark.parametrize("text, part, pronoun", [
    ("I told them that they had been very brave all along.", "brave", "I"),
    ('Snow fell. "The shelling has to stop now," he said.', "shelling", "he"),
])
def test_a_pronoun_that_names_no_one_leaves_the_speaker_missing(text, part, pronoun):
    r = one(text, part)
    assert pd.isna(r["speaker"]) and written(text, r) == pronoun


def test_speaker_before_the_quote_with_title():
    text = 'Foreign Minister Sergey Lavrov said: "We will respond to any deployment."'
    r = one(text, "respond")
    assert r["rule"] == "before"
    assert written(text, r) == "Foreign Minister Sergey Lavrov"
    assert r["speaker"] == "Sergey Lavrov"  # the title is not part of the name


def test_surname_resolved_to_the_fullest_earlier_mention():
    text = ('Sergey Lavrov met his counterpart in Ankara. Later, Lavrov said the talks had been '
            'useful but that no agreement was near.')
    r = one(text, "useful")
    assert written(text, r) == "Lavrov" and r["speaker"] == "Sergey Lavrov"


def test_organisations_as_speakers():
    text = ('The Kremlin said the move threatened regional stability. '
            'NATO said in a statement that the system was purely defensive.')
    q = rows(text)
    assert q["speaker"].tolist() == ["Kremlin", "NATO"]
    assert q["quote"].tolist() == ["the move threatened regional stability.",
                                   "the system was purely defensive."]
    assert not q["direct"].any()


def test_reported_speech_forms():
    text = ('Marren told parliament the deployment was defensive. '
            'The deployment is not aimed at anyone, the minister said. '
            'According to the ministry, the first battery will be ready in autumn. '
            'Velin warned that the region would pay the price.')
    q = rows(text)
    got = dict(zip(q["quote"].str.rstrip("."), q["speaker"], strict=True))
    assert got == {
        "the deployment was defensive": "Marren",
        "The deployment is not aimed at anyone": "the minister",
        "the first battery will be ready in autumn": "the ministry",
        "the region would pay the price": "Velin",
    }
    assert set(q["rule"]) == {"reported"}


def test_said_x_inversion_with_a_description():
    text = '"The report is false," said a spokesman for the ministry.'
    r = one(text, "false")
    assert written(text, r) == "a spokesman for the ministry"


def test_appositive_between_speaker_and_cue():
    text = ('"The plan is unfair," Bernie Sanders, the senator from Vermont, said on Tuesday.')
    r = one(text, "unfair")
    assert r["speaker"] == "Bernie Sanders"


def test_continuation_in_the_next_paragraph():
    text = ('"We will not be intimidated," Prime Minister Ilse Marren said.\n\n'
            '"Our doors stay open to anyone who wants to talk."')
    r = one(text, "doors stay open")
    assert r["rule"] == "continuation" and r["speaker"] == "Ilse Marren"
    assert written(text, r) == "Prime Minister Ilse Marren"  # where the speaker was named


def test_continuation_stops_at_a_new_speaker():
    text = ('"We will not be intimidated," Prime Minister Ilse Marren said.\n\n'
            'Opposition leader Tomas Greve disagreed with her.\n\n'
            '"This government has no plan at all for the border," Greve said.')
    r = one(text, "no plan")
    assert r["speaker"] == "Tomas Greve"


def test_quote_over_several_paragraphs():
    text = ('Velin read a statement. \u201cThe first part of a long statement by the minister\n\n'
            '\u201cand the second part, which ends here,\u201d Velin said.')
    r = one(text, "first part")
    assert "second part" in r["quote"] and r["speaker"] == "Velin"


def test_unbalanced_marks_are_skipped():
    text = 'He called it \u201creckless. Then he left.\n\nNothing else happened "today.'
    assert rows(text).empty


def test_scare_quotes_without_speaker_are_not_attributions():
    assert rows('The so-called "peace plan" was never published.').empty


def test_a_show_or_book_title_in_quotation_marks_is_no_attribution():
    # a title after a possessive, "on" or a noun such as "book" quotes nobody: it takes
    # neither the cue nor the quotation that follows
    text = ("On ABC\u2019s \u201cGood Morning America\u201d Tuesday, Marren said, "
            "\u201cI never promised to pay for it.\u201d")
    q = rows(text)
    assert not q["quote"].str.contains("Good Morning").any()
    r = one(text, "never promised")
    assert r["speaker"] == "Marren" and r["rule"] == "before"
    text = 'Sunday on Fox News\u2019 "Sunday Morning Futures," Greve said the plan was reckless and costly.'
    r = one(text, "reckless")
    assert r["speaker"] == "Greve" and r["rule"] == "reported" and not r["direct"]
    # the same words as speech are still a quotation
    assert one('"Sunday Morning Futures," Greve said.', "Sunday")["speaker"] == "Greve"


def test_a_quotation_that_ends_its_sentence_is_not_extended_into_the_next():
    text = 'Velin said: "We will not attend." Asked why, the ministry gave no reason.'
    r = one(text, "attend")
    assert r["quote"].rstrip(".") == "We will not attend"
    # a quotation that is only part of its sentence still takes the rest of it
    text = 'Velin called the plan "a provocation" aimed at the border regions.'
    assert one(text, "provocation")["quote"].endswith("border regions.")


def test_a_sentence_that_only_names_the_speaker_attributes_the_quotation_before_it():
    text = 'The talks ended.\n\n"We will find the missing funds." Marren said.\n\nGreve left.'
    r = one(text, "missing funds")
    assert r["speaker"] == "Marren" and r["rule"] == "after"
    # but a new sentence that says more is not an attribution of the quotation before it
    text = 'The talks ended.\n\n"We will find the missing funds." Marren said the audit was late.'
    assert one(text, "missing funds")["speaker"] != "Marren"


def test_a_pronoun_is_not_resolved_to_a_quoted_title():
    text = ('Sergey Lavrov arrived. On the \u201cMorning Brief Show\u201d he spoke: '
            '"Nobody asked for a missile shield," he said.')
    assert one(text, "missile shield")["speaker"] == "Sergey Lavrov"


def test_an_opening_phrase_with_several_commas_and_multiword_participles():
    text = ('Speaking at a rally in Salem, New Hampshire, Marren went after Greve, '
            'calling him \u201ca total failure.\u201d')
    assert one(text, "total failure")["speaker"] == "Marren"
    # "referring to X" is a participle: X is whom it refers to, not the speaker
    text = '"We won ten states; he won three," Velin said, referring to Greve.'
    assert one(text, "ten states")["speaker"] == "Velin"
    # an appositive after the subject is not an opening phrase
    text = 'In Vessen, Marren, the prime minister, went further, calling it "a betrayal."'
    assert one(text, "betrayal")["speaker"] == "Marren"


def test_a_document_issued_by_the_speaker():
    text = 'Marren released a new radio ad calling the deal "a betrayal of our farmers."'
    r = one(text, "betrayal")
    assert written(text, r) == "Marren"
    text = 'Hours later, she issued a statement calling for "calm and patience."'
    assert written(text, one(text, "calm")) == "she"


def test_an_age_as_the_speaker():
    text = '"We came for the change," said the 46-year-old.'
    r = one(text, "change")
    assert written(text, r) == "the 46-year-old"


def test_quotation_inside_reported_clause_is_one_row():
    text = 'Sanders said the nation\u2019s problems are so daunting that "we must go beyond politics."'
    q = rows(text)
    assert len(q) == 1
    assert q["direct"].iloc[0] and q["speaker"].iloc[0] == "Sanders"
    assert q["quote"].iloc[0].startswith("the nation")


def test_cue_inside_a_quotation_is_not_an_attribution():
    text = '"They said we would lose, and we won," Marren said.'
    q = rows(text)
    assert len(q) == 1 and q["speaker"].iloc[0] == "Marren"


def test_participle_takes_the_sentence_subject():
    text = 'Paul interjected, calling the credit "a welfare transfer payment for the rich."'
    r = one(text, "welfare")
    assert r["speaker"] == "Paul"


@pytest.mark.parametrize("text", ["", "   ", "No quotations here at all.", None, float("nan")])
def test_empty_and_quoteless_texts(text):
    q = extract_quotes(pd.DataFrame({"id": ["a"], "text": [text]}))
    assert q.empty and list(q.columns) == QUOTE_COLUMNS


def test_ten_megabytes_of_quotation_marks():
    # must come back with no rows, in time proportional to the size (no backtracking)
    for mark in ('"', "\u201c", "\u201d", '*"'):
        with pytest.warns(UserWarning, match="read up to that length"):
            assert rows(mark * 5_000_000).empty
    assert rows(('"' * 1000 + "\n") * 900).empty
    assert rows("." * 900_000).empty and rows("A" * 900_000).empty


def test_a_quote_of_100000_characters():
    body = "word " * 20_000
    q = rows('He said "' + body + '" and left.')
    assert len(q) <= 1  # a clear result: skipped as a stray mark, or one reported clause
    q2 = rows("\u201c" + body)
    assert q2.empty


def test_long_text_without_sentence_ends():
    text = ("Lavrov said " + "very " * 90_000 + "much.") * 2
    q = rows(text)
    assert (q["end"] - q["start"]).max() <= 1000


def test_input_frame_is_not_modified():
    corpus = ms.load_demo()
    before = corpus.copy(deep=True)
    extract_quotes(corpus)
    pd.testing.assert_frame_equal(corpus, before)


def test_column_names_and_errors():
    corpus = pd.DataFrame({"doc": ["x"], "body": ['"It is fine, really," Ann Lee said.']})
    q = extract_quotes(corpus, text_column="body", id_column="doc")
    assert q["id"].tolist() == ["x"]
    with pytest.raises(SchemaError, match="text"):
        extract_quotes(corpus, id_column="doc")
    with pytest.raises(SchemaError, match="DataFrame"):
        extract_quotes(["a text"])


def test_demo_corpus_has_named_speakers():
    corpus = ms.load_demo()
    q = extract_quotes(corpus)
    assert q["id"].isin(corpus["id"]).all()
    named = q["speaker"].dropna()
    assert len(named) > 100
    assert q["direct"].sum() > 20


# --- speakers table and plot -------------------------------------------------------------

@pytest.fixture
def small():
    corpus = pd.DataFrame({
        "id": ["a", "b", "c"],
        "outlet": ["X", "X", "Y"],
        "date": pd.to_datetime(["2023-01-05", "2023-02-07", "2023-01-09"]),
        "text": [
            '"It will pass," said Senator Ann Lee. Lee added that it was fair.',
            'Ann Lee said the vote was close. "We lost," Tom Ray said.',
            'The plan is unfair, Tom Ray said.',
        ],
    })
    return corpus, extract_quotes(corpus)


def test_speakers_table_by_outlet(small):
    corpus, quotes = small
    t = speakers_table(quotes, corpus)
    assert list(t.columns) == ["outlet", "speaker", "n_quotes", "n_direct", "n_reported",
                               "n_articles", "share"]
    x = t[t["outlet"] == "X"].set_index("speaker")
    assert x.loc["Ann Lee", "n_quotes"] == 3 and x.loc["Ann Lee", "n_direct"] == 1
    assert x.loc["Ann Lee", "n_articles"] == 2
    assert x["share"].sum() == pytest.approx(1.0)
    assert t[t["outlet"] == "Y"]["speaker"].tolist() == ["Tom Ray"]


def test_speakers_table_by_period_and_top_n(small):
    corpus, quotes = small
    t = speakers_table(quotes, corpus, by=None, freq="M", top_n=1)
    assert list(t.columns[:2]) == ["period", "speaker"]
    assert t["period"].tolist() == [pd.Timestamp("2023-01-01"), pd.Timestamp("2023-02-01")]
    overall = speakers_table(quotes, by=None)
    assert overall["n_quotes"].sum() == quotes["speaker"].notna().sum()


def test_speakers_table_errors(small):
    corpus, quotes = small
    with pytest.raises(ValueError, match="freq"):
        speakers_table(quotes, corpus, freq="weekly")
    with pytest.raises(ValueError, match="corpus"):
        speakers_table(quotes, None, by="outlet")
    with pytest.raises(SchemaError, match="outlet"):
        speakers_table(quotes, corpus.drop(columns="outlet"))


def test_plot_speakers_draws_the_table(small):
    import matplotlib.pyplot as plt

    corpus, quotes = small
    corpus = corpus.assign(outlet=["$X$", "$X$", "Y"])
    table = speakers_table(quotes, corpus)
    fig, ax = plt.subplots()
    out = plot_speakers(table, top_n=5, ax=ax)
    assert out is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert set(labels) == {"Ann Lee", "Tom Ray"}
    assert labels[-1] == "Ann Lee"  # the most quoted on top
    bars = [p for c in ax.containers for p in c]
    assert sum(int(b.get_width()) for b in bars) == table["n_quotes"].sum()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [r"\$X\$", "Y"]  # shown literally, not as math text


def test_plot_speakers_stacked_bars_end_to_end_with_their_totals(small):
    import matplotlib.pyplot as plt

    corpus, quotes = small
    table = speakers_table(quotes, corpus)
    totals = table.groupby("speaker")["n_quotes"].sum()
    fig, ax = plt.subplots()
    plot_speakers(table, top_n=5, stacked=True, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ends = {}
    for container in ax.containers:
        for y, bar in enumerate(container):
            ends[labels[y]] = max(ends.get(labels[y], 0), bar.get_x() + bar.get_width())
    assert ends == {s: float(totals[s]) for s in labels}  # each bar ends at its speaker's total
    assert sorted(t.get_text().strip() for t in ax.texts) == sorted(str(int(totals[s])) for s in labels)
    with pytest.raises(ValueError, match="stacked"):
        plot_speakers(table, stacked="yes", ax=ax)
    plt.close(fig)


def test_plot_speakers_stacks_many_outlets_by_default():
    import matplotlib.pyplot as plt

    text = 'Ann Lee said the plan was fair and good. "It will pass soon enough," said Tom Ray.'
    corpus = pd.DataFrame({"id": list("abcdef"), "outlet": list("UVWXYZ"), "text": [text] * 6})
    fig, ax = plt.subplots()
    plot_speakers(corpus, ax=ax)
    assert len(ax.containers) == 6 and ax.texts  # six outlets: end to end, totals written
    assert all(bar.get_height() == pytest.approx(0.8) for c in ax.containers for bar in c)
    plt.close(fig)


def test_plot_speakers_from_a_corpus():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    plot_speakers(ms.load_demo(), top_n=4, ax=ax)
    assert len(ax.get_yticklabels()) == 4


def test_plot_speakers_from_quotes_and_corpus_with_variants_counted_as_one():
    import matplotlib.pyplot as plt

    text = ('"The plan is fair," said Olena Kovalenko. "It will pass," Olena Kowalenko said. '
            '"We shall see," said Tom Ray.')
    corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": [text, text]})
    quotes = extract_quotes(corpus)
    variants = {"Olena Kowalenko": "Olena Kovalenko"}
    fig, ax = plt.subplots()
    plot_speakers(quotes, corpus, variants=variants, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Tom Ray", "Olena Kovalenko"]  # 4 quotes once counted as one, on top
    widths = {labels[y]: 0 for y in range(len(labels))}
    for container in ax.containers:
        for y, bar in enumerate(container):
            widths[labels[y]] += int(bar.get_width())
    assert widths == {"Olena Kovalenko": 4, "Tom Ray": 2}
    plt.close(fig)
    fig, ax = plt.subplots()  # the corpus alone: the same bars
    plot_speakers(corpus, variants=variants, ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    plt.close(fig)


def test_plot_speakers_names_what_it_cannot_use(small):
    corpus, quotes = small
    table = speakers_table(quotes, corpus)
    with pytest.raises(ValueError, match="pass 'variants' to speakers_table"):
        plot_speakers(table, variants={"Ann": "Ann Lee"})
    with pytest.raises(ValueError, match="pass 'corpus' to speakers_table"):
        plot_speakers(table, corpus)
    with pytest.raises(ValueError, match=r"plot_speakers\(quotes, corpus\)"):
        plot_speakers(quotes)  # the outlets are in the corpus
    with pytest.raises(ValueError, match=r"plot_speakers: by='section' names no column of 'data' or 'corpus'"):
        plot_speakers(quotes, corpus, by="section")  # not drawn ungrouped
    with pytest.raises(ValueError, match=r"'variants' parameter of plot_speakers maps 'Ann' to itself"):
        plot_speakers(quotes, corpus, variants={"Ann": "Ann"})


def test_single_quotation_marks_quote_where_a_text_has_no_double_ones():
    from mediastudy.quotes._marks import single_as_double

    text = ("Moscow was quiet. He added: 'But I believe in the power of leadership. I know it "
            "hasn't been easy.' Putin's 'special operation', as he calls it, went on. "
            "\u2018We don\u2019t know yet,\u2019 said Olga Petrova. Jones' car and the '90s stay.")
    double = single_as_double(text)
    assert len(double) == len(text)  # one character for one: the offsets hold
    assert double.count('"') == 4 and double.count("\u201c") == 1 and double.count("\u201d") == 1
    assert "hasn't" in double and "Putin's" in double and "don\u2019t" in double and "Jones'" in double
    q = rows(text)
    olga = q[q["speaker"] == "Olga Petrova"]
    assert len(olga) == 1 and olga["direct"].iloc[0] and olga["quote"].iloc[0].startswith("We don\u2019t")
    assert text[olga["start"].iloc[0] - 1] == "\u2018"  # offsets into the text as given
    # with any double mark in the text, single marks are apostrophes or inner quotations
    mixed = 'She said "no" to the plan and \'yes\' to the other one.'
    assert single_as_double(mixed) == mixed


def test_single_marks_in_bulk_are_read_once():
    from mediastudy.quotes._marks import single_as_double

    for text in ("'a " * 200_000, "'" * 500_000, "\u2018a\u2019b " * 100_000):
        assert len(single_as_double(text)) == len(text)


@pytest.mark.parametrize("text, speaker, as_written", [
    ("Markets fell sharply, according to a senior Western intelligence official.",
     "a senior Western intelligence official", "a senior Western intelligence official"),
    ("The prisoners were beaten, according to Russian human rights lawyers and activists.",
     "Russian human rights lawyers", "Russian human rights lawyers"),  # not "Russian"
    ("According to Russian state TV, the vote had been a great success for everyone.",
     "Russian state TV", "Russian state TV"),  # not "TV"
    ("The strike failed to hit the bridge, according to The Associated Press.",
     "Associated Press", "The Associated Press"),  # not "Associated"
    ("The attack was repelled, the Ukrainian General Staff said in its nightly update.",
     "Ukrainian General Staff", "the Ukrainian General Staff"),  # not "Staff"
    ("The Ukrainian President said the army would hold the line in the east this winter.",
     "Ukrainian President", "The Ukrainian President"),  # not a person called Ukrainian
    ("\u201cThe talks are over for now,\u201d said the Foreign Secretary.",
     "Foreign Secretary", "the Foreign Secretary"),
])
def test_a_name_that_only_modifies_a_noun_is_not_cut_from_it(text, speaker, as_written):
    """An organisation's or a description's words are kept: no word of it passes for a
    person's surname."""
    assert one_speaker(text) == (speaker, as_written)


@pytest.mark.parametrize("text, speaker, as_written", [
    ("They found a network that officials say spread false stories across the region.",
     "officials", "officials"),  # "that" is a relative pronoun, no determiner
    ("Russian deputy foreign minister, Sergei Ryabkov, said that Moscow viewed the aid as hostile.",
     "Sergei Ryabkov", "Sergei Ryabkov"),  # not "that Moscow", after the cue
    ("The group's executive director, Lena Korhonen, said that Tavi's plan had failed badly.",
     "Lena Korhonen", "Lena Korhonen"),  # the person, not the role before her name
    ("Amnesty's regional director, Lena Korhonen, said that Tavi's plan had failed badly.",
     "Lena Korhonen", "Lena Korhonen"),
    ("\u201cWe will not retreat from this,\u201d said Secretary of State Marta Ellison on Monday.",
     "Marta Ellison", "Secretary of State Marta Ellison"),  # not "Secretary"
    ("Mira Halden spoke first. Later, Miss Halden said she would cut taxes for all next month.",
     "Mira Halden", "Miss Halden"),
    ("Markets were calm. Sir Tobias Wren said that the bank would hold its rates this year.",
     "Tobias Wren", "Sir Tobias Wren"),
])
def test_the_speaker_phrase_is_the_subject_not_its_neighbours(text, speaker, as_written):
    assert one_speaker(text) == (speaker, as_written)


@pytest.mark.parametrize("text, speaker, as_written", [
    ("Defence Secretary Ben Harlow visited the base. Later the Defence Secretary said that "
     "the troops would stay for the winter.", "Ben Harlow", "the Defence Secretary"),
    ("Prime Minister Mira Halden spoke first. \u201cWe stand firm on this,\u201d the prime minister "
     "said.", "Mira Halden", "the prime minister"),
    ("Kremlin spokesman Dmitry Orlov was asked about it. The Kremlin spokesman said that the talks "
     "were over.", "Dmitry Orlov", "The Kremlin spokesman"),
    # a former holder of the role, or the role of another country, is not the one speaking
    ("Former Prime Minister Tom Bryce spoke first. The Prime Minister said that the talks were over.",
     "Prime Minister", "The Prime Minister"),
    ("Russian President Ivan Sokol spoke first. The President said that the talks were over for now.",
     "president", "President"),
    # an indefinite role names no one in particular
    ("Defence Secretary Ben Harlow visited. A defence secretary said that the troops would stay.",
     "a defence secretary", "A defence secretary"),
])
def test_a_role_is_the_person_the_article_named_in_it(text, speaker, as_written):
    assert one_speaker(text) == (speaker, as_written)


@pytest.mark.parametrize("text, speaker", [
    ("Markets were calm. Sir Keir said that the bank would hold its rates this year.", "Sir Keir"),
    ("Markets were calm. Dame Ann Lowry said that the bank would hold its rates.", "Ann Lowry"),
    # a byline in capitals run into the name after it
    ("ANNA MARSH FOR THE DAILY POST Tom Bryce said that the deal was done on Friday.", "Tom Bryce"),
])
def test_honorifics_and_bylines_around_a_name(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


def test_a_name_is_its_capitalised_words_and_a_possessive_is_the_name():
    text = ("The book revealed new details surrounding Tom Bryce's firing. Later Bryce said that "
            "the claims were false. Attorney General William P. Barr spoke. The attorney general "
            "said that the case was closed.")
    assert rows(text)["speaker"].tolist() == ["the book", "Tom Bryce", "William P. Barr"]


def test_a_surname_that_is_also_a_title_is_not_a_role():
    text = ("Judge Brett Harlow heard the case. Mark Judge wrote a book. Later Judge said that he "
            "had not been at the party.")
    assert rows(text)["speaker"].tolist() == ["judge"]  # as before: not Brett Harlow


def test_a_description_before_one_capitalised_word_stays():
    text = "Gas storage sites were 71 percent full, according to grid operator ValGas."
    assert rows(text)["speaker"].tolist() == ["grid operator ValGas"]


@pytest.mark.parametrize("text, speaker", [
    ("They found a troll farm that police say spread the stories across the region.", "police"),
    ("The deal is off, according to Russian news agencies in the capital this week.",
     "Russian news agencies"),  # a plural in -ies is a speaker noun too
    ("Later, the Russian embassy said that the photographs had been taken illegally.",
     "the Russian embassy"),
])
def test_collective_plurals_and_embassies(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # the name ends with its sentence
    ("Ana flew to meet President Tom Bryce. Ukrainian officials were hopeful. \u201cWe stand with "
     "you,\u201d the president said.", "Tom Bryce"),
    # another role qualified by the word before it: not the one speaking
    ("Chancellor Ben Harlow set out his plans. Labour's shadow chancellor Mira Halden was unmoved. "
     "\u201cThis is a budget for growth,\u201d the chancellor said.", "Ben Harlow"),
    ("President Tom Bryce travelled with vice president Mira Halden. \u201cWe are united here,\u201d "
     "the president said.", "Tom Bryce"),
    ("The late President Tom Bryce was remembered. \u201cWe will not forget,\u201d the president "
     "said.", "the president"),
    # two holders of the role: neither is taken
    ("President Ivan Sokol hosted President Tom Bryce in the capital. \u201cOur friendship has no "
     "limits,\u201d the president said.", "the president"),
    # a place between commas is no speaker
    ("The mayor of Springfield, Illinois, said the city would rebuild the bridge by spring.",
     "the mayor of Springfield"),
    # a singular noun ending in s takes its determiner
    ("The crash was loud. That witness said he saw the car speed away from the scene.", "that witness"),
])
def test_roles_and_neighbours_the_review_found(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


def test_a_first_name_is_looked_for_within_a_window_before_the_surname():
    """The look-back is bounded (an article of many surnames stays linear in its length):
    a first name written further back than the window leaves the surname as written."""
    from mediastudy.quotes._names import FIRST_NAME_WINDOW

    filler = "The weather was calm and nothing else happened that day. " * (FIRST_NAME_WINDOW // 50)
    near = "Ana Brill spoke first. Later Brill said that the plan had failed."
    far = "Ana Brill spoke first. " + filler + "Later Brill said that the plan had failed."
    assert rows(near)["speaker"].tolist() == ["Ana Brill"]
    assert rows(far)["speaker"].tolist() == ["Brill"]


def test_a_role_with_for_before_a_name_between_commas():
    text = "Deputy Minister for Arts and Sport, Dawn Bowden, said the games would go ahead."
    assert rows(text)["speaker"].tolist() == ["Dawn Bowden"]


def test_plot_speakers_refuses_a_table_cut_to_each_outlets_top_speakers():
    """A speaker cut from one outlet's top n would be drawn as 0 there: the cut table is refused,
    the whole table draws every outlet's count."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mediastudy.errors import InvalidParameterError

    q = pd.DataFrame({"id": ["a", "a", "a", "b", "b", "b"], "speaker": ["X", "X", "Y", "Y", "Y", "X"],
                      "direct": [True] * 6, "start": range(6), "end": range(1, 7)})
    corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["A", "B"]})
    cut = speakers_table(q, corpus, by="outlet", top_n=1)
    assert cut[["outlet", "speaker", "n_quotes"]].values.tolist() == [["A", "X", 2], ["B", "Y", 2]]
    fig, ax = plt.subplots()
    with pytest.raises(InvalidParameterError, match="top_n=1"):
        plot_speakers(cut, ax=ax)
    ax = plot_speakers(speakers_table(q, corpus, by="outlet"), stacked=True, ax=ax)
    assert sorted(t.get_text().strip() for t in ax.texts) == ["3", "3"]  # X: 2 + 1, Y: 1 + 2
    plt.close(fig)


@pytest.mark.parametrize("text, speaker, as_written", [
    # a lower-case word before a title and a name after the cue: the name
    ('"We will win," said former Rep. Steve Israel, a Democrat.', "Steve Israel", "former Rep. Steve Israel"),
    ('"It is wrong," said former Arkansas governor Mike Huckabee.', "Mike Huckabee",
     "former Arkansas governor Mike Huckabee"),
    ('"It is wrong," said White House counsel Gregory Craig.', "Gregory Craig",
     "White House counsel Gregory Craig"),
    # an adverb between the speaker and the cue is no part of the speaker
    ("An earlier version of this article incorrectly said it was his spokesman.", "this article",
     "this article"),
    ("The minister falsely claimed that the ship had sunk.", "the minister", "The minister"),
    # (a weak cue with an adverb before it was no attribution at all)
    ("The ministry formally announced that the talks had failed.", "the ministry", "The ministry"),
    # not an adverb: names and nouns in -ly
    ("Sally Kelly said that the talks had failed.", "Sally Kelly", "Sally Kelly"),
    ("The family said that the talks had failed.", "the family", "The family"),
    # a month after "in", "of"... is a date, not a first name; a name may be a month too
    ("In April Romney said he agrees with the plan.", "Romney", "Romney"),
    ("In February Vladimir Putin said the operation would be short.", "Vladimir Putin", "Vladimir Putin"),
    ("April Ryan said that the briefing was cancelled.", "April Ryan", "April Ryan"),
    # words that open a sentence are no part of the name after them
    ("Eventually Marianna Petrova left the city. \u201cIt was terrible,\u201d she said.", "Marianna Petrova",
     "she"),
    ('Said Trump: "We have large trade deficits with Mexico."', "Trump", "Trump"),
    ("Edward Said said the book was good.", "Edward Said", "Edward Said"),  # (a name, too)
    # a capitalised compound adjective describes the speaker; it is not a name
    ("Elizabeth Price Foley teaches law. The Harvard-educated Foley calmly explained that the "
     "case was weak.", "Price Foley", "The Harvard-educated Foley"),
    ("'We have to see how it unfolds,' said the Singapore-based grains trader.",
     "the Singapore-based grains trader", "the Singapore-based grains trader"),
    ("Kim Jong-un said that the test had succeeded.", "Kim Jong-un", "Kim Jong-un"),
    ("This person said that the talks had failed.", "this person", "This person"),
    # who was told is not who told it; a description before a name between commas
    ("Wagner's founder, billionaire Evgeniy Prigozhin, told Russian media outlet New Day that "
     "Wagner was behind the project.", "Evgeniy Prigozhin", "Evgeniy Prigozhin"),
    ("The group's leader, activist Jane Roe, said the march would go ahead.", "Jane Roe",
     "activist Jane Roe"),
    # a former holder answers to a role written with "former" (as the module docstring says)
    ('Former governor Mike Huckabee spoke first. "There are people hurting," said the former governor.',
     "Mike Huckabee", "the former governor"),
])
def test_openers_adverbs_dates_and_compound_adjectives_around_a_speaker(text, speaker, as_written):
    assert one_speaker(text) == (speaker, as_written)


def test_a_pronoun_after_an_opening_word_and_a_known_surname_is_that_person():
    text = "Matt Kugelmass founded a drone company. Once Kugelmass got that check, he thought he would relax."
    assert one_speaker(text) == ("Matt Kugelmass", "he")
    text = ("Matt Kugelmass founded a drone company. Kugelmass said it was hard. After the sale of "
            "Airphrame Holdings, Once Kugelmass got that check, he thought he would relax.")
    assert rows(text)["speaker"].tolist() == ["Matt Kugelmass", "Matt Kugelmass"]


def test_i_with_a_contraction_is_the_pronoun_i():
    # as "I hope": the speaker is the pronoun I, which names no one (see above); not a person
    # called "I'm" (an adverb between a speaker and a cue is skipped: "I'm really hoping")
    for text in ("So I'm really hoping there's something that can be done.",
                 "I\u2019ve repeatedly argued that the talks would fail."):
        q = rows(text)
        assert len(q) == 1 and pd.isna(q["speaker"][0]) and written(text, q.iloc[0]) == "I", text


@pytest.mark.parametrize("text, speaker, as_written", [
    # a nationality alone is an adjective: "the Russian" a person described, not named
    ('"I can\'t imagine that," the Russian replied.', "the Russian", "the Russian"),
    # ... unless the article writes it as a surname
    ("Mark Cuban owns a team. Cuban said that the league was fair.", "Mark Cuban", "Cuban"),
    # a speaker noun between capitalised words and a name after the cue
    ('"It is a disaster," wrote Russian journalist Alexander Sladkov.', "Alexander Sladkov",
     "Russian journalist Alexander Sladkov"),
    ('"He has broken our heart," said Trump supporter Sue Payne, a conservative activist.', "Sue Payne",
     "Trump supporter Sue Payne"),
])
def test_nationalities_and_speaker_nouns_next_to_a_name(text, speaker, as_written):
    assert one_speaker(text) == (speaker, as_written)


def test_a_speaker_noun_before_a_name_is_read_within_its_sentence():
    q = rows("Prices of oil and coal rose sharply in May, according to Commerce Department data. "
             "Natural gas prices fell.")
    assert not q["speaker"].fillna("").str.contains("Natural").any()


def test_a_nationality_as_an_adjective_is_no_speaker():
    for text in ("Russian sources today mocked Western claims that a missile hit Poland.",
                 "According to Russian law, treason carries a long sentence of prison.",
                 'A Russian warship in the Black Sea was "seriously damaged by a missile" on Wednesday.'):
        assert not rows(text)["speaker"].isin(["Western", "Russian"]).any(), text


def test_according_to_at_a_sentence_end_reports_what_comes_before_it():
    text = ("His political expertise was deeply valued, according to officials who worked with him "
            "in Kyiv for years.")
    q = rows(text)
    assert q["quote"].tolist() == ["His political expertise was deeply valued"]
    assert q["speaker"].tolist() == ["officials"]


@pytest.mark.parametrize("text, speaker", [
    # up to two plain words between a capitalised modifier and a speaker noun
    ("Estonian border police said that the crossing was closed for the night.", "Estonian border police"),
    ("Russian state media reported that the strike killed ten people.", "Russian state media"),
    # ... not a preposition or a verb
    ("The plane landed at Moscow's Sheremetyevo Airport after police said that it was safe to do so.",
     "police"),
    ("Moscow has long accused the West of lying, and Ukraine says police were there all night.", "Ukraine"),
])
def test_a_speaker_noun_takes_its_modifiers(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text", [
    "Voters who supported Trump overwhelmingly said the economy was their first concern.",
    "People who met Obama briefly said he was charming and attentive at the dinner.",
])
def test_an_adverb_is_not_skipped_out_of_a_relative_clause(text):
    """The name inside "who supported Trump" is the relative clause's object, not the one
    who spoke (the adverb before the cue is skipped only when no relative clause lies between)."""
    assert not rows(text)["speaker"].isin(["Trump", "Obama"]).any()


def test_an_adverb_is_skipped_after_a_relative_pronoun_that_is_the_object():
    text = "They found a troll farm that officials repeatedly say spread the stories across the region."
    assert rows(text)["speaker"].tolist() == ["officials"]


@pytest.mark.parametrize("text, speaker", [
    ("A daughter of June Carter said the family would hold a private service.",
     "A daughter of June Carter"),  # after "of", a month starts a name ...
    ("The children of May Lee said that the house would be sold in the spring.",
     "The children of May Lee"),
])
def test_a_month_after_of_is_a_first_name(text, speaker):
    assert one_speaker(text)[1] == speaker


def test_a_month_after_end_of_is_a_date():
    # ... unless "of" follows a word of time ("at the end of June")
    text = "At the end of June Carter said the family would hold a private service."
    assert one_speaker(text) == ("Carter", "Carter")


@pytest.mark.parametrize("text, speaker", [
    # between commas after a description, a name after a verb, a preposition or an adverb is
    # no appositive: the description speaks
    ("The lawsuit, filed against Google, said the company had broken the law.", "the lawsuit"),
    ("The company, formerly Twitter, said it would appeal the ruling.", "the company"),
    ("The report, citing Reuters, said the talks had stalled.", "the report"),
    # a noun before the name describes the person: the person speaks
    ("The group's leader, veteran activist Jane Roe, said the march would go ahead.", "Jane Roe"),
])
def test_the_words_before_a_name_between_commas_are_nouns(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # no modifier across a relative adverb or a conjunction
    ("He lived in Florida where state officials said the storm had passed.", "officials"),
    ("The fire spread across Texas while local officials said that it was contained.", "officials"),
    # a place after a preposition is where, not whose
    ("In Kyiv local police said three people were hurt in the blast.", "police"),
    ("The march ended in Kyiv where police said three people were hurt in the blast.", "police"),
])
def test_a_speaker_noun_takes_no_modifier_across_a_clause_or_a_preposition(text, speaker):
    q = rows(text)
    assert [written(text, r) for _, r in q.iterrows()] == [speaker]


@pytest.mark.parametrize("text, quote", [
    # "according to X" with no comma after it, a new clause following: what follows is reported
    ("Since the invasion began in February, according to the United Nations more than 8 million "
     "people have fled the country.", "more than 8 million people have fled the country."),
    ("After the storm hit the coast, according to officials there were no deaths at all.",
     "there were no deaths at all."),
    # X runs on to the sentence end: what comes before is reported
    ("Grain exports fell by half, according to people familiar with the matter.",
     "Grain exports fell by half"),
])
def test_according_to_mid_sentence_reports_the_clause_after_it(text, quote):
    assert rows(text)["quote"].tolist() == [quote]


@pytest.mark.parametrize("text, speaker", [
    # a nationality before an organisation's word is the organisation's name
    ("The attack was planned weeks ahead, according to British intelligence.", "British intelligence"),
    ("The bridge was hit twice overnight, according to Russian television.", "Russian television"),
    # a company's name and a surname stay names
    ("American Airlines said it would cancel hundreds of flights on Monday.", "American Airlines"),
    ("Dr. Anne French runs the clinic. French said the staff were exhausted after the winter.",
     "Anne French"),
])
def test_a_nationality_before_an_organisation_word_is_a_speaker(text, speaker):
    assert rows(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("org", ["the Georgian news Channel 1", "the Defence Intelligence",
                                 "the Foreign Ministry"])
def test_he_and_she_never_point_back_to_an_organisation(org):
    # an organisation named as a source is no "he": the person named before it is
    text = (f"Irakli Kobakhidze spoke on Monday. The plan was fair, according to {org}. "
            "He said voters should decide on the referendum themselves.")
    assert one(text, "voters should decide")["speaker"] == "Irakli Kobakhidze"
    text = f"The plan was fair, according to {org}. It said voters should decide on it soon."
    assert one(text, "voters should decide")["speaker"] == org.removeprefix("the ").removesuffix(" 1")


@pytest.mark.parametrize("cue", ["said", "told reporters", "added on Tuesday"])
def test_a_quotation_with_its_speaker_reported_by_a_source_stays_the_speakers(cue):
    # "“...,” X said, according to Y": X's words (Y reported them), no row for Y over them
    text = (f"Irakli Kobakhidze spoke on Monday. \u201cWe can hold a referendum on it,\u201d "
            f"Kobakhidze {cue}, according to the Georgian news Channel 1. The vote is not planned.")
    q = rows(text)
    assert q[["quote", "speaker", "direct"]].values.tolist() == [
        ["We can hold a referendum on it,", "Irakli Kobakhidze", True]]


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    ("Apple announced the plan to investors, according to Bloomberg.",
     "Apple announced the plan to investors", "Bloomberg"),
    ("The economy grew last year, according to the ministry more than expected.",
     "The economy grew last year", "ministry"),
])
def test_according_to_after_a_plain_clause_still_reports_it(text, quote, speaker):
    # only a quotation's "X said," is its speaker's; a clause ending in a verb is the source's,
    # and "more than" without a number starts no clause of its own
    q = rows(text)
    got = q[q["cue"] == "according to"]
    assert got["quote"].tolist() == [quote] and speaker in got["speaker"].iloc[0]


def test_a_person_whose_surname_is_an_organisation_word_is_still_she():
    text = ('Tennis great Margaret Court told reporters the rules were unfair. '
            '"I will not stop campaigning for this," she said.')
    assert one(text, "I will not stop")["speaker"] == "Margaret Court"
