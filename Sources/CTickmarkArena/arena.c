#define _GNU_SOURCE
#include "CTickmarkArena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * A region is a list of chunks, each one anonymous mapping. Blocks are 16-byte aligned and
 * preceded by a 16-byte header holding their capacity. Memory above a chunk's high-water mark
 * has never been handed out and is still zero from the kernel, so calloc only clears what a
 * popped block left behind.
 */

enum { header_size = 16, huge_page = 2u << 20 };

typedef struct chunk {
    struct chunk *previous;
    char *mapping;      /* what munmap releases */
    size_t mapped;
    char *start;        /* first usable byte */
    char *end;
    char *next;         /* where the next block's header goes */
    char *high_water;   /* bytes at or above this were never handed out */
    char *last_block;   /* the newest block, which can grow, shrink or be popped in place */
} chunk;

typedef struct tickmark_arena {
    chunk *current;
    size_t chunk_size;
} arena;

static _Thread_local arena *current_arena;

static void out_of_memory(size_t size) {
    fprintf(stderr, "tickmark: out of memory while parsing Markdown (%zu bytes requested)\n", size);
    abort();
}

static size_t round_up(size_t value, size_t to) {
    return (value + to - 1) / to * to;
}

static chunk *new_chunk(arena *region, size_t needed) {
    size_t usable = needed > region->chunk_size ? round_up(needed, huge_page) : region->chunk_size;
    /* Over-map by one huge page so the usable part can start on a 2 MiB boundary. */
    size_t mapped = usable + huge_page + round_up(sizeof(chunk), 64);
    char *mapping = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) out_of_memory(needed);
    chunk *block = (chunk *)mapping;
    char *start = (char *)round_up((uintptr_t)(mapping + sizeof(chunk)), huge_page);
#ifdef MADV_HUGEPAGE
    madvise(start, usable, MADV_HUGEPAGE);
#endif
    block->previous = region->current;
    block->mapping = mapping;
    block->mapped = mapped;
    block->start = start;
    block->end = start + usable;
    block->next = start;
    block->high_water = start;
    block->last_block = NULL;
    region->current = block;
    return block;
}

static size_t capacity_of(const void *pointer) {
    return *(const size_t *)((const char *)pointer - header_size);
}

static void *allocate(size_t size, int zeroed) {
    arena *region = current_arena;
    if (region == NULL) {
        fprintf(stderr, "tickmark: Markdown parser used outside its memory region\n");
        abort();
    }
    if (size > SIZE_MAX / 2) out_of_memory(size);
    size_t capacity = round_up(size == 0 ? 1 : size, 16);
    chunk *block = region->current;
    if (block == NULL || (size_t)(block->end - block->next) < capacity + header_size) {
        block = new_chunk(region, capacity + header_size);
    }
    char *header = block->next;
    char *pointer = header + header_size;
    block->next = pointer + capacity;
    if (zeroed && header < block->high_water) {
        char *dirty_end = block->high_water < block->next ? block->high_water : block->next;
        memset(header, 0, (size_t)(dirty_end - header));
    }
    if (block->next > block->high_water) block->high_water = block->next;
    *(size_t *)header = capacity;
    block->last_block = pointer;
    return pointer;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
    return allocate(count * size, 1);
}

static void *arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return allocate(size, 0);
    size_t old_capacity = capacity_of(pointer);
    if (size <= old_capacity) return pointer;
    arena *region = current_arena;
    chunk *block = region ? region->current : NULL;
    size_t capacity = round_up(size, 16);
    if (block != NULL && block->last_block == pointer && (size_t)(block->end - (char *)pointer) >= capacity) {
        block->next = (char *)pointer + capacity;
        if (block->next > block->high_water) block->high_water = block->next;
        *(size_t *)((char *)pointer - header_size) = capacity;
        return pointer;
    }
    void *moved = allocate(size, 0);
    memcpy(moved, pointer, old_capacity);
    return moved;
}

static void arena_free(void *pointer) {
    if (pointer == NULL || current_arena == NULL) return;
    chunk *block = current_arena->current;
    if (block != NULL && block->last_block == pointer) {
        block->next = (char *)pointer - header_size;
        block->last_block = NULL;
    }
}

static cmark_mem arena_memory = { arena_calloc, arena_realloc, arena_free };

tickmark_arena *tickmark_arena_create(size_t input_size) {
    arena *region = calloc(1, sizeof(arena));
    if (region == NULL) out_of_memory(sizeof(arena));
    /* cmark-gfm's tree takes about 16 bytes per input byte; chunks of 2 to 64 MiB. */
    size_t wanted = input_size > SIZE_MAX / 32 ? SIZE_MAX / 2 : input_size * 16;
    if (wanted < (2u << 20)) wanted = 2u << 20;
    if (wanted > (64u << 20)) wanted = 64u << 20;
    region->chunk_size = round_up(wanted, huge_page);
    return region;
}

void tickmark_arena_use(tickmark_arena *region) {
    current_arena = region;
}

void tickmark_arena_clear(tickmark_arena *region) {
    if (region == NULL || region->current == NULL) return;
    chunk *newest = region->current;
    chunk *block = newest->previous;
    while (block != NULL) {
        chunk *previous = block->previous;
        munmap(block->mapping, block->mapped);
        block = previous;
    }
    newest->previous = NULL;
    newest->next = newest->start;
    newest->last_block = NULL;
}

void tickmark_arena_destroy(tickmark_arena *region) {
    if (region == NULL) return;
    chunk *block = region->current;
    while (block != NULL) {
        chunk *previous = block->previous;
        munmap(block->mapping, block->mapped);
        block = previous;
    }
    free(region);
}

void tickmark_arena_begin(size_t input_size) {
    if (current_arena != NULL) {
        fprintf(stderr, "tickmark: Markdown memory regions do not nest\n");
        abort();
    }
    current_arena = tickmark_arena_create(input_size);
}

cmark_mem *tickmark_arena_memory(void) {
    return &arena_memory;
}

void tickmark_arena_end(void) {
    tickmark_arena_destroy(current_arena);
    current_arena = NULL;
}
