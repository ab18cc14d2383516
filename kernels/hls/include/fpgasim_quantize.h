// Q8_0 activation quantization, step for step as kernels/quantize.ts: per group of GS values,
// scale = max|x| / 127 and q = round(x / scale) half away from zero; an all-zero group gets scale 0, q 0.
#ifndef FPGASIM_QUANTIZE_H
#define FPGASIM_QUANTIZE_H

#include "fpgasim_hls.h"

// C round() of a binary32 value, stored as int8 the way kernels/quantize.ts stores roundHalfAway(v) in an
// Int8Array: half away from zero, then modulo 256 (ECMAScript ToInt8). Without libm, for every float:
//   - |v| < 2^31: whole = trunc(|v|) and |v| - whole are exact, so whole + (fraction >= 0.5) is
//     floor(|v| + 0.5), what the TypeScript computes in binary64 (where |v| + 0.5 is exact);
//   - |v| >= 2^31 is a multiple of 256, and NaN and infinities convert to 0: all give 0.
// The kernel only sees |v| <= 127.00002 (x / (max|x| / 127)); the rest keeps the function total.
inline int8_t fpgasim_round_to_int8(float v) {
#pragma HLS INLINE
  const float magnitude = v < 0.0f ? -v : v;
  if (!(magnitude < 2147483648.0f)) return 0;
  const int32_t whole = static_cast<int32_t>(magnitude);
  const float fraction = magnitude - static_cast<float>(whole);
  const int32_t rounded = whole + (fraction >= 0.5f ? 1 : 0);
  const int32_t value = v < 0.0f ? -rounded : rounded;
  return static_cast<int8_t>(static_cast<uint8_t>(value & 0xff));
}

// x (N,) -> xq (N,) int8, xs (N / GS,) float
template <int N, class CONFIG>
void fpgasim_quantize(int8_t xq[N], float xs[N / CONFIG::group_size], const float x[N]) {
  constexpr int GS = CONFIG::group_size;
  static_assert(N % GS == 0, "the group size must divide the vector length");
groups:
  for (int g = 0; g < N / GS; g++) {
    FPGASIM_DIRECTIVES_quantize_groups
    float wmax = 0.0f;
  max:
    for (int i = 0; i < GS; i++) {
      FPGASIM_DIRECTIVES_quantize_max
      const float v = x[g * GS + i];
      const float magnitude = v < 0.0f ? -v : v;
      if (magnitude > wmax) wmax = magnitude;
    }
    const float scale = wmax / 127.0f;
    xs[g] = scale;
  round:
    for (int i = 0; i < GS; i++) {
      FPGASIM_DIRECTIVES_quantize_round
      xq[g * GS + i] = scale == 0.0f ? static_cast<int8_t>(0) : fpgasim_round_to_int8(x[g * GS + i] / scale);
    }
  }
}

#endif  // FPGASIM_QUANTIZE_H
