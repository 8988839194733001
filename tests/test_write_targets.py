"""What ``-o`` may name besides a plain file: a FIFO or a device is written to as it is, a
symbolic link keeps leading to the new file, and a folder, a socket or a disk is refused."""

from __future__ import annotations

import errno
import io
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BIRMINGHAM

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.files import write_atomically

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets")


@pytest.fixture(scope="module")
def document() -> bytes:
    """The Birmingham plan as Markdown: what every export below must deliver."""
    out = io.BytesIO()
    sp.export(sp.load(BIRMINGHAM), "md", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


def _export(output: Path | str) -> int:
    return main(["export", str(BIRMINGHAM), "-f", "md", "-o", str(output), "--no-plugins"])


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_fifo_is_written_to_and_stays_a_fifo(tmp_path: Path, document: bytes) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert _export(fifo) == 0
    reader.join(30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received == [document]
    assert _left(tmp_path) == ["pipe"]


@pytest.fixture
def null_device(tmp_path: Path) -> Iterator[Path]:
    """A character device that discards what is written: a copy of /dev/null made in the test's
    folder when the tests run as root (so that a failure could never replace the real one),
    /dev/null itself otherwise (where a plain user cannot replace it anyway)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        yield Path("/dev/null")
        return
    yield device


def test_a_character_device_is_written_to_and_stays_a_device(
    null_device: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(null_device) == 0, capsys.readouterr().err
    assert stat.S_ISCHR(null_device.lstat().st_mode)
    assert not [p for p in null_device.parent.iterdir() if p.name.endswith(".tmp")]


_COMMAND = [sys.executable, "-m", "safeguarding_plan", "export", str(BIRMINGHAM), "-f", "md"]

# Names of standard output, and of another descriptor the command is given (N).
_STDOUT = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
_FD_N = ["/dev/fd/{}", "/proc/self/fd/{}"]


def _names(names: list[str]) -> list[str]:
    return [name for name in names if not name.startswith("/proc/") or Path("/proc/self").exists()]


@pytest.mark.parametrize("name", _names(_STDOUT))
def test_dev_stdout_is_standard_output_whatever_it_is(
    tmp_path: Path, document: bytes, name: str
) -> None:
    piped = subprocess.run(
        [*_COMMAND, "-o", name, "--no-plugins"], capture_output=True, check=False
    )
    assert (piped.returncode, piped.stdout) == (0, document), piped.stderr
    # Standard output appending to a file (>> log.md): the document is added to it, not put in
    # place of what was there, and the file is not replaced by another.
    log = tmp_path / "log.md"
    log.write_bytes(b"earlier")
    inode = log.stat().st_ino
    with log.open("ab") as stdout:
        appended = subprocess.run(
            [*_COMMAND, "-o", name, "--no-plugins"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert appended.returncode == 0, appended.stderr
    assert log.read_bytes() == b"earlier" + document
    assert log.stat().st_ino == inode
    assert _left(tmp_path) == ["log.md"]


def test_a_link_to_dev_stdout_is_standard_output_too(tmp_path: Path, document: bytes) -> None:
    (tmp_path / "out.md").symlink_to("/dev/stdout")
    log = tmp_path / "log.md"
    log.write_bytes(b"earlier")
    with log.open("ab") as stdout:
        appended = subprocess.run(
            [*_COMMAND, "-o", "out.md", "--no-plugins"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            check=False,
        )
    assert appended.returncode == 0, appended.stderr
    assert log.read_bytes() == b"earlier" + document
    assert (tmp_path / "out.md").is_symlink()


@pytest.mark.parametrize("name", _names(_FD_N))
def test_a_descriptor_is_written_where_its_opener_left_it(
    tmp_path: Path, document: bytes, name: str
) -> None:
    """As a shell's ``N<>FILE`` leaves it: open to write, not truncated, at the offset set."""
    paper = tmp_path / "paper.md"
    paper.write_bytes(b"earlier")
    handle = os.open(paper, os.O_RDWR)
    try:
        os.lseek(handle, 3, os.SEEK_SET)
        written = subprocess.run(
            [*_COMMAND, "-o", name.format(handle), "--no-plugins"],
            capture_output=True,
            pass_fds=(handle,),
            check=False,
        )
    finally:
        os.close(handle)
    assert written.returncode == 0, written.stderr
    assert paper.read_bytes() == b"ear" + document
    assert _left(tmp_path) == ["paper.md"]


def test_a_descriptor_written_through_stays_open(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_bytes(b"earlier ")
    handle = os.open(paper, os.O_WRONLY | os.O_APPEND)
    try:
        write_atomically(f"/dev/fd/{handle}", lambda stream: stream.write(b"first "))
        write_atomically(f"/dev/fd/{handle}", lambda stream: stream.write(b"second "))
        os.write(handle, b"and the caller's own")
    finally:
        os.close(handle)
    assert paper.read_bytes() == b"earlier first second and the caller's own"
    assert _left(tmp_path) == ["paper.md"]


def test_a_descriptor_that_is_not_open_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    def is_open(number: int) -> bool:
        try:
            os.fstat(number)
        except OSError:
            return False
        return True

    # A number far above any the command opens for itself as it runs.
    unused = next(number for number in range(900, 1000) if not is_open(number))
    assert _export(f"/dev/fd/{unused}") == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: /dev/fd/{unused}: cannot write the file: file descriptor {unused} "
        "is not open\n"
    )


def test_standard_output_that_is_a_socket_is_written_to(document: bytes) -> None:
    """A service's standard output may be a socket: written through, as ``-o -`` would."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        process = subprocess.Popen(
            [*_COMMAND, "-o", "/dev/stdout", "--no-plugins"], stdout=theirs, stderr=subprocess.PIPE
        )
        theirs.close()
        received = b""
        while chunk := ours.recv(65536):
            received += chunk
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert received == document


def test_a_link_to_a_file_stays_a_link_to_the_new_file(tmp_path: Path, document: bytes) -> None:
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    real = elsewhere / "paper.md"
    real.write_bytes(b"last quarter's paper")
    real.chmod(0o640)
    link = tmp_path / "paper.md"
    link.symlink_to(real)
    assert _export(link) == 0
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_bytes() == document
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _left(tmp_path) == ["paper.md", "shared"]
    assert _left(elsewhere) == ["paper.md"]  # the temporary was beside the file, and is gone


def test_a_relative_link_chain_is_followed(tmp_path: Path, document: bytes) -> None:
    (tmp_path / "real.md").write_bytes(b"old")
    (tmp_path / "middle.md").symlink_to("real.md")
    (tmp_path / "paper.md").symlink_to("middle.md")
    assert _export(tmp_path / "paper.md") == 0
    assert (tmp_path / "paper.md").is_symlink()
    assert (tmp_path / "middle.md").is_symlink()
    assert (tmp_path / "real.md").read_bytes() == document


def test_a_link_that_leads_nowhere_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "paper.md"
    link.symlink_to(tmp_path / "missing" / "paper.md")
    assert _export(link) == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: {link}: cannot write the file: it is a symbolic link to "
        f"{tmp_path / 'missing' / 'paper.md'}, which does not exist\n"
    )
    assert link.is_symlink()
    assert _left(tmp_path) == ["paper.md"]


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    assert _export(folder) == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: {folder}: cannot write the file: it is a folder; give a file name\n"
    )
    assert folder.is_dir()
    assert _left(tmp_path) == ["papers"]
    assert _left(folder) == []


def test_a_socket_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("paper.sock")
        assert _export("paper.sock") == 2
    assert capsys.readouterr().err == (
        "safeguarding-plan: paper.sock: cannot write the file: it is a socket, not a file\n"
    )
    assert stat.S_ISSOCK(os.lstat("paper.sock").st_mode)
    assert _left(tmp_path) == ["paper.sock"]


def test_a_block_device_is_refused(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    try:  # a loop device number no disk uses, made here: only root may
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 250))
    except (PermissionError, OSError):
        pytest.skip("making a block device needs root")
    with pytest.raises(OSError, match="it is a block device") as caught:
        write_atomically(disk, lambda stream: stream.write(b"a paper"))
    assert caught.value.errno == errno.EINVAL
    assert stat.S_ISBLK(disk.lstat().st_mode)
    assert _left(tmp_path) == ["disk"]


def test_a_write_into_a_fifo_that_fails_is_reported(tmp_path: Path) -> None:
    """Not atomic, by nature: what was written before the failure has gone down the pipe."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()

    def fail(stream: object) -> None:
        assert hasattr(stream, "write")
        stream.write(b"half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_atomically(fifo, fail)
    reader.join(30)
    assert received == [b"half"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("exporter", ["md", "json", "docx", "xlsx"])
def test_a_full_device_is_the_target_failing_not_the_exporter(
    capsys: pytest.CaptureFixture[str], exporter: str
) -> None:
    args = ["export", str(BIRMINGHAM), "-f", exporter, "-o", "/dev/full", "--no-plugins"]
    assert main(args) == 2
    assert capsys.readouterr() == (
        "",
        "safeguarding-plan: /dev/full: cannot write the file: No space left on device\n",
    )
