// Token embedding, as kernels/embed.ts: x = row `token` of the float32 embedding table (runq.c
// dequantizes the Q8_0 table once at load; the host does the same before writing it to device memory).
#ifndef FPGASIM_EMBED_H
#define FPGASIM_EMBED_H

#include "fpgasim_hls.h"
#include "fpgasim_striped.h"

// table (vocab, DIM) row token -> x (DIM,); table a pointer, or striped over K bundles by token
template <int DIM, class TABLE>
void fpgasim_embed(float x[DIM], TABLE table, int token) {
  const auto row = fpgasim_row<DIM>(table, token);
copy:
  for (int i = 0; i < DIM; i++) {
    FPGASIM_DIRECTIVES_embed_copy
    x[i] = row[i];
  }
}

#endif  // FPGASIM_EMBED_H
