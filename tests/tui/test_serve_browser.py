"""`poa serve` in a real browser: headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium) loads the page, types a weak root cause, and sees the finding appear.

The screen is drawn by xterm.js on a canvas, so the test reads what the server sends to
the page: a script added before the page loads keeps the terminal output of the
WebSocket, the test strips the escape sequences and looks for the finding's words.
Every request the page makes is recorded too: none may leave 127.0.0.1.

Skips, saying why, when Selenium, chromium or chromedriver is missing; `.ci/run`
installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from poa.answers.file import load_answers

from .conftest import EXAMPLE
from .serving import served  # noqa: F401 - a fixture

WEAK = "For no apparent reason the e-mails went to my spam folder."
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

# The page's WebSocket output, kept as text (a few hundred kilobytes at most).
TAP = """
window.__poaScreen = "";
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") {
      window.__poaScreen += new TextDecoder().decode(new Uint8Array(event.data));
      if (window.__poaScreen.length > 400000) window.__poaScreen = window.__poaScreen.slice(-200000);
    }
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def _skip_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (pip install -e '.[test]')"
    if CHROMIUM is None:
        return "no chromium browser (apt-get install chromium chromium-driver; .ci/run does it)"
    if DRIVER is None:
        return "no chromedriver (apt-get install chromium-driver; .ci/run does it)"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


def _expected_finding(tmp_path: Path) -> str:
    """The words the findings panel shows for the weak cause: the vague finding's head."""
    from poa.letters.draft import draft_from_answers
    from poa.rubric.compiled import load_rubric
    from poa.tui.labels import CATEGORY_LABELS, SEVERITY_MARK
    from poa.workflow.check import check_draft

    answers = load_answers(EXAMPLE).answers
    answers.root_cause[0].what = WEAK
    report = check_draft(draft_from_answers(answers), load_rubric(answers.kind), "x.yaml")
    found = next(f for f in report.findings if f.section == "root_cause" and f.category == "vague")
    return f"{SEVERITY_MARK[found.severity]} {CATEGORY_LABELS.get(found.category, found.category)}"


@pytest.fixture
def browser(tmp_path):
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1100,800", "--disable-popup-blocking", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TAP})
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
        yield driver
    finally:
        driver.quit()


def _screen_text(driver) -> str:  # noqa: ANN001
    return ESCAPES.sub("", driver.execute_script("return window.__poaScreen || ''"))


def _wait_for_text(driver, words: str, timeout: float = 30) -> str:  # noqa: ANN001
    """Wait until `words` were drawn; nudges a full redraw (a resize) now and then, since
    Textual sends only the cells that changed."""
    end = time.monotonic() + timeout
    nudge = 0
    while time.monotonic() < end:
        text = _screen_text(driver)
        if words in text:
            return text
        time.sleep(0.5)
        nudge += 1
        if nudge % 6 == 0:
            driver.set_window_size(1100 + (nudge // 6) % 2 * 16, 800)
    raise AssertionError(f"{words!r} never appeared; the screen showed: {_screen_text(driver)[-1500:]!r}")


def test_a_weak_root_cause_typed_in_the_browser_gets_its_finding(served, browser, tmp_path):
    port, path, process = served
    expected = _expected_finding(tmp_path)
    browser.get(f"http://127.0.0.1:{port}/")
    _wait_for_text(browser, "Root cause")
    _wait_for_text(browser, "What happened")  # the empty root cause opens first, cursor in it
    assert expected not in _screen_text(browser)
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys(WEAK)
    _wait_for_text(browser, expected)
    # the answers were saved through the browser, as from a terminal
    end = time.monotonic() + 15
    while WEAK not in path.read_text(encoding="utf-8") and time.monotonic() < end:
        time.sleep(0.2)
    assert WEAK in path.read_text(encoding="utf-8")

    # Ctrl+E, Enter: the letter reaches the browser as a download
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser).key_down(Keys.CONTROL).send_keys("e").key_up(Keys.CONTROL).perform()
    _wait_for_text(browser, "Export the letter")
    browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys(Keys.ENTER)
    downloaded = tmp_path / "downloads" / "appeal.txt"
    end = time.monotonic() + 20
    while not downloaded.exists() and time.monotonic() < end:
        time.sleep(0.2)
    assert downloaded.exists(), "the export was not downloaded by the browser"
    assert downloaded.read_text(encoding="utf-8") == (tmp_path / "appeal.txt").read_text(
        encoding="utf-8")

    # nothing the page asked for left this machine
    import json

    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            urls.append(message["params"].get("request", {}).get("url")
                        or message["params"].get("url"))
    assert urls, "no request was recorded"
    outside = [u for u in urls if u and not re.match(rf"(https?|wss?)://127\.0\.0\.1:{port}/", u)
               and not u.startswith(("data:", "blob:", "about:"))]
    assert outside == []
