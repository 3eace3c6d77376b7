"""Screenshots of a built site's page kinds, for the README: Debian's chromium through Playwright.

    python -m bench.screenshots SITE_DIR [OUT_DIR]

SITE_DIR is a built site (`briefing build`), for the README the 1,000-article benchmark corpus
(`python -m bench.run --sizes 1000` leaves it in bench/out/n1000/project/site). The pages shown
are chosen from the site itself: the most mentioned actor and country, the newest brief.
Served from 127.0.0.1 only; nothing is fetched from elsewhere.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
HEIGHT = 1500  # px of each page shown: the top of it, where a reader starts


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _top(rows: list[list], fields: list[str], kind: str | None = None) -> str:
    items = [dict(zip(fields, r, strict=True)) for r in rows]
    items = [i for i in items if kind is None or i["kind"] == kind]
    return max(items, key=lambda i: i["mentions"])["href"].removeprefix("../")


def _data(site: Path, name: str) -> dict:
    text = (site / name).read_text(encoding="utf-8")
    return json.loads(text.split('"] = ', 1)[1].rstrip().rstrip(";"))


def pages(site: Path) -> dict[str, str]:
    actors, places, briefs = (_data(site, f"{s}/directory.js") for s in ("actors", "locations", "briefs"))
    return {
        "home": "",
        "brief": "briefs/" + briefs["rows"][0][0],
        "actor": _top(actors["rows"], actors["fields"]),
        "location": _top(places["rows"], places["fields"], "country"),
        "timeline": "timeline/",
        "locations": "locations/",
    }


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0]).resolve()
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": HEIGHT})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        for name, url in pages(site).items():
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            print(out / f"{name}.png")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
