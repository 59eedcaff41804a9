"""A tiny corpus of shards for the batch tests (imported by name: pytest puts this folder on sys.path).

Every text is written here for the tests. The folder holds one shard of each kind, good and bad:

    news.jsonl      two articles (one about an arms transfer, one about grain) and a malformed line
    more.parquet    two article records (an integer id, and a record without id)
    broken.parquet  bytes that are not Parquet
    pages.warc.gz   an HTML article page and an image (skipped: not HTML)
    single.json     one article record
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ARMS = [
    {"id": "nor-est", "title": "Norway ships howitzers", "published": "2024-05-03", "outlet": "Test Wire",
     "text": "Norway ships howitzers\n\nNorway has delivered 24 K9 howitzers to Estonia, the Estonian defence "
             "ministry said on Tuesday.\n\nThe guns arrived by sea."},
    {"title": "Drones for Moscow", "published": "2024-04-11", "outlet": "Test Wire",
     "text": "Iran has supplied hundreds of Shahed drones to Russia, according to Reuters.\n\nTehran denied it."},
    {"id": 7, "title": "Tanks for Kyiv", "published": "2023-01-25",
     "text": "Germany will send Leopard tanks to Ukraine, the chancellor said on Thursday."},
]
NEWS = [
    {"id": "grain-1", "title": "Wheat rises", "published": "2024-05-06", "outlet": "Test Wire",
     "text": "Wheat prices rose on Monday as traders weighed shipments of grain to Egypt. Exporters delivered "
             "60,000 tonnes of wheat last week, and more cargoes are expected."},
    {"title": "Rates on hold", "text": "The central bank kept its main rate unchanged at 4.5 percent on Thursday, "
                                       "saying inflation was easing but remained above target."},
]
PAGE = (b"<!doctype html><html><head><title>Korea sends tanks</title></head><body><article><h1>Korea sends "
        b"tanks</h1><p>South Korea has delivered 10 K2 tanks to Poland, the Polish defence minister said on "
        b"Tuesday in Gdynia, where the first vehicles were unloaded from a ship.</p><p>More deliveries are "
        b"planned for next year under the framework agreement signed in 2022.</p></article></body></html>")


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, body, ctype in (("https://news.example.org/korea-tanks", PAGE, "text/html; charset=utf-8"),
                                 ("https://news.example.org/logo.png", b"\x89PNG....", "image/png")):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2024-05-07T10:00:00Z"}))


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(ARMS[0]), json.dumps(NEWS[0]), '{"text": "cut off', ""]
    (root / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    table = pa.Table.from_pylist([
        {"id": ARMS[2]["id"], "title": ARMS[2]["title"], "published": ARMS[2]["published"], "text": ARMS[2]["text"]},
        {"id": None, "title": NEWS[1]["title"], "published": None, "text": NEWS[1]["text"]},
    ])
    pq.write_table(table, root / "more.parquet")
    (root / "broken.parquet").write_bytes(b"PAR1 this is not a Parquet file")
    _warc(root / "pages.warc.gz")
    (root / "single.json").write_text(json.dumps(ARMS[1]), encoding="utf-8")
    (root / "notes.csv").write_text("not a shard, not read from a folder\n", encoding="utf-8")
    return root
