"""A cache in front of CPython's arena allocator for the test processes (arena_cache.c says why).

On CPython 3.11 every Python call that crosses a 16 KiB boundary of the frame stack maps and
unmaps memory and faults it in again. Django's request and template code crosses one thousands of
times a second: on the fuzz test (5,000 requests) that was 8–9 s of the process's 40–50 s in the
kernel, 1.1 million page faults; with the cache 0.4 s and 80,000. `install()` compiles
arena_cache.c once per source (`cc`, into var/test-cache/) and installs it with
`PyObject_SetArenaAllocator` (https://docs.python.org/3.11/c-api/memory.html#customize-pyobject-arena-allocator).
"""

import ctypes
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path(__file__).with_name("arena_cache.c")
BUILT = Path(__file__).resolve().parents[2] / "var" / "test-cache"
FIXED_IN = {(3, 13): 13, (3, 14): 4}  # CPython releases that cache a stack chunk themselves


class _Allocator(ctypes.Structure):  # PyObjectArenaAllocator
    _fields_ = [("ctx", ctypes.c_void_p), ("alloc", ctypes.c_void_p), ("free", ctypes.c_void_p)]


_installed = []


def needed():
    """Whether this CPython frees a frame-stack chunk as soon as the stack retreats below it."""
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return False
    major_minor, micro = sys.version_info[:2], sys.version_info[2]
    if major_minor in FIXED_IN:
        return micro < FIXED_IN[major_minor]
    return major_minor < (3, 13)


def _library():
    """Path of the compiled cache, compiled first if this source has not been; None without a
    C compiler or if it fails."""
    source = SOURCE.read_bytes()
    target = BUILT / f"arena-cache-{hashlib.sha256(source).hexdigest()[:16]}.so"
    if target.exists():
        return target
    compiler = shutil.which(os.environ.get("CC", "cc"))
    if compiler is None:
        return None
    BUILT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILT) as scratch:
        built = Path(scratch) / target.name
        result = subprocess.run(  # noqa: S603 - the C compiler on our own source
            [compiler, "-O2", "-shared", "-fPIC", "-o", str(built), str(SOURCE)],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            return None
        built.replace(target)  # atomic: parallel processes each compile, one file remains
    for old in BUILT.glob("arena-cache-*.so"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def install():
    """Install the cache in this process (once). Returns True when it is installed, False when
    this CPython does not need it, no C compiler could build it, or KUULU_ARENA_CACHE=0 turns it
    off (to measure without it)."""
    if _installed:
        return True
    if not needed() or os.environ.get("KUULU_ARENA_CACHE") == "0":
        return False
    path = _library()
    if path is None:
        return False
    library = ctypes.CDLL(str(path))
    allocator = _Allocator(
        None,
        ctypes.cast(library.arena_cache_alloc, ctypes.c_void_p),
        ctypes.cast(library.arena_cache_free, ctypes.c_void_p),
    )
    ctypes.pythonapi.PyObject_SetArenaAllocator(ctypes.byref(allocator))
    _installed.append((library, allocator))  # CPython keeps the pointers, not the objects
    return True


def installed():
    return bool(_installed)
