"""Whatever path a user (or a client's folder) hands poa, reading it ends in text or a one-line error."""

from __future__ import annotations

import os

import pytest
from reliability_helpers import hang_guard

from poa.errors import InputError
from poa.files.textfile import MAX_BYTES, read_text


def _error(path) -> str:
    with hang_guard(10), pytest.raises(InputError) as caught:
        read_text(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_named_pipe_is_refused_instead_of_waited_on(tmp_path):
    pipe = tmp_path / "appeal.yaml"
    os.mkfifo(pipe)
    assert "is a named pipe, not a regular file" in _error(pipe)


def test_a_folder_is_refused(tmp_path):
    assert "is a folder, expected a file" in _error(tmp_path)


def test_a_broken_link_names_its_target(tmp_path):
    link = tmp_path / "letter.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "is a link to" in _error(link) and "gone.txt, which does not exist" in _error(link)


def test_a_path_through_a_file_is_a_clear_error(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert "cannot read the file (not a directory)" in _error(plain / "letter.txt")


def test_a_device_is_refused():
    assert "is a device, not a regular file" in _error(__import__("pathlib").Path("/dev/zero"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_says_permission_denied(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: x\n", encoding="utf-8")
    secret.chmod(0)
    assert "cannot read the file (permission denied)" in _error(secret)


def test_reading_stops_at_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    assert "poa reads files up to 2 MB" in _error(big)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"a" * MAX_BYTES)
    assert len(read_text(exact)) == MAX_BYTES


def test_a_link_to_a_good_file_is_read(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("\ufeffRoot cause\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert read_text(link) == "Root cause\n"
