// Rotary position embedding, step for step as kernels/rope.ts (llama2.c "RoPE relative positional
// encoding"): each pair (v[i], v[i+1]) of q, and of k while i < KV_DIM, turns by the angle
// pos * (1 / 10000^((i % HEAD_SIZE) / HEAD_SIZE)), with the design's pow, cos and sin (fpgasim_design_math.h).
#ifndef FPGASIM_ROPE_H
#define FPGASIM_ROPE_H

#include "fpgasim_hls.h"
#include "fpgasim_design_math.h"

inline void fpgasim_rotate_pair(float* v, int i, float fcr, float fci) {
#pragma HLS INLINE
  const float v0 = v[i];
  const float v1 = v[i + 1];
  v[i] = (v0 * fcr) - (v1 * fci);
  v[i + 1] = (v0 * fci) + (v1 * fcr);
}

// q (DIM,), k (KV_DIM,) -> rotated in place for position pos
template <int DIM, int KV_DIM, int HEAD_SIZE>
void fpgasim_rope(float q[DIM], float k[KV_DIM], int pos) {
  static_assert(DIM % 2 == 0 && HEAD_SIZE % 2 == 0, "RoPE rotates pairs");
pairs:
  for (int i = 0; i < DIM; i += 2) {
    FPGASIM_DIRECTIVES_rope_pairs
    const int head_dim = i % HEAD_SIZE;
    const float freq = 1.0f / fpgasim_pow(10000.0f, static_cast<float>(head_dim) / static_cast<float>(HEAD_SIZE));
    const float angle = static_cast<float>(pos) * freq;
    const float fcr = fpgasim_cos(angle);
    const float fci = fpgasim_sin(angle);
    fpgasim_rotate_pair(q, i, fcr, fci);
    if (i < KV_DIM) fpgasim_rotate_pair(k, i, fcr, fci);
  }
}

#endif  // FPGASIM_ROPE_H
