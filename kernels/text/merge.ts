// The BPE merge loop of llama2.c's encode, in O(n log n) instead of its O(n^2) lookups.
//
// llama2.c repeats until nothing merges: scan every adjacent pair, look up the concatenation of their
// pieces, take the pair whose merged token has the highest score (strictly greater than the best so far,
// starting from -1e10: the leftmost pair wins ties), replace the pair by the merged token.
//
// Here the tokens are a linked list and every mergeable pair waits in a max-heap ordered by (score
// descending, position ascending). Positions are the tokens' original indices, and merging never
// reorders tokens, so "lowest position" is "leftmost" and the heap's top is exactly the pair llama2.c's
// scan would pick. A merge changes only the pairs on either side of the new token: those are pushed
// afresh, and entries that mention a token since changed or removed are recognised by version stamps and
// skipped when they surface.

import { BinaryHeap } from '../binary-heap.js';

/** llama2.c's starting best score: a merge must score strictly above it. */
const BEST_SCORE_START = -1e10;

interface Candidate {
  score: number;
  left: number; // position of the left token (its index in the input)
  right: number; // position of the right token
  merged: number; // token id of the concatenation
  leftVersion: number;
  rightVersion: number;
}

/** True when a must be merged before b. */
function before(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.left < b.left);
}

/**
 * Merges adjacent tokens as llama2.c's encode does and returns the merged sequence.
 * mergedId(left, right) is the id of the concatenation of the two pieces, or -1 when it is not a token.
 */
export function mergePairs(
  tokens: readonly number[],
  mergedId: (left: number, right: number) => number,
  scores: Float32Array,
): number[] {
  const n = tokens.length;
  const ids = Int32Array.from(tokens);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  // Bumped whenever the token at a position changes or is removed, which makes older candidates stale.
  const version = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }

  const heap = new BinaryHeap<Candidate>(before);
  const offer = (left: number): void => {
    if (left < 0 || next[left] < 0) return;
    const right = next[left];
    const merged = mergedId(ids[left], ids[right]);
    if (merged < 0 || !(scores[merged] > BEST_SCORE_START)) return;
    heap.push({ score: scores[merged], left, right, merged, leftVersion: version[left], rightVersion: version[right] });
  };
  for (let i = 0; i + 1 < n; i++) offer(i);

  for (let c = heap.pop(); c !== undefined; c = heap.pop()) {
    if (version[c.left] !== c.leftVersion || version[c.right] !== c.rightVersion) continue;
    ids[c.left] = c.merged;
    version[c.left]++;
    version[c.right]++;
    const after = next[c.right];
    next[c.left] = after;
    if (after >= 0) prev[after] = c.left;
    offer(prev[c.left]);
    offer(c.left);
  }

  // Position 0 is never removed (only right-hand tokens are), so the list starts there.
  const merged: number[] = [];
  for (let i = n > 0 ? 0 : -1; i >= 0; i = next[i]) merged.push(ids[i]);
  return merged;
}
