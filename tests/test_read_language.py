"""Encodings without a declared charset, language identification in any script, word counts."""

import storyline
from storyline.read import read
from storyline.read.decode import _latin, decode_page
from storyline.read.language import count_words, guess_language

FRENCH = "<html><body><h1>Café réouvert à Montréal</h1><p>Le maire a déclaré que la ville était prête.</p></body></html>"
POLISH = "<p>Prezydent powiedział, że rząd będzie współpracował z Komisją. Zażółć gęślą jaźń.</p>"
RUSSIAN = "<p>Президент заявил, что правительство будет сотрудничать с комиссией.</p>"
JAPANESE = ("東京都内で十二日、アジア太平洋地域の首脳が集まる国際会議が開幕した。議長を務める首相は記者会見で"
            "「地域の平和と安定のために協力を深めたい」と述べた。会議では気候変動や経済協力が主な議題となる。")


def test_ambiguous_western_page_without_charset_is_read_as_windows_1252():
    for page in (FRENCH, "<p>Café réouvert à Montréal</p>", "<p>Müller sagte, die Straße würde gesperrt.</p>"):
        decoded = decode_page(page.encode("cp1252"))
        assert decoded.encoding == "cp1252" and decoded.text == page
        assert decoded.how in ("western", "detected") and decoded.alternatives  # the encodings that lost
    article = read(FRENCH.encode("cp1252"))
    assert article.title == "Café réouvert à Montréal"
    evidence = article.evidence["encoding"]
    assert evidence.reason.startswith("cp1252") and evidence.alternatives


def test_central_european_and_cyrillic_pages_keep_their_detected_encoding():
    assert "Zażółć gęślą jaźń" in decode_page(POLISH.encode("cp1250")).text
    assert "Президент заявил" in decode_page(RUSSIAN.encode("cp1251")).text
    # every byte of this Czech is defined in windows-1252 too ("Pøíliš"): language identification tells them apart
    czech = ("<p>Prezident republiky dnes v Praze řekl, že vláda bude pokračovat v jednáních o rozpočtu. "
             "Ministr financí uvedl, že situace je vážná.</p>")
    assert decode_page(czech.encode("cp1250")).text == czech
    turkish = "<p>Cumhurbaşkanı Erdoğan, Türkiye’nin güçlü olduğunu söyledi. Işık ve ağaç.</p>"
    assert decode_page(turkish.encode("cp1254")).text == turkish


def test_a_declared_charset_still_wins():
    page = '<meta charset="windows-1250"><p>Zażółć gęślą jaźń</p>'.encode("cp1250")
    decoded = decode_page(page)
    assert decoded.how == "declared" and "Zażółć" in decoded.text


def test_languages_in_other_scripts_are_identified_even_when_short():
    assert guess_language(JAPANESE)[0] == "ja"
    assert guess_language("Президент заявил, что правительство будет сотрудничать.")[0] == "ru"
    assert guess_language("国务院总理今天在北京会见了来访的外国代表团，双方就经贸合作交换了意见。")[0] == "zh"
    assert guess_language("대통령은 오늘 서울에서 기자회견을 열고 경제 협력을 강조했다.")[0] == "ko"
    assert guess_language("قال الرئيس إن الحكومة ستتعاون مع اللجنة في الأيام المقبلة.")[0] == "ar"


def test_latin_script_needs_enough_words_and_english_is_english():
    assert guess_language("Obama said so.") is None  # too short to tell
    english = ("The minister told reporters on Monday that the government would announce new measures "
               "to support families before the end of the year, and that talks with the unions would go on.")
    assert guess_language(english)[0] == "en"


def test_words_are_counted_in_scripts_without_spaces():
    assert count_words("The minister spoke today.") == 4
    assert count_words(JAPANESE) > 40  # two characters a word, as the reader counts Chinese and Japanese
    assert 5 <= count_words("นายกรัฐมนตรีกล่าวว่ารัฐบาลจะช่วยเหลือประชาชน") <= 15


def test_a_japanese_page_is_read_with_its_language_and_flagged_by_the_analysis():
    page = f"<html><head><title>国際会議</title></head><body><article><p>{JAPANESE}</p></article></body></html>"
    article = read(page.encode("utf-8"))
    assert article.language == "ja"
    assert "language_not_supported:ja" in storyline.analyze(article).flags


def test_a_page_that_declares_english_around_text_in_another_script_is_flagged():
    article = read(f"<html lang='en'><body><article><p>{JAPANESE}</p></article></body></html>".encode())
    assert article.language == "en"  # what the page declares
    assert "language_not_supported:ja" in storyline.analyze(article).flags


def test_an_undefined_windows_1252_byte_leaves_the_other_latin_reading():
    # found by the read() fuzzer: windows-1252 first among equals, but 0x81 is undefined in it
    data = "Café réouvert à Montréal".encode("latin-1") + b"\x81"
    decoded = _latin(data, ["cp1252", "latin_1"])
    assert decoded.encoding == "latin_1" and decoded.text.startswith("Café réouvert")


def test_a_page_declaring_a_codec_that_is_not_text_is_still_read():
    # hex, base64, rot13 and zip are Python codecs, not text encodings: the declaration is ignored
    page = b'<html><head><meta charset="hex"></head><body><p>' + "café ".encode("latin-1") * 50 + b"</p></body></html>"
    decoded = decode_page(page)
    assert decoded.how != "declared" and "café" in decoded.text
