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
// The module is written out byte by byte below (no WebAssembly toolchain is needed). It reads the weights from
// its own memory, so Int8DotWasm copies them there once: one more copy of every weight matrix, int8 values
// and scales, plus the input, output and sums. For stories110M (group size 64) that is 121 MB: 110 MB of
// values, 7 MB of scales, 4 MB of sums.
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
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
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

/** The locals the group sum uses; both functions declare them. */
interface GroupSumLocals {
  gs: number;
  wp: number; // address of the group's weights
  xp: number; // address of the group's inputs
  k: number;
  acc: number; // v128: four int32 partial sums
  va: number; // v128
  vb: number; // v128
}

/** Leaves the exact int32 sum of the gs int8 products at wp and xp on the stack (gs a multiple of 16). */
const groupSum = (l: GroupSumLocals) => [
  ...i32(0), ...simd(I32X4_SPLAT), ...set(l.acc), ...i32(0), ...set(l.k),
  ...doWhile(l.k, i32(16), get(l.gs),
    get(l.wp), get(l.k), ADD, v128Load, set(l.va),
    get(l.xp), get(l.k), ADD, v128Load, set(l.vb),
    get(l.va), simd(I16X8_FROM_LOW_I8), get(l.vb), simd(I16X8_FROM_LOW_I8), simd(I32X4_DOT_I16),
    get(l.va), simd(I16X8_FROM_HIGH_I8), get(l.vb), simd(I16X8_FROM_HIGH_I8), simd(I32X4_DOT_I16),
    simd(I32X4_ADD), get(l.acc), simd(I32X4_ADD), set(l.acc),
  ),
  ...get(l.acc), ...lane(0), ...get(l.acc), ...lane(1), ...ADD, ...get(l.acc), ...lane(2), ...ADD, ...get(l.acc), ...lane(3), ...ADD,
];

// group_sums(sums, xq, wq, n, d, gs): W.q (d,n) . xq (n,) per group of gs -> sums (d, n/gs) int32.
// Weights and sums are walked in order; the input restarts at each row.
const groupSums = (() => {
  const [SUMS, XQ, WQ, N, D, GS] = [0, 1, 2, 3, 4, 5];
  const [ROW, GROUP, K, GROUPS, WP, XP, SP, ACC, VA, VB] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const body = [
    ...get(N), ...get(GS), ...DIV_U, ...set(GROUPS), ...get(WQ), ...set(WP), ...get(SUMS), ...set(SP), ...i32(0), ...set(ROW),
    ...doWhile(ROW, i32(1), get(D),
      i32(0), set(GROUP), get(XQ), set(XP),
      doWhile(GROUP, i32(1), get(GROUPS),
        get(SP), groupSum({ gs: GS, wp: WP, xp: XP, k: K, acc: ACC, va: VA, vb: VB }), i32Store,
        get(WP), get(GS), ADD, set(WP), get(XP), get(GS), ADD, set(XP), get(SP), i32(4), ADD, set(SP),
      ),
    ),
    0x0b,
  ];
  return { params: 6, code: [...vector([[7, I32], [3, V128]]), ...body] };
})();

// matvec(out, xq, xs, wq, ws, n, d, gs): W (d,n) @ x (n,) -> out (d,) in Q8_0, with matvecQ8's float stage for
// one accumulator: val = val + ((float)ival * w.s) * x.s over the groups in order, as runq.c.
const matvec = (() => {
  const [OUT, XQ, XS, WQ, WS, N, D, GS] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [ROW, GROUP, K, GROUPS, WP, XP, WSP, XSP, OP, VAL, ACC, VA, VB] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
  const body = [
    ...get(N), ...get(GS), ...DIV_U, ...set(GROUPS), ...get(WQ), ...set(WP), ...get(WS), ...set(WSP), ...get(OUT), ...set(OP),
    ...i32(0), ...set(ROW),
    ...doWhile(ROW, i32(1), get(D),
      f32Zero, set(VAL), i32(0), set(GROUP), get(XQ), set(XP), get(XS), set(XSP),
      doWhile(GROUP, i32(1), get(GROUPS),
        get(VAL), groupSum({ gs: GS, wp: WP, xp: XP, k: K, acc: ACC, va: VA, vb: VB }), F32_FROM_I32,
        get(WSP), f32Load, F32_MUL, get(XSP), f32Load, F32_MUL, F32_ADD, set(VAL),
        get(WP), get(GS), ADD, set(WP), get(XP), get(GS), ADD, set(XP),
        get(WSP), i32(4), ADD, set(WSP), get(XSP), i32(4), ADD, set(XSP),
      ),
      get(OP), get(VAL), f32Store, get(OP), i32(4), ADD, set(OP),
    ),
    0x0b,
  ];
  return { params: 8, code: [...vector([[9, I32], [1, F32], [3, V128]]), ...body] };
})();

const FUNCTIONS = [
  { name: 'group_sums', ...groupSums },
  { name: 'matvec', ...matvec },
];
const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vector(FUNCTIONS.map((f) => [0x60, ...vector(Array.from({ length: f.params }, () => [I32])), 0]))), // (i32 ...) -> ()
  ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])), // import env.memory, min 1 page
  ...section(3, vector(FUNCTIONS.map((_, i) => [i]))), // function i has type i
  ...section(7, vector(FUNCTIONS.map((f, i) => [...name(f.name), 0x00, i]))),
  ...section(10, vector(FUNCTIONS.map((f) => [...uleb(f.code.length), ...f.code]))),
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

/** Whether this runtime runs the module (WebAssembly with SIMD: Node >= 16.4). */
export const int8DotWasmAvailable: boolean = wasm !== undefined && wasm.validate(moduleBytes);

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
    if (wasm === undefined || !int8DotWasmAvailable) throw new Error('WebAssembly SIMD is not available in this runtime');
    if (groupSize % GROUP_SIZE_MULTIPLE !== 0) throw new Error(`Int8DotWasm: group size ${groupSize} is not a multiple of ${GROUP_SIZE_MULTIPLE}`);
    this.memoryBytes = int8DotWasmBytes(weights, shape);
    if (this.memoryBytes > MAX_MEMORY_BYTES) throw new Error(`Int8DotWasm: ${this.memoryBytes} bytes exceed the ${MAX_MEMORY_BYTES} bytes wasm32 addresses`);
    const pages = Math.max(1, Math.ceil(this.memoryBytes / PAGE_BYTES));
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const exports = new wasm.Instance(new wasm.Module(moduleBytes), { env: { memory } }).exports;
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
