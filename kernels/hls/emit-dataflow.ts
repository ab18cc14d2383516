// The DATAFLOW regions of a `composition: "dataflow"` design (kernels/step.ts's DATAFLOW_REGIONS) as C++:
// one function per region with `#pragma HLS DATAFLOW`, its tasks the region's kernel calls, each streamed
// activation an hls::stream of STREAM_DEPTH between its producer and its consumer. The top function's layer
// loop calls the region function where the region's first call stood. These are the tasks and FIFOs the
// simulator times (sim/dataflow.ts).
import type { ModelConfig } from '../model/types.js';
import { DATAFLOW_REGIONS, DECODE_STEP, STREAM_DEPTH, type DataflowRegion } from '../step.js';
import { cppOf, topArrays } from './top-calls.js';

const OFF_CHIP_ARGUMENTS = ['weights_q', 'weights_s'];
const uses = (statements: string[], name: string) => statements.some((s) => new RegExp(`\\b${name}\\b`).test(s));

function regionStatements(region: DataflowRegion): string[] {
  const streamed = new Set(region.streams.map((s) => s.array));
  return DECODE_STEP.layer.filter((call) => region.calls.includes(call.name)).map((call) => cppOf(call, true, streamed));
}

/** The region function's parameters: the activation arrays and weights its calls use, and the layer. */
function regionParameters(region: DataflowRegion, model: ModelConfig, groupSize: number): { declaration: string; call: string } {
  const statements = regionStatements(region);
  const arrays = topArrays(model, groupSize).filter((a) => uses(statements, a.name));
  const offChip = OFF_CHIP_ARGUMENTS.filter((name) => uses(statements, name));
  const declaration = [...arrays.map((a) => `${a.cType} ${a.name}[${a.length}]`), ...offChip.map((name) => `${name.toUpperCase()} ${name}`), 'int l'].join(', ');
  return { declaration, call: [...arrays.map((a) => a.name), ...offChip, 'l'].join(', ') };
}

/** The region functions, written before the top function. */
export function emitRegionFunctions(model: ModelConfig, groupSize: number): string[] {
  const lines: string[] = [];
  for (const region of DATAFLOW_REGIONS) {
    const statements = regionStatements(region);
    const offChip = OFF_CHIP_ARGUMENTS.filter((name) => uses(statements, name));
    const what =
      region.streams.length === 0
        ? `${region.calls.join(', ')} side by side (joined by no stream)`
        : `${region.streams.map((s) => `${s.from} streams ${s.array}`).join(', ')} into ${region.streams[0].to}`;
    lines.push(
      `// DATAFLOW region ${region.name} (kernels/step.ts): ${what}`,
      ...(offChip.length > 0 ? [`template <${offChip.map((name) => `class ${name.toUpperCase()}`).join(', ')}>`] : []),
      `static void fpgasim_region_${region.name}(${regionParameters(region, model, groupSize).declaration}) {`,
      '#pragma HLS DATAFLOW',
    );
    for (const s of region.streams) {
      lines.push(`  hls::stream<float> ${s.array}_stream("${s.array}_stream");`, `#pragma HLS STREAM variable=${s.array}_stream depth=${STREAM_DEPTH}`);
    }
    lines.push(...statements.map((s) => `  ${s}`), '}', '');
  }
  return lines;
}

/** The layer loop's body: each region's calls replaced by one call of its function. */
export function dataflowLayerBody(model: ModelConfig, groupSize: number): string[] {
  const lines: string[] = [];
  for (const call of DECODE_STEP.layer) {
    const region = DATAFLOW_REGIONS.find((r) => r.calls.includes(call.name));
    if (region === undefined) lines.push(cppOf(call, true));
    else if (region.calls[0] === call.name) lines.push(`fpgasim_region_${region.name}(${regionParameters(region, model, groupSize).call});`);
  }
  return lines;
}
