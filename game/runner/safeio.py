"""Reading files a run left behind, trusting nothing about them: no symlink is followed, only
regular files are read, sizes are capped before reading, opens never block (a FIFO in place of
a result must not hang anyone) and JSON is bounded in depth and refuses NaN/Infinity.

Used by the trusted judge and by the run's parent process that copies results out of the
run's private scratch. Every refusal is an `Untrusted` error with a plain sentence.
Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from typing import Any

MAX_JSON_DEPTH = 64
# Windows lacks some of these; its spare worker has no symlink or FIFO tricks of this kind
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = (
    os.O_RDONLY
    | _NOFOLLOW
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class Untrusted(ValueError):
    """A file the run left is not what it claims to be (a plain sentence says why)."""


def open_regular(name: str, dir_fd: int | None = None, max_bytes: int | None = None) -> int:
    """An O_RDONLY descriptor of the regular file `name` (never a symlink, FIFO or device);
    raises FileNotFoundError when absent, Untrusted for anything odd."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except FileNotFoundError:
        raise
    except OSError as exc:  # ELOOP: a symlink; ENXIO: a FIFO or socket with nobody on it
        raise Untrusted(
            f"{os.path.basename(name)} could not be opened safely ({exc.strerror})"
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Untrusted(f"{os.path.basename(name)} is not a regular file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise Untrusted(
                f"{os.path.basename(name)} is {info.st_size:,} bytes, over its limit of "
                f"{max_bytes:,}"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(name: str, max_bytes: int, dir_fd: int | None = None) -> bytes:
    """At most `max_bytes` of a regular file; a file that grows past the cap while being read
    is refused too."""
    fd = open_regular(name, dir_fd, max_bytes)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise Untrusted(f"{os.path.basename(name)} grew past its limit of {max_bytes:,}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _refuse_constant(name: str) -> Any:
    raise Untrusted(f"the number {name} is not allowed here")


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise Untrusted(f"the number {text[:20]} is out of range")
    return value


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings, without recursion."""
    deepest = depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_json(data: bytes, what: str = "result") -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Untrusted(f"the {what} is not UTF-8 text") from None
    if _depth(text) > MAX_JSON_DEPTH:
        raise Untrusted(f"the {what} is nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, Untrusted):
            raise
        raise Untrusted(f"the {what} is not valid JSON") from None


def read_json(name: str, max_bytes: int, dir_fd: int | None = None) -> Any:
    return parse_json(read_bytes(name, max_bytes, dir_fd), os.path.basename(name))


def copy_regular(name: str, src_dir: int, dst_dir: int, max_bytes: int) -> bool:
    """Copy the regular file `name` between two directory descriptors (the destination must not
    exist yet); False when it is absent, odd or too large (the judge then sees it missing).
    The file appears whole or not at all (written aside, then linked into place), so the judge
    may read a case while the run is still going."""
    try:
        src = open_regular(name, src_dir, max_bytes)
    except (OSError, Untrusted):
        return False
    part = f".{name}.part"
    try:
        try:
            dst = os.open(
                part,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                0o644,
                dir_fd=dst_dir,
            )
        except OSError:
            return False
        try:
            left = max_bytes
            while left > 0:
                sent = os.sendfile(dst, src, None, min(left, 1 << 24))
                if sent == 0:
                    break
                left -= sent
        finally:
            os.close(dst)
        os.link(part, name, src_dir_fd=dst_dir, dst_dir_fd=dst_dir)
        return True
    except OSError:
        return False
    finally:
        os.close(src)
        with contextlib.suppress(OSError):
            os.unlink(part, dir_fd=dst_dir)
