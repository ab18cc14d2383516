import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsynthReport, readCsynthReport } from '../../../experiments/csynth/parse.js';
import { PROJECT_ROOT } from '../../helpers/models.js';

const fixture = (name: string) => join(PROJECT_ROOT, 'test', 'fixtures', 'csynth', name);

/** A minimal report in the real layout, with pieces replaced to probe one rule at a time. */
function report({ loops = '', resources = '<BRAM_18K>2</BRAM_18K><DSP>3</DSP><FF>4</FF><LUT>5</LUT><URAM>0</URAM>', overall = '' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<profile>
  <UserAssignments><Part>xcu250-figd2104-2L-e</Part><TopModelName>fpgasim_matvec</TopModelName><TargetClockPeriod>3.33</TargetClockPeriod></UserAssignments>
  <PerformanceEstimates>
    <SummaryOfTimingAnalysis><EstimatedClockPeriod>2.9</EstimatedClockPeriod></SummaryOfTimingAnalysis>
    <SummaryOfOverallLatency>${overall || '<Best-caseLatency>10</Best-caseLatency><Worst-caseLatency>12</Worst-caseLatency>'}</SummaryOfOverallLatency>
    ${loops && `<SummaryOfLoopLatency>${loops}</SummaryOfLoopLatency>`}
  </PerformanceEstimates>
  <AreaEstimates><Resources>${resources}</Resources></AreaEstimates>
</profile>`;
}

describe('readCsynthReport', () => {
  // hand-written in the real csynth.xml layout, not a Vitis run (test/fixtures/csynth/README.md)
  it('reads a Vitis 2023.2 top report of the hlstransform decode step (hand-written in the real format), loops of outlined modules included', () => {
    const r = readCsynthReport(fixture('hlstransform-decode.xml'));
    expect(r).toMatchObject({
      vitisVersion: '2023.2',
      part: 'xcvu9p-flgb2104-2-i',
      topModelName: 'fpgasim_decode',
      targetClockPeriodNs: 4,
      clockUncertaintyNs: 1.08,
      estimatedClockPeriodNs: 3.65,
      latency: { bestCycles: 3398406, averageCycles: 4391226, worstCycles: 5384046, intervalMinCycles: 3398407, intervalMaxCycles: 5384047 },
      resources: {
        used: { bram18: 1164, dsp: 5024, ff: 812340, lut: 603118, uram: 0 },
        available: { bram18: 4320, dsp: 6840, ff: 2364480, lut: 1182240, uram: 960 },
      },
    });
    expect(r.loops.map((l) => `${l.module}/${l.path}`)).toEqual([
      'fpgasim_decode/layers',
      'fpgasim_embed_Pipeline_copy/copy',
      'fpgasim_rmsnorm_Pipeline_sum_squares/sum_squares',
      'fpgasim_rmsnorm_Pipeline_normalize/normalize',
      'fpgasim_quantize_Pipeline_groups/groups',
      'fpgasim_matvec_768_768_Pipeline_rows/rows',
      'fpgasim_matvec_2048_768_Pipeline_rows/rows',
      'fpgasim_matvec_32000_768_Pipeline_rows/rows',
      'fpgasim_rope_Pipeline_pairs/pairs',
      'fpgasim_attention_Pipeline_kv_write/kv_write',
      'fpgasim_attention_Pipeline_scores/scores',
      'fpgasim_attention_Pipeline_values/values',
      'fpgasim_attention/heads',
      'fpgasim_swiglu_Pipeline_lanes/lanes',
      'fpgasim_residual_Pipeline_lanes/lanes',
    ]);
    // a non-pipelined loop of the top: no PipelineII; latency and iteration latency as <range>
    expect(r.loops[0]).toEqual({
      module: 'fpgasim_decode',
      path: 'layers',
      tripCount: 12,
      latencyCycles: { min: 2534616, max: 4520256 },
      iterationLatencyCycles: { min: 211218, max: 376688 },
    });
    expect(r.loops[5]).toEqual({ module: 'fpgasim_matvec_768_768_Pipeline_rows', path: 'rows', tripCount: 768, latencyCycles: 18482, pipelineII: 24, pipelineDepthCycles: 72 });
    // ModuleInformation writes a range as "a ~ b" beside <range> elements
    expect(r.loops[10]).toEqual({
      module: 'fpgasim_attention_Pipeline_scores',
      path: 'scores',
      tripCount: { min: 1, max: 1024 },
      latencyCycles: { min: 280, max: 4372 },
      pipelineII: 4,
      pipelineDepthCycles: 280,
    });
    expect(r.loops[12]).toMatchObject({ latencyCycles: { min: 5796, max: 178260 }, pipelineDepthCycles: { min: 483, max: 14855 } });
  });

  it('reads undef as null and range trip counts as {min, max}, nested loops as paths (Vitis 2020.2 layout)', () => {
    const r = readCsynthReport(fixture('attention-undef.xml'));
    expect(r.topModelName).toBe('fpgasim_attention');
    expect(r.vitisVersion).toBe('2020.2');
    expect(r.latency).toEqual({ bestCycles: null, averageCycles: null, worstCycles: null, intervalMinCycles: null, intervalMaxCycles: null });
    expect(r.loops).toEqual([
      { module: 'fpgasim_attention', path: 'kv_write', tripCount: 768, latencyCycles: 1538, pipelineII: 2, pipelineDepthCycles: 3 },
      { module: 'fpgasim_attention', path: 'heads', tripCount: 12, latencyCycles: null, iterationLatencyCycles: null },
      { module: 'fpgasim_attention', path: 'heads/scores', tripCount: { min: 1, max: 1024 }, latencyCycles: { min: 280, max: 4372 }, pipelineII: 4, pipelineDepthCycles: 280 },
      { module: 'fpgasim_attention', path: 'heads/softmax_max', tripCount: { min: 1, max: 1024 }, latencyCycles: { min: 3, max: 2049 }, pipelineII: 2, pipelineDepthCycles: 3 },
      { module: 'fpgasim_attention', path: 'heads/values', tripCount: null, latencyCycles: null, pipelineII: 4, pipelineDepthCycles: 16 },
      { module: 'fpgasim_attention', path: 'heads/value_combine', tripCount: 64, latencyCycles: 65, pipelineII: 1, pipelineDepthCycles: 2 },
    ]);
  });

  it('takes optional fields as absent: no ClockUncertainty, version, AvailableResources, loops, average or interval', () => {
    const r = parseCsynthReport(report(), 'min.xml');
    expect(r).toEqual({
      source: 'min.xml',
      vitisVersion: null,
      part: 'xcu250-figd2104-2L-e',
      topModelName: 'fpgasim_matvec',
      targetClockPeriodNs: 3.33,
      clockUncertaintyNs: null,
      estimatedClockPeriodNs: 2.9,
      latency: { bestCycles: 10, averageCycles: undefined, worstCycles: 12, intervalMinCycles: undefined, intervalMaxCycles: undefined },
      loops: [],
      resources: { used: { bram18: 2, dsp: 3, ff: 4, lut: 5, uram: 0 }, available: null },
    });
  });

  it("reads Vivado HLS's DSP48E as DSP, and a resource the part lacks as null", () => {
    const r = parseCsynthReport(report({ resources: '<BRAM_18K>2</BRAM_18K><DSP48E>7</DSP48E><FF>4</FF><LUT>5</LUT>' }), 'old.xml');
    expect(r.resources.used).toEqual({ bram18: 2, dsp: 7, ff: 4, lut: 5, uram: null });
  });

  it('keeps a copy of an inlined loop (name.2) and tells loops from fields by their own <Latency>', () => {
    const loops = `<rows><TripCount>8</TripCount><Latency>9</Latency><InstanceList><Instance>grp_fu_1</Instance></InstanceList>
      <groups><TripCount><range><min>2</min><max>4</max></range></TripCount><Latency>5</Latency></groups></rows>
      <rows.2><TripCount>8</TripCount><Latency>10</Latency></rows.2>`;
    const r = parseCsynthReport(report({ loops }), 'copies.xml');
    expect(r.loops).toEqual([
      { module: 'fpgasim_matvec', path: 'rows', tripCount: 8, latencyCycles: 9 },
      { module: 'fpgasim_matvec', path: 'rows/groups', tripCount: { min: 2, max: 4 }, latencyCycles: 5 },
      { module: 'fpgasim_matvec', path: 'rows.2', tripCount: 8, latencyCycles: 10 },
    ]);
  });

  it('refuses a file without PerformanceEstimates, naming the element', () => {
    expect(() => readCsynthReport(fixture('missing-performance.xml'))).toThrow(
      `${fixture('missing-performance.xml')}: not a complete csynth.xml report: <profile> has no <PerformanceEstimates>`,
    );
  });

  it('refuses text that is not XML (a csynth.rpt given by mistake), with the parser\'s line', () => {
    expect(() => readCsynthReport(fixture('not-xml.xml'))).toThrow(`${fixture('not-xml.xml')}: not an XML file (line 1: char '=' is not expected.)`);
  });

  it('refuses other XML, bad values and bad ranges with the path of the element', () => {
    expect(() => parseCsynthReport('<project><name>x</name></project>', 'p.xml')).toThrow('p.xml: not a Vitis HLS csynth.xml report (root element <project>, expected <profile>)');
    expect(() => parseCsynthReport('', 'empty.xml')).toThrow('empty.xml: not an XML file (line 1: Start tag expected.)');
    expect(() => parseCsynthReport(report({ overall: '<Best-caseLatency>10</Best-caseLatency>' }), 'w.xml')).toThrow(
      'w.xml: not a complete csynth.xml report: <profile/PerformanceEstimates/SummaryOfOverallLatency> has no <Worst-caseLatency>',
    );
    expect(() => parseCsynthReport(report({ loops: '<rows><TripCount>many</TripCount><Latency>1</Latency></rows>' }), 'v.xml')).toThrow(
      'v.xml: <profile/PerformanceEstimates/SummaryOfLoopLatency/rows/TripCount> is "many", expected a number, undef, "min ~ max" or <range><min/><max/></range>',
    );
    expect(() => parseCsynthReport(report({ loops: '<rows><TripCount><range><min>1</min></range></TripCount><Latency>1</Latency></rows>' }), 'r.xml')).toThrow(
      'r.xml: <profile/PerformanceEstimates/SummaryOfLoopLatency/rows/TripCount> has a <range> without a numeric <max>',
    );
    expect(() => parseCsynthReport(report({ resources: '<BRAM_18K>undef</BRAM_18K>' }), 'a.xml')).toThrow(
      'a.xml: <profile/AreaEstimates/Resources/BRAM_18K> is "undef", expected a number',
    );
    expect(() => parseCsynthReport(report().replace('<Part>xcu250-figd2104-2L-e</Part>', '<Part/>'), 'e.xml')).toThrow('e.xml: <profile/UserAssignments/Part> is empty');
    expect(() => parseCsynthReport('<profile><ModuleInformation><Module/></ModuleInformation></profile>', 'm.xml')).toThrow(
      'm.xml: not a complete csynth.xml report: <profile> has no <UserAssignments>',
    );
  });

  it('names a module without a Name by its position', () => {
    const text = report().replace('</profile>', '<ModuleInformation><Module><Name>a</Name></Module><Module/></ModuleInformation></profile>');
    expect(() => parseCsynthReport(text, 'n.xml')).toThrow('n.xml: not a complete csynth.xml report: <profile/ModuleInformation/Module[1]> has no <PerformanceEstimates>');
  });

  it('says so when the file cannot be read', () => {
    expect(() => readCsynthReport(fixture('absent.xml'))).toThrow(`cannot read ${fixture('absent.xml')} (ENOENT)`);
  });
});
