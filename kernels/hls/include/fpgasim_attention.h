// Multi-head attention over the KV cache with grouped KV heads, step for step as kernels/attention.ts
// (llama2.c runq.c "multihead attention"), after writing this position's k and v into the cache (the
// kv_write loop of describeAttention; kernels/forward.ts does that copy just before attention()).
// Query head h reads KV head h / (N_HEADS / N_KV_HEADS); scores are split over CONFIG::score_accumulators
// partial sums, the weighted sum of the values over CONFIG::value_accumulators (position t into t % P).
#ifndef FPGASIM_ATTENTION_H
#define FPGASIM_ATTENTION_H

#include <cmath>
#include "fpgasim_hls.h"
#include "fpgasim_softmax.h"
#include "fpgasim_striped.h"

// q (DIM,), k and v (KV_DIM,), key_cache/value_cache (SEQ_LEN, KV_DIM) of this layer (pointers, or striped
// over K bundles by position: fpgasim_striped.h), att (N_HEADS, SEQ_LEN) scratch -> out (DIM,); the caches
// get k and v at row pos.
template <class CONFIG, class CACHE>
void fpgasim_attention(float out[CONFIG::dim], const float q[CONFIG::dim], const float k[CONFIG::kv_dim], const float v[CONFIG::kv_dim],
                       CACHE key_cache, CACHE value_cache, float att[CONFIG::n_heads * CONFIG::seq_len], int pos) {
  constexpr int HEAD_SIZE = CONFIG::dim / CONFIG::n_heads;
  constexpr int KV_DIM = CONFIG::kv_dim;
  constexpr int SEQ_LEN = CONFIG::seq_len;
  constexpr int KV_MUL = CONFIG::n_heads / CONFIG::n_kv_heads;
  constexpr int SA = CONFIG::score_accumulators;
  constexpr int VA = CONFIG::value_accumulators;
  static_assert(KV_DIM == HEAD_SIZE * CONFIG::n_kv_heads, "kv_dim is n_kv_heads head sizes");
kv_write:
  for (int i = 0; i < KV_DIM; i++) {
    FPGASIM_DIRECTIVES_attention_kv_write
    fpgasim_store<KV_DIM>(key_cache, pos, i, k[i]);
    fpgasim_store<KV_DIM>(value_cache, pos, i, v[i]);
  }
  const float score_scale = std::sqrt(static_cast<float>(HEAD_SIZE));
heads:
  for (int h = 0; h < CONFIG::n_heads; h++) {
    FPGASIM_DIRECTIVES_attention_heads
    const int q_offset = h * HEAD_SIZE;
    const int att_offset = h * SEQ_LEN;
    const int kv_head_offset = (h / KV_MUL) * HEAD_SIZE;
  scores:
    for (int t = 0; t <= pos; t++) {
      FPGASIM_DIRECTIVES_attention_scores
#pragma HLS LOOP_TRIPCOUNT max=SEQ_LEN
      float key_buffer[CONFIG::stage_key_cache ? HEAD_SIZE : 1];
      FPGASIM_BUFFER_attention_key_cache
      const auto key_in = fpgasim_row<KV_DIM>(key_cache, t, kv_head_offset);
      if constexpr (CONFIG::stage_key_cache) {
      stage_key_cache:
        for (int i = 0; i < HEAD_SIZE; i++) key_buffer[i] = key_in[i];
      }
      const auto key = fpgasim_staged_or<CONFIG::stage_key_cache>(key_buffer, key_in);
      float partial[SA];
#pragma HLS ARRAY_PARTITION variable=partial type=complete dim=1
      fpgasim_clear_partials<SA>(partial);
    score_dot:
      for (int i = 0; i < HEAD_SIZE; i++) {
        FPGASIM_DIRECTIVES_attention_score_dot
        const int p = i % SA;
        partial[p] = partial[p] + q[q_offset + i] * key[i];
      }
      att[att_offset + t] = fpgasim_combine_tree<SA>(partial) / score_scale;
    }
    fpgasim_softmax<SEQ_LEN, typename CONFIG::softmax_config>(att + att_offset, pos + 1);
    float value_partial[VA][HEAD_SIZE];
#pragma HLS ARRAY_PARTITION variable=value_partial type=complete dim=1
  value_clear:
    for (int i = 0; i < HEAD_SIZE; i++) {
      FPGASIM_DIRECTIVES_attention_value_clear
      for (int p = 0; p < VA; p++) {
#pragma HLS UNROLL
        value_partial[p][i] = 0.0f;
      }
    }
  values:
    for (int t = 0; t <= pos; t++) {
      FPGASIM_DIRECTIVES_attention_values
#pragma HLS LOOP_TRIPCOUNT max=SEQ_LEN
      float value_buffer[CONFIG::stage_value_cache ? HEAD_SIZE : 1];
      FPGASIM_BUFFER_attention_value_cache
      const auto value_in = fpgasim_row<KV_DIM>(value_cache, t, kv_head_offset);
      if constexpr (CONFIG::stage_value_cache) {
      stage_value_cache:
        for (int i = 0; i < HEAD_SIZE; i++) value_buffer[i] = value_in[i];
      }
      const auto value = fpgasim_staged_or<CONFIG::stage_value_cache>(value_buffer, value_in);
      const float a = att[att_offset + t];
      const int p = t % VA;
    value_lanes:
      for (int i = 0; i < HEAD_SIZE; i++) {
        FPGASIM_DIRECTIVES_attention_value_lanes
        value_partial[p][i] = value_partial[p][i] + a * value[i];
      }
    }
  value_combine:
    for (int i = 0; i < HEAD_SIZE; i++) {
      FPGASIM_DIRECTIVES_attention_value_combine
      float partial[VA];
#pragma HLS ARRAY_PARTITION variable=partial type=complete dim=1
      for (int p = 0; p < VA; p++) {
#pragma HLS UNROLL
        partial[p] = value_partial[p][i];
      }
      out[q_offset + i] = fpgasim_combine_tree<VA>(partial);
    }
  }
}

#endif  // FPGASIM_ATTENTION_H
