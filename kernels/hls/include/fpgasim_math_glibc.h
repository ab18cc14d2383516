// glibc's binary32 expf, sinf, cosf and powf (glibc 2.28 and later, from Arm's optimized-routines, MIT:
// ARM-software/optimized-routines math/expf.c, exp2f_data.c, sinf.c, cosf.c, sincosf.h, sincosf_data.c,
// powf.c, powf_log2_data.c; in glibc sysdeps/ieee754/flt-32/), for the emitted Vitis HLS kernels.
//
// The same steps as kernels/math/glibc/ (exp.ts, sincos.ts, pow.ts; the reasoning is there), so the C++
// computes bit for bit what the TypeScript computed and what llama2.c gets from glibc's SSE2 build:
//   - double arithmetic, each operation rounded once, rounded to float once at the end; constants are the
//     same hex-float literals as the TypeScript;
//   - compile with -ffp-contract=off and without -ffast-math: a fused multiply-add gives glibc's FMA build
//     instead, which differs on a few inputs (kernels/math/README.md);
//   - no libm, no recursion, no dynamic memory; bit casts through a union; header-only.
// test/kernels/math/glibc-cpp-equivalence.test.ts compiles this header with g++ and compares output bytes.
#ifndef FPGASIM_MATH_GLIBC_H
#define FPGASIM_MATH_GLIBC_H

#include <cstdint>

#include "fpgasim_math.h"

namespace fpgasim_glibc_detail {

// The binary32 bit casts, NaN and Infinity of fpgasim_math.h, unsigned as glibc's code reads them.
inline uint32_t f32_bits(float x) {
#pragma HLS INLINE
  return static_cast<uint32_t>(fpgasim_detail::f32_bits(x));
}

inline float f32_from_bits(uint32_t u) {
#pragma HLS INLINE
  return fpgasim_detail::f32_from_bits(static_cast<int32_t>(u));
}

using fpgasim_detail::f32_infinity;
using fpgasim_detail::f32_nan;

union F64Bits {
  double d;
  uint64_t u;
};

// 2^e for a normal double 2^e, from its exponent bits (f64.ts's POW2 table).
inline double pow2_f64(int e) {
#pragma HLS INLINE
  F64Bits b;
  b.u = static_cast<uint64_t>(e + 1023) << 52;
  return b.d;
}

// ---- expf and powf's shared table and cubic (exp2-table.ts) ----

constexpr int kExp2TableBits = 5;
constexpr int kExp2TableSize = 1 << kExp2TableBits;
constexpr double kExp2Table[kExp2TableSize] = {
    0x1.0000000000000p0, 0x1.059b0d3158574p0, 0x1.0b5586cf9890fp0, 0x1.11301d0125b51p0,
    0x1.172b83c7d517bp0, 0x1.1d4873168b9aap0, 0x1.2387a6e756238p0, 0x1.29e9df51fdee1p0,
    0x1.306fe0a31b715p0, 0x1.371a7373aa9cbp0, 0x1.3dea64c123422p0, 0x1.44e086061892dp0,
    0x1.4bfdad5362a27p0, 0x1.5342b569d4f82p0, 0x1.5ab07dd485429p0, 0x1.6247eb03a5585p0,
    0x1.6a09e667f3bcdp0, 0x1.71f75e8ec5f74p0, 0x1.7a11473eb0187p0, 0x1.82589994cce13p0,
    0x1.8ace5422aa0dbp0, 0x1.93737b0cdc5e5p0, 0x1.9c49182a3f090p0, 0x1.a5503b23e255dp0,
    0x1.ae89f995ad3adp0, 0x1.b7f76f2fb5e47p0, 0x1.c199bdd85529cp0, 0x1.cb720dcef9069p0,
    0x1.d5818dcfba487p0, 0x1.dfc97337b9b5fp0, 0x1.ea4afa2a490dap0, 0x1.f50765b6e4540p0,
};
constexpr double kExp2Poly[3] = {0x1.c6af84b912394p-5, 0x1.ebfce50fac4f3p-3, 0x1.62e42ff0c52d6p-1};
constexpr double kRoundShift = 0x1.8p52;

// 2^(k/32): the table entry times an exact power of two.
inline double exp2_scale(int k) {
#pragma HLS INLINE
  return kExp2Table[k & (kExp2TableSize - 1)] * pow2_f64(k >> kExp2TableBits);
}

// ---- sinf, cosf (sincos.ts) ----

struct SinCosTable {
  double sign[4];
  double c0, c1, c2, c3, c4;
  double s1, s2, s3;
};

constexpr SinCosTable kCosTable = {
    {1.0, -1.0, -1.0, 1.0},
    0x1p0, -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10, 0x1.99343027bf8c3p-16,
    -0x1.555545995a603p-3, 0x1.1107605230bc4p-7, -0x1.994eb3774cf24p-13,
};
constexpr SinCosTable kNegCosTable = {
    {1.0, -1.0, -1.0, 1.0},
    -0x1p0, 0x1.ffffffd0c621cp-2, -0x1.55553e1068f19p-5, 0x1.6c087e89a359dp-10, -0x1.99343027bf8c3p-16,
    -0x1.555545995a603p-3, 0x1.1107605230bc4p-7, -0x1.994eb3774cf24p-13,
};
constexpr double kHpiInv = 0x1.45f306dc9c883p23;
constexpr double kHpi = 0x1.921fb54442d18p0;
constexpr double kPi63 = 0x1.921fb54442d18p-62;
constexpr float kSinCosTiny = 0x1p-12f;
constexpr uint32_t kInvPio4[24] = {
    0xa2,       0xa2f9,     0xa2f983,   0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
    0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
    0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
};

inline double sin_poly(double x, double x2, const SinCosTable& p, int n) {
#pragma HLS INLINE
  if ((n & 1) == 0) {
    const double x3 = x * x2;
    const double s1 = p.s2 + x2 * p.s3;
    const double x7 = x3 * x2;
    const double s = x + x3 * p.s1;
    return s + x7 * s1;
  }
  const double x4 = x2 * x2;
  const double c2 = p.c3 + x2 * p.c4;
  const double c1 = p.c0 + x2 * p.c1;
  const double x6 = x4 * x2;
  const double c = c1 + x4 * p.c2;
  return c + x6 * c2;
}

inline double reduce_fast(double x, int* np) {
#pragma HLS INLINE
  const double r = x * kHpiInv;
  const int n = (static_cast<int32_t>(r) + 0x800000) >> 24;
  *np = n;
  return x - static_cast<double>(n) * kHpi;
}

inline double reduce_large(uint32_t xi, int* np) {
#pragma HLS INLINE
  const uint32_t* arr = &kInvPio4[(xi >> 26) & 15];
  const int shift = (xi >> 23) & 7;
  xi = (xi & 0xffffff) | 0x800000;
  xi <<= shift;
  uint64_t res0 = xi * arr[0];
  const uint64_t res1 = static_cast<uint64_t>(xi) * arr[4];
  const uint64_t res2 = static_cast<uint64_t>(xi) * arr[8];
  res0 = (res2 >> 32) | (res0 << 32);
  res0 += res1;
  const uint64_t n = (res0 + (1ULL << 61)) >> 62;
  res0 -= n << 62;
  *np = static_cast<int>(n);
  return static_cast<double>(static_cast<int64_t>(res0)) * kPi63;
}

// sin (cos_shift 0) or cos (cos_shift 1) of y for 0.75 <= |y| < Infinity.
inline float sin_cos_reduced(float y, int cos_shift) {
#pragma HLS INLINE
  int n = 0;
  int quadrant_sign = 0;  // the large reduction works on |y|: the sign enters the quadrant
  double x;
  if (y < 120.0f && y > -120.0f) {
    x = reduce_fast(static_cast<double>(y), &n);
  } else {
    quadrant_sign = static_cast<int>(f32_bits(y) >> 31);
    x = reduce_large(f32_bits(y), &n);
  }
  const int q = n + quadrant_sign;
  const SinCosTable& p = (q & 2) ? kNegCosTable : kCosTable;
  return static_cast<float>(sin_poly(x * p.sign[q & 3], x * x, p, n ^ cos_shift));
}

// ---- powf (pow.ts) ----

constexpr uint32_t kLog2Off = 0x3f330000;
constexpr int kLog2TableBits = 4;
constexpr double kLog2InvC[16] = {
    0x1.661ec79f8f3bep0,  0x1.571ed4aaf883dp0,  0x1.49539f0f010bp0,   0x1.3c995b0b80385p0,
    0x1.30d190c8864a5p0,  0x1.25e227b0b8eap0,   0x1.1bb4a4a1a343fp0,  0x1.12358f08ae5bap0,
    0x1.0953f419900a7p0,  0x1p0,                0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
    0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
};
constexpr double kLog2C[16] = {
    -0x1.efec65b963019p-2, -0x1.b0b6832d4fca4p-2, -0x1.7418b0a1fb77bp-2, -0x1.39de91a6dcf7bp-2,
    -0x1.01d9bf3f2b631p-2, -0x1.97c1d1b3b7afp-3,  -0x1.2f9e393af3c9fp-3, -0x1.960cbbf788d5cp-4,
    -0x1.a6f9db6475fcep-5, 0x0p0,                 0x1.338ca9f24f53dp-4,  0x1.476a9543891bap-3,
    0x1.e840b4ac4e4d2p-3,  0x1.40645f0c6651cp-2,  0x1.88e9c2c1b9ff8p-2,  0x1.ce0a44eb17bccp-2,
};
constexpr double kLog2Poly[5] = {0x1.27616c9496e0bp-2, -0x1.71969a075c67ap-2, 0x1.ec70a6ca7baddp-2,
                                 -0x1.7154748bef6c8p-1, 0x1.71547652ab82bp0};
constexpr double kOverflowYLogX = 0x1.fffffffd1d571p6;
constexpr uint32_t kSignBit = 0x80000000u;
constexpr uint32_t kBitsOne = 0x3f800000u;
constexpr uint32_t kBitsInfinity = 0x7f800000u;

inline double log2_inline(uint32_t ix) {
#pragma HLS INLINE
  const uint32_t tmp = ix - kLog2Off;
  const int i = static_cast<int>((tmp >> (23 - kLog2TableBits)) & ((1 << kLog2TableBits) - 1));
  const uint32_t top = tmp & 0xff800000u;
  const double z = static_cast<double>(f32_from_bits(ix - top));
  const int k = static_cast<int32_t>(top) >> 23;
  const double r = z * kLog2InvC[i] - 1.0;
  const double y0 = kLog2C[i] + static_cast<double>(k);
  const double r2 = r * r;
  const double y = kLog2Poly[0] * r + kLog2Poly[1];
  const double p = kLog2Poly[2] * r + kLog2Poly[3];
  const double r4 = r2 * r2;
  const double q = p * r2 + (kLog2Poly[4] * r + y0);
  return y * r4 + q;
}

inline double exp2_inline(double xd, bool negative) {
#pragma HLS INLINE
  constexpr double kShiftScaled = kRoundShift / kExp2TableSize;
  const double kd = xd + kShiftScaled - kShiftScaled;
  const double r = xd - kd;
  const int k = static_cast<int>(kd * kExp2TableSize);
  const double scale = exp2_scale(k);
  const double s = negative ? -scale : scale;
  const double z = kExp2Poly[0] * r + kExp2Poly[1];
  const double r2 = r * r;
  const double y = z * r2 + (kExp2Poly[2] * r + 1.0);
  return y * s;
}

inline bool zero_inf_nan(uint32_t bits) {
#pragma HLS INLINE
  return 2 * bits - 1 >= 2u * kBitsInfinity - 1;
}

inline bool is_signaling_nan(uint32_t bits) {
#pragma HLS INLINE
  return ((bits ^ 0x00400000u) & 0x7fffffffu) > 0x7fc00000u;
}

// 0: not an integer, 1: odd, 2: even (powf.c checkint)
inline int integer_kind(uint32_t iy) {
#pragma HLS INLINE
  const int e = (iy >> 23) & 0xff;
  if (e < 0x7f) return 0;
  if (e > 0x7f + 23) return 2;
  if (iy & ((1u << (0x7f + 23 - e)) - 1)) return 0;
  if (iy & (1u << (0x7f + 23 - e))) return 1;
  return 2;
}

}  // namespace fpgasim_glibc_detail

// expf(x) as glibc's non-FMA build returns it.
inline float fpgasim_glibc_expf(float x) {
#pragma HLS INLINE
  using namespace fpgasim_glibc_detail;
  if (!(x < 88.0f && x > -88.0f)) {
    if (x == -f32_infinity()) return 0.0f;
    if (!(x < f32_infinity())) return x + x;
    if (x > 0x1.62e42ep6f) return f32_infinity();
    if (x < -0x1.9fe368p6f) return 0.0f;
    if (x < -0x1.9d1d9ep6f) return 0x1p-149f;
  }
  constexpr double kInvLn2Scaled = 0x1.71547652b82fep0 * kExp2TableSize;
  constexpr double c0 = kExp2Poly[0] / (kExp2TableSize * kExp2TableSize * kExp2TableSize);
  constexpr double c1 = kExp2Poly[1] / (kExp2TableSize * kExp2TableSize);
  constexpr double c2 = kExp2Poly[2] / kExp2TableSize;
  const double xd = static_cast<double>(x);
  const double z = kInvLn2Scaled * xd;
  const double kd = z + kRoundShift - kRoundShift;
  const double r = z - kd;
  const double s = exp2_scale(static_cast<int>(kd));
  const double c = c0 * r + c1;
  const double r2 = r * r;
  const double y = (c * r2 + (c2 * r + 1.0)) * s;
  return static_cast<float>(y);
}

// sinf(x) as glibc's non-FMA build returns it.
inline float fpgasim_glibc_sinf(float y) {
#pragma HLS INLINE
  using namespace fpgasim_glibc_detail;
  const float ay = y < 0.0f ? -y : y;
  if (ay < 0.75f) {
    if (ay < kSinCosTiny) return y;
    const double x = static_cast<double>(y);
    return static_cast<float>(sin_poly(x, x * x, kCosTable, 0));
  }
  if (!(ay < f32_infinity())) return f32_nan();
  return sin_cos_reduced(y, 0);
}

// cosf(x) as glibc's non-FMA build returns it.
inline float fpgasim_glibc_cosf(float y) {
#pragma HLS INLINE
  using namespace fpgasim_glibc_detail;
  const float ay = y < 0.0f ? -y : y;
  if (ay < 0.75f) {
    if (ay < kSinCosTiny) return 1.0f;
    const double x = static_cast<double>(y);
    return static_cast<float>(sin_poly(x, x * x, kCosTable, 1));
  }
  if (!(ay < f32_infinity())) return f32_nan();
  return sin_cos_reduced(y, 1);
}

// powf(x, y) as glibc's non-FMA build returns it.
inline float fpgasim_glibc_powf(float x, float y) {
#pragma HLS INLINE
  using namespace fpgasim_glibc_detail;
  bool negative = false;
  uint32_t ix = f32_bits(x);
  const uint32_t iy = f32_bits(y);
  if (ix - 0x00800000u >= kBitsInfinity - 0x00800000u || zero_inf_nan(iy)) {
    if (zero_inf_nan(iy)) {
      if (2 * iy == 0) return is_signaling_nan(ix) ? x + y : 1.0f;
      if (ix == kBitsOne) return is_signaling_nan(iy) ? x + y : 1.0f;
      if (2 * ix > 2u * kBitsInfinity || 2 * iy > 2u * kBitsInfinity) return x + y;
      if (2 * ix == 2 * kBitsOne) return 1.0f;
      if ((2 * ix < 2 * kBitsOne) == !(iy & kSignBit)) return 0.0f;
      return y * y;
    }
    if (zero_inf_nan(ix)) {
      float x2 = x * x;
      if ((ix & kSignBit) && integer_kind(iy) == 1) x2 = -x2;
      return (iy & kSignBit) ? 1.0f / x2 : x2;
    }
    if (ix & kSignBit) {
      const int kind = integer_kind(iy);
      if (kind == 0) return f32_nan();
      negative = kind == 1;
      ix &= 0x7fffffffu;
    }
    if (ix < 0x00800000u) {
      ix = f32_bits(x * 0x1p23f) & 0x7fffffffu;
      ix -= 23u << 23;
    }
  }
  const double ylogx = static_cast<double>(y) * log2_inline(ix);
  if (!(ylogx < 126.0 && ylogx > -126.0)) {
    if (ylogx > kOverflowYLogX) return negative ? -f32_infinity() : f32_infinity();
    if (ylogx <= -150.0) return negative ? -0.0f : 0.0f;
    if (ylogx < -149.0) return negative ? -0x1p-149f : 0x1p-149f;
  }
  return static_cast<float>(exp2_inline(ylogx, negative));
}

#endif  // FPGASIM_MATH_GLIBC_H
