"""HTML pages → Document: main text and metadata with trafilatura, page furniture removed first.

The steps, each bounded: decode bytes (declared charset, <meta charset>, detection) → drop heavy
script/style blocks only when the page is over the size cap → parse (lxml via trafilatura) → refuse
trees with too many elements → metadata (title, date, author, site name) from the untouched tree →
prune navigation, captions, credits, "Related" lists, newsletter boxes and donation appeals from the
tree → trafilatura's main text → a last pass over the extracted paragraphs with the same predicates.

Bytes and text give the same result for UTF-8 pages, so a page read from a WARC record or over HTTP
yields the same text as the same page saved as a .html file.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml.html import HtmlElement

from armswatch.errors import InputError, InputTooLarge
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.boilerplate import boilerplate_kind, is_appeal_fragment, is_related_heading

__all__ = ["HtmlLimits", "decode_html", "document_from_html", "prune_boilerplate"]


@dataclass(frozen=True)
class HtmlLimits:
    """Bounds on one page (characters after decoding; elements in the parsed tree)."""

    max_chars: int = 5_000_000
    max_elements: int = 50_000

    @classmethod
    def from_settings(cls, settings: Settings | None) -> HtmlLimits:
        if settings is None:
            return cls()
        return cls(max_chars=settings.max_html_chars, max_elements=settings.max_html_elements)


# --- decoding -------------------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)


def _codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page → text: valid UTF-8 first (so WARC/HTTP and .html files agree), then the charset
    the server declared, then <meta charset>, then detection; undecodable bytes become U+FFFD."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [_codec(declared)]
    m = _META_CHARSET.search(data[:4096])
    candidates.append(_codec(m.group(1).decode("ascii")) if m else None)
    for enc in candidates:
        if enc:
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


# --- size bounds ------------------------------------------------------------------------------------

_HEAVY_OPEN = re.compile(r"<(script|style|svg|noscript|template)\b[^>]*>|<!--", re.IGNORECASE)


def _strip_heavy(html: str) -> str:
    """Drop scripts (except JSON-LD metadata), styles, inline SVG and comments, in linear time."""
    out: list[str] = []
    pos = 0
    lower = html.lower()
    while True:
        m = _HEAVY_OPEN.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        tag = (m.group(1) or "").lower()
        closer = "-->" if not tag else f"</{tag}"
        end = lower.find(closer, m.end())
        end = len(html) if end < 0 else lower.find(">", end) + 1 or len(html)
        keep = tag == "script" and "ld+json" in m.group(0).lower()
        out.append(html[pos:end] if keep else html[pos : m.start()])
        pos = end
    return "".join(out)


# --- pruning ----------------------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    {
        "nav",
        "aside",
        "footer",
        "figure",
        "figcaption",
        "form",
        "button",
        "noscript",
        "iframe",
        "svg",
        "dialog",
        "select",
        "input",
        "textarea",
        "template",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "menu",
        "script",
        "style",
    }
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"})
_FURNITURE_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "related",
        "recommended",
        "recommendations",
        "readmore",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "signup",
        "donate",
        "donation",
        "donations",
        "membership",
        "paywall",
        "promo",
        "promotion",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "adslot",
        "sponsored",
        "sponsor",
        "share",
        "sharing",
        "sharebar",
        "social",
        "caption",
        "credit",
        "credits",
        "cookie",
        "cookies",
        "consent",
        "comments",
        "comment",
        "sidebar",
        "footer",
        "outbrain",
        "taboola",
        "popup",
        "modal",
        "toolbar",
        "tags",
        "byline",
        "authorbio",
        "moreon",
        "morestories",
        "mostread",
        "relatedstories",
        "relatedarticles",
        "sharebuttons",
        "socialshare",
    }
)
_PROTECTED_TAGS = frozenset({"html", "body", "main", "article", "head"})
_LEAF_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "pre"})
_CONTAINERS = frozenset({"div", "section", "span", "td", "center", "font"})
_BLOCK_TAGS = _LEAF_BLOCKS | _CONTAINERS | {"ul", "ol", "table", "article", "main", "header", "aside", "dl"}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def _attr_words(el: HtmlElement) -> set[str]:
    words: set[str] = set()
    for name in ("class", "id", "aria-label", "data-component", "data-module"):
        value = el.get(name)
        if value:
            for token in value.split():
                low = _CAMEL.sub("-", token).lower()
                words.update(w for w in _WORD_SPLIT.split(low) if w)
                words.add(_WORD_SPLIT.sub("", low))  # "read-more" → "readmore"
    return words


def _is_furniture_container(el: HtmlElement) -> bool:
    if el.tag in _DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    words = _attr_words(el)
    return bool(words & _FURNITURE_WORDS) or any(
        w.startswith(("related", "newsletter", "donat", "subscri", "recommend", "sponsor", "breadcrumb"))
        for w in words
    )


def _text_len(el: HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def _link_density(el: HtmlElement) -> float:
    total = _text_len(el)
    if not total:
        return 1.0
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return linked / total


def _drop(el: HtmlElement) -> None:
    if el.getparent() is not None:
        el.drop_tree()  # keeps the element's tail text in the parent


def _guarded(el: HtmlElement, body_len: int) -> bool:
    """Never drop the page, the article, or a wrapper that holds most of the page's text."""
    if el.tag in _PROTECTED_TAGS:
        return True
    if any(d.tag in ("article", "main") for d in el.iterdescendants()):
        return True
    n = _text_len(el)
    return n > 500 and n > body_len * 0.5


def _is_leaf_block(el: HtmlElement) -> bool:
    if el.tag in _LEAF_BLOCKS:
        return True
    return el.tag in _CONTAINERS and not any(c.tag in _BLOCK_TAGS for c in el.iterdescendants())


def prune_boilerplate(tree: HtmlElement) -> Counter[str]:
    """Remove page furniture from a parsed page in place; returns what was removed, by kind."""
    removed: Counter[str] = Counter()
    body = tree.find(".//body")
    body_len = _text_len(body if body is not None else tree)
    # 1. containers marked as furniture by their tag, role, class or id
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _is_furniture_container(el) and not _guarded(el, body_len):
            _drop(el)
            removed["container"] += 1
    # 2. "Related" headings with the link lists they introduce
    for el in list(tree.iter("h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "div", "span")):
        if el.getparent() is None or not _is_leaf_block(el) or not is_related_heading(el.text_content()):
            continue
        parent = el.getparent()
        if (
            parent.tag in ("div", "section")
            and _link_density(parent) > 0.6
            and not _guarded(parent, body_len)
        ):
            _drop(parent)
            removed["related"] += 1
            continue
        nxt = el.getnext()
        while nxt is not None and nxt.tag in ("ul", "ol", "div", "p") and _link_density(nxt) > 0.6:
            following = nxt.getnext()
            _drop(nxt)
            nxt = following
        _drop(el)
        removed["related"] += 1
    # 3. blocks whose words say what they are (credits, newsletter plugs, appeals, "Related: ...")
    appeals: list[HtmlElement] = []
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or not _is_leaf_block(el):
            continue
        kind = boilerplate_kind(el.text_content())
        if kind is None:
            continue
        if kind == "appeal":
            appeals.append(el)
        _drop_with_neighbours(el, kind, removed)
    return removed


def _drop_with_neighbours(el: HtmlElement, kind: str, removed: Counter[str]) -> None:
    """Appeals run over several paragraphs; the neighbours that share their words go with them."""
    if kind == "appeal":
        for step in ("getprevious", "getnext"):
            sib = getattr(el, step)()
            while (
                sib is not None
                and sib.tag == el.tag
                and _text_len(sib) <= 1500
                and is_appeal_fragment(sib.text_content())
            ):
                nxt = getattr(sib, step)()
                _drop(sib)
                removed["appeal"] += 1
                sib = nxt
    _drop(el)
    removed[kind] += 1


# --- the reader -------------------------------------------------------------------------------------


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _clean_lines(text: str) -> tuple[str, int]:
    kept, dropped = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        if boilerplate_kind(line) is not None:
            dropped += 1
            continue
        kept.append(line.strip())
    return "\n".join(kept), dropped


def document_from_html(
    html: str | bytes,
    *,
    doc_id: str,
    origin: str,
    url: str | None = None,
    defaults: dict[str, Any] | None = None,
    settings: Settings | None = None,
    charset: str | None = None,
) -> Document:
    """Extract the article's main text, title, date, author and site name from a page.

    `defaults` (title, published, outlet, url from a JSON record) win over what the markup says.
    Raises InputError (InputTooLarge for pages over the caps) naming `origin` and the reason.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    limits = HtmlLimits.from_settings(settings)
    defaults = defaults or {}
    text_in = decode_html(html, charset) if isinstance(html, bytes) else html
    if "\x00" in text_in[:8192]:
        raise InputError(origin, "binary data (NUL bytes), not HTML")
    if len(text_in) > limits.max_chars:
        text_in = _strip_heavy(text_in)
        if len(text_in) > limits.max_chars:
            raise InputTooLarge(
                origin,
                f"page is {len(text_in):,} characters without scripts and styles, "
                f"over the {limits.max_chars:,} cap (setting ARMSWATCH_MAX_HTML_CHARS)",
            )
    if not text_in.strip():
        raise InputError(origin, "empty page")
    try:
        tree = load_html(text_in)
    except (ValueError, TypeError) as e:  # lxml refuses some inputs outright
        raise InputError(origin, f"cannot parse HTML: {e}") from None
    if tree is None:
        raise InputError(origin, "not HTML (no document structure could be parsed)")
    n_elements = sum(1 for _ in tree.iter())
    if n_elements > limits.max_elements:
        raise InputTooLarge(
            origin,
            f"page has {n_elements:,} elements, over the {limits.max_elements:,} cap "
            "(setting ARMSWATCH_MAX_HTML_ELEMENTS)",
        )
    meta = extract_metadata(deepcopy(tree), url, set_date_params(True))
    removed = prune_boilerplate(tree)
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    raw = "" if extracted is None or isinstance(extracted, dict) else (extracted.text or "")
    text, dropped_lines = _clean_lines(raw or "")
    if dropped_lines:
        removed["line"] += dropped_lines
    if not text:
        raise InputError(origin, "no article text found in the HTML")
    return Document(
        id=doc_id,
        text=text,
        title=defaults.get("title") or meta.title,
        url=defaults.get("url") or url or meta.url,
        published=_parse_date(defaults.get("published")) or _parse_date(meta.date),
        outlet=defaults.get("outlet") or meta.sitename,
        author=defaults.get("author") or meta.author,
        origin=origin,
        meta={"boilerplate_removed": dict(removed)} if removed else {},
    )
