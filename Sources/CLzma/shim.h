#include <lzma.h>

/* LZMA_CONCATENATED is defined with UINT32_C(), which Swift does not import. */
static const uint32_t strata_lzma_concatenated = LZMA_CONCATENATED;
