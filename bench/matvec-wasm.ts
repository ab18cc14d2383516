// A WebAssembly SIMD Q8_0 matvec, for the 'matvec' benchmark section: a measured proposal for
// kernels/matvec.ts, not used by the kernels. It computes the same bits as matvecQ8 with one accumulator:
//   - each group's int32 sum is exact: 16 int8 pairs at a time are widened to int16 (i16x8.extend_*_i8x16_s),
//     multiplied and added in pairs into int32 lanes (i32x4.dot_i16x8_s); |sum| <= gs * 128 * 128 fits int32;
//   - the scales are applied with f32.convert_i32_s, f32.mul and f32.add, each one binary32 operation
//     rounded to nearest-even (WebAssembly never fuses or widens them), in runq.c's order.
// The module is written out byte by byte below (no WebAssembly toolchain is needed); it imports its memory,
// and the caller places every array in it. Group sizes must be multiples of 16.

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

// opcodes used below
const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b, EMPTY = 0x40;
const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i];
const i32 = (v: number) => [0x41, ...sleb(v)];
const [ADD, MUL, DIV_U, GE_U] = [[0x6a], [0x6c], [0x6e], [0x4f]];
const [F32_ADD, F32_MUL, F32_FROM_I32] = [[0x92], [0x94], [0xb2]];
const f32Load = [0x2a, 2, 0], f32Store = [0x38, 2, 0];
const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates];
const v128Load = simd(0x00, 0, 0); // align 1 (a hint), offset 0
const [I32X4_SPLAT, I16X8_FROM_LOW_I8, I16X8_FROM_HIGH_I8, I32X4_ADD, I32X4_DOT_I16] = [0x11, 0x87, 0x88, 0xae, 0xba];
const lane = (i: number) => simd(0x1b, i); // i32x4.extract_lane
const block = (...body: number[][]) => [0x02, EMPTY, ...body.flat(), 0x0b];
const loop = (...body: number[][]) => [0x03, EMPTY, ...body.flat(), 0x0b];
const brIf = (depth: number) => [0x0d, depth];
const br = (depth: number) => [0x0c, depth];

// parameters: out, xq, xs, wq, ws (byte addresses), n, d, gs; then the locals
const [OUT, XQ, XS, WQ, WS, N, D, GS] = [0, 1, 2, 3, 4, 5, 6, 7];
const [ROW, GROUP, K, WP, WSP, GROUPS, XP, IVAL] = [8, 9, 10, 11, 12, 13, 14, 15];
const VAL = 16;
const [ACC, VA, VB] = [17, 18, 19];

// out (d,) = W (d,n) @ x (n,), W and x in Q8_0 with group size gs (a multiple of 16)
const matvecBody = [
  ...get(N), ...get(GS), ...DIV_U, ...set(GROUPS),
  ...get(WQ), ...set(WP), ...get(WS), ...set(WSP), ...i32(0), ...set(ROW),
  ...block(loop(
    get(ROW), get(D), GE_U, brIf(1),
    [0x43, 0, 0, 0, 0], set(VAL), // f32.const 0
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
      get(ACC), lane(0), get(ACC), lane(1), ADD, get(ACC), lane(2), ADD, get(ACC), lane(3), ADD, set(IVAL),
      // val = val + ((float)ival * w.s[group]) * x.s[group]
      get(VAL), get(IVAL), F32_FROM_I32, get(WSP), f32Load, F32_MUL,
      get(XS), get(GROUP), i32(4), MUL, ADD, f32Load, F32_MUL, F32_ADD, set(VAL),
      get(WP), get(GS), ADD, set(WP), get(XP), get(GS), ADD, set(XP),
      get(WSP), i32(4), ADD, set(WSP), get(GROUP), i32(1), ADD, set(GROUP),
      br(0),
    )),
    get(OUT), get(ROW), i32(4), MUL, ADD, get(VAL), f32Store,
    get(ROW), i32(1), ADD, set(ROW),
    br(0),
  )),
  0x0b,
];
const locals = vector([[8, I32], [1, F32], [3, V128]]);
const code = [...locals, ...matvecBody];

const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vector([[0x60, ...vector(Array.from({ length: 8 }, () => [I32])), 0]])),
  ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
  ...section(3, vector([[0]])),
  ...section(7, vector([[...name('matvec'), 0x00, 0]])),
  ...section(10, vector([[...uleb(code.length), ...code]])),
]);

/**
 * The few WebAssembly JS API members used here: the project's lib setting (ES2022, no DOM) declares no
 * WebAssembly globals, though Node has them all.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export type WasmMatvec = (out: number, xq: number, xs: number, wq: number, ws: number, n: number, d: number, gs: number) => void;

/** Instantiates the module on `memory`; its matvec takes byte addresses in that memory. */
export function instantiateMatvec(memory: WasmMemory): WasmMatvec {
  const instance = new wasm.Instance(new wasm.Module(moduleBytes), { env: { memory } });
  return instance.exports.matvec as WasmMatvec;
}
