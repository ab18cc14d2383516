// Shared pieces of fpgasim's HLS kernels: the pragma macro, and the fixed reduction tree.
//
// The kernel headers (fpgasim_<kernel>.h) are hand-written and tested; emit-hls generates only a config
// header (sizes, CONFIG structs, directive hooks) and the top-level function over them, as hls4ml does.
// Every loop of a kernel carries the label of its TypeScript loop description (kernels/*.ts describe*) and,
// as its first statement, a directive hook FPGASIM_DIRECTIVES_<kernel>_<label>: a macro the generated
// fpgasim_config.h defines as the design's pragmas for that loop (PIPELINE II=, UNROLL factor=, or
// PIPELINE off), or as nothing. A per-loop macro is needed because a C++ constant can give a pragma a
// number but cannot switch a pragma on or off. fpgasim_config.h must be included before this header.
//
// Numerics (DESIGN.md, "numeric contract"): float only, one rounding per operation; compile with
// -ffp-contract=off and without -ffast-math. No libm: exp/sin/cos/pow come from fpgasim_math.h; square
// root, correctly rounded by IEEE 754 like + - * /, is std::sqrt.
#ifndef FPGASIM_HLS_H
#define FPGASIM_HLS_H

#include <cstdint>

// UG1399, "Using Constants with Pragmas": a pragma built by a macro needs one level of indirection.
#define FPGASIM_PRAGMA_SUB(x) _Pragma(#x)
#define FPGASIM_PRAGMA(x) FPGASIM_PRAGMA_SUB(x)

// Combines partial[0..P) in place by the fixed tree of kernels/reduction.ts (combineTree) and returns the
// total: P = 4 gives (p0 + p1) + (p2 + p3), P = 3 gives (p0 + p1) + p2, P = 1 gives p0.
template <int P>
inline float fpgasim_combine_tree(float partial[P]) {
#pragma HLS INLINE
  for (int stride = 1; stride < P; stride *= 2) {
#pragma HLS UNROLL
    for (int i = 0; i + stride < P; i += 2 * stride) {
#pragma HLS UNROLL
      partial[i] = partial[i] + partial[i + stride];
    }
  }
  return partial[0];
}

// Sets partial[0..P) to zero (the start of every split reduction).
template <int P>
inline void fpgasim_clear_partials(float partial[P]) {
#pragma HLS INLINE
  for (int p = 0; p < P; p++) {
#pragma HLS UNROLL
    partial[p] = 0.0f;
  }
}

#endif  // FPGASIM_HLS_H
