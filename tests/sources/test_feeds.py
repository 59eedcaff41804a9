"""Feeds, URL lists and URL arguments against a real server on 127.0.0.1; `poll_feeds` rounds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sources_pages import news_page
from sources_server import LocalServer, page

from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources import iter_documents, iter_items
from armswatch.sources.feeds import FeedState, ParsedFeed, parse_feed, poll_feeds
from armswatch.sources.fetch import Fetcher, FetchOptions, SqliteSeen
from armswatch.sources.skipped import Skipped
from armswatch.sources.urls import read_url_list

GERMAN = (
    "<html><head><title>Panzer</title></head><body><article>"
    + "<p>Deutschland wird der Ukraine weitere Panzer und Munition liefern, teilte das "
    "Verteidigungsministerium am Dienstag in Berlin mit. Die ersten Fahrzeuge sollen in den "
    "kommenden Wochen eintreffen, hieß es aus Regierungskreisen.</p>" * 3 + "</article></body></html>"
).encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}</link><guid>{p}</guid>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Story {p}</title><link rel="alternate" href="{p}"/><id>{p}</id>'
        f"<updated>2024-03-05T10:00:00Z</updated></entry>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom test</title><id>urn:x</id><updated>2024-03-05T10:00:00Z</updated>{entries}</feed>"
    ).encode()


def serve_pages(server: LocalServer, n: int) -> list[str]:
    paths = [f"/news/{i}.html" for i in range(n)]
    for i, p in enumerate(paths):
        server.route(p, page(news_page(i).html.encode()))
    return paths


def fetcher(settings: Settings, seen: SqliteSeen | None = None) -> Fetcher:
    return Fetcher(FetchOptions.from_settings(settings), seen=seen)


def test_poll_reads_new_entries_once(server: LocalServer, settings: Settings, tmp_path: Path) -> None:
    paths = serve_pages(server, 4)
    feed_body = {"data": rss(server.base, paths[:3])}
    server.route("/feed.rss", lambda h: page(feed_body["data"], "application/rss+xml")(h))
    feed = server.url("/feed.rss")
    state = FeedState()
    seen = SqliteSeen(tmp_path / "seen.sqlite")
    with fetcher(settings, seen) as f:
        first = list(poll_feeds([feed], f, settings, state))
        second = list(poll_feeds([feed], f, settings, state))
        feed_body["data"] = rss(server.base, paths)  # one new entry
        third = list(poll_feeds([feed], f, settings, state))
    docs = [d for d in first if isinstance(d, Document)]
    assert [d.url for d in docs] == [server.url(p) for p in paths[:3]]
    assert docs[0].meta["feed"] == feed and docs[0].language == "en"
    assert news_page(0).paragraphs[0] in docs[0].text
    assert Counter(x.kind for x in second if isinstance(x, Skipped)) == Counter({"seen": 3})
    assert [d.url for d in third if isinstance(d, Document)] == [server.url(paths[3])]
    for p in paths:
        assert len(server.hits_for(p)) == 1, "no page is fetched twice"
    seen.close()


def test_conditional_get_when_the_feed_sends_an_etag(server: LocalServer, settings: Settings) -> None:
    paths = serve_pages(server, 1)
    body = rss(server.base, paths)

    def handler(h):  # type: ignore[no-untyped-def]
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.end_headers()
        else:
            page(body, "application/rss+xml", headers={"ETag": '"v1"'})(h)

    server.route("/feed.rss", handler)
    state = FeedState()
    with fetcher(settings) as f:
        list(poll_feeds([server.url("/feed.rss")], f, settings, state))
        again = list(poll_feeds([server.url("/feed.rss")], f, settings, state))
    assert len(again) == 1 and isinstance(again[0], Skipped) and again[0].kind == "unchanged"


def test_broken_feed_reported_and_the_rest_goes_on(server: LocalServer, settings: Settings) -> None:
    paths = serve_pages(server, 2)
    server.route(
        "/broken.rss", page(b"<rss><channel><title>x</title><item><title>oops", "application/rss+xml")
    )
    server.route("/good.atom", page(atom(server.base, paths), "application/atom+xml"))
    server.route("/down.rss", page(b"no", "text/plain", status=500))
    feeds = [server.url("/broken.rss"), server.url("/down.rss"), server.url("/good.atom")]
    with fetcher(settings) as f:
        items = list(poll_feeds(feeds, f, settings))
    errors = [x for x in items if isinstance(x, InputError)]
    docs = [x for x in items if isinstance(x, Document)]
    assert {e.source for e in errors} == {server.url("/broken.rss"), server.url("/down.rss")}
    assert any("broken feed XML" in e.reason or "entry has no" in e.reason for e in errors)
    assert len(docs) == 2 and docs[0].url == server.url(paths[0])


def test_feed_recovered_entries_read_and_problem_reported() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>A &amp; B</title><link>http://127.0.0.1:9/a</link></item>"
        b"<item><title>bad & entity</title><link>http://127.0.0.1:9/b</link></item></channel></rss>"
    )
    parsed = parse_feed(data, "f.rss")
    assert isinstance(parsed, ParsedFeed) and parsed.problem
    assert [e.link for e in parsed.entries] == ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    assert isinstance(parse_feed(b"<html><body>not a feed</body></html>", "x"), InputError)
    assert isinstance(parse_feed(b"", "x"), InputError)


def test_non_english_and_non_html_entries_skipped_with_reasons(
    server: LocalServer, settings: Settings
) -> None:
    paths = serve_pages(server, 1)
    server.route("/de.html", page(GERMAN))
    server.route("/file.pdf", page(b"%PDF-1.4", "application/pdf"))
    server.route(
        "/feed.rss",
        page(rss(server.base, [*paths, "/de.html", "/file.pdf", "/missing.html"]), "application/rss+xml"),
    )
    with fetcher(settings) as f:
        items = list(poll_feeds([server.url("/feed.rss")], f, settings))
    kinds = [(type(x).__name__, getattr(x, "kind", "")) for x in items]
    assert kinds == [("Document", ""), ("Skipped", "language"), ("Skipped", "not-html"), ("InputError", "")]
    assert "German" in items[1].reason  # type: ignore[union-attr]
    assert "HTTP 404" in items[3].reason  # type: ignore[union-attr]


def test_feed_file_and_url_list_and_url_argument_through_iter_documents(
    server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    paths = serve_pages(server, 3)
    feed_file = tmp_path / "saved.rss"
    feed_file.write_bytes(rss(server.base, paths[:2]))
    url_list = tmp_path / "reading.urls"
    url_list.write_text(f"# my reading list\n{server.url(paths[2])}\n\nnot a url\n{server.url(paths[0])}\n")
    server.route("/feed.atom", page(atom(server.base, paths[1:]), "application/atom+xml"))
    skipped: list[Skipped] = []
    items = list(
        iter_documents(
            [feed_file, url_list, server.url(paths[1]), server.url("/feed.atom")],
            settings,
            on_skip=skipped.append,
        )
    )
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert [d.url for d in docs] == [server.url(p) for p in (paths[0], paths[1], paths[2])]
    assert docs[0].meta["feed"] == str(feed_file) and docs[2].meta["url_list"] == str(url_list)
    assert [e.source for e in errors] == [f"{url_list}#4"]
    assert [s.kind for s in skipped] == ["seen", "seen", "seen", "seen"], "one fetch per URL per run"


def test_read_url_list() -> None:
    got = list(read_url_list("https://a.org/x\n# c\n\nftp://b\nhttp://c.org/y z\n", "l.urls"))
    assert got[0] == "https://a.org/x"
    assert [(e.source, "http(s)" in e.reason) for e in got[1:]] == [("l.urls#4", True), ("l.urls#5", True)]


def test_plain_files_unchanged_by_the_new_dispatch(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(
        "Poland sends shells\n\nPoland will send artillery shells to Ukraine, "
        "officials in Warsaw said on Tuesday, in a new package of military aid.\n"
    )
    (tmp_path / "notes.md").write_text("ignored in folders")
    (tmp_path / "b.html").write_text(news_page(2).html)
    items = list(iter_items([tmp_path], settings))
    assert [type(x).__name__ for x in items] == ["Document", "Document"]
    assert items[0].title == "Poland sends shells"  # type: ignore[union-attr]
    assert [x.language for x in items if isinstance(x, Document)] == ["en", "en"]


def test_a_round_takes_at_most_the_cap_and_leaves_the_rest_for_the_next(
    server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    from dataclasses import replace

    capped = replace(settings, feed_max_entries=2)
    paths = serve_pages(server, 5)
    server.route("/big.rss", page(rss(server.base, paths), "application/rss+xml"))
    feed = server.url("/big.rss")
    seen = SqliteSeen(tmp_path / "seen.sqlite")
    with fetcher(capped, seen) as f:
        rounds = [list(poll_feeds([feed], f, capped, FeedState())) for _ in range(3)]
    fetched = [[d.url for d in r if isinstance(d, Document)] for r in rounds]
    assert fetched == [[server.url(p) for p in paths[:2]], [server.url(p) for p in paths[2:4]], [server.url(paths[4])]]
    deferred = [x for x in rounds[0] if isinstance(x, Skipped) and x.kind == "deferred"]
    assert len(deferred) == 1 and deferred[0].reason.startswith("3 entries left for the next round")
    seen.close()
