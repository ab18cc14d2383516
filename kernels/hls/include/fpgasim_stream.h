// Streams between the tasks of a DATAFLOW region, and the element access that lets one kernel header write
// (or read) either an array or a stream: fpgasim_put(out, i, v) is out[i] = v for an array and
// out.write(v) for an hls::stream, whose elements go in index order; fpgasim_take(in, i) likewise reads.
//
// Vitis HLS brings hls_stream.h. Where it is absent (g++ here), a shim stands in with the same interface
// and C simulation's meaning: unbounded, read() of an empty stream is an error, and a stream destroyed with
// elements left says so (a region whose producer and consumer disagree on the count of elements).
#ifndef FPGASIM_STREAM_H
#define FPGASIM_STREAM_H

#if defined(__SYNTHESIS__) || __has_include(<hls_stream.h>)
#include <hls_stream.h>
#else
#include <cstdio>
#include <cstdlib>
#include <deque>

namespace hls {
template <typename T>
class stream {
 public:
  explicit stream(const char* name = "stream") : name_(name) {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;
  ~stream() {
    if (!items_.empty()) {
      std::fprintf(stderr, "hls::stream '%s' destroyed with %zu elements unread\n", name_, items_.size());
      std::abort();
    }
  }
  void write(const T& value) { items_.push_back(value); }
  T read() {
    if (items_.empty()) {
      std::fprintf(stderr, "hls::stream '%s' read while empty\n", name_);
      std::abort();
    }
    T value = items_.front();
    items_.pop_front();
    return value;
  }
  bool empty() const { return items_.empty(); }
  bool full() const { return false; }
  std::size_t size() const { return items_.size(); }

 private:
  const char* name_;
  std::deque<T> items_;
};
}  // namespace hls
#endif

template <typename T>
inline void fpgasim_put(T* out, int i, T value) {
#pragma HLS INLINE
  out[i] = value;
}

template <typename T>
inline void fpgasim_put(hls::stream<T>& out, int, T value) {
#pragma HLS INLINE
  out.write(value);
}

template <typename T>
inline T fpgasim_take(const T* in, int i) {
#pragma HLS INLINE
  return in[i];
}

template <typename T>
inline T fpgasim_take(hls::stream<T>& in, int) {
#pragma HLS INLINE
  return in.read();
}

#endif  // FPGASIM_STREAM_H
