// Softmax in place, step for step as kernels/softmax.ts (llama2.c softmax): subtract the max, exponentiate
// with the design's exp (fpgasim_design_math.h), sum over P partial sums combined by the fixed tree, divide by the sum.
// Its loops belong to the attention kernel (kernels/attention.ts describes them), hence the hook names.
#ifndef FPGASIM_SOFTMAX_H
#define FPGASIM_SOFTMAX_H

#include "fpgasim_hls.h"
#include "fpgasim_design_math.h"

// x (size,) -> x (size,), 1 <= size <= MAX_SIZE
template <int MAX_SIZE, class CONFIG>
void fpgasim_softmax(float* x, int size) {
  constexpr int P = CONFIG::accumulators;
  // from i = 0 (x[0] against itself changes nothing): the loop runs size times, as its description says
  float max_val = x[0];
softmax_max:
  for (int i = 0; i < size; i++) {
    FPGASIM_DIRECTIVES_attention_softmax_max
#pragma HLS LOOP_TRIPCOUNT max=MAX_SIZE
    if (x[i] > max_val) max_val = x[i];
  }
  float partial[P];
#pragma HLS ARRAY_PARTITION variable=partial type=complete dim=1
  fpgasim_clear_partials<P>(partial);
softmax_exp:
  for (int i = 0; i < size; i++) {
    FPGASIM_DIRECTIVES_attention_softmax_exp
#pragma HLS LOOP_TRIPCOUNT max=MAX_SIZE
    const float e = fpgasim_exp(x[i] - max_val);
    x[i] = e;
    const int p = i % P;
    partial[p] = partial[p] + e;
  }
  float sum = 0.0f;
softmax_combine:
  for (int once = 0; once < 1; once++) {
    FPGASIM_DIRECTIVES_attention_softmax_combine
    sum = fpgasim_combine_tree<P>(partial);
  }
softmax_normalize:
  for (int i = 0; i < size; i++) {
    FPGASIM_DIRECTIVES_attention_softmax_normalize
#pragma HLS LOOP_TRIPCOUNT max=MAX_SIZE
    x[i] = x[i] / sum;
  }
}

#endif  // FPGASIM_SOFTMAX_H
