"""Writing an output file so that nothing the user had is lost or left half-written.

The file appears whole or not at all (a temporary file in the same folder, then a
link or a rename); without ``force`` an existing file is never replaced, even by a
second writer racing this one (``os.link`` fails when the name exists, so exactly
one of two writers wins); an existing file keeps its mode, a new one gets the
umask's; a symbolic link is followed and its target written; devices and pipes are
written in place. The temporary file is removed on every exit path, on SIGINT and
SIGTERM. SIGKILL cannot be caught: where the system has ``O_TMPFILE`` the data has
no name until it is complete, so nothing is left; elsewhere the leftover is named
``.NAME.PID.treatycmp.tmp`` and removed by the next write to ``NAME`` once process
PID is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from treatycmp.errors import OutputError, Problem, Terminated

TEMP_SUFFIX = ".treatycmp.tmp"
_LINKS_MAX = 40


def _random_hex() -> str:
    """``secrets.token_hex(4)``, without importing ``secrets`` (``hmac``, ``random``,
    OpenSSL): ``nearest`` imports this module at start-up."""
    return os.urandom(4).hex()


def temp_name(target: Path, pid: int | None = None) -> Path:
    """A recognisable temporary name for ``target``: ``.NAME.PID.RANDOM.treatycmp.tmp``."""
    pid = os.getpid() if pid is None else pid
    return target.with_name(f".{target.name}.{pid}.{_random_hex()}{TEMP_SUFFIX}")


def current_umask() -> int:
    """The process umask, read without changing it where the system says it."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def resolve_target(output: Path) -> Path:
    """The file to write: ``output``, or the file a chain of symbolic links ends at."""
    target = output
    for _ in range(_LINKS_MAX):
        if not target.is_symlink():
            return target
        link = Path(os.readlink(target))
        target = link if link.is_absolute() else target.parent / link
    raise OutputError(
        Problem(str(output), None, "is a loop of symbolic links", "write to another name")
    )


def write_file(text: str, output: Path, *, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``output`` atomically, following the rules above.

    Raises:
        OutputError: the file exists and ``force`` is false, its folder is missing
            or unwritable, or it names a folder.
    """
    name = str(output)
    target = resolve_target(output)
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _cannot(name, exc) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(Problem(name, None, "is a folder", "give a file name"))
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_in_place(text, target, name)
        return
    if st is not None and not force:
        raise exists_error(name)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            Problem(name, None, "its folder does not exist", "create the folder first")
        )
    data = text.encode("utf-8")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()
    remove_stale_temps(target)
    try:
        with _signals_cleanly():
            if not _write_anonymous(data, target, mode, force, name):
                _write_named(data, target, mode, force, name)
    except OSError as exc:
        raise _cannot(name, exc) from exc


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temporary files of earlier writes to ``target`` whose process is gone."""
    pattern = re.compile(
        re.escape(f".{target.name}.") + r"(\d+)\.[0-9a-f]+" + re.escape(TEMP_SUFFIX)
    )
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            m = pattern.fullmatch(entry.name)
            if m is None or _alive(int(m[1])):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _write_anonymous(data: bytes, target: Path, mode: int, force: bool, name: str) -> bool:
    """Linux: write an unnamed file (``O_TMPFILE``), then give it its name. False if unsupported."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return False
    try:
        fd = os.open(target.parent, flag | os.O_WRONLY, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return False
        raise
    try:
        _fill(fd, data, mode)
        if not force:
            try:
                _link_fd(fd, target)
            except FileExistsError:
                raise exists_error(name) from None
            except OSError:
                return False  # cannot name it here: the named path will do
            return True
        tmp = temp_name(target)
        try:
            _link_fd(fd, tmp)
        except OSError:
            return False
        try:
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        return True
    finally:
        os.close(fd)


def _link_fd(fd: int, target: Path) -> None:
    """Give the unnamed file ``fd`` the name ``target`` (``linkat`` following
    ``/proc/self/fd/FD``; fails with ``FileExistsError`` when the name is taken)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        # A src_dir_fd makes Python call linkat(..., AT_SYMLINK_FOLLOW); plain link()
        # would try to link the /proc symlink itself.
        os.link(str(fd), target, src_dir_fd=proc)
    finally:
        os.close(proc)


def _write_named(data: bytes, target: Path, mode: int, force: bool, name: str) -> None:
    """Everywhere: a named temporary file, then ``link`` (no clobber) or ``replace``."""
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            _fill(fd, data, mode)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise exists_error(name) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links here (FAT, some network file systems): claim the name first.
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                raise exists_error(name) from None
            os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _fill(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fchmod(fd, mode)
    os.fsync(fd)


def _write_in_place(text: str, target: Path, name: str) -> None:
    """Write into a device or a pipe, which must not be replaced by a regular file."""
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(
            Problem(name, None, f"cannot be written ({exc.strerror})", "choose another output")
        ) from exc


@contextlib.contextmanager
def _signals_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exception while writing, so ``finally`` blocks run.

    SIGINT already raises ``KeyboardInterrupt``. Signal handlers can be set only
    from the main thread; elsewhere the write goes ahead without one.
    """

    def terminated(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def exists_error(name: str) -> OutputError:
    """An output that would replace an existing file without ``--force``."""
    return OutputError(
        Problem(
            name, None, "already exists", "pass --force to overwrite it, or choose another name"
        )
    )


def _cannot(name: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(
            Problem(name, None, "is a name too long for the file system", "choose a shorter name")
        )
    if exc.errno == errno.ENOTDIR:  # -o a/b.yaml where a is a file
        blocker = next((p for p in Path(name).parents if p.exists() and not p.is_dir()), None)
        where = f"'{blocker}'" if blocker else "a folder"
        where += " on its path is a file"
        return OutputError(
            Problem(name, None, f"cannot be written: {where}, not a folder", "choose another path")
        )
    return OutputError(
        Problem(name, None, f"cannot be written ({reason})", "check the folder's permissions")
    )


_CACHE_TEMP = re.compile(r"\.(.+)\.(\d+)\.[0-9a-f]+" + re.escape(TEMP_SUFFIX))


def cache_temp(folder: Path, name: str) -> Path:
    """A temporary name in a cache folder for ``name``, carrying this process's id, so
    a later write can tell a leftover of a killed process (``remove_stale_cache_temps``)."""
    return folder / f".{name}.{os.getpid()}.{_random_hex()}{TEMP_SUFFIX}"


def remove_stale_cache_temps(folder: Path) -> int:
    """Delete temporary files and folders in ``folder`` left by processes that are gone
    (killed in the middle of a write); returns how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = _CACHE_TEMP.fullmatch(entry.name)
            if m is None or _alive(int(m[2])):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    import shutil  # only then: with zlib, bz2 and lzma (start-up)

                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed += 1
    return removed


def write_cache_entry(entry: Path, data: bytes) -> bool:
    """Store a cache entry whole or not at all; False when it could not be stored.

    A cache is an optimisation: a full disk, a file-size limit (``ulimit -f``: Python
    ignores SIGXFSZ, so the write fails with EFBIG) or a read-only folder only means the
    next run parses again. The temporary file is removed on every path a process can
    handle; one left by a killed process carries its id and is removed by the next
    write to the folder.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_cache_temps(entry.parent)
        tmp = cache_temp(entry.parent, entry.name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, entry)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
