// Copies of kernels/matvec.ts's matvecQ8 (one accumulator, llama2.c's order) written for speed, for the
// 'matvec' benchmark section. Each must give the kernel's bits; the section checks that before timing.
import type { QuantizedTensor } from '../kernels/model/types.js';
import { instantiateMatvec, wasm, type WasmMemory } from './matvec-wasm.js';

/**
 * Four int8 per load: the values are read as little-endian Int32 words and each byte is sign-extended
 * with two shifts, so a group of gs values costs gs / 2 typed-array loads instead of 2 * gs. The int32 sum
 * is exact (|sum| <= gs * 2^14), so the order of the integer adds does not matter. Needs 4-aligned arrays
 * and gs a multiple of 4.
 */
export function matvecQ8Words(out: Float32Array, xq: Int8Array, xs: Float32Array, w: QuantizedTensor, n: number, d: number, gs: number): void {
  const wq = new Int32Array(w.q.buffer, w.q.byteOffset, w.q.length >> 2);
  const xq32 = new Int32Array(xq.buffer, xq.byteOffset, n >> 2);
  const ws = w.s;
  const groups = n / gs;
  const groupWords = gs >> 2;
  for (let i = 0; i < d; i++) {
    const rowWord = i * (n >> 2);
    const rowGroup = i * groups;
    let val = 0;
    for (let g = 0; g < groups; g++) {
      const a = rowWord + g * groupWords;
      const b = g * groupWords;
      let ival = 0;
      for (let k = 0; k < groupWords; k++) {
        const u = wq[a + k];
        const v = xq32[b + k];
        ival = (ival + ((u << 24) >> 24) * ((v << 24) >> 24) + ((u << 16) >> 24) * ((v << 16) >> 24) + ((u << 8) >> 24) * ((v << 8) >> 24) + (u >> 24) * (v >> 24)) | 0;
      }
      val = Math.fround(val + Math.fround(Math.fround(Math.fround(ival) * ws[rowGroup + g]) * xs[g]));
    }
    out[i] = val;
  }
}

const WASM_PAGE_BYTES = 65536;

/**
 * WebAssembly memory holding a step's weights and activations for the SIMD matvec (matvec-wasm.ts), as a
 * model loader that placed the weights there once would hold them: matvec calls take byte addresses.
 */
export class WasmArena {
  readonly memory: WasmMemory = new wasm.Memory({ initial: 1 });
  readonly matvec = instantiateMatvec(this.memory);
  private top = 0;

  /** Copies `array` into the arena (16-byte aligned, growing it as needed) and returns its byte address. */
  place(array: Int8Array | Float32Array): number {
    const address = this.top;
    const missingBytes = address + array.byteLength - this.memory.buffer.byteLength;
    if (missingBytes > 0) this.memory.grow(Math.ceil(missingBytes / WASM_PAGE_BYTES));
    new Uint8Array(this.memory.buffer, address, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    this.top += (array.byteLength + 15) & ~15;
    return address;
  }

  float32At(address: number, count: number): Float32Array {
    return new Float32Array(this.memory.buffer, address, count);
  }
}
