"""Quotes and speakers on the seed article and on the edge cases of issue 4."""

from __future__ import annotations

import importlib

import pytest

from storyline.analyze.nlp import parse

quotes_module = importlib.import_module("storyline.analyze.quotes")
extract_quotes = quotes_module.extract_quotes

JUNK_PREFIXES = ("{", "To view", "browser", "supports", "video", "Up Next", "window.", "if (",
                 "var ", "return", "}", "container", "placeholder", "President Donald Trump delivers",
                 "The president’s office said", "US President Donald Trump and", "When Putin and")


def _seed_article(seed_path) -> str:
    """The seed's article paragraphs, without the dump's scripts, JSON-LD and captions."""
    text = seed_path.read_text(encoding="utf-8")
    body = text[text.index("Donald Trump confirmed he will") : text.index("The last time the two")]
    paragraphs = [p.strip() for p in body.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p and not p.startswith(JUNK_PREFIXES))


@pytest.fixture(scope="module")
def seed_quotes(seed_path):
    return extract_quotes(parse(_seed_article(seed_path)), [])


def _quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}"
    return found[0]


def _quotes(text: str):
    return extract_quotes(parse(text), [])


def test_every_seed_direct_quote_is_attributed(seed_quotes):
    quoted = [q for q in seed_quotes if q.kind != "indirect"]
    assert len(quoted) >= 12
    for q in quoted:
        assert q.speaker_entity is not None, q.text
        assert any(name in q.speaker_entity for name in ("Trump", "Zelensky", "Orbán")), q.text


@pytest.mark.parametrize("words", ["telling him about the call", "don’t get along",
                                   "we need Tomahawks", "congratulated me"])
def test_pronoun_and_role_speakers_resolve_to_trump(seed_quotes, words):
    assert _quote_with(seed_quotes, words).speaker_entity == "Donald Trump"


def test_truth_social_posts_and_orban_on_x(seed_quotes):
    assert _quote_with(seed_quotes, "I have just concluded").channel == "Truth Social"
    assert _quote_with(seed_quotes, "If Hamas continues to kill").channel == "Truth Social"
    orban = _quote_with(seed_quotes, "great news for the peace-loving")
    assert "Orbán" in orban.speaker_entity and orban.channel == "X"
    assert "Zelensky" in _quote_with(seed_quotes, "rushing to resume dialogue").speaker_entity


def test_continuation_paragraph_inherits_the_previous_speaker(seed_quotes):
    q = _quote_with(seed_quotes, "We also spent a great deal of time")
    assert q.speaker_entity == "Donald Trump" and q.cue is None
    assert q.channel == "Truth Social"


def test_scare_quote_is_not_speech(seed_quotes):
    assert not any(q.text.strip("‘’") == "productive" for q in seed_quotes)
    confirmed = _quote_with(seed_quotes, "productive")
    assert confirmed.kind == "indirect"


def test_nested_quote_stays_inside_its_outer_quote(seed_quotes):
    q = _quote_with(seed_quotes, "“inglorious”")
    assert q.text.startswith("‘President Putin and I") and q.text.endswith("to an end.’")
    assert q.speaker_entity == "Donald Trump"


@pytest.mark.parametrize(("speaker", "words"), [
    ("Ushakov", "missiles would hamper the peace process"),
    ("Ushakov", "preparations will begin immediately"),
    ("Leavitt", "possible to get Putin and Zelensky in the same room"),
    ("Hamas", "it had honoured the ceasefire terms"),
    ("Trump", "would make arrangements for the meeting"),
])
def test_seed_indirect_speech(seed_quotes, speaker, words):
    q = _quote_with(seed_quotes, words)
    assert q.kind == "indirect" and speaker in q.speaker_entity
    assert q.cue is not None


def test_offsets_index_the_text(seed_quotes, seed_path):
    text = _seed_article(seed_path)
    for q in seed_quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text


def test_after_quote_cue_and_second_quote_of_same_speaker():
    text = ("“The inside is lined with recycled rubber. It is easy to clean,” says Mary Ann Smith. "
            "“We also installed a fan to get some air flow on hot days.”")
    # one attribution its cue interrupts: one quote whose two pieces are its fragments
    (quote,) = _quotes(text)
    assert quote.speaker.text == "Mary Ann Smith" and quote.cue.text == "says" and quote.kind == "direct"
    assert [f.text for f in quote.fragments] == [
        "“The inside is lined with recycled rubber. It is easy to clean,”",
        "“We also installed a fan to get some air flow on hot days.”"]


def test_according_to_and_said_after_content():
    quotes = _quotes("According to the police, the driver was not wearing a seatbelt.\n\n"
                     "The economy will slow down next year, the central bank said on Tuesday.")
    assert [q.kind for q in quotes] == ["indirect", "indirect"]
    assert quotes[0].speaker.text == "the police" and quotes[0].text.startswith("the driver")
    assert quotes[1].speaker.text == "the central bank"


def test_multi_paragraph_quote_has_fragments():
    text = ("The minister said: “We will build the bridge. It will take three years.\n\n"
            "“And it will be paid for by the province, not by the towns along the river.”")
    (q,) = _quotes(text)
    assert len(q.fragments) == 2 and q.speaker.text == "The minister"


@pytest.mark.parametrize("text", [
    '"We are not going anywhere this winter," she said.',
    "«We are not going anywhere this winter», she said.",
    "„We are not going anywhere this winter“, she said.",
    "'We are not going anywhere this winter,' she said.",
])
def test_quote_mark_styles(text):
    (q,) = _quotes("Maria Lopez runs the shelter. " + text)
    assert "not going anywhere" in q.text and q.speaker_entity == "Maria Lopez"


def test_apostrophes_do_not_close_single_quotes():
    (q,) = _quotes("Ms. Khan said: ‘We don’t know, and the leaders’ plans aren’t public yet, sadly.’")
    assert q.text.endswith("sadly.’")


def test_edge_cases_give_sensible_output():
    assert _quotes("") == []
    assert _quotes("The council met on Tuesday. Nothing was decided.") == []
    (unclosed,) = _quotes("The mayor said: “We will rebuild the harbour and the market square")
    assert unclosed.text.endswith("market square") and unclosed.confidence < 0.85
    long_quote = "“" + " ".join(["word"] * 5000) + ".” the mayor said."
    (q,) = _quotes(long_quote)
    assert len(q.text) > 20000 and q.speaker.text == "the mayor"


def test_embedded_post_and_pull_quote():
    text = ("Crews worked through the night.\n\n"
            "Damage is unprecedented with hundreds of trees on power lines across the island. "
            "pic.twitter.com/abc123 — BC Hydro (@bchydro) December 22, 2018\n\n"
            "It is very bad for our senior population if they have no backup. Rod Peters, Lake Cowichan mayor")
    post, pull = _quotes(text)
    assert post.text.endswith("across the island") and post.speaker.text == "BC Hydro"
    assert post.channel == "X"
    assert pull.text.endswith("no backup") and pull.speaker.text == "Rod Peters"


def test_short_quote_after_naming_verb_is_attributed():
    (q,) = _quotes("Prime Minister Justin Trudeau called the allegation “false” on Thursday.")
    assert q.text == "“false”" and q.speaker_entity == "Justin Trudeau"


def test_nested_reported_speech_is_kept():
    quotes = _quotes("Mr. Wilkinson said he heard from many Green supporters who said they would "
                     "vote NDP to keep the status quo.")
    assert {q.speaker_entity for q in quotes} >= {"Wilkinson"}
    assert any(q.text.startswith("they would vote NDP") for q in quotes)


def test_colon_introduction_without_a_cue_verb():
    (q,) = _quotes("Elon Musk took to Twitter with this: “Chairman is an honorific, not an executive "
                   "role, which means it is not needed to run Tesla.”")
    assert q.speaker_entity == "Elon Musk" and q.kind == "direct"


def test_headline_that_leads_with_its_speaker():
    quotes = _quotes("Mike Pence: Gennifer Flowers Will Not Be at the Debate Tonight.\n\n"
                     "The vice-presidential nominee spoke on Sunday.")
    assert quotes[0].speaker.text == "Mike Pence" and quotes[0].text.startswith("Gennifer")


def test_addressee_of_told_and_said_to():
    told, said = _quotes("On Tuesday, Donald Trump told Hamas that if it does not disarm, the US will "
                         "disarm it. Ms. Khan said to reporters that the talks had failed.")
    assert told.addressee == "Hamas" and said.addressee == "reporters"


def test_two_apostrophes_as_a_double_mark():
    (q,) = _quotes("''The sooner he releases his entire returns, the better,'' Mr. Goldberg told CNBC.")
    assert q.text.startswith("''The sooner") and q.text.endswith("better,''")
    assert q.speaker.text == "Goldberg" and q.addressee == "CNBC"


def test_line_linking_to_another_story_is_not_a_quote():
    text = ("READ MORE: Federal budget won't be balanced until 2040, Finance Department says\n\n"
            "The minister said the deficit would shrink next year.")
    quotes = _quotes(text)
    assert not any("2040" in q.text for q in quotes)
    assert any("deficit would shrink" in q.text for q in quotes)


def test_a_yes_or_no_answer_reports_no_clause():
    quotes = _quotes("But he shook his head and said no when reporters asked if the meeting "
                     "would take place before March 2.")
    assert not any("reporters asked" in q.text for q in quotes)


def test_cue_parsed_as_a_complement_of_what_it_reports():
    quotes = _quotes("Chapman admits in this instance, there were fatalities.")
    assert [(q.text, q.speaker_entity) for q in quotes] == [("there were fatalities", "Chapman")]


def test_cue_inside_reported_speech_splits_it_in_two_fragments():
    quotes = _quotes("The plan, the minister said, would cost the province billions of dollars.")
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.speaker_entity == "the minister"
    assert [f.text for f in quote.fragments] == ["The plan", "would cost the province billions of dollars"]


def test_quotes_signed_with_a_dash_and_a_name():
    text = ("Readers responded to the debate.\n\n“Mr. Trump is clueless about the struggles of minorities "
            "and the poor.” ― Edwin G. Monroy “Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan")
    quotes = _quotes(text)
    assert [(q.speaker.text, q.kind) for q in quotes] == [("Edwin G. Monroy", "direct"), ("Steve Quinlan", "direct")]
    assert "build a wall" in quotes[1].text


def test_the_noun_a_passive_participle_modifies_is_no_speaker():
    quotes = _quotes('Topics discussed included the U.S. "Star Wars" missile defence system, the future '
                     'of NORAD, and cracking down on illegal activities on the border.')
    assert not any(q.speaker and q.speaker.text == "Topics" for q in quotes)


def test_words_quoted_inside_reported_speech_are_no_quotes_of_their_own():
    quotes = _quotes('Bill Gates receives up to four million emails a year, and most of it is "junk" '
                     'or "spam," according to Microsoft CEO Steve Ballmer.')
    assert [(q.kind, q.speaker_entity) for q in quotes] == [("indirect", "Steve Ballmer")]
    assert "most of it is" in quotes[0].text


def test_a_named_committee_is_its_own_speaker():
    text = ("OSLO — The 2004 Nobel Peace Prize was awarded today to Dr Wangari Maathai from Kenya. "
            'The Nobel committee cited "her contribution to sustainable development, democracy and peace" '
            "as the reasons for awarding the prize.")
    doc = parse(text)
    from storyline.analyze.entities import extract_entities

    quotes = extract_quotes(doc, extract_entities(doc))
    assert [q.speaker_entity for q in quotes] == ["The Nobel committee"]


def test_a_title_abbreviation_ends_no_pull_quote_and_saying_outranks_going_on():
    text = ("The government of Zambia has launched a new national agricultural policy, according to a "
            "report by the Times of Zambia. The newspaper reports that the policy was announced yesterday "
            "by the country's Minister of Agriculture, Mr. Mundia Sikatana.\n\n"
            "Mr Sikatana went on to say that the policy contained detailed strategies for livestock "
            "and fisheries.")
    doc = parse(text)
    from storyline.analyze.entities import extract_entities

    quotes = extract_quotes(doc, extract_entities(doc))
    assert [(q.kind, q.attribution) for q in quotes] == [("indirect", "speech")] * 3
    assert quotes[0].speaker_entity == quotes[1].speaker_entity
    assert quotes[0].speaker_entity.removeprefix("the ") == "Times of Zambia"
    assert quotes[2].cue.text == "say" and quotes[2].speaker_entity == "Mundia Sikatana"


def test_a_speaker_is_never_someone_named_later():
    text = ("Budget talks\n\nThe minister said on Monday that the budget would pass. \"We will win this vote,\" "
            "she added.\n\nThe opposition leader John Smith disagreed. \"This is the end of an era,\" he said.")
    doc = parse(text)
    from storyline.analyze.entities import extract_entities

    quotes = extract_quotes(doc, extract_entities(doc))
    assert [q.speaker_entity for q in quotes] == ["The minister", "The minister", "John Smith"]


def test_scare_quotes_and_titles_are_marked_as_such():
    from storyline.analyze.quotes import quoted_phrases

    text = ("Donald Trump confirmed he will meet with the Russian president within weeks after a ‘productive’ "
            'call. Topics included the U.S. "Star Wars" missile defence system. "We will win," she said.')
    phrases = quoted_phrases(text, _quotes(text))
    assert [(p.text, p.kind) for p in phrases] == [("‘productive’", "scare"), ('"Star Wars"', "title")]
    assert all(text[p.start : p.end] == p.text and p.evidence for p in phrases)


def test_lead_in_before_a_colon_and_a_time_clause_of_the_cue_are_not_reported_speech(seed_quotes):
    assert not any(q.text.startswith("what will happen") for q in seed_quotes)
    assert _quote_with(seed_quotes, "Budapest, Hungary").speaker_entity == "Donald Trump"
    revealed = _quote_with(seed_quotes, "the pair will meet")
    assert revealed.text == "that the pair will meet" and revealed.channel == "Truth Social"


def _article_quotes(text: str):
    from storyline.analyze.entities import extract_entities

    doc = parse(text)
    return extract_quotes(doc, extract_entities(doc))


def test_a_role_description_that_names_its_person_and_a_name_next_to_the_verb():
    quotes = _article_quotes(
        "Bowler Shane Warne has stated that he will be targeting New Zealand captain Stephen Fleming, "
        "Glenn McGrath has revealed that he will be after Nathan Astle.\n\n"
        "The New Zealand team's reaction was muted. \"It's just history repeating itself\", said former "
        "New Zealand coach and former test player John Bracewell.")
    assert _quote_with(quotes, "after Nathan Astle").speaker_entity == "Glenn McGrath"
    assert _quote_with(quotes, "history repeating").speaker_entity == "John Bracewell"


def test_a_pronoun_skips_a_speaker_whose_first_name_tells_another_gender():
    quotes = _article_quotes(
        "UN emergency relief coordinator Jan Egeland has said that he is increasingly optimistic about "
        "the relief efforts. The BBC's Rachel Harvey, stationed in Banda Aceh, reports that the area has "
        "been completely cut off for a week. He also said that logistical bottlenecks were improving.")
    assert _quote_with(quotes, "logistical bottlenecks").speaker_entity == "Jan Egeland"


def test_transcript_labels_name_the_speaker():
    quotes = _article_quotes(
        "The following is an email exchange recorded in the Congressional Record.\n\n"
        ":Secretary of the Air Force James Roche: \"No, Sir, save it and blow him away. He admits that "
        "they were not technically qualified!\"\n\n"
        "WALLACE: \"Let's start with breaking news on the debate story tonight.\"")
    assert _quote_with(quotes, "save it").speaker_entity == "James Roche"
    assert _quote_with(quotes, "breaking news").speaker.text == "WALLACE"


def test_a_cue_opening_the_next_paragraph_does_not_claim_a_short_quote():
    quotes = _quotes('"It is too early," one diplomat told Reuters. "Let\'s wait."\n\n'
                     'Albares later wrote on X that "Spain stands with Ukraine".')
    assert not any(q.text == '"Let\'s wait."' and q.cue and q.cue.text == "wrote" for q in quotes)


def test_a_role_noun_is_not_resolved_to_a_group_that_spoke_before():
    quotes = _quotes("Officials said the economy is weak. The economy is weak, the minister said.")
    assert [q.speaker_entity for q in quotes] == ["Officials", "the minister"]


def test_two_coordinated_people_are_not_one_described(seed_quotes):
    ironed = [q for q in seed_quotes if "details of their upcoming meeting" in q.text]
    assert all(q.speaker_entity != "Vladimir Putin" for q in ironed)


def test_seed_stances_stay_clean(seed_quotes):
    stances = [q.text for q in seed_quotes if q.attribution == "stance"]
    assert not [t for t in stances if "details of their upcoming meeting" in t or "another threat" in t], stances
