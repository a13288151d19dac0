#ifndef CSTRATA_SHA256_H
#define CSTRATA_SHA256_H
#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (and SSSE3/SSE4.1) that cstrata_sha256_blocks uses.
int cstrata_sha256_accelerated(void);

/// Compresses `blocks` 64-byte blocks into `state` with the x86 SHA extensions.
/// Only call when cstrata_sha256_accelerated() returned 1.
void cstrata_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
