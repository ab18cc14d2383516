// Token embedding, as kernels/embed.ts: x = row `token` of the float32 embedding table (runq.c
// dequantizes the Q8_0 table once at load; the host does the same before writing it to device memory).
#ifndef FPGASIM_EMBED_H
#define FPGASIM_EMBED_H

#include "fpgasim_hls.h"

// table (vocab, DIM) row token -> x (DIM,)
template <int DIM>
void fpgasim_embed(float x[DIM], const float* table, int token) {
copy:
  for (int i = 0; i < DIM; i++) {
    FPGASIM_DIRECTIVES_embed_copy
    x[i] = table[static_cast<int64_t>(token) * DIM + i];
  }
}

#endif  // FPGASIM_EMBED_H
