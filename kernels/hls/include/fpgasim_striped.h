// Off-chip arrays read through one m_axi pointer, or striped over K of them (a design placing a role on a
// list of bundles): share[b] is the buffer behind the b-th bundle, and row r of the array is row r / K of
// share[r % K] (kernels/hls/device-image.ts lays the device image out so). The kernels index rows with
// fpgasim_row and write with fpgasim_store, which take either form; striping only moves bytes, so every
// number a kernel computes, and the order it computes them in, is the same for any K.
#ifndef FPGASIM_STRIPED_H
#define FPGASIM_STRIPED_H

#include <cstdint>
#include <type_traits>
#include "fpgasim_hls.h"

template <typename T, int K>
struct fpgasim_striped {
  T* share[K];
};

// The same offset into every share (where a matrix, or a layer's cache, starts): what `pointer + elements`
// is for one buffer.
template <typename T, int K>
inline fpgasim_striped<T, K> operator+(const fpgasim_striped<T, K>& a, int64_t elements) {
#pragma HLS INLINE
  fpgasim_striped<T, K> moved = a;
  for (int b = 0; b < K; b++) moved.share[b] += elements;
  return moved;
}

// Row `row` (rows of ROW elements) from column `first` on, read as row[col]: for one buffer a pointer.
template <int64_t ROW, typename T>
inline T* fpgasim_row(T* a, int64_t row, int64_t first = 0) {
  return a + row * ROW + first;
}

// For a striped array, the row in its share. Each read names its bundle by a constant (K read paths and a
// select on row % K) rather than through a pointer chosen at run time, so HLS knows the m_axi port of
// every access.
template <typename T, int K>
struct fpgasim_striped_row {
  fpgasim_striped<T, K> a;
  int bundle;      // row % K
  int64_t offset;  // (row / K) * ROW + first, in that share

  std::remove_const_t<T> operator[](int64_t col) const {
#pragma HLS INLINE
    std::remove_const_t<T> value = 0;
    for (int b = 0; b < K; b++) {
#pragma HLS UNROLL
      if (b == bundle) value = a.share[b][offset + col];
    }
    return value;
  }
};

template <int64_t ROW, typename T, int K>
inline fpgasim_striped_row<T, K> fpgasim_row(const fpgasim_striped<T, K>& a, int64_t row, int64_t first = 0) {
#pragma HLS INLINE
  return {a, static_cast<int>(row % K), (row / K) * ROW + first};
}

// Element `col` of row `row` := value.
template <int64_t ROW, typename T>
inline void fpgasim_store(T* a, int64_t row, int64_t col, T value) {
  a[row * ROW + col] = value;
}

template <int64_t ROW, typename T, int K>
inline void fpgasim_store(const fpgasim_striped<T, K>& a, int64_t row, int64_t col, T value) {
#pragma HLS INLINE
  const int64_t at = (row / K) * ROW + col;
  for (int b = 0; b < K; b++) {
#pragma HLS UNROLL
    if (b == row % K) a.share[b][at] = value;
  }
}

// The on-chip copy when STAGED, else the data read in place: a compile-time choice, so HLS sees one source.
template <bool STAGED, typename B, typename R>
inline auto fpgasim_staged_or(B* buffer, R in_place) {
  if constexpr (STAGED) {
    return static_cast<const B*>(buffer);
  } else {
    return in_place;
  }
}

#endif  // FPGASIM_STRIPED_H
