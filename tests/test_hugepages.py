"""The zygote's huge-page heap: which mappings are collapsed, and that a collapsed process still
forks children that work and leave the parent's memory alone."""

from __future__ import annotations

import os
import sys

import pytest

from game.runner.hugepages import _private_heap, collapse_heap

MAPS = """\
00400000-00421000 r--p 00000000 fe:01 123 /usr/bin/python3.11
00421000-00800000 rw-p 00000000 00:00 0 [heap]
7f0000000000-7f0000a00000 rw-p 00000000 00:00 0
7f0000a00000-7f0000a01000 rw-p 00000000 00:00 0
7f0001000000-7f0001600000 rw-s 00000000 00:05 9 /dev/shm/x
7f0002000000-7f0002600000 r--p 00000000 00:00 0
7f0003000000-7f0003600000 rw-p 00001000 fe:01 77 /usr/lib/libtorch_cpu.so
7ffc00000000-7ffc00800000 rw-p 00000000 00:00 0 [stack]
"""


def test_only_private_writable_anonymous_spans_at_huge_boundaries() -> None:
    spans = list(_private_heap(MAPS))
    assert spans == [(0x600000, 0x200000), (0x7F0000000000, 0xA00000)]


def test_nothing_below_one_huge_page_and_no_garbage_lines() -> None:
    assert list(_private_heap("not a maps line\n\n7f-80 rw-p 0 0:0 0\n")) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_a_collapsed_heap_still_forks_private_children() -> None:
    data = bytearray(b"z" * (8 << 20))  # enough heap for at least one huge page
    assert collapse_heap() >= 0
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        data[0:4] = b"kid!"  # copy on write: the parent must not see it
        os.write(write, bytes(data[0:4]))
        os._exit(0)
    os.close(write)
    assert os.read(read, 4) == b"kid!"
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert data[0:4] == b"zzzz"
