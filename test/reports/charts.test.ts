// Each chart built from small fixed records: the data it carries and how it encodes them.
import { describe, expect, it } from 'vitest';
import { loadDevice } from '../../hw-models/devices/load.js';
import { tokenWorkload } from '../../hw-models/baselines/workload.js';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { logDomain, logTicks, SLIDE_HEIGHT_PX, SLIDE_WIDTH_PX } from '../../reports/charts/chart.js';
import { HOST, cyclesChart } from '../../reports/charts/cycles.js';
import { designSpaceChart, paretoFront } from '../../reports/charts/design-space.js';
import { energyChart } from '../../reports/charts/energy.js';
import { modelSizeChart } from '../../reports/charts/model-size.js';
import { resourcesChart } from '../../reports/charts/resources.js';
import { deviceRoofs, rooflineChart } from '../../reports/charts/roofline.js';
import { sequenceLengthChart } from '../../reports/charts/sequence-length.js';
import { throughputChart } from '../../reports/charts/throughput.js';
import { KIND_COLORS } from '../../reports/platforms.js';
import { comparison, design, studies, sweep, CLOCK_HZ } from './fixtures.js';
import { column, layerWith, unitLayers, type Json } from './spec-helpers.js';

describe('throughput chart', () => {
  const chart = throughputChart(comparison())!;
  const spec = chart.spec as Json;

  it('puts the designs first (the published HLSTransform among them), then the CPU and the GPU, at slide size', () => {
    expect(spec.width).toBe(SLIDE_WIDTH_PX);
    expect(spec.height).toBe(SLIDE_HEIGHT_PX);
    const bars = layerWith(chart, 'bar');
    expect(bars.encoding.x.sort).toEqual(['alpha', 'beta', 'hlstransform', 'Xeon E5-2686 v4', 'RTX 3090']);
    expect(bars.encoding.y.field).toBe('tokensPerSecond');
    expect(bars.encoding.y.title).toBe('decode throughput (tokens/s)');
  });

  it('colors by kind of platform with the shared palette', () => {
    const color = layerWith(chart, 'bar').encoding.color;
    expect(color.field).toBe('kind');
    expect(color.scale).toEqual({ domain: ['FPGA', 'CPU', 'GPU'], range: [KIND_COLORS.fpga, KIND_COLORS.cpu, KIND_COLORS.gpu] });
  });

  it('carries the computed figures as bars and the published ones as markers on the same labels', () => {
    const computed = chart.rows.filter((r) => !r.published);
    expect(column(computed, 'tokensPerSecond')).toEqual([64, 80, 23, 107]);
    const published = chart.rows.filter((r) => r.published);
    // stories110M, 256 tokens: the FPGA (derived), the CPU (derived) and the RTX 3090 (measured, 107.3)
    expect(column(published, 'label')).toEqual(['RTX 3090', 'Xeon E5-2686 v4', 'hlstransform']);
    expect(published.find((r) => r.label === 'RTX 3090')).toMatchObject({ tokensPerSecond: 107.3, figure: 'measured (release logs)' });
    expect(layerWith(chart, 'point', 'datum.published').encoding.shape.scale.range).toEqual(['diamond', 'triangle-up']);
  });

  it('stays linear when the platforms are within a factor of 8', () => {
    expect(layerWith(chart, 'bar').encoding.y.scale.type).toBe('linear');
  });

  it('is not drawn without a computed figure', () => {
    expect(throughputChart([])).toBeNull();
  });
});

describe('energy chart', () => {
  const chart = energyChart(comparison())!;
  const spec = chart.spec as Json;
  const bars = layerWith(chart, 'bar');
  const mwhAxis = layerWith(chart, 'tick');

  it('goes to a log axis for a spread of 15x (0.12 to 1.84 J), on 1-2-5 bounds', () => {
    expect(bars.encoding.y.scale).toMatchObject({ type: 'log', domain: [0.1, 5] });
    expect(bars.encoding.y2).toEqual({ datum: 0.1 }); // bars start at the bottom of a log axis, not at 0
    expect(bars.encoding.y.axis.values).toEqual([0.1, 0.2, 0.5, 1, 2, 5]);
  });

  it('shows the same interval in mWh on the right axis', () => {
    expect(mwhAxis.encoding.y.field).toBe('energyPerTokenMWh');
    expect(mwhAxis.encoding.y.axis.orient).toBe('right');
    expect(mwhAxis.encoding.y.scale.domain).toEqual([0.1 / 3.6, 5 / 3.6]);
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    for (const row of chart.rows) expect(row.energyPerTokenMWh).toBeCloseTo((row.energyPerTokenJ as number) / 3.6, 12);
  });

  it('titles both axes with their units', () => {
    expect(bars.encoding.y.title).toBe('energy per token (J)');
    expect(mwhAxis.encoding.y.title).toBe('energy per token (mWh)');
  });
});

describe('cycles chart', () => {
  const chart = cyclesChart(comparison())!;

  it('stacks each design\'s kernels and the host as time per token', () => {
    const alpha = chart.rows.filter((r) => r.design === 'alpha');
    expect(column(alpha, 'kernel')).toEqual(['matvec', 'attention', 'rmsnorm', HOST]);
    expect(column(alpha, 'msPerToken')).toEqual([12, 2, 0.4, 0.1]); // cycles / 250 MHz
    expect(alpha[3].cyclesPerToken).toBeCloseTo(25_000, 9);
    expect(alpha.reduce((s, r) => s + (r.share as number), 0)).toBeCloseTo(1, 12);
    const bar = layerWith(chart, 'bar');
    expect(bar.encoding.x).toMatchObject({ field: 'msPerToken', stack: 'zero', title: 'time per token (ms)' });
    expect(bar.encoding.y.sort).toEqual(['alpha', 'beta']);
  });

  it('names the parts over a quarter of the bar inside them', () => {
    expect(layerWith(chart, 'text', 'share').transform[0].filter).toBe('datum.share >= 0.25');
  });

  it('is not drawn for records without per-kernel times', () => {
    expect(cyclesChart([design('x', {}, true)].map((r) => ({ ...r, fpga: { ...r.fpga, kernelCyclesPerToken: [] } })))).toBeNull();
  });
});

describe('resources chart', () => {
  const chart = resourcesChart(comparison())!;

  it('shows used over available per resource and design, over budget in red', () => {
    const betaDsp = chart.rows.find((r) => r.design === 'beta' && r.resource === 'DSP')!;
    expect(betaDsp).toMatchObject({ used: 9000, available: 5640, status: 'over budget', usedLabel: '9,000', resourceAxis: 'DSP of 5,640' });
    expect(chart.rows.find((r) => r.resource === 'LUT')!.usedLabel).toBe('510k');
    expect(betaDsp.utilization).toBeCloseTo(9000 / 5640, 12);
    const alphaDsp = chart.rows.find((r) => r.design === 'alpha' && r.resource === 'DSP')!;
    expect(alphaDsp.status).toBe('within budget');
    expect(new Set(column(chart.rows, 'resource'))).toEqual(new Set(['DSP', 'BRAM18', 'URAM', 'LUT', 'FF']));
    const bar = layerWith(chart, 'bar');
    expect(bar.encoding.xOffset.field).toBe('design');
    expect(bar.encoding.stroke.condition).toEqual({ test: "datum.status === 'over budget'", value: '#d62728' });
    expect(bar.encoding.y.axis.format).toBe('.0%');
  });

  it('draws the budget at 100% and leaves room above the fullest bar', () => {
    const rule = layerWith(chart, 'rule');
    expect(rule.encoding.y.field).toBe('budget');
    expect(unitLayers(chart.spec).some((l) => l.data?.values?.[0]?.budget === 1 || rule.encoding.y.field === 'budget')).toBe(true);
    expect(layerWith(chart, 'bar').encoding.y.scale.domain[1]).toBeCloseTo((9000 / 5640) * 1.15, 12);
  });
});

describe('roofline chart', () => {
  const device = loadDevice('vu9p-f1');
  const roofs = deviceRoofs(device, CLOCK_HZ, [1]);

  it('puts the compute ceiling at every budget DSP doing two int8 MACs per cycle', () => {
    expect(roofs.computeOpsPerS).toBe(device.budget.dsp * 2 * 2 * CLOCK_HZ);
  });

  it('draws all four DDR4 channels and the one the design uses', () => {
    const ddr = device.memories.map((m) => m.peakBandwidthBytesPerS);
    expect(roofs.memory.map((m) => m.bytesPerS)).toEqual([ddr.reduce((a, b) => a + b, 0), ddr[0]]);
    expect(roofs.memory[1].label).toContain('1 used of 4');
  });

  it('places a design at 2 ops per int8 MAC over its off-chip bytes', () => {
    const chart = rooflineChart(comparison(), roofs)!;
    const alpha = chart.rows.find((r) => r.kind === 'design' && r.series === 'alpha')!;
    const macs = tokenWorkload(MODEL_SHAPES.stories110M, 256).matmulMacs;
    expect(alpha.intensityOpsPerByte).toBeCloseTo((2 * macs) / 126e6, 12);
    expect(alpha.opsPerS).toBeCloseTo(2 * macs * 64, 3);
    // every memory roof bends into the compute roof at its ridge point
    for (const m of roofs.memory) {
      const line = chart.rows.filter((r) => r.series === m.label);
      expect(line[1]).toMatchObject({ intensityOpsPerByte: roofs.computeOpsPerS / m.bytesPerS, opsPerS: roofs.computeOpsPerS });
    }
    const x = layerWith(chart, 'line').encoding.x;
    expect(x.scale.type).toBe('log');
    expect(x.title).toBe('operational intensity (int8 op per off-chip byte)');
  });
});

describe('design-space chart', () => {
  it('finds the Pareto front of a hand-made set among the points that fit', () => {
    const points = [
      design('slow-frugal', { tokensPerSecond: 30, energyPerTokenJ: 0.1 }),
      design('fast-costly', { tokensPerSecond: 90, energyPerTokenJ: 0.3 }),
      design('dominated', { tokensPerSecond: 29, energyPerTokenJ: 0.2 }),
      design('middle', { tokensPerSecond: 60, energyPerTokenJ: 0.15 }),
      design('too-big', { tokensPerSecond: 200, energyPerTokenJ: 0.05 }, false),
    ];
    expect([...paretoFront(points)].map((p) => p.label).sort()).toEqual(['fast-costly', 'middle', 'slow-frugal']);
    const chart = designSpaceChart(points)!;
    expect(column(chart.rows, 'pareto')).toEqual([true, true, false, true, false]);
    expect(column(chart.rows, 'feasibility')).toEqual(['fits', 'fits', 'fits', 'fits', 'does not fit']);
  });

  it('plots tokens/s against J/token and marks feasibility by color and shape', () => {
    const chart = designSpaceChart(sweep())!;
    expect(chart.rows).toHaveLength(12);
    const points = layerWith(chart, 'point');
    expect(points.encoding.x.field).toBe('energyPerTokenJ');
    expect(points.encoding.y.field).toBe('tokensPerSecond');
    expect(points.encoding.shape.scale).toEqual({ domain: ['fits', 'does not fit'], range: ['circle', 'cross'] });
    expect(layerWith(chart, 'line', 'pareto').encoding.order.field).toBe('energyPerTokenJ');
  });

  it('is not drawn for fewer than three design points', () => {
    expect(designSpaceChart(comparison())).toBeNull();
  });
});

describe('study charts', () => {
  it('draws throughput against sequence length for each platform run at several lengths', () => {
    const chart = sequenceLengthChart(studies())!;
    expect(column(chart.rows, 'series')).toEqual(['alpha (vu9p-f1)', 'Xeon E5-2686 v4', 'alpha (vu9p-f1)', 'Xeon E5-2686 v4', 'alpha (vu9p-f1)', 'Xeon E5-2686 v4']);
    expect(column(chart.rows, 'tokens')).toEqual([256, 256, 128, 128, 64, 64]);
    expect(column(chart.rows, 'tokensPerSecond')).toEqual([64, 23, 67, 24, 70, 25]);
    const line = layerWith(chart, 'line');
    expect(line.encoding.x.title).toBe('sequence length (positions decoded)');
    expect(line.encoding.color.scale.range).toEqual([KIND_COLORS.fpga, KIND_COLORS.cpu]);
  });

  it('draws throughput against model size in weight parameters, log-log', () => {
    const chart = modelSizeChart(studies())!;
    expect(chart.rows.map((r) => [r.series, r.model, r.weightParams])).toEqual([
      ['alpha (vu9p-f1)', 'stories110M', tokenWorkload(MODEL_SHAPES.stories110M, 256).weightParams],
      ['Xeon E5-2686 v4', 'stories110M', tokenWorkload(MODEL_SHAPES.stories110M, 256).weightParams],
      ['alpha (vu9p-f1)', 'stories15M', tokenWorkload(MODEL_SHAPES.stories15M, 256).weightParams],
      ['Xeon E5-2686 v4', 'stories15M', tokenWorkload(MODEL_SHAPES.stories15M, 256).weightParams],
    ]);
    const line = layerWith(chart, 'line');
    expect(line.encoding.x.scale.type).toBe('log');
    expect(line.encoding.y.scale.type).toBe('log');
  });

  it('are not drawn from a single run', () => {
    expect(sequenceLengthChart(comparison())).toBeNull();
    expect(modelSizeChart(comparison())).toBeNull();
  });
});

describe('log axes', () => {
  it('round to 1-2-5 numbers and tick on them', () => {
    expect(logDomain([0.12, 1.84])).toEqual([0.1, 5]);
    expect(logDomain([23, 107])).toEqual([20, 200]);
    expect(logTicks([20, 200])).toEqual([20, 50, 100, 200]);
  });
});
