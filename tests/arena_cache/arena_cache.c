/* CPython's arena allocator (PyObject_SetArenaAllocator) with a small cache of freed blocks.

   CPython 3.11 takes two kinds of block from this allocator: obmalloc's 1 MiB arenas and the
   16 KiB chunks of each thread's frame stack. It frees a stack chunk as soon as the call stack
   retreats below it (Python/pystate.c, _PyThreadState_PopFrame), so code that keeps calling
   across a chunk boundary maps and unmaps the same 16 KiB, and faults its pages in again, on
   every crossing (CPython gh-142183; fixed from 3.13.13 and 3.14.4 by caching one chunk per
   thread). Here the last SLOTS freed blocks are kept for the next request of the same size.

   Blocks still come from mmap and go back with munmap, as with CPython's own allocator, so a
   block allocated before this one was installed is freed correctly. CPython calls both
   functions with the GIL held, so the cache needs no lock. */
#include <stddef.h>
#include <sys/mman.h>

#define SLOTS 16

static void *blocks[SLOTS];
static size_t sizes[SLOTS];
static int kept;

void *arena_cache_alloc(void *ctx, size_t size)
{
    (void)ctx;
    for (int i = kept - 1; i >= 0; i--) {
        if (sizes[i] == size) {
            void *block = blocks[i];
            kept--;
            blocks[i] = blocks[kept];
            sizes[i] = sizes[kept];
            return block;
        }
    }
    void *block = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return block == MAP_FAILED ? NULL : block;
}

void arena_cache_free(void *ctx, void *block, size_t size)
{
    (void)ctx;
    if (kept < SLOTS) {
        blocks[kept] = block;
        sizes[kept] = size;
        kept++;
        return;
    }
    munmap(block, size);
}
