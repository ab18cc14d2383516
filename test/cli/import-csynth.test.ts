import { describe, expect, it } from 'vitest';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';

// Reports written by hand in the real csynth.xml layout, not Vitis runs (test/fixtures/csynth/README.md).
const FIXTURES = 'test/fixtures/csynth';

describe('fpgasim import-csynth', () => {
  it('prints the report beside the simulator, figure by figure, and a one-line summary', () => {
    const result = runFpgasim('import-csynth', `${FIXTURES}/hlstransform-decode.xml`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${FIXTURES}/hlstransform-decode.xml: fpgasim_decode on xcvu9p-flgb2104-2-i, Vitis HLS 2023.2, clock uncertainty 1.08 ns`);
    expect(lines[1]).toBe('simulated: hlstransform on vu9p-f1 (xcvu9p-flgb2104-2-i) at 250 MHz, stories110M (seq_len 1024)');
    expect(lines[2]).toBe("(decode step: the FPGA's cycles for one token, the host's share left out; first and last position: 0 and 1023)");
    expect(lines[4]).toMatch(/^figure\s+reported\s+simulated\s+error\s+simulated as$/);
    expect(lines.find((l) => l.startsWith('target clock period'))).toMatch(/^target clock period \(ns\)\s+4\s+4\s+\+0\.0%\s+design clock 250 MHz$/);
    expect(lines.find((l) => l.startsWith('estimated clock period'))).toMatch(/^estimated clock period \(ns\)\s+3\.65\s+4\s+\+9\.6%\s+design clock 250 MHz, assumed met$/);
    expect(lines.find((l) => l.startsWith('fpgasim_matvec_2048_768_Pipeline_rows/rows trip count'))).toMatch(/\s2,048\s+2,048\s+\+0\.0%\s+L0\.w1 rows$/);
    expect(lines.find((l) => l.startsWith('fpgasim_decode/layers trip count'))).toMatch(/\s12\s+-\s+-\s+unmatched \(listed below\)$/);
    expect(lines).toContain('Loops with no simulator counterpart:');
    expect(lines).toContain("  fpgasim_decode/layers: no simulator loop 'layers' in any kernel");
    expect(lines.at(-1)).toMatch(/^80 figures compared, median \|error\| \d+\.\d%; 1 loop unmatched$/);
  });

  it('prints rows of figure, reported, simulated and relativeError with --json, undef as null', () => {
    const result = runFpgasim('import-csynth', `${FIXTURES}/attention-undef.xml`, '--json');
    expect(result.status).toBe(0);
    const c = JSON.parse(result.stdout);
    expect(c.report).toEqual({ source: `${FIXTURES}/attention-undef.xml`, top: 'fpgasim_attention', part: 'xcvu9p-flgb2104-2-i', vitisVersion: '2020.2', clockUncertaintyNs: 1.08 });
    const best = c.rows.find((r: { figure: string }) => r.figure === 'latency best case (cycles)');
    expect(best).toMatchObject({ reported: null, relativeError: null, note: 'one L0.attention call, first position' });
    expect(best.simulated).toBeGreaterThan(0);
    expect(c.rows.find((r: { figure: string }) => r.figure === 'fpgasim_attention/heads/scores trip count (max)')).toEqual({
      figure: 'fpgasim_attention/heads/scores trip count (max)',
      reported: 1024,
      simulated: 1024,
      relativeError: 0,
      note: 'L0.attention heads/scores, last position',
    });
    expect(c.rows.find((r: { figure: string }) => r.figure === 'fpgasim_attention/kv_write II')).toMatchObject({ reported: 2, simulated: 2, relativeError: 0 });
    expect(c.unmatchedLoops).toEqual([]);
    expect(c.summary.compared).toBe(c.rows.filter((r: { relativeError: number | null }) => r.relativeError !== null).length);
  });

  it('compares against another design point given with --set, and says when the part differs', () => {
    // a small shape (2 layers, seq_len 64) keeps the three simulator runs short
    const result = runFpgasim('import-csynth', `${FIXTURES}/hlstransform-decode.xml`, '--model-shape', '768,2048,2,12,12,32000,64', '--set', 'clock=300 MHz', '--set', 'device=u250', '--json');
    expect(result.status).toBe(0);
    const c = JSON.parse(result.stdout);
    expect(c.rows[0]).toMatchObject({ figure: 'target clock period (ns)', reported: 4, simulated: 1e9 / 300e6 });
    expect(c.warnings[0]).toMatch(/^the report is for part xcvu9p-flgb2104-2-i; the design's device u250 is xcu250-/);
  });

  it('refuses a report without PerformanceEstimates and a file that is not XML, in one line, exit 1', () => {
    const missing = runFpgasim('import-csynth', `${FIXTURES}/missing-performance.xml`);
    expect(missing.status).toBe(1);
    expect(oneErrorLine(missing)).toBe(`fpgasim: ${FIXTURES}/missing-performance.xml: not a complete csynth.xml report: <profile> has no <PerformanceEstimates>`);
    const notXml = runFpgasim('import-csynth', `${FIXTURES}/not-xml.xml`);
    expect(notXml.status).toBe(1);
    expect(oneErrorLine(notXml)).toBe(`fpgasim: ${FIXTURES}/not-xml.xml: not an XML file (line 1: char '=' is not expected.)`);
    expect(oneErrorLine(runFpgasim('import-csynth', `${FIXTURES}/absent.xml`))).toBe(`fpgasim: cannot read ${FIXTURES}/absent.xml (ENOENT)`);
  });

  it('refuses a design whose group size does not divide the model shape, and a missing report argument', () => {
    expect(oneErrorLine(runFpgasim('import-csynth', `${FIXTURES}/hlstransform-decode.xml`, '--model-shape', 'stories15M'))).toMatch(/^fpgasim: .*groupSize.*64/);
    const usage = runFpgasim('import-csynth');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Not enough non-option arguments');
  });
});
