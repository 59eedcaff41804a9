"""The watch loop (library) and the `armswatch watch` command against a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sources_pages import news_page
from sources_server import LocalServer, page
from test_feeds import rss, serve_pages

from armswatch.cli import main
from armswatch.errors import InputError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.fetch import Fetcher, FetchOptions, SqliteSeen
from armswatch.sources.watching import RoundReport, watch_feeds


def test_watch_rounds_consume_only_new_documents(
    server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    paths = serve_pages(server, 3)
    feed = {"body": rss(server.base, paths[:2])}
    server.route("/feed.rss", lambda h: page(feed["body"], "application/rss+xml")(h))
    consumed: list[list[Document | InputError]] = []
    sleeps: list[float] = []

    def consume(items: Iterable[Document | InputError]) -> None:
        consumed.append(list(items))
        feed["body"] = rss(server.base, paths)  # a story appears between polls

    with Fetcher(FetchOptions.from_settings(settings), seen=SqliteSeen(tmp_path / "seen.sqlite")) as f:
        reports = watch_feeds(
            [server.url("/feed.rss"), server.url("/gone.rss")],
            f,
            settings,
            consume=consume,
            rounds=3,
            interval=30,
            sleep=sleeps.append,
        )
    urls = [[d.url for d in batch if isinstance(d, Document)] for batch in consumed]
    assert urls == [[server.url(p) for p in paths[:2]], [server.url(paths[2])], []]
    assert sleeps == [30.0, 30.0]
    assert [(r.documents, r.errors, dict(r.skipped)) for r in reports] == [
        (2, 1, {}),
        (1, 1, {"seen": 2}),
        (0, 1, {"seen": 3}),
    ]
    assert "HTTP 404" in str(next(x for x in consumed[0] if isinstance(x, InputError)))
    assert isinstance(reports[0], RoundReport) and "2 new document(s)" in reports[0].summary()


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "ARMSWATCH_DATA_DIR": str(tmp_path / "data"),
        "ARMSWATCH_FETCH_HOST_INTERVAL_MS": "0",
        "ARMSWATCH_FETCH_TIMEOUT": "2",
        "ARMSWATCH_FETCH_RETRIES": "0",
        "ARMSWATCH_DB": str(tmp_path / "s.db"),
    }


def test_watch_command_jsonl_once_then_nothing_new(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_pages(server, 2)
    server.route("/feed.rss", page(rss(server.base, paths), "application/rss+xml"))
    runner = CliRunner()
    first = runner.invoke(main, ["watch", "--once", "--jsonl", server.url("/feed.rss")], env=_env(tmp_path))
    assert first.exit_code == 0, first.output
    docs = [json.loads(line) for line in first.stdout.splitlines()]
    assert [d["url"] for d in docs] == [server.url(p) for p in paths]
    assert docs[0]["title"] == news_page(0).title and docs[0]["meta"]["feed"] == server.url("/feed.rss")
    assert "round 1: 2 new document(s)" in first.stderr
    assert (tmp_path / "data" / "seen.sqlite").exists()
    second = runner.invoke(main, ["watch", "--once", "--jsonl", server.url("/feed.rss")], env=_env(tmp_path))
    assert second.exit_code == 0 and second.stdout == ""
    assert "0 new document(s)" in second.stderr and "2 seen" in second.stderr


@pytest.mark.model
def test_watch_command_ingests_into_the_store(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_pages(server, 2)
    server.route("/feed.rss", page(rss(server.base, paths), "application/rss+xml"))
    result = CliRunner().invoke(main, ["watch", "--once", server.url("/feed.rss")], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert "ingested: 2 stored" in result.stderr
    from armswatch.store.store import open_store

    with open_store(str(tmp_path / "s.db")) as store:
        assert store.stats()["documents"] == 2


def test_watch_command_exits_1_when_a_feed_cannot_be_read(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_pages(server, 1)
    server.route("/feed.rss", page(rss(server.base, paths), "application/rss+xml"))
    result = CliRunner().invoke(main, ["watch", "--once", "--jsonl", server.url("/feed.rss"),
                                       str(tmp_path / "missing.rss")], env=_env(tmp_path))
    assert result.exit_code == 1, result.output
    assert "1 new document(s), 1 error(s)" in result.stderr
