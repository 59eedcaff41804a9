"""The language gate: English passes with its language set, other languages are skipped and named,
and what the detector cannot be sure of is kept."""

from __future__ import annotations

import pytest

from armswatch.model import Document
from armswatch.sources.language import MIN_CONFIDENCE, UNKNOWN, detect_language, language_gate

ENGLISH = ("The ministry said on Tuesday that it would deliver new equipment to the army, according to a "
           "statement published by the defence ministry. Deliveries are to begin in the spring and go on for "
           "two years, a spokesman said, without giving details of the value of the contract. The opposition "
           "criticised a decision taken without a debate in parliament.")

# The same news item in other languages written in Latin letters.
FOREIGN = {
    "fr": "Le gouvernement a annoncé mardi qu'il livrerait de nouveaux équipements à l'armée, selon un "
          "communiqué publié par le ministère de la Défense. Les livraisons doivent commencer au printemps et "
          "se poursuivre pendant deux ans, a précisé un porte-parole, qui n'a pas donné de détails.",
    "es": "El gobierno anunció el martes que entregará nuevos equipos al ejército, según un comunicado "
          "publicado por el Ministerio de Defensa. Las entregas comenzarán en primavera y continuarán durante "
          "dos años, precisó un portavoz, que no dio detalles sobre el importe del contrato.",
    "de": "Die Regierung hat am Dienstag angekündigt, dass sie der Armee neue Ausrüstung liefern wird, wie "
          "aus einer Mitteilung des Verteidigungsministeriums hervorgeht. Die Lieferungen sollen im Frühjahr "
          "beginnen und zwei Jahre dauern, sagte ein Sprecher, der keine Angaben zum Wert des Vertrags machte.",
    "nl": "De regering heeft dinsdag aangekondigd dat zij nieuwe uitrusting aan het leger zal leveren, volgens "
          "een verklaring van het ministerie van Defensie. De leveringen beginnen in het voorjaar en duren "
          "twee jaar, zei een woordvoerder, die geen details gaf over de waarde van het contract.",
    "it": "Il governo ha annunciato martedì che consegnerà nuovi equipaggiamenti all'esercito, secondo un "
          "comunicato pubblicato dal ministero della Difesa. Le consegne inizieranno in primavera e "
          "proseguiranno per due anni, ha precisato un portavoce, che non ha fornito dettagli.",
    "pt": "O governo anunciou na terça-feira que vai entregar novos equipamentos ao exército, segundo um "
          "comunicado publicado pelo Ministério da Defesa. As entregas devem começar na primavera e continuar "
          "durante dois anos, precisou um porta-voz, que não deu pormenores sobre o valor do contrato.",
}


def test_english_prose_is_english():
    guess = detect_language(ENGLISH)
    assert guess.code == "en" and guess.confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_are_named(code):
    guess = detect_language(FOREIGN[code])
    assert guess.code == code and guess.confidence >= MIN_CONFIDENCE


def test_other_scripts_are_named_with_their_language_code():
    chinese = "這是一個中文句子，用於測試語言檢測是否正常工作。政府週二宣布將向軍隊交付新裝備，交付將於春季開始。"
    russian = ("Правительство объявило во вторник, что поставит армии новое оборудование, говорится в "
               "сообщении министерства обороны. Поставки начнутся весной и продлятся два года.")
    hebrew = ("הממשלה הודיעה ביום שלישי כי תספק לצבא ציוד חדש, כך נמסר בהודעה של משרד הביטחון. "
              "המשלוחים יתחילו באביב וימשכו שנתיים.")
    assert detect_language(chinese).code == "zh"  # CLD2's "zh-Hant", as the setting would name it
    assert detect_language(russian).code == "ru"
    assert detect_language(hebrew).code == "he"  # CLD2's withdrawn "iw"


def test_mixed_languages_are_not_a_confident_guess():
    mixed = ENGLISH[:200] + " " + FOREIGN["de"][:200]
    assert detect_language(mixed).confidence < MIN_CONFIDENCE
    assert isinstance(language_gate(Document(id="m", text=mixed), frozenset({"en"})), Document)


@pytest.mark.parametrize("noise", ["\x00", "\x07\x08", "\udce9", "\ufffe"])
def test_characters_the_detector_refuses_do_not_stop_it(noise):
    guess = detect_language(noise.join(ENGLISH.split(" ")))
    assert guess.code in ("en", UNKNOWN)
    kept = language_gate(Document(id="n", text=noise.join(FOREIGN["de"].split(" "))), frozenset({"de"}))
    assert isinstance(kept, Document)


def test_short_texts_are_kept_whatever_they_look_like():
    assert isinstance(language_gate(Document(id="s", text=FOREIGN["de"][:100]), frozenset({"en"})), Document)


def test_gate_keeps_english_and_names_the_language_it_skips():
    accepted = frozenset({"en"})
    kept = language_gate(Document(id="a", text=ENGLISH), accepted)
    assert isinstance(kept, Document) and kept.language == "en"
    skipped = language_gate(Document(id="b", text=FOREIGN["de"]), accepted)
    assert not isinstance(skipped, Document)
    assert "German" in skipped.reason and "ARMSWATCH_LANGUAGES" in skipped.reason


def test_quick_test_is_not_used_when_english_is_not_wanted():
    # with only French accepted, English prose is skipped by the model's verdict
    skipped = language_gate(Document(id="a", text=ENGLISH), frozenset({"fr"}))
    assert not isinstance(skipped, Document) and "English" in skipped.reason
