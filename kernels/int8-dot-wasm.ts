// The integer stage of the Q8_0 matvec (kernels/matvec.ts groupSumsQ8) in WebAssembly SIMD, about 25x
// faster than plain TypeScript. Its sums are exact, so the matvec built on it (this stage, then
// scaleGroupSumsQ8 in TypeScript) gives matvecQ8's bits for every design:
//   - 16 int8 pairs at a time are widened to int16 (i16x8.extend_{low,high}_i8x16_s), multiplied and added in
//     pairs into int32 lanes (i32x4.dot_i16x8_s); |sum| <= gs * 128 * 128 fits an int32 for any real gs.
//   - Group sizes must be multiples of 16 (GROUP_SIZE_MULTIPLE); callers use groupSumsQ8 for the others.
//
// The module is written out byte by byte below (no WebAssembly toolchain is needed). It reads the weights from
// its own memory, so WasmGroupSums copies them there once: that costs one more copy of every int8 weight
// value (110 MB for stories110M), plus the input vector and the largest matrix's sums.

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
const I32 = 0x7f, V128 = 0x7b, EMPTY = 0x40;
const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i];
const i32 = (v: number) => [0x41, ...sleb(v)];
const [ADD, DIV_U, GE_U] = [[0x6a], [0x6e], [0x4f]];
const i32Store = [0x36, 2, 0]; // align 4, offset 0
const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates];
const v128Load = simd(0x00, 0, 0); // align 1 (a hint), offset 0
const [I32X4_SPLAT, I16X8_FROM_LOW_I8, I16X8_FROM_HIGH_I8, I32X4_ADD, I32X4_DOT_I16] = [0x11, 0x87, 0x88, 0xae, 0xba];
const lane = (i: number) => simd(0x1b, i); // i32x4.extract_lane
const block = (...body: number[][]) => [0x02, EMPTY, ...body.flat(), 0x0b];
const loop = (...body: number[][]) => [0x03, EMPTY, ...body.flat(), 0x0b];
const brIf = (depth: number) => [0x0d, depth];
const br = (depth: number) => [0x0c, depth];

// parameters: sums, xq, wq (byte addresses), n, d, gs; then the locals
const [SUMS, XQ, WQ, N, D, GS] = [0, 1, 2, 3, 4, 5];
const [ROW, GROUP, K, GROUPS, WP, XP, SP] = [6, 7, 8, 9, 10, 11, 12];
const [ACC, VA, VB] = [13, 14, 15];

// group_sums: W.q (d,n) . xq (n,) per group of gs -> sums (d, n/gs) int32, gs a multiple of 16
const groupSumsBody = [
  ...get(N), ...get(GS), ...DIV_U, ...set(GROUPS),
  ...get(WQ), ...set(WP), ...get(SUMS), ...set(SP), ...i32(0), ...set(ROW),
  ...block(loop(
    get(ROW), get(D), GE_U, brIf(1),
    i32(0), set(GROUP), get(XQ), set(XP),
    block(loop(
      get(GROUP), get(GROUPS), GE_U, brIf(1),
      i32(0), simd(I32X4_SPLAT), set(ACC), i32(0), set(K),
      block(loop(
        get(K), get(GS), GE_U, brIf(1),
        get(WP), get(K), ADD, v128Load, set(VA),
        get(XP), get(K), ADD, v128Load, set(VB),
        get(VA), simd(I16X8_FROM_LOW_I8), get(VB), simd(I16X8_FROM_LOW_I8), simd(I32X4_DOT_I16),
        get(VA), simd(I16X8_FROM_HIGH_I8), get(VB), simd(I16X8_FROM_HIGH_I8), simd(I32X4_DOT_I16),
        simd(I32X4_ADD), get(ACC), simd(I32X4_ADD), set(ACC),
        get(K), i32(16), ADD, set(K),
        br(0),
      )),
      // sums[row, group] = the four lanes added
      get(SP), get(ACC), lane(0), get(ACC), lane(1), ADD, get(ACC), lane(2), ADD, get(ACC), lane(3), ADD, i32Store,
      get(WP), get(GS), ADD, set(WP), get(XP), get(GS), ADD, set(XP),
      get(SP), i32(4), ADD, set(SP), get(GROUP), i32(1), ADD, set(GROUP),
      br(0),
    )),
    get(ROW), i32(1), ADD, set(ROW),
    br(0),
  )),
  0x0b,
];
const code = [...vector([[7, I32], [3, V128]]), ...groupSumsBody];

const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vector([[0x60, ...vector(Array.from({ length: 6 }, () => [I32])), 0]])), // type (6 x i32) -> ()
  ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])), // import env.memory, min 1 page
  ...section(3, vector([[0]])),
  ...section(7, vector([[...name('group_sums'), 0x00, 0]])),
  ...section(10, vector([[...uleb(code.length), ...code]])),
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

export const GROUP_SIZE_MULTIPLE = 16;
const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB at most (65,536 pages). */
export const MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;
const ALIGN_BYTES = 16; // one v128

/** Whether this runtime runs the module (WebAssembly with SIMD: Node >= 16.4). */
export const wasmGroupSumsAvailable: boolean = wasm !== undefined && wasm.validate(moduleBytes);

const aligned = (bytes: number) => Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;

/** Bytes of WebAssembly memory a WasmGroupSums for these weights, input length and sums count takes. */
export function wasmGroupSumsBytes(weights: readonly Int8Array[], maxInput: number, maxSums: number): number {
  const distinct = [...new Set(weights)];
  return aligned(maxInput) + aligned(4 * maxSums) + distinct.reduce((total, q) => total + aligned(q.byteLength), 0);
}

/**
 * Weight matrices' int8 values copied once into WebAssembly memory, laid out as
 *   [ input (maxInput int8) | sums (maxSums int32) | each distinct weight array ], each 16-byte aligned.
 * Write an input vector into `input`, call run(wq, n, d, gs), read d * n / gs sums from `sums`. The memory
 * never grows after construction, so the views stay valid.
 */
export class WasmGroupSums {
  readonly memoryBytes: number;
  readonly input: Int8Array; // (maxInput,) the quantized input vector xq
  readonly sums: Int32Array; // (maxSums,) the group sums of the last run, row-major (d, n / gs)
  private readonly weightAddress = new Map<Int8Array, number>();
  private readonly groupSums: GroupSumsExport;

  constructor(weights: readonly Int8Array[], maxInput: number, maxSums: number) {
    if (wasm === undefined || !wasmGroupSumsAvailable) throw new Error('WebAssembly SIMD is not available in this runtime');
    this.memoryBytes = wasmGroupSumsBytes(weights, maxInput, maxSums);
    if (this.memoryBytes > MAX_MEMORY_BYTES) throw new Error(`${this.memoryBytes} bytes exceed the ${MAX_MEMORY_BYTES} bytes wasm32 addresses`);
    const pages = Math.max(1, Math.ceil(this.memoryBytes / PAGE_BYTES));
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const instance = new wasm.Instance(new wasm.Module(moduleBytes), { env: { memory } });
    this.groupSums = instance.exports.group_sums as GroupSumsExport;

    this.input = new Int8Array(memory.buffer, 0, maxInput);
    const sumsAddress = aligned(maxInput);
    this.sums = new Int32Array(memory.buffer, sumsAddress, maxSums);
    let address = sumsAddress + aligned(4 * maxSums);
    for (const q of weights) {
      if (this.weightAddress.has(q)) continue; // a shared classifier is the embedding: copied once
      new Int8Array(memory.buffer, address, q.length).set(q);
      this.weightAddress.set(q, address);
      address += aligned(q.byteLength);
    }
  }

  /** sums (d, n/gs) = wq (d,n) . input (n,) per group of gs; wq must be one of the constructor's arrays. */
  run(wq: Int8Array, n: number, d: number, gs: number): void {
    const address = this.weightAddress.get(wq);
    if (address === undefined) throw new Error('WasmGroupSums.run: this weight array was not copied into WebAssembly memory');
    if (gs % GROUP_SIZE_MULTIPLE !== 0 || n > this.input.length || n * d > wq.length || (d * n) / gs > this.sums.length) {
      throw new Error(`WasmGroupSums.run: n ${n}, d ${d}, gs ${gs} do not fit this memory or the module`);
    }
    this.groupSums(this.sums.byteOffset, this.input.byteOffset, address, n, d, gs);
  }
}
