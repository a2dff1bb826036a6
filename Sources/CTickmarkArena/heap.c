#include "CTickmarkArena.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { huge_page_size = 2u << 20 };

void tickmark_heap_keep_free_memory(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

void tickmark_heap_reserve(size_t bytes, int huge_pages) {
    /* The block is taken and given back at once: its room stays at the top of the heap. The
     * volatile pointer keeps the compiler from removing the pair. */
    void *volatile block = malloc(bytes);
    if (block != NULL && huge_pages) {
        uintptr_t start = ((uintptr_t)block + huge_page_size - 1) & ~(uintptr_t)(huge_page_size - 1);
        uintptr_t end = ((uintptr_t)block + bytes) & ~(uintptr_t)(huge_page_size - 1);
        if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
    }
    free(block);
}
