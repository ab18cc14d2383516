// A clock domain: rising edges at fixed times, the same for every process in the domain. Every domain has
// an edge at t = 0; edge n is at
//
//     edgeTimePs(n) = round(n * 1e12 / hz)        (ties round up)
//
// computed exactly from n, never by adding a rounded period n times, so a clock whose period is not a whole
// number of picoseconds does not drift: 300 MHz (3333.33 ps) has edges at 0, 3333, 6667, 10000, ...
// Several domains coexist in one environment, each with its own edges.

import { check } from '../../kernels/errors.js';
import type { Environment } from './environment.js';
import type { Timeout } from './event.js';
import { PS_PER_S, checkTimePs } from './time.js';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export class ClockDomain {
  /** The period rounded to whole picoseconds, for display; edges are placed by edgeTimePs, not by this. */
  readonly periodPs: number;
  // The exact period is numeratorPs / denominator picoseconds, a reduced fraction.
  private readonly numeratorPs: number;
  private readonly denominator: number;

  constructor(
    readonly env: Environment,
    readonly name: string,
    readonly hz: number,
  ) {
    check(
      Number.isInteger(hz) && hz > 0 && hz <= PS_PER_S,
      `clock '${name}': frequency ${hz} Hz must be a whole number of Hz from 1 to 1e12 (a period of at least 1 ps)`,
    );
    const divisor = gcd(PS_PER_S, hz);
    this.numeratorPs = PS_PER_S / divisor;
    this.denominator = hz / divisor;
    this.periodPs = Math.round(PS_PER_S / hz);
  }

  /** The time of rising edge n (n >= 0): round(n * 1e12 / hz), exact. */
  edgeTimePs(n: number): number {
    const scaled = n * this.numeratorPs;
    if (Number.isSafeInteger(scaled)) {
      let quotient = Math.floor(scaled / this.denominator);
      let remainder = scaled - quotient * this.denominator;
      // The float division may be off by one near an integer; fix it with the exact remainder.
      if (remainder < 0) {
        quotient--;
        remainder += this.denominator;
      } else if (remainder >= this.denominator) {
        quotient++;
        remainder -= this.denominator;
      }
      return 2 * remainder >= this.denominator ? quotient + 1 : quotient;
    }
    // Rare (huge n with an odd frequency): exact in BigInt.
    const big = BigInt(n) * BigInt(this.numeratorPs);
    const den = BigInt(this.denominator);
    return Number((2n * big + den) / (2n * den));
  }

  /** The index of the last edge at or before timePs. */
  edgeIndexAt(timePs: number): number {
    let n = Math.floor((timePs * this.hz) / PS_PER_S); // a guess within one edge; corrected below
    while (this.edgeTimePs(n + 1) <= timePs) n++;
    while (n > 0 && this.edgeTimePs(n) > timePs) n--;
    return n;
  }

  /**
   * Waits n clock cycles: until the n-th edge after now. From an edge that is exactly n periods (with the
   * edges' rounding); from between two edges the first cycle is the rest of the current one, as a register
   * clocked by this domain would see it. cycles(0) is a zero-delay timeout.
   */
  cycles(n: number): Timeout {
    if (!Number.isInteger(n) || n < 0) throw new Error(`clock '${this.name}': cycles(${n}) needs a whole number >= 0`);
    const now = this.env.now;
    if (n === 0) return this.env.timeout(0);
    const targetPs = this.edgeTimePs(this.edgeIndexAt(now) + n);
    checkTimePs(targetPs);
    return this.env.timeout(targetPs - now);
  }

  /** Waits until the next rising edge strictly after now (one cycle). */
  nextEdge(): Timeout {
    return this.cycles(1);
  }
}
