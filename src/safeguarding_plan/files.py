"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from safeguarding_plan import stopping

STALE_AFTER = 15 * 60
"""Seconds after which a temporary left by a writer that has gone (killed with SIGKILL, or a
power cut) is removed by the next write of the same file."""

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

# An open file descriptor, by name: /dev/stdout and /dev/fd/N (BSD and macOS: /dev/fd is a
# folder of its own), and /proc/PID/fd/N, where they lead on Linux (PID may be self, or a
# thread's /proc/PID/task/TID).
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_DEV_FD = re.compile(r"/dev/fd/(\d+)\Z")
_PROC_FD = re.compile(r"/proc/([^/]+)(?:/task/\d+)?/fd/(\d+)\Z")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(
    path: str | os.PathLike[str], write: Callable[[IO[bytes]], object], *, replace: bool = True
) -> None:
    """Call ``write`` with a temporary file beside ``path`` and rename it into place only when
    it has finished: a failure (or Ctrl-C) leaves any earlier file as it was.

    With ``replace=False``, a file that is already there (or that a link leads to) is never
    replaced: FileExistsError before ``write`` is called, and again if one appears while it
    runs (see `_put_new`). A FIFO, a device or a file descriptor is written to as below, since
    nothing is replaced.

    A symbolic link to a file stays a link: the file it leads to is replaced. An open file
    descriptor of this process (``/dev/stdout``, ``/dev/fd/N``) is written through a copy of
    the descriptor, so that append mode and the offset its opener set are kept, and the
    descriptor itself is never closed. A FIFO or a character device (``/dev/null``, a terminal)
    is written to directly, as ``cat > FILE`` would, since there is nothing to rename. A folder,
    a socket, a block device and a link that leads nowhere are refused with an OSError whose
    ``strerror`` says why.

    The file descriptor under the stream belongs to this function: ``write`` closing the stream
    does not close it (the stream is then unusable, and the write fails).
    """
    path = Path(path)
    descriptor, direct, place = _destination(path, replace)
    if descriptor is not None and descriptor[0]:
        _write_through(path, descriptor[1], write)
        return
    if direct:
        _write_directly(path, write)
        return
    _remove_stale(place)
    # The writer's pid is in the name, so that a later write can tell a temporary of a writer
    # that is gone from one still being written (see _remove_stale). The name is chosen before
    # the file is made, so that Ctrl-C landing as it is made still finds it to remove; with the
    # pid and 64 random bits, the name is no other writer's.
    temporary = place.parent / f".{_temporary_stem(place)}.{os.getpid()}.{os.urandom(8).hex()}.tmp"
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
        try:
            _write_to(handle, write)
            os.fsync(handle)
        finally:
            os.close(handle)
        # A stop (SIGTERM) swallowed by code that catches everything still stops the rename.
        stopping.check()
        # The file was made private; give it the mode a plain open() would have.
        mode = place.stat().st_mode & 0o777 if place.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, place)
        else:
            _put_new(temporary, place, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# What link() fails with where a file system has no hard links (FAT, some network shares).
_NO_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}
)


def _put_new(temporary: Path, place: Path, path: Path) -> None:
    """Put ``temporary`` at ``place`` only where nothing is: linked there, which fails if
    anything is, rather than renamed over it. Where the file system has no hard links, looked
    at once more just before the rename, which leaves only that instant."""
    try:
        os.link(temporary, place)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        if os.path.lexists(place):
            raise _exists(path) from None
        os.replace(temporary, place)
        return
    # The document is in place; a temporary left by a failure here is only a second name for
    # it, which a later write removes (_remove_stale).
    with contextlib.suppress(OSError):
        temporary.unlink()


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, "it already exists", str(path))


NAME_MAX = 255
"""The longest file name, in bytes, where the file system does not say: most say this."""
_TEMPORARY_EXTRA = len(".") + len(".4294967295") + len(".0123456789abcdef") + len(".tmp")
"""What a temporary's name adds to the name it is made from, with the longest pid."""


def name_limit(folder: str | os.PathLike[str]) -> int:
    """The longest file name, in bytes, that ``folder``'s file system takes."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):  # no pathconf (Windows), or no such limit
        return NAME_MAX


def shortened(stem: str, suffix: str, limit: int) -> str:
    """``stem + suffix``, within ``limit`` bytes: when it is longer, the stem is cut short and
    ends with ``~`` and eight characters of a digest of the whole, so that two long names
    differing only past the cut stay two names; the suffix is kept."""
    name = stem + suffix
    if len(os.fsencode(name)) <= limit:
        return name
    import hashlib  # here: only a name too long needs it, and with OpenSSL it costs every start

    digest = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    room = max(limit - len(os.fsencode(suffix + digest)), 0)
    stem = stem[:room]  # a character is at least a byte
    while len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return stem.rstrip("-.~ ") + digest + suffix


def slug(text: str) -> str:
    """``Neglect Operations Group`` → ``neglect-operations-group``, for file names: lower-case
    letters and digits apart by hyphens, which every file system takes (empty for text with
    none)."""
    from safeguarding_plan.folding import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
)
"""Names Windows keeps for its devices, whatever follows the first dot (``con.xlsx`` too)."""


def _temporary_stem(path: Path) -> str:
    """The part of a temporary's name taken from ``path``'s: its name, shortened where the
    temporary's name would be too long for the file system (a name near the limit is a
    file's own, but not with a temporary's pid and random part added)."""
    limit = name_limit(path.parent if str(path.parent) else ".")
    return shortened(path.name, "", max(limit - _TEMPORARY_EXTRA, 16))


def _write_to(handle: int, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a stream on ``handle`` that never closes ``handle``, and flush it."""
    stream = os.fdopen(handle, "wb", closefd=False)
    try:
        write(stream)
        stream.flush()
    finally:
        with contextlib.suppress(ValueError):  # detached by write: the write has failed already
            stream.close()


def _destination(path: Path, replace: bool) -> tuple[tuple[bool, int] | None, bool, Path]:
    """Where a document for ``path`` goes, as `write_atomically` writes it: the open file
    descriptor it names (and whether it is this process's), whether it is written directly,
    and the file to put in place. The OSError writing would meet before anything is written:
    a folder or anything else no document goes onto, or a file already there unless
    ``replace``."""
    descriptor = _descriptor(path)
    if descriptor is not None and descriptor[0]:
        return descriptor, True, path
    direct, place = _where(path, descriptor is not None)
    if not direct and not replace and os.path.lexists(place):
        raise _exists(path)
    return descriptor, direct, place


def check_writable(path: str | os.PathLike[str], *, replace: bool = True) -> None:
    """Raise the OSError writing a document to ``path`` (with ``replace`` as
    `write_atomically` takes it) would meet, writing nothing: it is a folder or something else
    no document goes onto, a file already there is not to be replaced, or its folder is
    missing."""
    place = Path(path)
    _, direct, target = _destination(place, replace)
    folder = target.parent
    if not direct and not folder.is_dir():
        code = errno.ENOTDIR if folder.exists() else errno.ENOENT
        raise OSError(code, os.strerror(code), str(place))


def _refused(path: Path, reason: str, code: int = errno.EINVAL) -> OSError:
    return OSError(code, reason, str(path))


def _where(path: Path, descriptor: bool = False) -> tuple[bool, Path]:
    """Whether ``path`` is written directly, and the path to replace when it is not;
    ``descriptor`` when it names another process's open file descriptor."""
    try:
        mode = os.stat(path).st_mode  # through any symbolic link
    except FileNotFoundError:
        if path.is_symlink():
            raise _refused(
                path, f"it is a symbolic link to {os.readlink(path)}, which does not exist"
            ) from None
        return False, path  # a new file (or a missing folder, which os.open reports)
    _refuse_kind(path, mode)
    if stat.S_ISREG(mode):
        if descriptor:
            return True, path  # another process's /proc/PID/fd/N: there is nothing to rename
        return False, Path(os.path.realpath(path)) if path.is_symlink() else path
    return True, path


def _refuse_kind(path: Path, mode: int, *, descriptor: bool = False) -> None:
    """Refuse what a document is never written onto. A socket is written to only through an
    open descriptor (standard output may be one), never opened by name."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return
    if descriptor and stat.S_ISSOCK(mode):
        return
    if stat.S_ISDIR(mode):
        raise _refused(path, "it is a folder; give a file name", errno.EISDIR)
    if stat.S_ISSOCK(mode):
        raise _refused(path, "it is a socket, not a file")
    if stat.S_ISBLK(mode):
        raise _refused(path, "it is a block device (a disk); a document is never written onto one")
    raise _refused(path, "it is not a regular file")


def _descriptor(path: Path) -> tuple[bool, int] | None:
    """Whether ``path`` leads, through links, to an open file descriptor (``/dev/stdout``,
    ``/dev/fd/N``, ``/proc/self/fd/N``): whether it is this process's, and its number."""
    place = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        place = os.path.join(os.path.realpath(os.path.dirname(place)), os.path.basename(place))
        if place in _STANDARD:
            return True, _STANDARD[place]
        if match := _DEV_FD.match(place):
            return True, int(match[1])
        if match := _PROC_FD.match(place):
            own = match[1] in ("self", "thread-self", str(os.getpid()))
            return own, int(match[2])
        if not os.path.islink(place):
            return None
        place = os.path.join(os.path.dirname(place), os.readlink(place))
    return None


def _write_through(path: Path, descriptor: int, write: Callable[[IO[bytes]], object]) -> None:
    """Write to this process's open file descriptor through a copy of it: not opened again, so
    not truncated, and written where its opener left it (at the end, when it was opened to
    append, as ``>>`` does). The descriptor itself stays open."""
    try:
        handle = os.dup(descriptor)  # not inherited by child processes
    except OSError as err:
        if err.errno != errno.EBADF:
            raise
        raise _refused(path, f"file descriptor {descriptor} is not open", errno.EBADF) from None
    try:
        _refuse_kind(path, os.fstat(handle).st_mode, descriptor=True)
        _write_to(handle, write)
    finally:
        os.close(handle)


def _write_directly(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write to a FIFO or device as it is: opened without O_CREAT, so never made a file."""
    expected = stat.S_IFMT(os.stat(path).st_mode)
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | _CLOEXEC
    if expected == stat.S_IFREG:
        flags |= os.O_TRUNC  # another process's /proc/PID/fd/N, as a shell's '>' opens it
    handle = os.open(path, flags)
    try:
        if stat.S_IFMT(os.fstat(handle).st_mode) != expected:
            raise _refused(path, "it was replaced by something else while being opened")
        _write_to(handle, write)
    finally:
        os.close(handle)


def _remove_stale(path: Path) -> None:
    """Remove the temporaries that earlier writes of ``path`` left behind when they were killed
    in a way no program can catch (SIGKILL, a power cut).

    Only a temporary that is certainly abandoned is removed: named as write_atomically names
    them for this very file, a regular file of this user, not modified for STALE_AFTER, and
    whose writer (the pid in its name) no longer runs. The pid alone would do on one machine,
    but a folder may be shared between machines, where a pid means nothing: the age is there
    for that. A pid that has been reused only keeps a temporary longer, never removes one that
    is still being written. Any problem here is ignored: it must never stop the write.
    """
    if os.name != "posix":  # os.kill(pid, 0) is only a question on POSIX
        return
    pattern = re.compile(rf"\.{re.escape(_temporary_stem(path))}\.(\d+)\.[a-z0-9_]+\.tmp\Z")
    now = time.time()
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return
    with entries:
        for entry in entries:
            match = pattern.match(entry.name)
            if not match:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if (
                    stat.S_ISREG(info.st_mode)
                    and info.st_uid == os.getuid()
                    and now - info.st_mtime > STALE_AFTER
                    and not _running(int(match[1]))
                ):
                    os.unlink(entry.path)
            except OSError:
                continue


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # someone else's process, or not a pid at all: keep the file
    return True
