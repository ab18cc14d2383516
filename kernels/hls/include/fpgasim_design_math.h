// The design's exp, sin, cos and pow (kernels/math/library.ts): fpgasim_config.h defines exactly one
// FPGASIM_MATH_<LIBRARY> macro, and the kernels call fpgasim_exp/sin/cos/pow, which become that library's
// functions. "glibc": fpgasim_math_glibc.h (llama2.c's results on glibc); "binary32": fpgasim_math.h.
#ifndef FPGASIM_DESIGN_MATH_H
#define FPGASIM_DESIGN_MATH_H

#if defined(FPGASIM_MATH_GLIBC) && !defined(FPGASIM_MATH_BINARY32)
#include "fpgasim_math_glibc.h"
#define FPGASIM_MATH_EXPF fpgasim_glibc_expf
#define FPGASIM_MATH_SINF fpgasim_glibc_sinf
#define FPGASIM_MATH_COSF fpgasim_glibc_cosf
#define FPGASIM_MATH_POWF fpgasim_glibc_powf
#elif defined(FPGASIM_MATH_BINARY32) && !defined(FPGASIM_MATH_GLIBC)
#include "fpgasim_math.h"
#define FPGASIM_MATH_EXPF fpgasim_expf
#define FPGASIM_MATH_SINF fpgasim_sinf
#define FPGASIM_MATH_COSF fpgasim_cosf
#define FPGASIM_MATH_POWF fpgasim_powf
#else
#error "fpgasim_config.h must define exactly one of FPGASIM_MATH_GLIBC, FPGASIM_MATH_BINARY32 (the design's math)"
#endif

inline float fpgasim_exp(float x) {
#pragma HLS INLINE
  return FPGASIM_MATH_EXPF(x);
}

inline float fpgasim_sin(float x) {
#pragma HLS INLINE
  return FPGASIM_MATH_SINF(x);
}

inline float fpgasim_cos(float x) {
#pragma HLS INLINE
  return FPGASIM_MATH_COSF(x);
}

inline float fpgasim_pow(float x, float y) {
#pragma HLS INLINE
  return FPGASIM_MATH_POWF(x, y);
}

#endif  // FPGASIM_DESIGN_MATH_H
