// Dotted paths into a design's JSON (kernels.matvec.unroll.rows, bundles.gmem0.widthBits, placement.weights):
// how an experiment names the field a parameter varies.
//
// Some keys contain dots themselves (the arrays 'w.q', 'xq.q', 'xq.s'), so a segment may be written in
// brackets (kernels.matvec.partition[w.s].type); without brackets, the longest run of segments that names an
// existing key wins (kernels.matvec.partition.w.q.factor reaches 'w.q' when the design already has it).
// A segment * sets every key of the object it stands for (bundles.*.widthBits: every bundle's width).
// Setting a path creates the objects it passes through (kernels.matvec.unroll when matvec has no unroll yet):
// whether the result is a design is parseDesign's call, which names any key it does not know.
import { FpgasimError } from '../kernels/errors.js';
import type { Json } from '../sim/design/fields.js';

type JsonObject = { [key: string]: Json };

interface Segment {
  text: string;
  bracketed: boolean;
}

function segments(path: string): Segment[] {
  const out: Segment[] = [];
  const pattern = /\[([^\]]+)\]|([^.[\]]+)/g;
  let expected = 0;
  for (const match of path.matchAll(pattern)) {
    // between two segments only a single dot (or nothing before a bracket) may stand
    const gap = path.slice(expected, match.index);
    if (!(gap === '' && (out.length === 0 || match[1] !== undefined)) && gap !== '.') {
      throw new FpgasimError(`path ${JSON.stringify(path)} is not a dotted path (e.g. kernels.matvec.unroll.rows or kernels.matvec.partition[w.q].factor)`);
    }
    out.push({ text: match[1] ?? match[2], bracketed: match[1] !== undefined });
    expected = match.index + match[0].length;
  }
  if (out.length === 0 || expected !== path.length) {
    throw new FpgasimError(`path ${JSON.stringify(path)} is not a dotted path (e.g. kernels.matvec.unroll.rows or kernels.matvec.partition[w.q].factor)`);
  }
  return out;
}

function isObject(node: Json | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** The key at segs[i] in node and how many segments it used: a bracketed key, or the longest existing dotted run. */
function keyAt(node: JsonObject, segs: Segment[], i: number): { key: string; used: number } {
  if (segs[i].bracketed) return { key: segs[i].text, used: 1 };
  for (let used = segs.length - i; used > 1; used--) {
    const run = segs.slice(i, i + used);
    if (run.some((s) => s.bracketed)) continue;
    const key = run.map((s) => s.text).join('.');
    if (key in node) return { key, used };
  }
  return { key: segs[i].text, used: 1 };
}

/** The value at path in root, or undefined when the path does not reach a value. */
export function getPath(root: Json, path: string): Json | undefined {
  const segs = segments(path);
  let node: Json | undefined = root;
  for (let i = 0; i < segs.length; ) {
    if (!isObject(node)) return undefined;
    const { key, used } = keyAt(node, segs, i);
    node = node[key];
    i += used;
  }
  return node;
}

/** Sets the value at path in root (in place), creating the objects on the way. */
export function setPath(root: Json, path: string, value: Json): void {
  setFrom(root, segments(path), 0, path, value);
}

function setFrom(node: Json, segs: Segment[], i: number, path: string, value: Json): void {
  if (!isObject(node)) throw new FpgasimError(`path ${path}: ${segs.slice(0, i).map((s) => s.text).join('.')} is not an object`);
  if (segs[i].text === '*' && !segs[i].bracketed) {
    const keys = Object.keys(node);
    if (keys.length === 0) throw new FpgasimError(`path ${path}: ${segs.slice(0, i).map((s) => s.text).join('.')} has no keys for * to stand for`);
    for (const key of keys) {
      if (i + 1 === segs.length) node[key] = structuredClone(value);
      else setFrom(node[key], segs, i + 1, path, value);
    }
    return;
  }
  const { key, used } = keyAt(node, segs, i);
  if (i + used === segs.length) {
    node[key] = structuredClone(value);
    return;
  }
  if (!(key in node)) node[key] = {};
  setFrom(node[key], segs, i + used, path, value);
}

/** Throws for a path that cannot be written (syntax), before any design is built. */
export function checkPathSyntax(path: string): void {
  segments(path);
}
