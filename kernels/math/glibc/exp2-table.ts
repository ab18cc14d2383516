// The table expf and powf share (optimized-routines math/exp2f_data.c, glibc
// sysdeps/ieee754/flt-32/e_exp2f_data.c; EXP2F_TABLE_BITS = 5) and their cubic for 2^r.
//
// glibc stores tab[i] = bits(2^(i/32)) - (i << 47) and forms 2^(k/32) as the double with bits
// tab[k % 32] + (k << 47): for a normal result that is exactly 2^(i/32) * 2^floor(k/32). Here the table holds
// the doubles 2^(i/32) themselves (glibc's bits with i << 47 added back, written as hex floats), and the scaling
// is a multiply by an exact power of two: the same double. fpgasim_math_glibc.h holds the same literals.
import { f64FromHex } from './f64.js';

export const EXP2_TABLE_BITS = 5;
export const EXP2_TABLE_SIZE = 1 << EXP2_TABLE_BITS;

/** 2^(i/32) for i = 0..31, rounded to double (glibc's tab, shifted back). */
export const EXP2_TABLE = Float64Array.from(
  [
    '0x1.0000000000000p0', '0x1.059b0d3158574p0', '0x1.0b5586cf9890fp0', '0x1.11301d0125b51p0',
    '0x1.172b83c7d517bp0', '0x1.1d4873168b9aap0', '0x1.2387a6e756238p0', '0x1.29e9df51fdee1p0',
    '0x1.306fe0a31b715p0', '0x1.371a7373aa9cbp0', '0x1.3dea64c123422p0', '0x1.44e086061892dp0',
    '0x1.4bfdad5362a27p0', '0x1.5342b569d4f82p0', '0x1.5ab07dd485429p0', '0x1.6247eb03a5585p0',
    '0x1.6a09e667f3bcdp0', '0x1.71f75e8ec5f74p0', '0x1.7a11473eb0187p0', '0x1.82589994cce13p0',
    '0x1.8ace5422aa0dbp0', '0x1.93737b0cdc5e5p0', '0x1.9c49182a3f090p0', '0x1.a5503b23e255dp0',
    '0x1.ae89f995ad3adp0', '0x1.b7f76f2fb5e47p0', '0x1.c199bdd85529cp0', '0x1.cb720dcef9069p0',
    '0x1.d5818dcfba487p0', '0x1.dfc97337b9b5fp0', '0x1.ea4afa2a490dap0', '0x1.f50765b6e4540p0',
  ],
  f64FromHex,
);

/** 2^r ~ 1 + C2 r + C1 r^2 + C0 r^3 for |r| <= 1/64 (exp2f_data.c's poly for N = 32, highest power first). */
export const EXP2_POLY = [f64FromHex('0x1.c6af84b912394p-5'), f64FromHex('0x1.ebfce50fac4f3p-3'), f64FromHex('0x1.62e42ff0c52d6p-1')] as const;

/** 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 in magnitude to an integer, ties to even. */
export const ROUND_SHIFT = f64FromHex('0x1.8p52');
