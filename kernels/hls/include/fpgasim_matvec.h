// Q8_0 matrix-vector product, step for step as kernels/matvec.ts matvecQ8 (llama2.c runq.c matmul): per
// row, per group of GS columns, an exact int32 sum of int8 x int8 products, then
// partial[g % P] += (float(ival) * w.s) * x.s in binary32, the P partial sums combined by the fixed tree.
#ifndef FPGASIM_MATVEC_H
#define FPGASIM_MATVEC_H

#include "fpgasim_hls.h"
#include "fpgasim_stream.h"
#include "fpgasim_striped.h"

// One row: wq_row (N,) int8 and ws_row (N / GS,) scales (pointers, or rows of a striped matrix), against
// xq (N,) and xs (N / GS,).
template <int N, class CONFIG, class WQ_ROW, class WS_ROW>
inline float fpgasim_matvec_row(WQ_ROW wq_row, WS_ROW ws_row, const int8_t xq[N], const float xs[N / CONFIG::group_size]) {
#pragma HLS INLINE
  constexpr int GS = CONFIG::group_size;
  constexpr int P = CONFIG::accumulators;
  float partial[P];
#pragma HLS ARRAY_PARTITION variable=partial type=complete dim=1
  fpgasim_clear_partials<P>(partial);
groups:
  for (int g = 0; g < N / GS; g++) {
    FPGASIM_DIRECTIVES_matvec_groups
    int32_t ival = 0;
  lanes:
    for (int k = 0; k < GS; k++) {
      FPGASIM_DIRECTIVES_matvec_lanes
      ival += static_cast<int32_t>(wq_row[g * GS + k]) * static_cast<int32_t>(xq[g * GS + k]);
    }
    const int p = g % P;
    partial[p] = partial[p] + (static_cast<float>(ival) * ws_row[g]) * xs[g];
  }
  return fpgasim_combine_tree<P>(partial);
}

// W (D,N) @ x (N,) -> out (D,); wq (D*N,) int8 and ws (D*N / GS,) scales, row-major: each a pointer, or
// striped over K bundles (fpgasim_striped.h: row i behind bundle i % K). out is an array, or an hls::stream
// that gets the rows in order (a DATAFLOW region's producer: fpgasim_stream.h).
// CONFIG::stage_w_q / stage_w_s copy each row through an on-chip buffer first (the design's "stage");
// the copy changes no number. The choice is a compile-time constant, so HLS sees one source.
template <int N, int D, class CONFIG, class OUT, class WQ, class WS>
void fpgasim_matvec(OUT&& out, const int8_t xq[N], const float xs[N / CONFIG::group_size], WQ wq, WS ws) {
  constexpr int GS = CONFIG::group_size;
  static_assert(N % GS == 0, "the group size must divide the row length");
  static_assert(CONFIG::accumulators >= 1, "at least one accumulator");
rows:
  for (int i = 0; i < D; i++) {
    FPGASIM_DIRECTIVES_matvec_rows
    int8_t wq_row[CONFIG::stage_w_q ? N : 1];
    FPGASIM_BUFFER_matvec_w_q
    float ws_row[CONFIG::stage_w_s ? N / GS : 1];
    FPGASIM_BUFFER_matvec_w_s
    const auto wq_in = fpgasim_row<N>(wq, i);
    const auto ws_in = fpgasim_row<N / GS>(ws, i);
    if constexpr (CONFIG::stage_w_q) {
    stage_w_q:
      for (int k = 0; k < N; k++) wq_row[k] = wq_in[k];
    }
    if constexpr (CONFIG::stage_w_s) {
    stage_w_s:
      for (int g = 0; g < N / GS; g++) ws_row[g] = ws_in[g];
    }
    fpgasim_put<float>(out, i, fpgasim_matvec_row<N, CONFIG>(fpgasim_staged_or<CONFIG::stage_w_q>(wq_row, wq_in), fpgasim_staged_or<CONFIG::stage_w_s>(ws_row, ws_in), xq, xs));
  }
}

#endif  // FPGASIM_MATVEC_H
