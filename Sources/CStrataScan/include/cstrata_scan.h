// Byte-scanning kernels for the audit, written for Strata: the loops that read every byte of
// an image, vectorised where the CPU allows and portable everywhere else. Every function gives
// the same answer on every path; the vector paths only make it faster.
#ifndef CSTRATA_SCAN_H
#define CSTRATA_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// A Teddy fingerprint filter (after Hyperscan's "Teddy" literal matcher): up to eight buckets
/// of literals, each described by the low and high nibbles its first four bytes may have.
/// Bit b of `lo[k][n]` is set when some literal of bucket b may have a byte with low nibble
/// n at position k; likewise `hi` for the high nibble.
typedef struct {
    uint8_t lo[4][16];
    uint8_t hi[4][16];
} cstrata_teddy_masks;

/// Writes to `out` the positions p in [from, length) whose bytes p ... p+3 fit some bucket,
/// as `(uint64_t)p << 8 | buckets`, in increasing order; a byte past `length` fits every
/// bucket. Stops after at most `capacity` candidates (give at least 32 for the vector path) and returns how many it wrote; `*next` is the
/// position to continue from (`length` when done). `portable` forces the scalar path.
size_t cstrata_teddy_candidates(
    const cstrata_teddy_masks *masks, const uint8_t *bytes, size_t length, size_t from,
    uint64_t *out, size_t capacity, size_t *next, int portable);

/// A Teddy filter with the literals behind it: bucket b holds the literals
/// `members[bucket_start[b] ..< bucket_start[b + 1]]`; literal i is the `lengths[i]` bytes at
/// `literals + starts[i]`, in lower case, and matches ignoring ASCII case.
typedef struct {
    const cstrata_teddy_masks *masks;
    const uint16_t *bucket_start;
    const uint16_t *members;
    const uint8_t *literals;
    const uint32_t *starts;
    const uint32_t *lengths;
    /// How many literals there are: the most that can match at one position.
    size_t count;
    /// Where the vector filter does not run: the bucket bits of every byte pair at positions
    /// 0–1 and 2–3 (2 × 65536 bytes, from `cstrata_teddy_pairs_init`), or NULL.
    const uint8_t *pairs;
} cstrata_anchor_tables;

/// Fills `pairs` (2 × 65536 bytes) for `cstrata_anchor_tables.pairs`.
void cstrata_teddy_pairs_init(const cstrata_teddy_masks *masks, uint8_t *pairs);

/// Finds the literals of `tables` that lie wholly in bytes[0..<length] and start in
/// [from, length): writes each literal index to `patterns` and its start to `positions`,
/// ordered by start, then bucket, then position in the bucket. Stops before a position whose
/// matches might not fit in `capacity` (which must be at least `tables->count`) and returns
/// how many it wrote; `*next` is where to continue (`length` when done). `portable` forces the
/// scalar path (through `pairs` when given).
size_t cstrata_anchor_find(
    const cstrata_anchor_tables *tables, const uint8_t *bytes, size_t length, size_t from, uint32_t *patterns,
    uint64_t *positions, size_t capacity, size_t *next, int portable);

/// The index of the first `\n` or `\r` in bytes[from..<length], or `length` when none.
size_t cstrata_next_line_break(const uint8_t *bytes, size_t length, size_t from);

/// A set of bytes, as a table and as the nibble tables the vector path classifies 32 bytes
/// at a time with. Made by `cstrata_byte_set_init`.
typedef struct {
    uint8_t low_below_128[16];
    uint8_t low_from_128[16];
    _Bool member[256];
} cstrata_byte_set;

void cstrata_byte_set_init(cstrata_byte_set *set, const _Bool *member);

/// The first run at or after `from` (a maximal stretch of bytes in `set`, cut off at `from`)
/// that holds a line break and is at least `minimum` bytes long: returns 1 and sets `*start`
/// and `*end`, or returns 0 when there is none. `\n` and `\r` must be in `set`. `portable`
/// forces the scalar path.
int cstrata_next_broken_run(
    const uint8_t *bytes, size_t length, size_t from, const cstrata_byte_set *set, size_t minimum, size_t *start,
    size_t *end, int portable);

/// Whether the AVX2 paths run on this CPU.
int cstrata_scan_vectorised(void);

#endif
