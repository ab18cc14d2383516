// The three ways llama2.c (run.c / runq.c) picks the next token from a vector of scores, as pure
// functions of their inputs: argmax, multinomial sampling and top-p (nucleus) sampling. The random coin
// is an argument, so each choice can be checked against a known coin. Every float operation is one
// binary32 operation (Math.fround), as in the C code.

// probabilities (n,) -> index of the first maximum
export function sampleArgmax(probabilities: Float32Array, n: number): number {
  let maxIndex = 0;
  let maxValue = probabilities[0];
  for (let i = 1; i < n; i++) {
    if (probabilities[i] > maxValue) {
      maxIndex = i;
      maxValue = probabilities[i];
    }
  }
  return maxIndex;
}

// probabilities (n,), coin in [0, 1) -> the first index whose running sum exceeds the coin
export function sampleMultinomial(probabilities: Float32Array, n: number, coin: number): number {
  let cdf = 0;
  for (let i = 0; i < n; i++) {
    cdf = Math.fround(cdf + probabilities[i]);
    if (coin < cdf) return i;
  }
  return n - 1; // the running sum fell short of the coin by rounding
}

/**
 * Top-p sampling: the smallest set of most likely tokens whose probability exceeds topp, then a
 * multinomial draw within it. `order` is scratch of at least n entries (kept by the caller so nothing is
 * allocated per token beyond the sort's own comparator).
 *
 * llama2.c sorts with qsort and a comparator that returns 0 for equal probabilities, so the order of ties
 * is whatever the C library's qsort does. glibc's qsort is a merge sort (stable: ties keep their index
 * order); glibc 2.37's switch to an unstable introsort was reverted before release in January 2024
 * because programs relied on that stability. Here ties are broken by index explicitly, which is exactly
 * the stable result.
 *
 * When no probability reaches the cutoff (possible only for topp below about 1/n, or n = 1) llama2.c
 * reads before its buffer; this returns the argmax, the one-token nucleus.
 */
// probabilities (n,), topp in (0, 1) as binary32, coin in [0, 1) -> token index
export function sampleTopP(
  probabilities: Float32Array,
  n: number,
  topp: number,
  coin: number,
  order: Int32Array,
): number {
  // Probabilities below (1 - topp) / (n - 1) can never be in the nucleus: drop them before sorting.
  const cutoff = Math.fround(Math.fround(1 - topp) / (n - 1));
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (probabilities[i] >= cutoff) order[kept++] = i;
  }
  if (kept === 0) return sampleArgmax(probabilities, n);
  const candidates = order
    .subarray(0, kept)
    .sort((a, b) => (probabilities[a] > probabilities[b] ? -1 : probabilities[a] < probabilities[b] ? 1 : a - b));

  // Truncate where the cumulative probability first exceeds topp (all kept ones if rounding never gets there).
  let cumulative = 0;
  let lastIndex = kept - 1;
  for (let i = 0; i < kept; i++) {
    cumulative = Math.fround(cumulative + probabilities[candidates[i]]);
    if (cumulative > topp) {
      lastIndex = i;
      break;
    }
  }

  // Multinomial draw from the truncated list, the coin scaled to its total.
  const r = Math.fround(coin * cumulative);
  let cdf = 0;
  for (let i = 0; i <= lastIndex; i++) {
    cdf = Math.fround(cdf + probabilities[candidates[i]]);
    if (r < cdf) return candidates[i];
  }
  return candidates[lastIndex];
}
