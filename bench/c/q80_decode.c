// The benchmark's C peer: llama2.c runq.c's Q8_0 decode step, single-threaded and straightforward, to
// measure how fast plain C does the same arithmetic as kernels/forward.ts (int8 x int8 products summed in
// int32 per group, scales applied in float32, llama2.c's sequential reduction order).
//
// It only measures speed: exp, sin, cos and pow come from libm (expf/sinf/cosf/powf), not from the project's
// bit-exact binary32 algorithms (kernels/math), so its logits may differ from TypeScript's in the last bits.
// The benchmark compares only the argmax of the first positions' logits, as a sanity check.
//
// Usage: q80_decode MODEL.bin POSITIONS WARMUP REPEATS
//   Runs WARMUP positions, then REPEATS times positions 0..POSITIONS-1, feeding token (1 + 7919 * pos) mod
//   vocab_size at position pos (bench/decode.ts feeds the same). Prints one JSON line:
//   {"tokensPerSecond": [one per repeat], "argmax": [argmax of the logits at each position, first repeat]}

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ----------------------------------------------------------------------------
// Model: the version-2 checkpoint (256-byte header, then float32 norms, then int8 values + float32 scales)

typedef struct {
    int dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len;
} Config;

typedef struct {
    int8_t *q; // (rows * cols,) values
    float *s;  // (rows * cols / GS,) scales
} QuantizedTensor;

typedef struct {
    float *rms_att, *rms_ffn, *rms_final; // (layer, dim), (layer, dim), (dim,)
    QuantizedTensor tok_q;                // (vocab_size, dim)
    float *tok_f32;                       // (vocab_size, dim) dequantized once, as runq.c does
    QuantizedTensor *wq, *wk, *wv, *wo;   // per layer (dim|kv_dim, dim)
    QuantizedTensor *w1, *w2, *w3;        // per layer (hidden, dim), (dim, hidden), (hidden, dim)
    QuantizedTensor wcls;                 // (vocab_size, dim), shared with tok_q when the flag says so
} Weights;

typedef struct {
    float *x, *xb, *xb2, *hb, *hb2, *q, *k, *v, *att, *logits; // activations
    QuantizedTensor xq;                                        // quantized activation (max(dim, hidden),)
    float *key_cache, *value_cache;                            // (layer, seq_len, kv_dim)
} RunState;

static int GS; // group size, a runtime value as in runq.c

static void die(const char *message) {
    fprintf(stderr, "q80_decode: %s\n", message);
    exit(1);
}

static void *xmalloc(size_t bytes) {
    void *p = calloc(1, bytes);
    if (!p) die("out of memory");
    return p;
}

static QuantizedTensor read_tensor(unsigned char **cursor, size_t count) {
    QuantizedTensor t;
    t.q = (int8_t *)*cursor;
    *cursor += count;
    t.s = xmalloc(count / GS * sizeof(float)); // copied: scales may be unaligned in the file
    memcpy(t.s, *cursor, count / GS * sizeof(float));
    *cursor += count / GS * sizeof(float);
    return t;
}

static QuantizedTensor *read_layers(unsigned char **cursor, int n_layers, size_t count) {
    QuantizedTensor *ts = xmalloc(n_layers * sizeof(QuantizedTensor));
    for (int l = 0; l < n_layers; l++) ts[l] = read_tensor(cursor, count);
    return ts;
}

static float *read_floats(unsigned char **cursor, size_t count) {
    float *f = xmalloc(count * sizeof(float));
    memcpy(f, *cursor, count * sizeof(float));
    *cursor += count * sizeof(float);
    return f;
}

static void load_model(const char *path, Config *p, Weights *w) {
    FILE *file = fopen(path, "rb");
    if (!file) die("cannot open the model file");
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = xmalloc(size);
    if (fread(bytes, 1, size, file) != (size_t)size) die("cannot read the model file");
    fclose(file);
    uint32_t magic;
    int32_t version;
    memcpy(&magic, bytes, 4);
    memcpy(&version, bytes + 4, 4);
    if (magic != 0x616b3432 || version != 2) die("not a version-2 (Q8_0) checkpoint");
    memcpy(p, bytes + 8, sizeof(Config));
    uint8_t shared = bytes[36];
    memcpy(&GS, bytes + 37, 4);
    unsigned char *cursor = bytes + 256;
    int head_size = p->dim / p->n_heads;
    size_t dim = p->dim, hidden = p->hidden_dim, kv_dim = (size_t)p->n_kv_heads * head_size;
    w->rms_att = read_floats(&cursor, p->n_layers * dim);
    w->rms_ffn = read_floats(&cursor, p->n_layers * dim);
    w->rms_final = read_floats(&cursor, dim);
    w->tok_q = read_tensor(&cursor, p->vocab_size * dim);
    w->wq = read_layers(&cursor, p->n_layers, dim * dim);
    w->wk = read_layers(&cursor, p->n_layers, kv_dim * dim);
    w->wv = read_layers(&cursor, p->n_layers, kv_dim * dim);
    w->wo = read_layers(&cursor, p->n_layers, dim * dim);
    w->w1 = read_layers(&cursor, p->n_layers, hidden * dim);
    w->w2 = read_layers(&cursor, p->n_layers, dim * hidden);
    w->w3 = read_layers(&cursor, p->n_layers, hidden * dim);
    w->wcls = shared ? w->tok_q : read_tensor(&cursor, p->vocab_size * dim);
    w->tok_f32 = xmalloc(p->vocab_size * dim * sizeof(float));
    for (size_t i = 0; i < p->vocab_size * dim; i++) w->tok_f32[i] = w->tok_q.q[i] * w->tok_q.s[i / GS];
}

static void alloc_state(RunState *s, const Config *p) {
    size_t kv_dim = (size_t)p->dim * p->n_kv_heads / p->n_heads;
    size_t widest = p->dim > p->hidden_dim ? p->dim : p->hidden_dim;
    s->x = xmalloc(p->dim * sizeof(float));
    s->xb = xmalloc(p->dim * sizeof(float));
    s->xb2 = xmalloc(p->dim * sizeof(float));
    s->hb = xmalloc(p->hidden_dim * sizeof(float));
    s->hb2 = xmalloc(p->hidden_dim * sizeof(float));
    s->xq.q = xmalloc(widest);
    s->xq.s = xmalloc(widest * sizeof(float));
    s->q = xmalloc(p->dim * sizeof(float));
    s->k = xmalloc(kv_dim * sizeof(float));
    s->v = xmalloc(kv_dim * sizeof(float));
    s->att = xmalloc((size_t)p->n_heads * p->seq_len * sizeof(float));
    s->logits = xmalloc(p->vocab_size * sizeof(float));
    s->key_cache = xmalloc(p->n_layers * p->seq_len * kv_dim * sizeof(float));
    s->value_cache = xmalloc(p->n_layers * p->seq_len * kv_dim * sizeof(float));
}

// ----------------------------------------------------------------------------
// Kernels, as in runq.c

static void quantize(QuantizedTensor *qx, const float *x, int n) {
    for (int group = 0; group < n / GS; group++) {
        float wmax = 0.0f;
        for (int i = 0; i < GS; i++) {
            float val = fabsf(x[group * GS + i]);
            if (val > wmax) wmax = val;
        }
        float scale = wmax / 127.0f;
        qx->s[group] = scale;
        for (int i = 0; i < GS; i++) {
            qx->q[group * GS + i] = scale == 0.0f ? 0 : (int8_t)roundf(x[group * GS + i] / scale);
        }
    }
}

// W (d,n) @ x (n,) -> xout (d,)
static void matmul(float *xout, const QuantizedTensor *x, const QuantizedTensor *w, int n, int d) {
    for (int i = 0; i < d; i++) {
        float val = 0.0f;
        int in = i * n;
        for (int j = 0; j <= n - GS; j += GS) {
            int32_t ival = 0;
            for (int k = 0; k < GS; k++) ival += ((int32_t)x->q[j + k]) * ((int32_t)w->q[in + j + k]);
            val += ((float)ival) * w->s[(in + j) / GS] * x->s[j / GS];
        }
        xout[i] = val;
    }
}

static void rmsnorm(float *o, const float *x, const float *weight, int size) {
    float ss = 0.0f;
    for (int j = 0; j < size; j++) ss += x[j] * x[j];
    ss /= size;
    ss += 1e-5f;
    ss = 1.0f / sqrtf(ss);
    for (int j = 0; j < size; j++) o[j] = weight[j] * (ss * x[j]);
}

static void softmax(float *x, int size) {
    float max_val = x[0];
    for (int i = 1; i < size; i++)
        if (x[i] > max_val) max_val = x[i];
    float sum = 0.0f;
    for (int i = 0; i < size; i++) {
        x[i] = expf(x[i] - max_val);
        sum += x[i];
    }
    for (int i = 0; i < size; i++) x[i] /= sum;
}

static float *forward(const Config *p, const Weights *w, RunState *s, int token, int pos) {
    int dim = p->dim, hidden = p->hidden_dim, head_size = dim / p->n_heads;
    int kv_dim = dim * p->n_kv_heads / p->n_heads, kv_mul = p->n_heads / p->n_kv_heads;
    float *x = s->x;
    memcpy(x, w->tok_f32 + (size_t)token * dim, dim * sizeof(float));

    for (int l = 0; l < p->n_layers; l++) {
        rmsnorm(s->xb, x, w->rms_att + l * dim, dim);
        quantize(&s->xq, s->xb, dim);
        matmul(s->q, &s->xq, w->wq + l, dim, dim);
        matmul(s->k, &s->xq, w->wk + l, dim, kv_dim);
        matmul(s->v, &s->xq, w->wv + l, dim, kv_dim);

        for (int i = 0; i < dim; i += 2) {
            int head_dim = i % head_size;
            float freq = 1.0f / powf(10000.0f, head_dim / (float)head_size);
            float val = pos * freq, fcr = cosf(val), fci = sinf(val);
            int rotn = i < kv_dim ? 2 : 1;
            for (int v = 0; v < rotn; v++) {
                float *vec = v == 0 ? s->q : s->k;
                float v0 = vec[i], v1 = vec[i + 1];
                vec[i] = v0 * fcr - v1 * fci;
                vec[i + 1] = v0 * fci + v1 * fcr;
            }
        }

        size_t loff = (size_t)l * p->seq_len * kv_dim;
        memcpy(s->key_cache + loff + pos * kv_dim, s->k, kv_dim * sizeof(float));
        memcpy(s->value_cache + loff + pos * kv_dim, s->v, kv_dim * sizeof(float));

        for (int h = 0; h < p->n_heads; h++) {
            float *q = s->q + h * head_size;
            float *att = s->att + h * p->seq_len;
            for (int t = 0; t <= pos; t++) {
                float *k = s->key_cache + loff + t * kv_dim + (h / kv_mul) * head_size;
                float score = 0.0f;
                for (int i = 0; i < head_size; i++) score += q[i] * k[i];
                att[t] = score / sqrtf(head_size);
            }
            softmax(att, pos + 1);
            float *xb = s->xb + h * head_size;
            memset(xb, 0, head_size * sizeof(float));
            for (int t = 0; t <= pos; t++) {
                float *v = s->value_cache + loff + t * kv_dim + (h / kv_mul) * head_size;
                for (int i = 0; i < head_size; i++) xb[i] += att[t] * v[i];
            }
        }
        quantize(&s->xq, s->xb, dim);
        matmul(s->xb2, &s->xq, w->wo + l, dim, dim);
        for (int i = 0; i < dim; i++) x[i] += s->xb2[i];

        rmsnorm(s->xb, x, w->rms_ffn + l * dim, dim);
        quantize(&s->xq, s->xb, dim);
        matmul(s->hb, &s->xq, w->w1 + l, dim, hidden);
        matmul(s->hb2, &s->xq, w->w3 + l, dim, hidden);
        for (int i = 0; i < hidden; i++) {
            float val = s->hb[i];
            val *= (1.0f / (1.0f + expf(-val)));
            s->hb[i] = val * s->hb2[i];
        }
        quantize(&s->xq, s->hb, hidden);
        matmul(s->xb2, &s->xq, w->w2 + l, hidden, dim);
        for (int i = 0; i < dim; i++) x[i] += s->xb2[i];
    }

    rmsnorm(x, x, w->rms_final, dim);
    quantize(&s->xq, x, dim);
    matmul(s->logits, &s->xq, &w->wcls, dim, p->vocab_size);
    return s->logits;
}

// ----------------------------------------------------------------------------
// The timed loop

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int token_at(int pos, int vocab_size) { return (int)((1 + 7919L * pos) % vocab_size); }

static int argmax(const float *v, int n) {
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[best]) best = i;
    return best;
}

int main(int argc, char **argv) {
    if (argc != 5) die("usage: q80_decode MODEL.bin POSITIONS WARMUP REPEATS");
    int positions = atoi(argv[2]), warmup = atoi(argv[3]), repeats = atoi(argv[4]);
    Config p;
    Weights w;
    RunState s;
    load_model(argv[1], &p, &w);
    if (positions < 1 || positions > p.seq_len || warmup < 0 || warmup > p.seq_len || repeats < 1) die("bad arguments");
    alloc_state(&s, &p);

    for (int pos = 0; pos < warmup; pos++) forward(&p, &w, &s, token_at(pos, p.vocab_size), pos);
    int *argmaxes = xmalloc(positions * sizeof(int));
    printf("{\"tokensPerSecond\": [");
    for (int r = 0; r < repeats; r++) {
        double start = now_seconds();
        for (int pos = 0; pos < positions; pos++) {
            float *logits = forward(&p, &w, &s, token_at(pos, p.vocab_size), pos);
            if (r == 0) argmaxes[pos] = argmax(logits, p.vocab_size);
        }
        printf("%s%.4f", r ? ", " : "", positions / (now_seconds() - start));
        fflush(stdout);
    }
    printf("], \"argmax\": [");
    for (int pos = 0; pos < positions; pos++) printf("%s%d", pos ? ", " : "", argmaxes[pos]);
    printf("]}\n");
    return 0;
}
