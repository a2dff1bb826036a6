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

#endif
