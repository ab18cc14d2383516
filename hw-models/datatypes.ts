// The data types an HLS kernel computes in, as the operator and memory models need them: the kind of
// arithmetic (float, integer, fixed point), the width in bits and the sign. Written as C++/HLS spells them:
// float32 (float), float64 (double), half, int8..int64, uint8..uint64, bool, ap_int<W>, ap_uint<W>,
// ap_fixed<W,I>, ap_ufixed<W,I> (arbitrary precision types: UG1399, "Arbitrary Precision Data Types").
import { FpgasimError } from '../kernels/errors.js';

export interface DataType {
  name: string; // as written, e.g. 'ap_fixed<16,6>'
  kind: 'float' | 'int' | 'fixed';
  bits: number;
  signed: boolean;
}

/** ap_[u]int and ap_[u]fixed widths Vitis HLS accepts by default (AP_INT_MAX_W). */
export const MAX_AP_BITS = 4096;

const NAMED: Record<string, Omit<DataType, 'name'>> = {
  half: { kind: 'float', bits: 16, signed: true },
  float32: { kind: 'float', bits: 32, signed: true },
  float64: { kind: 'float', bits: 64, signed: true },
  bool: { kind: 'int', bits: 1, signed: false },
};
for (const bits of [8, 16, 32, 64]) {
  NAMED[`int${bits}`] = { kind: 'int', bits, signed: true };
  NAMED[`uint${bits}`] = { kind: 'int', bits, signed: false };
}

export const DATA_TYPE_FORMS = `${Object.keys(NAMED).join(', ')}, ap_int<W>, ap_uint<W>, ap_fixed<W,I>, ap_ufixed<W,I> (W from 1 to ${MAX_AP_BITS})`;

/** Parses a type name; `where` names the field for the one-line error. */
export function parseDataType(text: string, where: string): DataType {
  const named = NAMED[text];
  if (named) return { name: text, ...named };
  const ap = /^ap_(u?)(int|fixed)<\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?>$/.exec(text);
  if (ap) {
    const [, unsigned, form, widthText, intText] = ap;
    const bits = Number(widthText);
    const fixed = form === 'fixed';
    if (bits >= 1 && bits <= MAX_AP_BITS && fixed === (intText !== undefined)) {
      return { name: text, kind: fixed ? 'fixed' : 'int', bits, signed: unsigned !== 'u' };
    }
  }
  throw new FpgasimError(`${where} = ${JSON.stringify(text)} is not a data type (allowed: ${DATA_TYPE_FORMS})`);
}
