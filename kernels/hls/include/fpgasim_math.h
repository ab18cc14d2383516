// fpgasim's own binary32 exp, sin, cos and pow for the emitted Vitis HLS kernels.
//
// These are the algorithms of kernels/math (exp.ts, sincos.ts, pow.ts, error-free.ts) written again step
// for step, so that the C++ computes bit for bit what the TypeScript simulator computed (DESIGN.md,
// "numeric contract"); the reasoning behind each step is in those files. Rules that keep it so:
//   - float only, every operation rounded once; constants are the same hex-float literals as the TS;
//   - compile with -ffp-contract=off and without -ffast-math (no fused multiply-add, no reassociation);
//   - no libm, no recursion, no dynamic memory; bit casts through a union; header-only.
// test/kernels/math/cpp-equivalence.test.ts compiles this header with g++ and compares output bytes.
#ifndef FPGASIM_MATH_H
#define FPGASIM_MATH_H

#include <cstdint>

namespace fpgasim_detail {

union F32Bits {
  float f;
  int32_t i;
};

inline int32_t f32_bits(float x) {
#pragma HLS INLINE
  F32Bits u;
  u.f = x;
  return u.i;
}

inline float f32_from_bits(int32_t bits) {
#pragma HLS INLINE
  F32Bits u;
  u.i = bits;
  return u.f;
}

// 2^k for k in [-126, 127], from its exponent bits.
inline float pow2_f32(int k) {
#pragma HLS INLINE
  return f32_from_bits((k + 127) << 23);
}

inline float f32_nan() {
#pragma HLS INLINE
  return f32_from_bits(0x7fc00000);
}

inline float f32_infinity() {
#pragma HLS INLINE
  return f32_from_bits(0x7f800000);
}

// ---- error-free transformations (error-free.ts) ----

inline float two_sum_error(float a, float b, float s) {
#pragma HLS INLINE
  const float b_virtual = s - a;
  const float a_virtual = s - b_virtual;
  return (a - a_virtual) + (b - b_virtual);
}

inline float fast_two_sum_error(float a, float b, float s) {
#pragma HLS INLINE
  return (a - s) + b;
}

inline float high_half(float a) {
#pragma HLS INLINE
  const float scaled = 4097.0f * a;
  return scaled - (scaled - a);
}

inline float two_product_error(float a, float b, float p) {
#pragma HLS INLINE
  const float a_hi = high_half(a);
  const float a_lo = a - a_hi;
  const float b_hi = high_half(b);
  const float b_lo = b - b_hi;
  const float err = ((a_hi * b_hi) - p) + (a_hi * b_lo);
  return (err + (a_lo * b_hi)) + (a_lo * b_lo);
}

// ---- exp (exp.ts) ----

constexpr float kExpMaxX = 0x1.63p6f;
constexpr float kExpMinX = -0x1.ap6f;
constexpr float kInvLn2 = 0x1.715476p0f;
constexpr float kLn2Hi = 0x1.62e4p-1f;
constexpr float kLn2Lo = 0x1.7f7d1cp-20f;
constexpr float kRoundMagic = 0x1.8p23f;
constexpr float kExpP0 = 0x1.a0d2cep-13f;
constexpr float kExpP1 = 0x1.6e879cp-10f;
constexpr float kExpP2 = 0x1.11121p-7f;
constexpr float kExpP3 = 0x1.555382p-5f;
constexpr float kExpP4 = 0x1.555554p-3f;
constexpr float kExpP5 = 0x1p-1f;

// e^(hi + lo), lo a small correction (expF32Sum).
inline float exp_sum(float hi, float lo) {
#pragma HLS INLINE
  if (hi > kExpMaxX) return f32_infinity();
  if (hi < kExpMinX) return 0.0f;
  if (hi != hi) return f32_nan();

  const float k = ((hi * kInvLn2) + kRoundMagic) - kRoundMagic;
  const float a = hi - (k * kLn2Hi);
  const float c = (k * kLn2Lo) - lo;
  const float r = a - c;
  const float r_lo = two_sum_error(a, -c, r);

  const float z = r * r;
  float p = kExpP0;
  p = (p * r) + kExpP1;
  p = (p * r) + kExpP2;
  p = (p * r) + kExpP3;
  p = (p * r) + kExpP4;
  p = (p * r) + kExpP5;
  const float one_plus_r = 1.0f + r;
  const float tail = ((p * z) + r_lo) + fast_two_sum_error(1.0f, r, one_plus_r);
  const float exp_r = one_plus_r + tail;

  const int ki = static_cast<int>(k);
  const int k1 = ki / 2;
  return (exp_r * pow2_f32(k1)) * pow2_f32(ki - k1);
}

// ---- sin, cos (sincos.ts) ----

constexpr float kSinCosMaxAbsX = 6432.0f;
constexpr float kTwoOverPi = 0x1.45f306p-1f;
constexpr float kPio2_1 = 0x1.92p0f;
constexpr float kPio2_2 = 0x1.fb4p-12f;
constexpr float kPio2_3 = 0x1.444p-24f;
constexpr float kPio2_4 = 0x1.68p-39f;
constexpr float kPio2_5 = 0x1.84698ap-48f;
constexpr float kSinS1 = -0x1.9943f2p-13f;
constexpr float kSinS2 = 0x1.11073cp-7f;
constexpr float kSinS3 = -0x1.555546p-3f;
constexpr float kCosC1 = 0x1.99eb9cp-16f;
constexpr float kCosC2 = -0x1.6c0c34p-10f;
constexpr float kCosC3 = 0x1.55554ap-5f;

inline float sin_reduced(float r, float r_lo) {
#pragma HLS INLINE
  const float z = r * r;
  const float s = (((kSinS1 * z) + kSinS2) * z) + kSinS3;
  return r + (((s * z) * r) + r_lo);
}

inline float cos_reduced(float r, float r_lo) {
#pragma HLS INLINE
  const float z = r * r;
  const float c = (((kCosC1 * z) + kCosC2) * z) + kCosC3;
  const float half_z = 0.5f * z;
  const float w = 1.0f - half_z;
  const float w_err = fast_two_sum_error(1.0f, -half_z, w);
  const float tail = (w_err + ((c * z) * z)) - (r * r_lo);
  return w + tail;
}

// sin(|x| + quarter_turns * pi/2), negated if negate.
inline float sin_shifted(float x, int quarter_turns, bool negate) {
#pragma HLS INLINE
  const float ax = x < 0.0f ? -x : x;
  if (!(ax <= kSinCosMaxAbsX)) return f32_nan();
  const float k = ((ax * kTwoOverPi) + kRoundMagic) - kRoundMagic;

  const float a2 = (ax - (k * kPio2_1)) - (k * kPio2_2);
  const float k_p3 = k * kPio2_3;
  const float a3 = a2 - k_p3;
  const float a3_err = two_sum_error(a2, -k_p3, a3);
  const float k_p4 = k * kPio2_4;
  const float a4 = a3 - k_p4;
  const float a4_err = two_sum_error(a3, -k_p4, a4);
  const float lo = (a3_err + a4_err) - (k * kPio2_5);
  const float r_hi = a4 + lo;
  const float r_lo = fast_two_sum_error(a4, lo, r_hi);

  const int quadrant = (static_cast<int>(k) + quarter_turns) & 3;
  const float value = (quadrant & 1) ? cos_reduced(r_hi, r_lo) : sin_reduced(r_hi, r_lo);
  return (((quadrant & 2) != 0) != negate) ? -value : value;
}

// ---- pow (pow.ts) ----

constexpr float kMaxFinite = 0x1.fffffep127f;
constexpr float kSmallestNormal = 0x1p-126f;
constexpr float kSubnormalScale = 0x1p23f;
constexpr float kSqrt2 = 0x1.6a09e6p0f;
constexpr float kLogL3 = 0x1.555556p-1f;
constexpr float kLogL5 = 0x1.99999ap-2f;
constexpr float kLogL7 = 0x1.24924ap-2f;
constexpr float kLogL9 = 0x1.c71c72p-3f;
constexpr float kLogL11 = 0x1.745d18p-3f;

}  // namespace fpgasim_detail

// e^x; +Infinity above 88.75, +0 below -104, NaN for NaN.
inline float fpgasim_expf(float x) {
#pragma HLS INLINE
  return fpgasim_detail::exp_sum(x, 0.0f);
}

// sin x for |x| <= 6432; NaN outside.
inline float fpgasim_sinf(float x) {
#pragma HLS INLINE
  return fpgasim_detail::sin_shifted(x, 0, fpgasim_detail::f32_bits(x) < 0);
}

// cos x for |x| <= 6432; NaN outside.
inline float fpgasim_cosf(float x) {
#pragma HLS INLINE
  return fpgasim_detail::sin_shifted(x, 1, false);
}

// x^y for finite x > 0 and finite y; NaN otherwise.
inline float fpgasim_powf(float x, float y) {
#pragma HLS INLINE
  using namespace fpgasim_detail;
  if (!(x > 0.0f && x <= kMaxFinite && y >= -kMaxFinite && y <= kMaxFinite)) return f32_nan();

  // 1. x = 2^e m
  const bool is_subnormal = x < kSmallestNormal;
  const int32_t bits = f32_bits(is_subnormal ? x * kSubnormalScale : x);
  int e = (bits >> 23) - 127 - (is_subnormal ? 23 : 0);
  float m = f32_from_bits((bits & 0x7fffff) | 0x3f800000);
  if (m > kSqrt2) {
    m = m * 0.5f;
    e += 1;
  }

  // 2. ln m = 2 atanh(f / (2 + f))
  const float f = m - 1.0f;
  const float d = 2.0f + f;
  const float d_lo = fast_two_sum_error(2.0f, f, d);
  const float s_hi = f / d;
  const float s_hi_d = s_hi * d;
  const float remainder = (f - s_hi_d) - two_product_error(s_hi, d, s_hi_d);
  const float s_lo = (remainder - (s_hi * d_lo)) / d;
  const float z = s_hi * s_hi;
  float series = kLogL11;
  series = (series * z) + kLogL9;
  series = (series * z) + kLogL7;
  series = (series * z) + kLogL5;
  series = (series * z) + kLogL3;
  const float ln_m_lo = (2.0f * s_lo) + (s_hi * (series * z));
  const float ln_m_hi = 2.0f * s_hi;

  // 3. ln x = e ln2 + ln m
  const float e_f = static_cast<float>(e);
  const float e_ln2_hi = e_f * kLn2Hi;
  const float sum = e_ln2_hi + ln_m_hi;
  const float sum_lo = two_sum_error(e_ln2_hi, ln_m_hi, sum) + (ln_m_lo + (e_f * kLn2Lo));
  const float ln_hi = sum + sum_lo;
  if (ln_hi == 0.0f) return 1.0f;
  const float ln_lo = fast_two_sum_error(sum, sum_lo, ln_hi);

  // 4. e^(y ln x)
  const float t_hi = y * ln_hi;
  const float t_lo = two_product_error(y, ln_hi, t_hi) + (y * ln_lo);
  return exp_sum(t_hi, t_lo);
}

#endif  // FPGASIM_MATH_H
