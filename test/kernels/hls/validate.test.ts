// validateHlsProject's judgement, on stand-in projects whose testbench is a few lines of C++ (so they
// compile in a fraction of a second): how it reads the summary, passes --tokens on, reports a sanitizer
// finding by its first line, and refuses compile errors and testbenches that never finish.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateHlsProject } from '../../../kernels/hls/validate.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

const root = mkdtempSync(join(tmpdir(), 'fpgasim-validate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project whose tb.cpp runs `body` inside main(argc, argv) after printing the summary lines. */
function standIn(name: string, body: string, mismatches = 0): string {
  const dir = join(root, name);
  for (const sub of ['src', 'tb', 'golden']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'src', 'fpgasim_config.h'), '#pragma once\n');
  writeFileSync(join(dir, 'src', 'fpgasim_decode.cpp'), '#include "fpgasim_config.h"\nextern "C" void fpgasim_decode() {}\n');
  writeFileSync(join(dir, 'golden', 'manifest.txt'), '# stand-in\n');
  writeFileSync(
    join(dir, 'tb', 'tb.cpp'),
    `#include <cstdio>
#include <cstdlib>
#include <vector>
int main(int argc, char** argv) {
  const int steps = argc > 2 ? std::atoi(argv[2]) : 4;
  std::printf("  quantize.dim  quantize  2 tensors  64 bytes  ${mismatches} mismatches\\n");
  ${mismatches > 0 ? 'std::printf("MISMATCH quantize.dim xq.s[3]: expected 0x3f800000 actual 0x3f800001\\n");' : ''}
  std::printf("totals: kernels 1, decode steps %d, tensors 2, bytes 64, mismatches ${mismatches}\\n", steps);
  ${body}
  return ${mismatches > 0 ? 1 : 0};
}
`,
  );
  return dir;
}

describe.skipIf(NO_GXX)(`validateHlsProject on stand-in projects${GXX_NOTE}`, () => {
  it('reads the testbench summary and passes the decode steps on', async () => {
    const lines: string[] = [];
    const result = await validateHlsProject(standIn('clean', ''), { steps: 2, log: (line) => lines.push(line) });
    expect(result).toMatchObject({ kernels: 1, decodeSteps: 2, tensors: 2, bytes: 64, mismatches: 0, firstMismatch: null, bitExact: true, sanitizer: 'clean' });
    expect(lines.filter((l) => l.startsWith('compiling'))).toHaveLength(2);
    expect(lines).toContain('  quantize.dim  quantize  2 tensors  64 bytes  0 mismatches');
  });

  it('reports the first mismatch and skips the sanitizers when the bits differ', async () => {
    const result = await validateHlsProject(standIn('mismatch', '', 3));
    expect(result).toMatchObject({ mismatches: 3, bitExact: false, sanitizer: 'skipped', firstMismatch: 'quantize.dim xq.s[3]: expected 0x3f800000 actual 0x3f800001' });
  });

  it('reports a sanitizer finding by its first line', async () => {
    // reads one int past the end of a heap block: harmless at -O2, a finding under AddressSanitizer
    const overflow = 'std::vector<int> probe(4); volatile int sink = probe.data()[argc + 2]; (void)sink;';
    const result = await validateHlsProject(standIn('overflow', overflow));
    expect(result.bitExact).toBe(true);
    expect(result.sanitizer).toEqual({ finding: expect.stringMatching(/^==\d+==ERROR: AddressSanitizer: heap-buffer-overflow on address/) });
    const shift = 'volatile int bits = 40; std::printf("%d\\n", 1 << (bits + argc - 1));';
    const ub = await validateHlsProject(standIn('shift', shift));
    expect(ub.sanitizer).toEqual({ finding: expect.stringMatching(/runtime error: shift exponent 4\d is too large/) });
  }, 60_000);

  it('refuses code that does not compile, naming the first error', async () => {
    const dir = standIn('broken', '');
    writeFileSync(join(dir, 'src', 'fpgasim_decode.cpp'), 'int unused_result() { int x; return; }\n');
    await expect(validateHlsProject(dir)).rejects.toThrow(/^g\+\+ -std=c\+\+17 .* failed on .*broken: .*fpgasim_decode\.cpp:1:\d+: error: /);
  });

  it('refuses a testbench that never reaches its summary', async () => {
    await expect(validateHlsProject(standIn('abort', 'std::fprintf(stderr, "tb: cannot open golden/x.bin\\n"); std::exit(2);'))).rejects.toThrow(
      /the testbench in .*abort did not finish its comparison \(exit status 2\): tb: cannot open golden\/x\.bin$/,
    );
  });
});
