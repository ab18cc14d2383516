// Residual connection, as kernels/residual.ts: x += y element by element in binary32.
#ifndef FPGASIM_RESIDUAL_H
#define FPGASIM_RESIDUAL_H

#include "fpgasim_hls.h"

// x (N,), y (N,) -> x (N,)
template <int N>
void fpgasim_residual(float x[N], const float y[N]) {
lanes:
  for (int i = 0; i < N; i++) {
    FPGASIM_DIRECTIVES_residual_lanes
    x[i] = x[i] + y[i];
  }
}

#endif  // FPGASIM_RESIDUAL_H
