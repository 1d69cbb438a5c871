"""The review page in a real headless browser (Debian's chromium + chromium-driver).

Driven through the W3C WebDriver HTTP protocol with ``urllib`` (no selenium): keyboard
shortcuts and clicks make decisions, the page exposes them as ``window.bnentityDecisions``, the
Save button downloads ``decisions.jsonl``, and that file is read back, validated and applied.
Skipped when chromium or chromedriver is not installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bnentity.editors.decisions import read_decisions
from bnentity.editors.report_html import render_html, write_html
from bnentity.editors.review import iter_documents, review
from bnentity.matching.resolver import Resolver

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver); .ci/run installs them")

#: W3C key codes.
ENTER = "\ue007"
DOWN = "\ue015"


class WebDriver:
    """The few WebDriver commands the test needs, over HTTP on 127.0.0.1."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.session = ""

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" \
            else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read())["value"]
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path}: {e.read().decode()[:500]}") from e

    def s(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.call(method, f"/session/{self.session}{path}", body)

    def js(self, script: str, *args: Any) -> Any:
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def keys(self, text: str) -> None:
        actions = []
        for ch in text:
            actions += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": actions}]})
        self.s("DELETE", "/actions")

    def find(self, css: str) -> str:
        el = self.s("POST", "/element", {"using": "css selector", "value": css})
        return str(next(iter(el.values())))

    def click(self, css: str) -> None:
        self.s("POST", f"/element/{self.find(css)}/click")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[tuple[WebDriver, Path]]:
    port = _free_port()
    proc = subprocess.Popen([DRIVER, f"--port={port}", "--allowed-ips=127.0.0.1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = WebDriver(port)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if wd.call("GET", "/status").get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.skip("chromedriver did not start within 20 s")
            time.sleep(0.1)
        downloads = tmp_path / "downloads"
        downloads.mkdir()
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                "--window-size=1200,900"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args, "prefs": {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False}}}}}
        created = wd.call("POST", "/session", caps)
        wd.session = created["sessionId"]
        wd.s("POST", "/goog/cdp/execute", {"cmd": "Page.setDownloadBehavior", "params": {
            "behavior": "allow", "downloadPath": str(downloads)}})
        yield wd, downloads
    finally:
        if wd.session:
            with contextlib.suppress(AssertionError):
                wd.call("DELETE", f"/session/{wd.session}")
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture()
def page(tmp_path: Path) -> tuple[Path, dict[str, Any], Path]:
    from test_review import CORPUS, GAZ

    gaz = tmp_path / "gaz"
    gaz.mkdir()
    (gaz / "people.yaml").write_text(GAZ, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in CORPUS),
                      encoding="utf-8")
    q = review(iter_documents([corpus]), Resolver.from_paths(gaz)).to_dict()
    html = tmp_path / "review.html"
    write_html(q, html)
    return html, q, gaz


def test_page_is_self_contained(page: tuple[Path, dict[str, Any], Path]) -> None:
    html, q, _ = page
    text = html.read_text(encoding="utf-8")
    assert '<script type="application/json" id="bnentity-data">' in text
    assert "http://" not in text and "https://" not in text and "<link" not in text
    # Corpus text cannot close the data element.
    evil = render_html({**q, "items": [], "stats": {"note": "</script><script>alert(1)"}})
    assert "</script><script>alert(1)" not in evil


def test_keyboard_clicks_and_save(browser: tuple[WebDriver, Path],
                                  page: tuple[Path, dict[str, Any], Path]) -> None:
    wd, downloads = browser
    html, q, gaz = page
    items = q["items"]
    assert len(items) >= 4
    wd.s("POST", "/url", {"url": html.as_uri()})
    assert wd.js("return document.querySelectorAll('article.row').length") == len(items)
    assert wd.js("return window.bnentityDecisions.length") == 0

    wd.keys("a")                      # row 1: accept
    wd.keys("j" + "r")                # row 2: reject
    wd.keys(DOWN + "n")               # row 3: new entity… form, id field focused
    wd.js("document.activeElement.value = ''")
    wd.keys("brand-new-id" + ENTER)
    wd.click('article.row[data-id="' + items[3]["id"] + '"] button.reject')  # row 4: click
    wd.keys("k" + "u")                # back to row 3 and undo …
    wd.keys("n")                      # … and decide it again
    wd.js("document.activeElement.value = ''")
    wd.keys("second-id" + ENTER)

    got = wd.js("return window.bnentityDecisions")
    by_row = {d["row"]: d for d in got}
    assert len(by_row) == 4
    first, second, third, fourth = (by_row[items[i]["id"]] for i in range(4))
    expect_accept = "add_alias" if items[0]["kind"] == "unlisted" or (
        items[0]["nearest"] and items[0]["nearest"][0]["score"] >= q["config"]["near_score"]) \
        else "new_entity"
    assert first["action"] == expect_accept
    assert second["action"] == "reject"
    assert second["entity"] == (items[1]["entity"]["id"] if items[1]["kind"] == "unlisted"
                                else None)
    assert third["action"] == "new_entity" and third["entity"] == "second-id"
    assert fourth["action"] == "reject"
    assert wd.js("return document.querySelectorAll('article.row.d-reject').length") == 2

    # Save: a real download of decisions.jsonl with the same records.
    wd.keys("s")
    target = downloads / "decisions.jsonl"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), list(downloads.iterdir())
    text = target.read_text(encoding="utf-8")
    assert text == wd.js("return window.bnentity.jsonl()")
    decisions = list(read_decisions(text.splitlines(), str(target)))
    assert [d.row for d in decisions] == [d["row"] for d in got]

    # Reloading the page keeps the decisions (localStorage).
    wd.s("POST", "/refresh")
    assert len(wd.js("return window.bnentityDecisions")) == 4

    # And the downloaded file is something `bnentity apply` accepts.
    pytest.importorskip("ruamel.yaml")
    from bnentity.editors.apply import apply_decisions

    result = apply_decisions(decisions, [gaz], dry_run=True)
    assert result.ok, result.problems
    assert "second-id" in result.diff
