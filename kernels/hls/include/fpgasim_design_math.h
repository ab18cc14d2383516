// The design's exp, sin, cos and pow (kernels/math/library.ts): fpgasim_config.h defines exactly one
// FPGASIM_MATH_<LIBRARY> macro, and the kernels call fpgasim_exp/sin/cos/pow, which become that library's
// functions. "glibc": fpgasim_math_glibc.h (llama2.c's results on glibc); "binary32": fpgasim_math.h.
#ifndef FPGASIM_DESIGN_MATH_H
#define FPGASIM_DESIGN_MATH_H

#if defined(FPGASIM_MATH_GLIBC) && !defined(FPGASIM_MATH_BINARY32)
#include "fpgasim_math_glibc.h"
inline float fpgasim_exp(float x) {
#pragma HLS INLINE
  return fpgasim_glibc_expf(x);
}
inline float fpgasim_sin(float x) {
#pragma HLS INLINE
  return fpgasim_glibc_sinf(x);
}
inline float fpgasim_cos(float x) {
#pragma HLS INLINE
  return fpgasim_glibc_cosf(x);
}
inline float fpgasim_pow(float x, float y) {
#pragma HLS INLINE
  return fpgasim_glibc_powf(x, y);
}
#elif defined(FPGASIM_MATH_BINARY32) && !defined(FPGASIM_MATH_GLIBC)
#include "fpgasim_math.h"
inline float fpgasim_exp(float x) {
#pragma HLS INLINE
  return fpgasim_expf(x);
}
inline float fpgasim_sin(float x) {
#pragma HLS INLINE
  return fpgasim_sinf(x);
}
inline float fpgasim_cos(float x) {
#pragma HLS INLINE
  return fpgasim_cosf(x);
}
inline float fpgasim_pow(float x, float y) {
#pragma HLS INLINE
  return fpgasim_powf(x, y);
}
#else
#error "fpgasim_config.h must define exactly one of FPGASIM_MATH_GLIBC, FPGASIM_MATH_BINARY32 (the design's math)"
#endif

#endif  // FPGASIM_DESIGN_MATH_H
