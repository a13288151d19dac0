// The Teddy candidate filter and the line-break search of cstrata_scan.h.
#include "cstrata_scan.h"

#include <string.h>

/// Bucket bits of the four bytes at `p`, one at a time: the reference the vector path must
/// agree with.
static inline uint8_t fit(const cstrata_teddy_masks *m, const uint8_t *bytes, size_t length, size_t p) {
    uint8_t bits = 0xff;
    for (int k = 0; k < 4 && bits; k++) {
        if (p + k >= length) break;
        uint8_t b = bytes[p + k];
        bits &= m->lo[k][b & 15] & m->hi[k][b >> 4];
    }
    return bits;
}

static size_t portable_candidates(
    const cstrata_teddy_masks *m, const uint8_t *bytes, size_t length, size_t p, uint64_t *out, size_t capacity,
    size_t *next) {
    size_t count = 0;
    for (; p < length; p++) {
        uint8_t bits = fit(m, bytes, length, p);
        if (!bits) continue;
        if (count == capacity) break;
        out[count++] = (uint64_t)p << 8 | bits;
    }
    *next = p;
    return count;
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int cstrata_scan_vectorised(void) {
    static int known = -1;
    int value = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (value < 0) {
        value = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    }
    return value;
}

/// 32 positions per step: for each of the four offsets, two in-lane shuffles look up the
/// bucket bits of every byte's nibbles, and the AND of all eight is non-zero exactly where
/// `fit` is.
__attribute__((target("avx2")))
static size_t avx2_candidates(
    const cstrata_teddy_masks *m, const uint8_t *bytes, size_t length, size_t p, uint64_t *out, size_t capacity,
    size_t *next) {
    const __m256i low = _mm256_set1_epi8(0x0f);
    __m256i lo[4], hi[4];
    for (int k = 0; k < 4; k++) {
        lo[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m->lo[k]));
        hi[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m->hi[k]));
    }
    size_t count = 0;
    while (p + 35 <= length) {
        __m256i bits = _mm256_set1_epi8((char)0xff);
        for (int k = 0; k < 4; k++) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(bytes + p + k));
            __m256i l = _mm256_shuffle_epi8(lo[k], _mm256_and_si256(v, low));
            __m256i h = _mm256_shuffle_epi8(hi[k], _mm256_and_si256(_mm256_srli_epi16(v, 4), low));
            bits = _mm256_and_si256(bits, _mm256_and_si256(l, h));
        }
        uint32_t hits = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(bits, _mm256_setzero_si256()));
        if (hits) {
            uint8_t lanes[32];
            _mm256_storeu_si256((__m256i *)lanes, bits);
            // Only a whole step's candidates are written, so a full `out` resumes cleanly.
            if (count + (size_t)__builtin_popcount(hits) > capacity) {
                *next = p;
                return count;
            }
            while (hits) {
                int i = __builtin_ctz(hits);
                hits &= hits - 1;
                out[count++] = (uint64_t)(p + (size_t)i) << 8 | lanes[i];
            }
        }
        p += 32;
    }
    return count + portable_candidates(m, bytes, length, p, out + count, capacity - count, next);
}
#else
int cstrata_scan_vectorised(void) { return 0; }
#endif

size_t cstrata_teddy_candidates(
    const cstrata_teddy_masks *masks, const uint8_t *bytes, size_t length, size_t from, uint64_t *out,
    size_t capacity, size_t *next, int portable) {
#if defined(__x86_64__)
    if (!portable && capacity >= 32 && cstrata_scan_vectorised()) return avx2_candidates(masks, bytes, length, from, out, capacity, next);
#endif
    (void)portable;
    return portable_candidates(masks, bytes, length, from, out, capacity, next);
}

#if defined(__x86_64__)
size_t cstrata_next_line_break(const uint8_t *bytes, size_t length, size_t from) {
    // SSE2 is part of x86-64 itself: no run-time check.
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    size_t p = from;
    while (p + 16 <= length) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + p));
        int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (hits) return p + (size_t)__builtin_ctz((unsigned)hits);
        p += 16;
    }
    for (; p < length; p++)
        if (bytes[p] == '\n' || bytes[p] == '\r') return p;
    return length;
}
#else
size_t cstrata_next_line_break(const uint8_t *bytes, size_t length, size_t from) {
    for (size_t p = from; p < length; p++)
        if (bytes[p] == '\n' || bytes[p] == '\r') return p;
    return length;
}
#endif

/// Whether literal `index` matches at `start`, ignoring ASCII case.
static inline int literal_at(const cstrata_anchor_tables *t, uint16_t index, const uint8_t *bytes, size_t length, size_t start) {
    uint32_t n = t->lengths[index];
    if (n > length - start) return 0;
    const uint8_t *literal = t->literals + t->starts[index];
    for (uint32_t k = 0; k < n; k++) {
        uint8_t b = bytes[start + k];
        if (b >= 'A' && b <= 'Z') b |= 0x20;
        if (b != literal[k]) return 0;
    }
    return 1;
}

/// Writes the literals of the buckets in `bits` that match at `start`; returns the new count.
static inline size_t verify(
    const cstrata_anchor_tables *t, const uint8_t *bytes, size_t length, size_t start, unsigned bits, uint32_t *patterns,
    uint64_t *positions, size_t count) {
    while (bits) {
        int bucket = __builtin_ctz(bits);
        bits &= bits - 1;
        for (uint16_t slot = t->bucket_start[bucket]; slot < t->bucket_start[bucket + 1]; slot++) {
            uint16_t index = t->members[slot];
            if (literal_at(t, index, bytes, length, start)) {
                patterns[count] = index;
                positions[count] = start;
                count++;
            }
        }
    }
    return count;
}

void cstrata_teddy_pairs_init(const cstrata_teddy_masks *m, uint8_t *pairs) {
    for (unsigned x = 0; x < 65536; x++) {
        uint8_t first = (uint8_t)x, second = (uint8_t)(x >> 8);
        pairs[x] = m->lo[0][first & 15] & m->hi[0][first >> 4] & m->lo[1][second & 15] & m->hi[1][second >> 4];
        pairs[65536 + x] = m->lo[2][first & 15] & m->hi[2][first >> 4] & m->lo[3][second & 15] & m->hi[3][second >> 4];
    }
}

/// The scalar filter with two loads per position instead of eight: `pairs` holds the bucket
/// bits of every byte pair at positions 0–1 and at 2–3.
static size_t pair_candidates(
    const cstrata_teddy_masks *m, const uint8_t *pairs, const uint8_t *bytes, size_t length, size_t p, uint64_t *out,
    size_t capacity, size_t *next) {
    size_t count = 0;
    for (; p + 4 <= length; p++) {
        uint8_t bits = pairs[bytes[p] | bytes[p + 1] << 8] & pairs[65536 + (bytes[p + 2] | bytes[p + 3] << 8)];
        if (!bits) continue;
        if (count == capacity) {
            *next = p;
            return count;
        }
        out[count++] = (uint64_t)p << 8 | bits;
    }
    return count + portable_candidates(m, bytes, length, p, out + count, capacity - count, next);
}

size_t cstrata_anchor_find(
    const cstrata_anchor_tables *t, const uint8_t *bytes, size_t length, size_t from, uint32_t *patterns,
    uint64_t *positions, size_t capacity, size_t *next, int portable) {
    uint64_t candidates[256];
    size_t count = 0;
    size_t p = from;
    while (p < length) {
        size_t resume = length;
        size_t found = t->pairs && (portable || !cstrata_scan_vectorised())
            ? pair_candidates(t->masks, t->pairs, bytes, length, p, candidates, 256, &resume)
            : cstrata_teddy_candidates(t->masks, bytes, length, p, candidates, 256, &resume, portable);
        for (size_t k = 0; k < found; k++) {
            size_t start = (size_t)(candidates[k] >> 8);
            if (capacity - count < t->count) {
                *next = start;
                return count;
            }
            count = verify(t, bytes, length, start, (unsigned)(candidates[k] & 0xff), patterns, positions, count);
        }
        p = resume;
    }
    *next = length;
    return count;
}

void cstrata_byte_set_init(cstrata_byte_set *set, const _Bool *member) {
    memset(set, 0, sizeof *set);
    for (int b = 0; b < 256; b++) {
        set->member[b] = member[b];
        if (!member[b]) continue;
        if (b < 128) set->low_below_128[b & 15] |= (uint8_t)(1 << (b >> 4));
        else set->low_from_128[b & 15] |= (uint8_t)(1 << ((b >> 4) - 8));
    }
}

/// The reference: the run around each line break from `scan` on, measured byte by byte; runs
/// reach back no further than `floor`.
static int portable_broken_run(
    const uint8_t *bytes, size_t length, size_t floor, size_t scan, const _Bool *in_run, size_t minimum, size_t *start,
    size_t *end) {
    while (scan < length) {
        size_t p = cstrata_next_line_break(bytes, length, scan);
        if (p == length) return 0;
        size_t s = p, e = p + 1;
        while (s > floor && in_run[bytes[s - 1]]) s--;
        while (e < length && in_run[bytes[e]]) e++;
        if (e - s >= minimum) {
            *start = s;
            *end = e;
            return 1;
        }
        floor = e + 1;
        scan = e + 1;
    }
    return 0;
}

#if defined(__x86_64__)
/// Bit k set when byte k of the 32 at `bytes` is in the set: the low nibble picks a row of
/// eight high-nibble bits (one row for bytes below 128, one for the rest, chosen by the sign
/// bit), and the high nibble picks the bit.
__attribute__((target("avx2")))
static inline uint32_t members32(const cstrata_byte_set *set, const uint8_t *bytes) {
    const __m256i low = _mm256_set1_epi8(0x0f);
    const __m256i below = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)set->low_below_128));
    const __m256i from = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)set->low_from_128));
    const __m256i bit = _mm256_setr_epi8(
        1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128,
        1, 2, 4, 8, 16, 32, 64, (char)128, 1, 2, 4, 8, 16, 32, 64, (char)128);
    __m256i v = _mm256_loadu_si256((const __m256i *)bytes);
    __m256i lo = _mm256_and_si256(v, low);
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
    __m256i row = _mm256_blendv_epi8(_mm256_shuffle_epi8(below, lo), _mm256_shuffle_epi8(from, lo), v);
    __m256i hit = _mm256_and_si256(row, _mm256_shuffle_epi8(bit, hi));
    return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, _mm256_setzero_si256()));
}

__attribute__((target("avx2")))
static inline uint32_t breaks32(const uint8_t *bytes) {
    __m256i v = _mm256_loadu_si256((const __m256i *)bytes);
    __m256i hit = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n')), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\r')));
    return (uint32_t)_mm256_movemask_epi8(hit);
}

/// 64 bytes per step: a mask of line breaks and a mask of run bytes. Each break's run is
/// measured on the mask (a count of leading or trailing ones); only runs that leave the
/// 64-byte block are followed byte by byte.
__attribute__((target("avx2")))
static int avx2_broken_run(
    const uint8_t *bytes, size_t length, size_t from, const cstrata_byte_set *set, size_t minimum, size_t *start,
    size_t *end) {
    size_t floor = from;
    size_t block = from;
    while (block + 64 <= length) {
        uint64_t breaks = (uint64_t)breaks32(bytes + block) | (uint64_t)breaks32(bytes + block + 32) << 32;
        if (floor > block) breaks &= ~0ull << (floor - block);
        if (!breaks) {
            block += 64;
            continue;
        }
        uint64_t runs = (uint64_t)members32(set, bytes + block) | (uint64_t)members32(set, bytes + block + 32) << 32;
        while (breaks) {
            int j = __builtin_ctzll(breaks);
            size_t p = block + (size_t)j;
            uint64_t gaps_below = ~runs & ((1ull << j) - 1);
            size_t s;
            if (gaps_below) {
                s = block + (size_t)(64 - __builtin_clzll(gaps_below));
            } else {
                s = block;
                while (s > floor && set->member[bytes[s - 1]]) s--;
            }
            if (s < floor) s = floor;
            uint64_t gaps_above = j == 63 ? 0 : ~runs >> (j + 1);
            size_t e;
            if (gaps_above) {
                e = p + 1 + (size_t)__builtin_ctzll(gaps_above);
            } else {
                e = block + 64;
                while (e < length && set->member[bytes[e]]) e++;
            }
            if (e - s >= minimum) {
                *start = s;
                *end = e;
                return 1;
            }
            floor = e + 1;
            if (floor >= block + 64) break;
            breaks &= ~0ull << (floor - block);
        }
        block = floor > block + 64 ? floor : block + 64;
    }
    size_t scan = block > floor ? block : floor;
    return portable_broken_run(bytes, length, floor, scan, set->member, minimum, start, end);
}
#endif

int cstrata_next_broken_run(
    const uint8_t *bytes, size_t length, size_t from, const cstrata_byte_set *set, size_t minimum, size_t *start,
    size_t *end, int portable) {
#if defined(__x86_64__)
    if (!portable && cstrata_scan_vectorised()) return avx2_broken_run(bytes, length, from, set, minimum, start, end);
#endif
    (void)portable;
    return portable_broken_run(bytes, length, from, from, set->member, minimum, start, end);
}
