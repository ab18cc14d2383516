// SwiGLU, step for step as kernels/swiglu.ts (llama2.c "SwiGLU non-linearity"):
// hb = (v * (1 / (1 + exp(-v)))) * hb2 with v = hb, the design's exp (fpgasim_design_math.h).
#ifndef FPGASIM_SWIGLU_H
#define FPGASIM_SWIGLU_H

#include "fpgasim_hls.h"
#include "fpgasim_design_math.h"
#include "fpgasim_stream.h"

// hb (N,), hb2 (N,) -> out (N,), which may be hb itself; hb and hb2 are arrays, or hls::streams read in
// order (a DATAFLOW region's consumer: fpgasim_stream.h)
template <int N, class HB, class HB2>
void fpgasim_swiglu(float out[N], HB&& hb, HB2&& hb2) {
lanes:
  for (int i = 0; i < N; i++) {
    FPGASIM_DIRECTIVES_swiglu_lanes
    float val = fpgasim_take<float>(hb, i);
    val = val * (1.0f / (1.0f + fpgasim_exp(-val)));
    out[i] = val * fpgasim_take<float>(hb2, i);
  }
}

#endif  // FPGASIM_SWIGLU_H
