#ifndef CTICKMARK_ARENA_H
#define CTICKMARK_ARENA_H

/*
 * A region allocator for one cmark-gfm parse.
 *
 * cmark-gfm allocates a node per block and inline, and grows a buffer per block by realloc;
 * almost nothing is freed before the whole tree is. Handing the parser a region allocator
 * makes each allocation a pointer bump, lets the common "grow the newest buffer" realloc
 * happen in place, asks the kernel for transparent huge pages (2 MiB faults instead of 4 KiB
 * ones), and frees the whole tree with a few munmap calls instead of one free per node.
 *
 * The allocator behind `tickmark_arena_memory()` serves the calling thread's current region:
 * make one current (`tickmark_arena_begin`, or `tickmark_arena_create` and `tickmark_arena_use`)
 * before creating a parser and while using anything it returned (the tree, iterators, literals:
 * reading a literal allocates), and release it after the last use. Two threads may each use
 * their own region at the same time, such as one parsing while the other walks an earlier tree.
 */

#include <cmark-gfm.h>
#include <stddef.h>

/* A region; several may exist, one current per thread. */
typedef struct tickmark_arena tickmark_arena;

/* Creates a region sized for an input of `input_size` bytes (not yet current anywhere). */
tickmark_arena *tickmark_arena_create(size_t input_size);

/* Makes `region` the calling thread's current region (NULL: none). */
void tickmark_arena_use(tickmark_arena *region);

/* Takes back every block of `region`, keeping its newest mapping. */
void tickmark_arena_clear(tickmark_arena *region);

/* Releases `region` whole; it must not be current on any thread. */
void tickmark_arena_destroy(tickmark_arena *region);

/* Starts a region for the calling thread, sized for an input of `input_size` bytes. */
void tickmark_arena_begin(size_t input_size);

/* The cmark-gfm allocator that serves the calling thread's region. */
cmark_mem *tickmark_arena_memory(void);

/* Releases every block of the calling thread's region at once. */
void tickmark_arena_end(void);

/*
 * Heaps grown ahead, for the threads that read a large checklist.
 *
 * glibc grows a thread's malloc heap by what each allocation lacks, a page or a few at a time,
 * with one mprotect call each: some 3,000 calls while a 2 MB checklist is read. These two let a
 * thread grow its heap once instead.
 */

/*
 * Process-wide malloc settings (call once, before other threads allocate): blocks below 32 MiB
 * come from the threads' heaps rather than mappings of their own, and free memory at the top of
 * a heap is kept for later allocations until it reaches 512 MiB. Memory is then given back to
 * the system at exit rather than as it is freed, which suits a process that reads and exits.
 */
void tickmark_heap_keep_free_memory(void);

/*
 * Grows the calling thread's malloc heap by about `bytes` (less than 32 MiB) in one step when
 * `tickmark_heap_keep_free_memory` was called, so that its next allocations find room there.
 * Touches no more than a page or two of it. With `huge_pages`, asks for transparent huge pages
 * in that room: one page fault per 2 MiB used instead of one per 4 KiB, at the price of up to
 * one huge page more resident memory.
 */
void tickmark_heap_reserve(size_t bytes, int huge_pages);

#endif
