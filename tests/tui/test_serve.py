"""`poa serve`: where it listens, what it prints, what it refuses (no browser needed)."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from poa.tui.serve import PoaServer, command, is_loopback

from .serving import _free_port, served  # noqa: F401 - a fixture


def test_the_page_and_its_assets_come_from_this_machine(served):
    import urllib.request

    port, _, _ = served
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    links = re.findall(r'(?:src|href)="([^"]+)"', page) + re.findall(r'url\("([^"]+)"\)', page)
    assert links and all(link.startswith(f"http://127.0.0.1:{port}/") or link.startswith("/")
                         for link in links), links
    assert "googleapis" not in page and "https://" not in page


def test_it_listens_on_loopback_and_prints_the_address(served):  # noqa: F811
    port, _, process = served
    import socket

    with socket.socket() as probe:  # bound to 127.0.0.1 only: taken there...
        assert probe.connect_ex(("127.0.0.1", port)) == 0
    process.terminate()
    out, _ = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}" in out
    assert "warning" not in out


def _status(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as err:
        return err.code


def test_requests_from_other_pages_or_names_are_refused(served):  # noqa: F811
    port, _, _ = served
    url = f"http://127.0.0.1:{port}/"
    assert _status(url, {}) == 200
    assert _status(url, {"Origin": f"http://127.0.0.1:{port}"}) == 200
    assert _status(url, {"Origin": "http://evil.example"}) == 403  # another site's page
    assert _status(url, {"Host": f"evil.example:{port}"}) == 403  # a name pointed at 127.0.0.1
    assert _status(f"http://127.0.0.1:{port}/ws", {"Origin": "http://evil.example",
                                                    "Connection": "Upgrade", "Upgrade": "websocket",
                                                    "Sec-WebSocket-Version": "13",
                                                    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}) == 403


def test_another_host_comes_with_a_warning(capsys):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")
    PoaServer(None, "192.0.2.7", 8123).started()  # not started: only its message
    out = capsys.readouterr().out
    assert "http://192.0.2.7:8123" in out
    assert re.search(r"warning: .*anyone who can reach this address can read", out)
    PoaServer(None, "127.0.0.1", 8123).started()
    assert "warning" not in capsys.readouterr().out


def test_each_tab_runs_this_poa_on_the_file(tmp_path):
    path = tmp_path / "my appeal.yaml"
    import shlex

    assert shlex.split(command(path)) == [sys.executable, "-m", "poa", "edit", str(path)]
    assert shlex.split(command(None)) == [sys.executable, "-m", "poa", "edit"]


def test_a_busy_port_or_a_broken_file_is_one_line_and_exit_2(tmp_path):
    import socket

    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "poa", "serve", str(broken), "--port",
                             str(_free_port())], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("poa: ")
    assert "Traceback" not in result.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "poa", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"poa: cannot listen on http://127.0.0.1:{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["serve", "--port", "0"], ["serve", "--port", "70000"]])
def test_a_port_out_of_range_is_refused(argv):
    result = subprocess.run([sys.executable, "-m", "poa", *argv], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "expected a port number" in result.stderr


def test_the_command_line_alone_cannot_serve():
    from poa.cli.main import main

    assert main(["serve"]) == 2  # no launcher gave it the server: a clear error, no Textual
