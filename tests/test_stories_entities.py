"""Cross-document entities: spelling variants merge with evidence; a shared surname alone never does."""

from __future__ import annotations

from storyline.model import Entity
from storyline.stories.entities import explain, link_entities, normalise, person_match


def _entity(id: str, name: str, type: str = "PERSON", aliases: list[str] | None = None) -> Entity:
    return Entity(id=id, name=name, type=type, aliases=aliases or [])


def _group_of(entities, name):
    return next(e for e in entities if name == e.name or name in e.aliases)


def test_first_name_spelling_variants_merge_with_their_evidence():
    linked = link_entities([
        ("a1", [_entity("e1", "Volodymyr Zelensky"), _entity("e2", "Kyiv", "GPE")]),
        ("a2", [_entity("e1", "Volodomyr Zelensky"), _entity("e2", "Kyiv", "GPE")]),
    ])
    zelensky = _group_of(linked, "Volodymyr Zelensky")
    assert zelensky.article_ids == ["a1", "a2"]
    assert {zelensky.name, *zelensky.aliases} == {"Volodymyr Zelensky", "Volodomyr Zelensky"}
    (why,) = zelensky.evidence
    assert "first names spelled alike" in why["reason"]
    assert why["shared_context"] == ["kyiv"]


def test_people_sharing_only_a_surname_stay_apart():
    linked = link_entities([
        ("a1", [_entity("e1", "Tony Blair")]),
        ("a2", [_entity("e1", "Cherie Blair")]),
        ("a3", [_entity("e1", "Blair")]),
        ("a4", [_entity("e1", "Blair")]),
    ])
    persons = sorted(tuple(e.article_ids) for e in linked)
    assert persons == [("a1",), ("a2",), ("a3",), ("a4",)]  # lone surnames lack shared context
    assert person_match("tony blair", "cherie blair") is None
    assert person_match("blair", "tony blair") is None


def test_a_chain_of_merges_cannot_join_two_different_first_names():
    linked = link_entities([
        ("a1", [_entity("e1", "Tony Blair", aliases=["T. Blair"])]),
        ("a2", [_entity("e1", "T. Blair")]),
        ("a3", [_entity("e1", "Terry Blair")]),
    ])
    assert sorted(tuple(e.article_ids) for e in linked) == [("a1", "a2"), ("a3",)]


def test_acronym_tied_by_an_article_needs_shared_context_and_places_merge_across_types():
    linked = link_entities([
        ("a1", [_entity("e1", "World Health Organization", "ORG", ["WHO"]), _entity("e2", "Sri Lanka", "GPE")]),
        ("a2", [_entity("e1", "WHO", "ORG"), _entity("e2", "Sri Lanka", "LOC")]),
    ])
    who = _group_of(linked, "World Health Organization")
    assert who.article_ids == ["a1", "a2"]
    assert "alias 'WHO' tied to World Health Organization" in who.evidence[0]["reason"]
    assert _group_of(linked, "Sri Lanka").article_ids == ["a1", "a2"]
    alone = link_entities([("b1", [_entity("e1", "WHO", "ORG")]),
                           ("b2", [_entity("e1", "World Health Organization", "ORG", ["WHO"])])])
    assert len(alone) == 2  # nothing else in common
    untied = link_entities([("c1", [_entity("e1", "WHO", "ORG"), _entity("e2", "Geneva", "GPE")]),
                            ("c2", [_entity("e1", "World Health Organization", "ORG"), _entity("e2", "Geneva", "GPE")])])
    assert len(untied) == 3  # no article says WHO stands for it


def test_explain_finds_an_entity_by_any_of_its_names():
    rows = [e.to_row() for e in link_entities([
        ("a1", [_entity("e1", "Volodymyr Zelensky")]), ("a2", [_entity("e1", "Volodomyr Zelensky")])])]
    (match,) = explain(rows, "volodomyr zelensky")
    assert match["evidence"][0]["names"] == ["Volodymyr Zelensky", "Volodomyr Zelensky"]
    assert normalise("The U.N.") == "un"


def test_a_shared_role_is_context_enough_for_an_acronym():
    linked = link_entities([("a1", [Entity("e1", "European Central Bank", "ORG", ["ECB"], roles=["lender"])]),
                            ("a2", [Entity("e1", "ECB", "ORG", roles=["lender"])])])
    (bank,) = linked
    assert bank.evidence[0]["shared_context"] == ["role: lender"]


def test_surname_spelling_variants_merge_only_with_shared_context():
    kyiv = Entity("k", "Kyiv", "GPE")
    linked = link_entities([("a1", [_entity("e1", "Volodymyr Zelensky"), kyiv]),
                            ("a2", [_entity("e1", "Volodymyr Zelenskyy"), kyiv]),
                            ("a3", [_entity("e1", "David Johnson")]),
                            ("a4", [_entity("e1", "David Johnston")])])
    assert _group_of(linked, "Volodymyr Zelensky").article_ids == ["a1", "a2"]
    assert _group_of(linked, "David Johnson").article_ids == ["a3"]


def _together(linked, a: str, b: str) -> bool:
    return any({a, b} <= {m["name"] for m in e.members} for e in linked)  # one entity holds both


def test_the_trial_merges_never_happen():
    """The merges a user met on real pages: each pair must stay two entities."""
    linked = link_entities([
        ("air", [_entity("e1", "British Airways", "ORG", ["BA"]), _entity("e2", "Heathrow", "FAC")]),
        ("bush", [_entity("e1", "Bush Administration", "ORG", ["BA"]), _entity("e2", "Heathrow", "FAC")]),
        ("boeing", [_entity("e1", "Burkhardt & Associates", "ORG", ["BA"]), _entity("e2", "Boeing", "ORG")]),
        ("email", [_entity("e1", "BA", "ORG"), _entity("e2", "Boeing", "ORG"), _entity("e3", "Heathrow", "FAC")]),
        ("navy", [_entity("e1", "U.S. Navy", "ORG"), _entity("e2", "Pacific", "LOC")]),
        ("un", [_entity("e1", "U.N.", "ORG"), _entity("e2", "Pacific", "LOC")]),
        ("djibouti", [_entity("e1", "Djibouti City", "GPE"), _entity("e2", "Yemen", "GPE")]),
        ("dc", [_entity("e1", "DC", "GPE"), _entity("e2", "Yemen", "GPE")]),
        ("uk1", [_entity("e1", "England", "GPE", ["Britain"]), _entity("e2", "Wales", "GPE")]),
        ("uk2", [_entity("e1", "Scotland", "GPE", ["Britain"]), _entity("e2", "Wales", "GPE")]),
        ("uk3", [_entity("e1", "Britain", "GPE"), _entity("e2", "Wales", "GPE")]),
    ])
    for a, b in [("British Airways", "Bush Administration"), ("British Airways", "Burkhardt & Associates"),
                 ("Bush Administration", "Burkhardt & Associates"), ("British Airways", "BA"),
                 ("Bush Administration", "BA"), ("U.N.", "U.S. Navy"), ("DC", "Djibouti City"),
                 ("England", "Scotland"), ("England", "Wales"), ("Scotland", "Britain")]:
        assert not _together(linked, a, b), (a, b)


def test_a_surname_tied_to_one_full_name_joins_it_with_evidence():
    linked = link_entities([
        ("a1", [_entity("e1", "Christopher Simpson", aliases=["Simpson"]), _entity("e2", "Oklahoma", "GPE")]),
        ("a2", [_entity("e1", "Simpson"), _entity("e2", "Oklahoma", "GPE")]),
        ("a3", [_entity("e1", "Simpson"), _entity("e2", "Springfield", "GPE")]),
    ])
    simpson = _group_of(linked, "Christopher Simpson")
    assert simpson.article_ids == ["a1", "a2"]  # a3 shares nothing with him: it may be another Simpson
    (why,) = simpson.evidence
    assert why["reason"] == "alias 'Simpson' tied to Christopher Simpson in a1"
    assert why["shared_context"] == ["oklahoma"]


def test_the_same_name_with_accents_or_transliterated_links():
    linked = link_entities([("a1", [_entity("e1", "Viktor Orbán")]), ("a2", [_entity("e1", "Viktor Orban")]),
                            ("a3", [_entity("e1", "Volodymyr Zelenskyy")]), ("a4", [_entity("e1", "Volodymyr Zelensky")])])
    assert sorted(tuple(e.article_ids) for e in linked) == [("a1", "a2"), ("a3", "a4")]


def test_a_pronoun_is_no_alias_of_a_country():
    linked = link_entities([("a1", [_entity("e1", "United States", "GPE", ["Us", "US", "U.S."])]),
                            ("a2", [_entity("e1", "United States", "GPE")])])
    (country,) = linked
    assert "Us" not in country.aliases and {"US", "U.S."} <= set(country.aliases)
