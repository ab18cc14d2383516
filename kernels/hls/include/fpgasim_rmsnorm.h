// RMSNorm, step for step as kernels/rmsnorm.ts (llama2.c rmsnorm):
// out = weight * ((1 / sqrt(sum(x^2) / SIZE + 1e-5)) * x), the sum of squares split over P partial sums.
#ifndef FPGASIM_RMSNORM_H
#define FPGASIM_RMSNORM_H

#include <cmath>
#include "fpgasim_hls.h"

// binary32 nearest to 1e-5, as Math.fround(1e-5) in kernels/rmsnorm.ts
constexpr float kFpgasimRmsEpsilon = 0x1.4f8b58p-17f;

// x (SIZE,), weight (SIZE,) -> out (SIZE,); out must not be x.
template <int SIZE, class CONFIG>
void fpgasim_rmsnorm(float out[SIZE], const float x[SIZE], const float* weight) {
  constexpr int P = CONFIG::accumulators;
  float partial[P];
#pragma HLS ARRAY_PARTITION variable=partial type=complete dim=1
  fpgasim_clear_partials<P>(partial);
sum_squares:
  for (int j = 0; j < SIZE; j++) {
    FPGASIM_DIRECTIVES_rmsnorm_sum_squares
    const int p = j % P;
    partial[p] = partial[p] + x[j] * x[j];
  }
  // one chain of dependent operations, a loop of one iteration so that it carries its label as described
  float ss = 0.0f;
scale:
  for (int once = 0; once < 1; once++) {
    FPGASIM_DIRECTIVES_rmsnorm_scale
    ss = fpgasim_combine_tree<P>(partial);
    ss = ss / static_cast<float>(SIZE);
    ss = ss + kFpgasimRmsEpsilon;
    ss = 1.0f / std::sqrt(ss);
  }
  float weight_buffer[CONFIG::stage_weight ? SIZE : 1];
  FPGASIM_BUFFER_rmsnorm_weight
  if constexpr (CONFIG::stage_weight) {
  stage_weight:
    for (int j = 0; j < SIZE; j++) weight_buffer[j] = weight[j];
  }
  const float* w = CONFIG::stage_weight ? weight_buffer : weight;
normalize:
  for (int j = 0; j < SIZE; j++) {
    FPGASIM_DIRECTIVES_rmsnorm_normalize
    out[j] = w[j] * (ss * x[j]);
  }
}

#endif  // FPGASIM_RMSNORM_H
