// The Q8_0 matvec (kernels/matvec.ts) in WebAssembly SIMD, computing matvecQ8's bits:
//   - group_sums is the exact integer stage (groupSumsQ8): 16 int8 pairs at a time are widened to int16
//     (i16x8.extend_{low,high}_i8x16_s), multiplied and added in pairs into int32 lanes (i32x4.dot_i16x8_s);
//     |sum| <= gs * 128 * 128 fits an int32 for any real gs. Any exact sum gives the same bits, so the
//     TypeScript float stage (scaleGroupSumsQ8) after it serves every accumulator count.
//   - matvec adds the float stage for one accumulator (llama2.c's order): f32.convert_i32_s, f32.mul and
//     f32.add are each one binary32 operation rounded to nearest-even, which WebAssembly never fuses or
//     widens, so they give Math.fround's bits. (Only a NaN's payload could differ; a finite model has none.)
// Group sizes must be multiples of 16 (GROUP_SIZE_MULTIPLE); callers use the TypeScript kernel for others.
//
// The module is assembled below from named instructions and named locals (no WebAssembly toolchain is
// needed); the locals' names also go into the module's name section, so a disassembly reads the same names. It reads the weights from
// its own memory, so Int8DotWasm copies them there once: one more copy of every weight matrix, int8 values
// and scales, plus the input, output and sums. For stories110M (group size 64) that is 121 MB: 110 MB of
// values, 7 MB of scales, 4 MB of sums.
import { check, FpgasimError } from './errors.js';
import type { QuantizedTensor } from './model/types.js';

/** Unsigned and signed LEB128, as the binary format encodes integers. */
function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}
function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}
const name = (text: string) => [...uleb(text.length), ...Buffer.from(text, 'utf8')];
const sized = (bytes: number[]) => [...uleb(bytes.length), ...bytes];
const section = (id: number, body: number[]) => [id, ...sized(body)];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];

// the opcodes used below
const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b, EMPTY = 0x40;
const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i];
const i32 = (v: number) => [0x41, ...sleb(v)];
const f32Zero = [0x43, 0, 0, 0, 0];
const [ADD, DIV_U, LT_U] = [[0x6a], [0x6e], [0x49]];
const [F32_ADD, F32_MUL, F32_FROM_I32] = [[0x92], [0x94], [0xb2]]; // each one binary32 rounding, never fused
const i32Store = [0x36, 2, 0], f32Load = [0x2a, 2, 0], f32Store = [0x38, 2, 0]; // align 4, offset 0
const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates];
const v128Load = simd(0x00, 0, 0); // align 1 (a hint), offset 0
const [I32X4_SPLAT, I16X8_FROM_LOW_I8, I16X8_FROM_HIGH_I8, I32X4_ADD, I32X4_DOT_I16] = [0x11, 0x87, 0x88, 0xae, 0xba];
const lane = (i: number) => simd(0x1b, i); // i32x4.extract_lane
const loop = (...body: number[][]) => [0x03, EMPTY, ...body.flat(), 0x0b];
const brIf = (depth: number) => [0x0d, depth];
/** do { body; i += step } while (i < limit): every loop here runs at least once (the caller checks). */
const doWhile = (i: number, step: number[], limit: number[], ...body: number[][]) =>
  loop(...body, get(i), step, ADD, set(i), get(i), limit, LT_U, brIf(0));

/**
 * A function's parameters and locals by name, in declaration order: the one list its code indexes (L.row is
 * the index of local 'row'), its locals vector and its entry in the module's name section are derived from.
 */
interface Locals {
  params: readonly string[]; // i32 each
  i32: readonly string[];
  f32: readonly string[];
  v128: readonly string[];
}
function localIndex(l: Locals): Record<string, number> {
  return Object.fromEntries([...l.params, ...l.i32, ...l.f32, ...l.v128].map((n, i) => [n, i]));
}
const localsVector = (l: Locals) => vector([[l.i32.length, I32], [l.f32.length, F32], [l.v128.length, V128]].filter(([count]) => count > 0));

/** The locals the group sum uses; both functions declare them. */
const GROUP_SUM_LOCALS = { i32: ['k', 'wp', 'xp'], v128: ['acc', 'va', 'vb'] } as const;

/**
 * Leaves the exact int32 sum of the gs int8 products at wp (the group's weights) and xp (its inputs) on the
 * stack, gs a multiple of 16: acc holds four int32 partial sums, va and vb the 16 bytes of each.
 */
const groupSum = (L: Record<string, number>) => [
  ...i32(0), ...simd(I32X4_SPLAT), ...set(L.acc), ...i32(0), ...set(L.k),
  ...doWhile(L.k, i32(16), get(L.gs),
    get(L.wp), get(L.k), ADD, v128Load, set(L.va),
    get(L.xp), get(L.k), ADD, v128Load, set(L.vb),
    get(L.va), simd(I16X8_FROM_LOW_I8), get(L.vb), simd(I16X8_FROM_LOW_I8), simd(I32X4_DOT_I16),
    get(L.va), simd(I16X8_FROM_HIGH_I8), get(L.vb), simd(I16X8_FROM_HIGH_I8), simd(I32X4_DOT_I16),
    simd(I32X4_ADD), get(L.acc), simd(I32X4_ADD), set(L.acc),
  ),
  ...get(L.acc), ...lane(0), ...get(L.acc), ...lane(1), ...ADD, ...get(L.acc), ...lane(2), ...ADD, ...get(L.acc), ...lane(3), ...ADD,
];

interface WasmFunction {
  name: string;
  locals: Locals;
  body: number[]; // the instructions, ending with `end`
}

// group_sums(sums, xq, wq, n, d, gs): W.q (d,n) . xq (n,) per group of gs -> sums (d, n/gs) int32.
// Weights and sums are walked in order; the input restarts at each row.
const groupSums: WasmFunction = (() => {
  const locals: Locals = { params: ['sums', 'xq', 'wq', 'n', 'd', 'gs'], i32: ['row', 'group', 'groups', 'sp', ...GROUP_SUM_LOCALS.i32], f32: [], v128: GROUP_SUM_LOCALS.v128 };
  const L = localIndex(locals);
  const body = [
    ...get(L.n), ...get(L.gs), ...DIV_U, ...set(L.groups), ...get(L.wq), ...set(L.wp), ...get(L.sums), ...set(L.sp), ...i32(0), ...set(L.row),
    ...doWhile(L.row, i32(1), get(L.d),
      i32(0), set(L.group), get(L.xq), set(L.xp),
      doWhile(L.group, i32(1), get(L.groups),
        get(L.sp), groupSum(L), i32Store,
        get(L.wp), get(L.gs), ADD, set(L.wp), get(L.xp), get(L.gs), ADD, set(L.xp), get(L.sp), i32(4), ADD, set(L.sp),
      ),
    ),
    0x0b,
  ];
  return { name: 'group_sums', locals, body };
})();

// matvec(out, xq, xs, wq, ws, n, d, gs): W (d,n) @ x (n,) -> out (d,) in Q8_0, with matvecQ8's float stage for
// one accumulator: val = val + ((float)ival * w.s) * x.s over the groups in order, as runq.c.
const matvec: WasmFunction = (() => {
  const locals: Locals = {
    params: ['out', 'xq', 'xs', 'wq', 'ws', 'n', 'd', 'gs'],
    i32: ['row', 'group', 'groups', 'wsp', 'xsp', 'op', ...GROUP_SUM_LOCALS.i32],
    f32: ['val'],
    v128: GROUP_SUM_LOCALS.v128,
  };
  const L = localIndex(locals);
  const body = [
    ...get(L.n), ...get(L.gs), ...DIV_U, ...set(L.groups), ...get(L.wq), ...set(L.wp), ...get(L.ws), ...set(L.wsp), ...get(L.out), ...set(L.op),
    ...i32(0), ...set(L.row),
    ...doWhile(L.row, i32(1), get(L.d),
      f32Zero, set(L.val), i32(0), set(L.group), get(L.xq), set(L.xp), get(L.xs), set(L.xsp),
      doWhile(L.group, i32(1), get(L.groups),
        get(L.val), groupSum(L), F32_FROM_I32,
        get(L.wsp), f32Load, F32_MUL, get(L.xsp), f32Load, F32_MUL, F32_ADD, set(L.val),
        get(L.wp), get(L.gs), ADD, set(L.wp), get(L.xp), get(L.gs), ADD, set(L.xp),
        get(L.wsp), i32(4), ADD, set(L.wsp), get(L.xsp), i32(4), ADD, set(L.xsp),
      ),
      get(L.op), get(L.val), f32Store, get(L.op), i32(4), ADD, set(L.op),
    ),
    0x0b,
  ];
  return { name: 'matvec', locals, body };
})();

const FUNCTIONS = [groupSums, matvec];

/** The name section (custom section "name"): function names, and each function's local names. */
function nameSection(functions: readonly WasmFunction[]): number[] {
  const functionNames = vector(functions.map((f, i) => [...uleb(i), ...name(f.name)]));
  const localNames = vector(
    functions.map((f, i) => {
      const l = f.locals;
      return [...uleb(i), ...vector([...l.params, ...l.i32, ...l.f32, ...l.v128].map((n, k) => [...uleb(k), ...name(n)]))];
    }),
  );
  return section(0, [...name('name'), ...section(1, functionNames), ...section(2, localNames)]);
}

/** The module: two exported functions over an imported memory, with their names (readable in any disassembly). */
export const INT8_DOT_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vector(FUNCTIONS.map((f) => [0x60, ...vector(f.locals.params.map(() => [I32])), 0]))), // (i32 ...) -> ()
  ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])), // import env.memory, min 1 page
  ...section(3, vector(FUNCTIONS.map((_, i) => [i]))), // function i has type i
  ...section(7, vector(FUNCTIONS.map((f, i) => [...name(f.name), 0x00, i]))),
  ...section(10, vector(FUNCTIONS.map((f) => sized([...localsVector(f.locals), ...f.body])))),
  ...nameSection(FUNCTIONS),
]);

// The smallest module using a SIMD instruction, (func (result v128) i32.const 0 i32x4.splat): whether the
// runtime has WebAssembly SIMD at all, asked apart from whether INT8_DOT_MODULE is valid.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vector([[0x60, 0, ...vector([[V128]])]])),
  ...section(3, vector([[0]])),
  ...section(10, vector([sized([0, ...i32(0), ...simd(I32X4_SPLAT), 0x0b])])), // no locals
]);

/**
 * The few WebAssembly JS API members used here: the project's lib setting (ES2022, no DOM) declares no
 * WebAssembly globals, though Node has them all.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

type GroupSumsExport = (sums: number, xq: number, wq: number, n: number, d: number, gs: number) => void;
type MatvecExport = (out: number, xq: number, xs: number, wq: number, ws: number, n: number, d: number, gs: number) => void;

export const GROUP_SIZE_MULTIPLE = 16;
const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB at most (65,536 pages). */
export const MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;
const ALIGN_BYTES = 16; // one v128

/** Whether this runtime has WebAssembly SIMD (Node >= 16.4): the one reason 'auto' falls back to TypeScript. */
export const int8DotWasmAvailable: boolean = wasm !== undefined && wasm.validate(SIMD_PROBE);

/** The WebAssembly API, in a runtime with SIMD. */
function wasmApi(): WasmApi {
  check(wasm !== undefined && int8DotWasmAvailable, 'int8Dot: WebAssembly SIMD is not available in this runtime');
  return wasm as WasmApi;
}

/**
 * Compiles a module for a runtime with SIMD. An invalid module is a bug in this file, never a reason to fall
 * back to the 16x slower TypeScript path in silence: it is refused in one line with the engine's reason.
 */
export function compileInt8DotModule(bytes: Uint8Array = INT8_DOT_MODULE): object {
  const api = wasmApi();
  try {
    return new api.Module(bytes);
  } catch (error) {
    throw new FpgasimError(`kernels/int8-dot-wasm.ts: the WebAssembly module is invalid (${String((error as Error).message).split('\n')[0]})`);
  }
}

const aligned = (bytes: number) => Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;

/** The sizes an Int8DotWasm is laid out for: the widest input (n) and the longest output (d). */
export interface Int8DotWasmShape {
  maxInput: number;
  maxOutput: number;
  groupSize: number;
}

/** Bytes of WebAssembly memory an Int8DotWasm for these weights and sizes takes. */
export function int8DotWasmBytes(weights: readonly QuantizedTensor[], shape: Int8DotWasmShape): number {
  const { maxInput, maxOutput, groupSize } = shape;
  const io = aligned(maxInput) + aligned((4 * maxInput) / groupSize) + aligned(4 * maxOutput) + aligned((4 * maxOutput * maxInput) / groupSize);
  return [...new Set(weights)].reduce((total, w) => total + aligned(w.q.byteLength) + aligned(w.s.byteLength), io);
}

/**
 * Q8_0 weight matrices copied once into WebAssembly memory (int8 values and float32 scales), laid out as
 *   [ input (maxInput int8) | input scales | output (maxOutput float32) | sums (d * n / gs int32) | weights ]
 * each 16-byte aligned. Quantize an input into `input` and `inputScales`, then either
 *   - groupSums(w, n, d): the integer stage into `sums` (d, n / gs), for kernels/matvec.ts scaleGroupSumsQ8, or
 *   - matvec(out, w, n, d): both stages with one accumulator (llama2.c's order), into `out`.
 * The memory never grows after construction, so the views stay valid.
 */
export class Int8DotWasm {
  readonly memoryBytes: number;
  readonly input: Int8Array; // (maxInput,) the quantized input vector xq
  readonly inputScales: Float32Array; // (maxInput / gs,) its scales xs
  readonly sums: Int32Array; // (maxOutput * maxInput / gs,) the group sums of the last groupSums call
  private readonly output: Float32Array; // (maxOutput,)
  private readonly address = new Map<QuantizedTensor, { q: number; s: number }>();
  private readonly groupSumsFn: GroupSumsExport;
  private readonly matvecFn: MatvecExport;
  private readonly gs: number;

  constructor(weights: readonly QuantizedTensor[], shape: Int8DotWasmShape) {
    const { maxInput, maxOutput, groupSize } = shape;
    if (groupSize % GROUP_SIZE_MULTIPLE !== 0) throw new Error(`Int8DotWasm: group size ${groupSize} is not a multiple of ${GROUP_SIZE_MULTIPLE}`);
    this.memoryBytes = int8DotWasmBytes(weights, shape);
    if (this.memoryBytes > MAX_MEMORY_BYTES) throw new Error(`Int8DotWasm: ${this.memoryBytes} bytes exceed the ${MAX_MEMORY_BYTES} bytes wasm32 addresses`);
    const pages = Math.max(1, Math.ceil(this.memoryBytes / PAGE_BYTES));
    const module = compileInt8DotModule();
    const memory = new (wasmApi().Memory)({ initial: pages, maximum: pages });
    const exports = new (wasmApi().Instance)(module, { env: { memory } }).exports;
    this.groupSumsFn = exports.group_sums as GroupSumsExport;
    this.matvecFn = exports.matvec as MatvecExport;
    this.gs = groupSize;

    let top = 0;
    const take = (bytes: number) => {
      const at = top;
      top += aligned(bytes);
      return at;
    };
    this.input = new Int8Array(memory.buffer, take(maxInput), maxInput);
    this.inputScales = new Float32Array(memory.buffer, take((4 * maxInput) / groupSize), maxInput / groupSize);
    this.output = new Float32Array(memory.buffer, take(4 * maxOutput), maxOutput);
    this.sums = new Int32Array(memory.buffer, take((4 * maxOutput * maxInput) / groupSize), (maxOutput * maxInput) / groupSize);
    for (const w of weights) {
      if (this.address.has(w)) continue; // a shared classifier is the embedding: copied once
      const at = { q: take(w.q.byteLength), s: take(w.s.byteLength) };
      new Int8Array(memory.buffer, at.q, w.q.length).set(w.q);
      new Float32Array(memory.buffer, at.s, w.s.length).set(w.s);
      this.address.set(w, at);
    }
  }

  /** sums (d, n/gs) = W.q (d,n) . input (n,) per group; W must be one of the constructor's tensors. */
  groupSums(w: QuantizedTensor, n: number, d: number): void {
    const at = this.addressOf(w, n, d);
    this.groupSumsFn(this.sums.byteOffset, this.input.byteOffset, at.q, n, d, this.gs);
  }

  /** out (d,) = W (d,n) @ input (n,), both stages, one accumulator: matvecQ8's bits with accumulators 1. */
  matvec(out: Float32Array, w: QuantizedTensor, n: number, d: number): void {
    const at = this.addressOf(w, n, d);
    this.matvecFn(this.output.byteOffset, this.input.byteOffset, this.inputScales.byteOffset, at.q, at.s, n, d, this.gs);
    out.set(d === this.output.length ? this.output : this.output.subarray(0, d));
  }

  /** The tensor's addresses, after checking the call fits the layout (the module's loops run at least once). */
  private addressOf(w: QuantizedTensor, n: number, d: number): { q: number; s: number } {
    const at = this.address.get(w);
    if (at === undefined) throw new Error('Int8DotWasm: this weight tensor was not copied into WebAssembly memory');
    const fits = n >= this.gs && n % this.gs === 0 && n <= this.input.length && d >= 1 && d <= this.output.length && n * d <= w.q.length;
    if (!fits) throw new Error(`Int8DotWasm: n ${n}, d ${d} do not fit group size ${this.gs} or this memory's layout`);
    return at;
  }
}
