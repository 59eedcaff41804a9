"""HTML pages: main text and metadata kept, page furniture dropped, malformed input reported within
bounds."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sources_pages import FURNITURE_MARKERS, news_page

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.boilerplate import boilerplate_kind
from armswatch.sources.html import decode_html, document_from_html


@pytest.mark.parametrize("i", range(20))
def test_article_kept_furniture_dropped_metadata_read(i: int) -> None:
    p = news_page(i)
    doc = document_from_html(p.html, doc_id=f"p{i}", origin=f"p{i}.html")
    for para in p.paragraphs:
        assert para in doc.text
    leaked = [m for m in FURNITURE_MARKERS if m.lower() in doc.text.lower()]
    assert not leaked, doc.text
    assert (doc.title, doc.published, doc.author, doc.outlet) == (p.title, p.published, p.author, p.outlet)
    assert doc.meta["boilerplate_removed"]


def test_arms_donations_are_news_not_appeals() -> None:
    news = [
        "Germany will donate 10 Leopard 2 tanks to Ukraine, the ministry said.",
        "Ukraine's supporters pledged further donations of military support and contributions to the fund.",
        "Baykar said it would donate three Bayraktar drones after a crowdfunding campaign by "
        "Lithuanian readers.",
        "The photo agency said the images showed missiles being loaded onto a ship.",
        "Officials signed up to a new agreement on ammunition deliveries.",
    ]
    for sentence in news:
        assert boilerplate_kind(sentence) is None, sentence
    furniture = {
        "Related: Poland sends more shells": "related",
        "Read more: How the last package was delivered": "related",
        "Sign up for our newsletter and get the top stories in your inbox.": "newsletter",
        "Photo: Jan Novak / Getty Images": "credit",
        "Soldiers unload shells at a depot. (Photo by Jan Novak/AFP via Getty Images)": "credit",
        "A handful of us run this site thanks to readers like you. Become a patron!": "appeal",
        "Please consider supporting independent journalism with a donation today.": "appeal",
    }
    for text, kind in furniture.items():
        assert boilerplate_kind(text) == kind, text


def test_plain_paragraph_donation_appeal_inside_article_dropped() -> None:
    html = (
        "<html><head><title>Drones</title></head><body><article>"
        "<p>Norway will send 200 reconnaissance drones to Ukraine this spring, the defence ministry said "
        "on Monday, adding that training for operators would begin in March.</p>"
        "<p>The ministry said the drones would be delivered in two batches.</p>"
        "<p>Nothing here sits behind a paywall: information should be free.</p>"
        "<p>That is why a handful of us keep going thanks to readers like you. A few euros a month "
        "keeps the lights on here. Chip in as a patron, or find other ways to help us.</p>"
        "</article></body></html>"
    )
    doc = document_from_html(html, doc_id="d", origin="d.html")
    assert "Norway will send 200" in doc.text and "delivered in two batches" in doc.text
    assert "paywall" not in doc.text and "patron" not in doc.text


def test_bytes_and_text_give_the_same_document() -> None:
    p = news_page(3)
    a = document_from_html(p.html, doc_id="x", origin="x")
    b = document_from_html(p.html.encode("utf-8"), doc_id="x", origin="x")
    assert a == b


def test_decoding_follows_declared_and_meta_charsets() -> None:
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Défense générale</p></body></html>"
    assert "Défense" in decode_html(latin.encode("latin-1"))
    assert "Défense" in decode_html(latin.encode("cp1252"), declared="windows-1252")
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"


MALFORMED = {
    "unclosed tags": "<html><body><div><p>Poland sends " + "<b><i><span>" * 50 + "shells to Ukraine. " * 40,
    "only scripts": "<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
    "empty": "   \n  ",
    "binary": "\x00\x01\x02garbage\x00" * 100,
    "no markup": "just some words and no tags at all",
    "deep nesting": "<div>" * 50_000 + "<p>deep text about shells and tanks</p>" + "</div>" * 50_000,
    "broken attributes": '<html><body><p class="a b=\'c>text <a href="x>y</a> more &bogus; &#xZZ;</p></body>',
    "huge attribute": "<html><body><p title='" + "x" * 2_000_000 + "'>Short.</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_html_reported_or_read_in_bounded_time(name: str) -> None:
    started = time.monotonic()
    try:
        doc = document_from_html(MALFORMED[name], doc_id=name, origin=f"{name}.html")
    except InputError as e:
        assert e.source == f"{name}.html" and e.reason
    else:
        assert isinstance(doc, Document) and doc.text.strip()
    assert time.monotonic() - started < 10


def test_too_many_elements_refused() -> None:
    html = "<html><body>" + "<p>a</p>" * 5000 + "</body></html>"
    with pytest.raises(InputTooLarge, match="elements"):
        document_from_html(html, doc_id="x", origin="x.html", settings=Settings(max_html_elements=1000))


def test_oversized_page_refused_unless_its_bulk_is_scripts() -> None:
    article = news_page(1).html
    padded = article.replace("</head>", "<script>" + "var x = 1;" * 200_000 + "</script></head>")
    small = Settings(max_html_chars=500_000)
    doc = document_from_html(padded, doc_id="x", origin="x.html", settings=small)
    assert news_page(1).paragraphs[0] in doc.text
    text_heavy = "<html><body>" + "<p>word word word</p>" * 50_000 + "</body></html>"
    with pytest.raises(InputTooLarge, match="characters"):
        document_from_html(text_heavy, doc_id="x", origin="x.html", settings=small)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdpiv&;#\n")) | st.characters(), max_size=400))
def test_arbitrary_input_never_raises_anything_but_input_error(junk: str) -> None:
    try:
        doc = document_from_html(junk, doc_id="h", origin="h.html")
    except InputError as e:
        assert e.source == "h.html" and e.reason
    else:
        assert doc.text.strip() and doc.origin == "h.html"
