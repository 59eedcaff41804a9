"""The quick English test of the language gate, beside the model it stands in for."""

from __future__ import annotations

import pytest

from armswatch.model import Document
from armswatch.sources.language import detect_language, language_gate, looks_english

ENGLISH = ("The ministry said on Tuesday that it would deliver new equipment to the army, according to a "
           "statement published by the defence ministry. Deliveries are to begin in the spring and go on for "
           "two years, a spokesman said, without giving details of the value of the contract. The opposition "
           "criticised a decision taken without a debate in parliament.")

# The same news item in other languages written in Latin letters (no word of English function words).
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


def test_english_prose_is_recognised_without_the_model():
    assert looks_english(ENGLISH)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_are_left_to_the_model(code):
    assert not looks_english(FOREIGN[code])
    assert detect_language(FOREIGN[code]).code == code


def test_too_few_words_are_left_to_the_model():
    assert not looks_english("The ministry said that the army would get the tanks.")


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
