#include "CTickmarkArena.h"

#include <malloc.h>
#include <stdlib.h>

void tickmark_heap_keep_free_memory(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

void tickmark_heap_reserve(size_t bytes) {
    /* The block is taken and given back at once: its room stays at the top of the heap. The
     * volatile pointer keeps the compiler from removing the pair. */
    void *volatile block = malloc(bytes);
    free(block);
}
