// SwiGLU, step for step as kernels/swiglu.ts (llama2.c "SwiGLU non-linearity"):
// hb = (v * (1 / (1 + exp(-v)))) * hb2 with v = hb, the design's exp (fpgasim_design_math.h).
#ifndef FPGASIM_SWIGLU_H
#define FPGASIM_SWIGLU_H

#include "fpgasim_hls.h"
#include "fpgasim_design_math.h"

// hb (N,), hb2 (N,) -> hb (N,)
template <int N>
void fpgasim_swiglu(float hb[N], const float hb2[N]) {
lanes:
  for (int i = 0; i < N; i++) {
    FPGASIM_DIRECTIVES_swiglu_lanes
    float val = hb[i];
    val = val * (1.0f / (1.0f + fpgasim_exp(-val)));
    hb[i] = val * hb2[i];
  }
}

#endif  // FPGASIM_SWIGLU_H
