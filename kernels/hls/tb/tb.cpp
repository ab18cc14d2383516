// fpgasim HLS testbench (hand-written; emit-hls copies it into the project unchanged).
//
// Runs every kernel header, and the generated top-level fpgasim_decode, on golden vectors that the
// TypeScript kernels wrote (golden/manifest.txt), and compares the results byte for byte. At the first
// mismatch it prints the test, tensor, element index and the expected and actual bits in hex; it prints
// one summary line per test and a totals line, and exits 1 if any byte differed (0 when bit-exact).
//
// usage: tb [GOLDEN_DIR [MAX_DECODE_STEPS]]   (defaults: golden, every step in the manifest)
//
// Manifest lines (fields separated by single spaces):
//   test <test> <kind>                                  a test and which code below runs it
//   tensor <test> <name> <in|out> <i8|f32> <count> <file> raw little-endian elements
//   scalar <test> <name> <integer>
#include "fpgasim_config.h"

#include "fpgasim_attention.h"
#include "fpgasim_embed.h"
#include "fpgasim_matvec.h"
#include "fpgasim_quantize.h"
#include "fpgasim_residual.h"
#include "fpgasim_rmsnorm.h"
#include "fpgasim_rope.h"
#include "fpgasim_softmax.h"
#include "fpgasim_striped.h"
#include "fpgasim_swiglu.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// One manifest line after its first word: "test", "tensor" or "scalar".
struct Entry {
  std::string kind, test, name, direction, dtype, file;
  long long value = 0;  // the count of a tensor, the value of a scalar
};

// The manifest, read once; every lookup of a missing entry ends the run with a message. (C stdio and
// linear search: the testbench compiles in a fraction of the time <map> and <iostream> would take.)
class Golden {
 public:
  explicit Golden(const std::string& dir) : dir_(dir) {
    std::FILE* in = std::fopen((dir + "/manifest.txt").c_str(), "r");
    if (!in) fail("cannot open " + dir + "/manifest.txt");
    char line[1024];
    while (std::fgets(line, sizeof line, in)) {
      if (line[0] == '#' || line[0] == '\n') continue;
      std::vector<std::string> words;
      for (char* word = std::strtok(line, " \n"); word; word = std::strtok(nullptr, " \n")) words.push_back(word);
      Entry e;
      e.kind = words[0];
      if (e.kind == "test" && words.size() == 3) {
        e.test = words[1];
        e.name = words[2];
      } else if (e.kind == "tensor" && words.size() == 7) {
        e.test = words[1];
        e.name = words[2];
        e.direction = words[3];
        e.dtype = words[4];
        e.value = std::atoll(words[5].c_str());
        e.file = words[6];
      } else if (e.kind == "scalar" && words.size() == 4) {
        e.test = words[1];
        e.name = words[2];
        e.value = std::atoll(words[3].c_str());
      } else {
        fail("malformed manifest line starting with " + e.kind);
      }
      entries_.push_back(e);
    }
    std::fclose(in);
  }

  // (test, kind) pairs in manifest order
  std::vector<std::pair<std::string, std::string>> tests() const {
    std::vector<std::pair<std::string, std::string>> list;
    for (const Entry& e : entries_) {
      if (e.kind == "test") list.push_back({e.test, e.name});
    }
    return list;
  }

  long long scalar(const std::string& test, const std::string& name) const { return find("scalar", test, name, "").value; }

  // The elements of an input (direction "in") or expected output ("out"); its dtype must have T's size and
  // its count must be expected_count (if >= 0).
  template <typename T>
  std::vector<T> read(const std::string& test, const std::string& name, long long expected_count = -1, const std::string& direction = "in") const {
    const Entry& e = find("tensor", test, name, direction);
    const std::size_t size = e.dtype == "i8" ? 1 : e.dtype == "f32" ? 4 : 0;
    if (size != sizeof(T)) fail(test + " " + name + ": dtype " + e.dtype + " does not match the kernel's element type");
    if (expected_count >= 0 && e.value != expected_count) {
      fail(test + " " + name + ": " + std::to_string(e.value) + " elements, the kernel takes " + std::to_string(expected_count));
    }
    std::vector<T> data(static_cast<std::size_t>(e.value));
    std::FILE* f = std::fopen((dir_ + "/" + e.file).c_str(), "rb");
    if (!f) fail("cannot open " + dir_ + "/" + e.file);
    const std::size_t got = std::fread(data.data(), sizeof(T), data.size(), f);
    std::fclose(f);
    if (got != data.size()) fail(dir_ + "/" + e.file + " is shorter than its manifest count");
    return data;
  }

  [[noreturn]] static void fail(const std::string& message) {
    std::fprintf(stderr, "tb: %s\n", message.c_str());
    std::exit(2);
  }

 private:
  const Entry& find(const char* kind, const std::string& test, const std::string& name, const std::string& direction) const {
    for (const Entry& e : entries_) {
      if (e.kind == kind && e.test == test && e.name == name && e.direction == direction) return e;
    }
    fail(std::string("manifest has no ") + kind + " " + name + (direction.empty() ? "" : " (" + direction + ")") + " for test " + test);
  }

  std::string dir_;
  std::vector<Entry> entries_;
};

// Compares results with the expected tensors and keeps the counts for the summary.
class Checker {
 public:
  explicit Checker(const Golden& golden) : golden_(golden) {}

  template <typename T>
  void compare(const std::string& test, const std::string& name, const T* actual) {
    const std::vector<T> expected = golden_.read<T>(test, name, -1, "out");
    long long mismatched = 0;
    for (std::size_t i = 0; i < expected.size(); i++) {
      if (std::memcmp(&expected[i], &actual[i], sizeof(T)) == 0) continue;
      if (mismatched == 0 && total_mismatches_ == 0) {
        std::printf("MISMATCH %s %s[%zu]: expected %s actual %s\n", test.c_str(), name.c_str(), i, hex(expected[i]).c_str(), hex(actual[i]).c_str());
      }
      mismatched++;
    }
    test_tensors_++;
    test_bytes_ += static_cast<long long>(expected.size() * sizeof(T));
    test_mismatches_ += mismatched;
    total_mismatches_ += mismatched;
  }

  void end_test(const std::string& test, const std::string& kernel) {
    std::printf("  %-22s %-10s %3lld tensors %12lld bytes %8lld mismatches\n", test.c_str(), kernel.c_str(), test_tensors_, test_bytes_,
                test_mismatches_);
    bool seen = kernel == "decode";
    for (const std::string& k : kernels_) seen = seen || k == kernel;
    if (!seen) kernels_.push_back(kernel);
    tensors_ += test_tensors_;
    bytes_ += test_bytes_;
    test_tensors_ = test_bytes_ = test_mismatches_ = 0;
  }

  void count_decode_step() { decode_steps_++; }

  int finish() const {
    std::printf("totals: kernels %zu, decode steps %lld, tensors %lld, bytes %lld, mismatches %lld\n", kernels_.size(), decode_steps_, tensors_, bytes_,
                total_mismatches_);
    if (total_mismatches_ == 0) std::printf("bit-exact\n");
    return total_mismatches_ == 0 ? 0 : 1;
  }

 private:
  template <typename T>
  static std::string hex(T value) {
    unsigned long long bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    char text[24];
    std::snprintf(text, sizeof text, "0x%0*llx", static_cast<int>(2 * sizeof(T)), bits);
    return text;
  }

  const Golden& golden_;
  std::vector<std::string> kernels_;  // distinct kernels compared (decode steps are counted apart)
  long long test_tensors_ = 0, test_bytes_ = 0, test_mismatches_ = 0;
  long long tensors_ = 0, bytes_ = 0, total_mismatches_ = 0, decode_steps_ = 0;
};

// Each share of a device-memory array (one unless the design stripes it): name.0, name.1, ...
template <typename T>
std::vector<std::vector<T>> read_shares(const Golden& g, const std::string& t, const std::string& name, int shares, long long count) {
  std::vector<std::vector<T>> data;
  for (int b = 0; b < shares; b++) data.push_back(g.read<T>(t, name + "." + std::to_string(b), count));
  return data;
}

// ---- one function per kind of test: read the inputs, run the kernel, compare the outputs ----

template <int N>
void test_quantize(const Golden& g, Checker& c, const std::string& t) {
  const std::vector<float> x = g.read<float>(t, "x", N);
  std::vector<int8_t> xq(N);
  std::vector<float> xs(N / GROUP_SIZE);
  fpgasim_quantize<N, quantize_config>(xq.data(), xs.data(), x.data());
  c.compare(t, "xq.q", xq.data());
  c.compare(t, "xq.s", xs.data());
}

void test_round(const Golden& g, Checker& c, const std::string& t) {
  const std::vector<float> v = g.read<float>(t, "v");
  std::vector<int8_t> q(v.size());
  for (std::size_t i = 0; i < v.size(); i++) q[i] = fpgasim_round_to_int8(v[i]);
  c.compare(t, "q", q.data());
}

template <int N, int D>
void test_matvec(const Golden& g, Checker& c, const std::string& t) {
  const std::vector<int8_t> xq = g.read<int8_t>(t, "xq.q", N);
  const std::vector<float> xs = g.read<float>(t, "xq.s", N / GROUP_SIZE);
  const std::vector<int8_t> wq = g.read<int8_t>(t, "w.q", static_cast<long long>(N) * D);
  const std::vector<float> ws = g.read<float>(t, "w.s", static_cast<long long>(N) * D / GROUP_SIZE);
  std::vector<float> out(D);
  fpgasim_matvec<N, D, matvec_config>(out.data(), xq.data(), xs.data(), wq.data(), ws.data());
  c.compare(t, "out", out.data());
}

void test_rmsnorm(const Golden& g, Checker& c, const std::string& t) {
  const std::vector<float> x = g.read<float>(t, "x", DIM);
  const std::vector<float> weight = g.read<float>(t, "weight", DIM);
  std::vector<float> out(DIM);
  fpgasim_rmsnorm<DIM, rmsnorm_config>(out.data(), x.data(), weight.data());
  c.compare(t, "out", out.data());
}

void test_rope(const Golden& g, Checker& c, const std::string& t) {
  std::vector<float> q = g.read<float>(t, "q", DIM);
  std::vector<float> k = g.read<float>(t, "k", KV_DIM);
  fpgasim_rope<DIM, KV_DIM, HEAD_SIZE>(q.data(), k.data(), static_cast<int>(g.scalar(t, "pos")));
  c.compare(t, "q", q.data());
  c.compare(t, "k", k.data());
}

void test_softmax(const Golden& g, Checker& c, const std::string& t) {
  const int size = static_cast<int>(g.scalar(t, "size"));
  if (size < 1 || size > SEQ_LEN) Golden::fail(t + ": size out of range");
  std::vector<float> x = g.read<float>(t, "x", size);
  fpgasim_softmax<SEQ_LEN, attention_config::softmax_config>(x.data(), size);
  c.compare(t, "x", x.data());
}

void test_attention(const Golden& g, Checker& c, const std::string& t) {
  const int pos = static_cast<int>(g.scalar(t, "pos"));
  if (pos < 0 || pos >= SEQ_LEN) Golden::fail(t + ": pos out of range");
  const std::vector<float> q = g.read<float>(t, "q", DIM);
  const std::vector<float> k = g.read<float>(t, "k", KV_DIM);
  const std::vector<float> v = g.read<float>(t, "v", KV_DIM);
  // one layer's cache, in the shares device memory stripes it over (one unless the design stripes the KV cache)
  auto key_cache = read_shares<float>(g, t, "key_cache", kCacheShares, kLayerCacheElements);
  auto value_cache = read_shares<float>(g, t, "value_cache", kCacheShares, kLayerCacheElements);
  std::vector<float> att(static_cast<std::size_t>(N_HEADS) * SEQ_LEN);
  std::vector<float> out(DIM);
  if constexpr (kCacheShares == 1) {
    fpgasim_attention<attention_config>(out.data(), q.data(), k.data(), v.data(), key_cache[0].data(), value_cache[0].data(), att.data(), pos);
  } else {
    fpgasim_striped<float, kCacheShares> keys, values;
    for (int b = 0; b < kCacheShares; b++) {
      keys.share[b] = key_cache[b].data();
      values.share[b] = value_cache[b].data();
    }
    fpgasim_attention<attention_config>(out.data(), q.data(), k.data(), v.data(), keys, values, att.data(), pos);
  }
  c.compare(t, "out", out.data());
  for (int b = 0; b < kCacheShares; b++) {
    c.compare(t, "key_cache." + std::to_string(b), key_cache[b].data());
    c.compare(t, "value_cache." + std::to_string(b), value_cache[b].data());
  }
}

void test_swiglu(const Golden& g, Checker& c, const std::string& t) {
  std::vector<float> hb = g.read<float>(t, "hb", HIDDEN_DIM);
  const std::vector<float> hb2 = g.read<float>(t, "hb2", HIDDEN_DIM);
  fpgasim_swiglu<HIDDEN_DIM>(hb.data(), hb.data(), hb2.data());
  c.compare(t, "hb", hb.data());
}

void test_residual(const Golden& g, Checker& c, const std::string& t) {
  std::vector<float> x = g.read<float>(t, "x", DIM);
  const std::vector<float> y = g.read<float>(t, "y", DIM);
  fpgasim_residual<DIM>(x.data(), y.data());
  c.compare(t, "x", x.data());
}

void test_embed(const Golden& g, Checker& c, const std::string& t) {
  const std::vector<float> table = g.read<float>(t, "table");
  const long long token = g.scalar(t, "token");
  if (token < 0 || (token + 1) * DIM > static_cast<long long>(table.size())) Golden::fail(t + ": token outside the table");
  std::vector<float> x(DIM);
  fpgasim_embed<DIM>(x.data(), table.data(), static_cast<int>(token));
  c.compare(t, "x", x.data());
}

// Whole decode steps through the generated top-level function, its buffers laid out as in device memory
// (fpgasim_config.h's fpgasim_device_buffers: a striped array as its shares).
void test_decode(const Golden& g, Checker& c, const std::string& t, long long max_steps) {
  const auto weights_q = read_shares<int8_t>(g, t, "weights_q", kWeightShares, kWeightsQElements);
  const auto weights_s = read_shares<float>(g, t, "weights_s", kWeightShares, kWeightsSElements);
  const auto norms = read_shares<float>(g, t, "norms", 1, kNormElements);
  const auto embedding = read_shares<float>(g, t, "embedding", kEmbeddingShares, kEmbeddingElements);
  std::vector<std::vector<float>> key_cache(kCacheShares, std::vector<float>(static_cast<std::size_t>(kCacheElements)));
  std::vector<std::vector<float>> value_cache(kCacheShares, std::vector<float>(static_cast<std::size_t>(kCacheElements)));
  std::vector<float> logits(VOCAB_SIZE);
  fpgasim_device_buffers buffers;
  for (int b = 0; b < kWeightShares; b++) {
    buffers.weights_q[b] = weights_q[b].data();
    buffers.weights_s[b] = weights_s[b].data();
  }
  buffers.norms[0] = norms[0].data();
  for (int b = 0; b < kEmbeddingShares; b++) buffers.embedding[b] = embedding[b].data();
  for (int b = 0; b < kCacheShares; b++) {
    buffers.key_cache[b] = key_cache[b].data();
    buffers.value_cache[b] = value_cache[b].data();
  }
  buffers.logits[0] = logits.data();
  long long steps = g.scalar(t, "steps");
  if (max_steps >= 0 && max_steps < steps) steps = max_steps;
  for (long long pos = 0; pos < steps; pos++) {
    const int token = static_cast<int>(g.scalar(t, "token." + std::to_string(pos)));
    fpgasim_decode_on(buffers, token, static_cast<int>(pos));
    c.compare(t, "logits." + std::to_string(pos), logits.data());
    c.count_decode_step();
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "golden";
  const long long max_steps = argc > 2 ? std::atoll(argv[2]) : -1;
  const Golden golden(dir);
  Checker checker(golden);
  std::printf("fpgasim testbench: design %s, model %s\n", FPGASIM_DESIGN_NAME, FPGASIM_MODEL_NAME);
  for (const auto& [test, kind] : golden.tests()) {
    if (kind == "quantize_dim") test_quantize<DIM>(golden, checker, test);
    else if (kind == "quantize_hidden") test_quantize<HIDDEN_DIM>(golden, checker, test);
    else if (kind == "quantize_round") test_round(golden, checker, test);
    else if (kind == "matvec_dim_dim") test_matvec<DIM, DIM>(golden, checker, test);
    else if (kind == "matvec_dim_kv") test_matvec<DIM, KV_DIM>(golden, checker, test);
    else if (kind == "matvec_hidden_dim") test_matvec<HIDDEN_DIM, DIM>(golden, checker, test);
    else if (kind == "rmsnorm") test_rmsnorm(golden, checker, test);
    else if (kind == "rope") test_rope(golden, checker, test);
    else if (kind == "softmax") test_softmax(golden, checker, test);
    else if (kind == "attention") test_attention(golden, checker, test);
    else if (kind == "swiglu") test_swiglu(golden, checker, test);
    else if (kind == "residual") test_residual(golden, checker, test);
    else if (kind == "embed") test_embed(golden, checker, test);
    else if (kind == "decode") test_decode(golden, checker, test, max_steps);
    else Golden::fail("unknown test kind " + kind + " for test " + test);
    checker.end_test(test, kind.substr(0, kind.find('_')));
  }
  return checker.finish();
}
