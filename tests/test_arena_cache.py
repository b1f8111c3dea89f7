"""The test processes' arena cache (tests/arena_cache/): calls that cross a frame-stack chunk
boundary over and over fault no memory in again."""

import resource

import pytest

from tests import arena_cache


def _descend(depth):
    return 0 if depth == 0 else _descend(depth - 1) + 1


def test_calls_across_a_frame_stack_chunk_fault_no_memory_in_again():
    """300 frames of `_descend` take more than one 16 KiB chunk, so each of the 5,000 descents
    crosses a chunk boundary: without the cache each one maps a chunk and faults its pages in
    (25,000 faults on CPython 3.11.7), with it they reuse the cached chunk."""
    if not arena_cache.needed():
        pytest.skip("this CPython keeps its frame-stack chunks itself")
    assert arena_cache.installed(), "tests/arena_cache/arena_cache.c was not compiled (no C compiler?)"
    _descend(300)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(5000):
        _descend(300)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before < 500
