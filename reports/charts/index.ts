// Every chart of a report, in the order the report shows them, each with what it needs to be drawn (a
// report of one simulation has no design space; a report of a sweep has no sequence-length curve).
import { loadDevice } from '../../hw-models/devices/load.js';
import type { ReportRecord } from '../records.js';
import { comparedDesigns, comparisonRecords } from '../select.js';
import type { Chart } from './chart.js';
import { cyclesChart } from './cycles.js';
import { designSpaceChart, MIN_SWEEP_POINTS } from './design-space.js';
import { energyChart } from './energy.js';
import { modelSizeChart } from './model-size.js';
import { resourcesChart } from './resources.js';
import { deviceRoofs, rooflineChart } from './roofline.js';
import { sequenceLengthChart } from './sequence-length.js';
import { throughputChart } from './throughput.js';

export interface ChartDefinition {
  id: string;
  title: string;
  needs: string; // shown in the report when the records cannot make this chart
  build: (records: readonly ReportRecord[]) => Chart | null;
}

/** The roofline of the first compared design's device, at its clock, with the channel counts the designs use. */
function rooflineOfRecords(records: readonly ReportRecord[]): Chart | null {
  const designs = comparedDesigns(comparisonRecords(records));
  if (designs.length === 0) return null;
  const { device, clockHz } = designs[0].fpga;
  const channelsUsed = designs.filter((d) => d.fpga.device === device && d.fpga.memoryChannels.length > 0).map((d) => d.fpga.memoryChannels.length);
  return rooflineChart(records, deviceRoofs(loadDevice(device), clockHz, channelsUsed));
}

export const CHARTS: ChartDefinition[] = [
  { id: 'throughput', title: 'Decode throughput', needs: 'a simulated design point', build: throughputChart },
  { id: 'energy', title: 'Energy per token', needs: 'a simulated design point', build: energyChart },
  { id: 'cycles', title: 'Where the time of a token goes', needs: 'a design point with per-kernel times', build: cyclesChart },
  { id: 'resources', title: 'Resources against the budget', needs: 'a design point with resource counts', build: resourcesChart },
  { id: 'roofline', title: 'Roofline', needs: 'a design point with its model shape and off-chip bytes per token', build: rooflineOfRecords },
  { id: 'design-space', title: 'Design space', needs: `a sweep: at least ${MIN_SWEEP_POINTS} design points of one workload (fpgasim sweep, then report --from DIR)`, build: designSpaceChart },
  { id: 'sequence-length', title: 'Throughput against sequence length', needs: 'runs of one platform at two or more token counts', build: sequenceLengthChart },
  { id: 'model-size', title: 'Throughput against model size', needs: 'runs of one platform on two or more models', build: modelSizeChart },
];
