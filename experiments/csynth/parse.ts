// Reading a Vitis HLS csynth.xml (solution/syn/report/csynth.xml) into plain numbers.
//
// The file's root is <profile>; what fpgasim reads of it:
//   UserAssignments       Part, TopModelName, TargetClockPeriod (ns), ClockUncertainty (ns, optional)
//   PerformanceEstimates  SummaryOfTimingAnalysis/EstimatedClockPeriod (ns)
//                         SummaryOfOverallLatency: Best-, Average-, Worst-caseLatency, Interval-min/-max (cycles)
//                         SummaryOfLoopLatency: one element per loop, its tag the loop's name, nested loops as
//                         nested elements; each with TripCount, Latency, IterationLatency, PipelineII, PipelineDepth
//   AreaEstimates         Resources and AvailableResources: BRAM_18K, DSP (DSP48E before Vitis), FF, LUT, URAM
//   ModuleInformation     (Vitis 2022.1 on) one Module per RTL module with its own SummaryOfLoopLatency: loops
//                         that Vitis outlined into sub-modules (e.g. fpgasim_matvec_Pipeline_rows) appear only here
//
// A value is a number, "undef" (unknown: a variable trip count without a LOOP_TRIPCOUNT pragma) or a range,
// written <range><min>a</min><max>b</max></range> or, inside ModuleInformation, "a ~ b". Numbers stay
// numbers, undef becomes null, ranges become {min, max}. A field Vitis did not write at all (PipelineII of a
// loop that is not pipelined) is absent (undefined), which is not the same as undef.
import { readFileSync } from 'node:fs';
import { FpgasimError } from '../../kernels/errors.js';
import type { Resources } from '../../hw-models/devices/types.js';
import { child, parseXml, type XmlElement } from './xml.js';

export interface CsynthRange {
  min: number;
  max: number;
}

/** A reported figure: a number, a range, or null for "undef". */
export type CsynthValue = number | CsynthRange | null;

export interface CsynthLoop {
  module: string; // the RTL module whose report lists the loop (the top, or an outlined module)
  path: string; // nested loop names joined by '/', e.g. 'heads/scores'
  tripCount?: CsynthValue;
  latencyCycles?: CsynthValue; // one execution of the loop, all its iterations (UG1399)
  iterationLatencyCycles?: CsynthValue;
  pipelineII?: CsynthValue;
  pipelineDepthCycles?: CsynthValue;
}

export type ResourceCounts = Record<keyof Resources, number | null>; // null: the report does not list it

export interface CsynthReport {
  source: string;
  vitisVersion: string | null;
  part: string;
  topModelName: string;
  targetClockPeriodNs: number;
  clockUncertaintyNs: number | null;
  estimatedClockPeriodNs: CsynthValue;
  latency: {
    bestCycles: CsynthValue;
    averageCycles?: CsynthValue;
    worstCycles: CsynthValue;
    intervalMinCycles?: CsynthValue;
    intervalMaxCycles?: CsynthValue;
  };
  loops: CsynthLoop[];
  resources: { used: ResourceCounts; available: ResourceCounts | null };
}

/** Loop fields: csynth tag -> CsynthLoop key. */
const LOOP_FIELDS = {
  TripCount: 'tripCount',
  Latency: 'latencyCycles',
  IterationLatency: 'iterationLatencyCycles',
  PipelineII: 'pipelineII',
  PipelineDepth: 'pipelineDepthCycles',
} as const;

/** Resource tags -> fpgasim's resource keys (DSP48E is what Vivado HLS called the DSP count). */
const RESOURCE_TAGS: Record<keyof Resources, readonly string[]> = {
  bram18: ['BRAM_18K'],
  dsp: ['DSP', 'DSP48E'],
  ff: ['FF'],
  lut: ['LUT'],
  uram: ['URAM'],
};

export function readCsynthReport(path: string): CsynthReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FpgasimError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseCsynthReport(text, path);
}

/** Parses csynth.xml text; every problem is one FpgasimError line naming the file and the element. */
export function parseCsynthReport(text: string, source: string): CsynthReport {
  const root = parseXml(text, source);
  if (root.name !== 'profile') throw new FpgasimError(`${source}: not a Vitis HLS csynth.xml report (root element <${root.name}>, expected <profile>)`);
  const r = new Reader(source, root);

  const user = r.need(root, 'UserAssignments');
  const perf = r.need(root, 'PerformanceEstimates');
  const timing = r.need(perf, 'SummaryOfTimingAnalysis');
  const overall = r.need(perf, 'SummaryOfOverallLatency');
  const area = r.need(root, 'AreaEstimates');
  const topModelName = r.text(r.need(user, 'TopModelName'));
  const uncertainty = r.optional(user, 'ClockUncertainty');
  const version = r.optional(root, 'ReportVersion');
  const versionText = version && r.optional(version, 'Version');
  const optional = (tag: string) => {
    const e = r.optional(overall, tag);
    return e && r.value(e);
  };

  const loops = r.loops(r.optional(perf, 'SummaryOfLoopLatency'), topModelName);
  // Vitis 2022.1 on also lists every module, the top among them (its loops are the ones read above).
  const modules = child(root, 'ModuleInformation')?.children.filter((m) => m.name === 'Module') ?? [];
  for (const [index, module] of modules.entries()) {
    r.name(module, `profile/ModuleInformation/Module[${index + 1}]`);
    const name = r.text(r.need(module, 'Name'));
    if (name === topModelName) continue;
    loops.push(...r.loops(r.optional(r.need(module, 'PerformanceEstimates'), 'SummaryOfLoopLatency'), name));
  }

  const available = r.optional(area, 'AvailableResources');
  return {
    source,
    vitisVersion: versionText ? r.text(versionText) : null,
    part: r.text(r.need(user, 'Part')),
    topModelName,
    targetClockPeriodNs: r.number(r.need(user, 'TargetClockPeriod')),
    clockUncertaintyNs: uncertainty ? r.number(uncertainty) : null,
    estimatedClockPeriodNs: r.value(r.need(timing, 'EstimatedClockPeriod')),
    latency: {
      bestCycles: r.value(r.need(overall, 'Best-caseLatency')),
      averageCycles: optional('Average-caseLatency'),
      worstCycles: r.value(r.need(overall, 'Worst-caseLatency')),
      intervalMinCycles: optional('Interval-min'),
      intervalMaxCycles: optional('Interval-max'),
    },
    loops,
    resources: { used: r.resources(r.need(area, 'Resources')), available: available ? r.resources(available) : null },
  };
}

/** Reads elements of one file, naming the element's path in the file (profile/UserAssignments/Part) in every error. */
class Reader {
  private readonly paths = new Map<XmlElement, string>();

  constructor(
    private readonly source: string,
    root: XmlElement,
  ) {
    this.paths.set(root, root.name);
  }

  name(e: XmlElement, path: string): void {
    this.paths.set(e, path);
  }

  optional(parent: XmlElement, name: string): XmlElement | undefined {
    const found = child(parent, name);
    if (found) this.paths.set(found, `${this.path(parent)}/${name}`);
    return found;
  }

  need(parent: XmlElement, name: string): XmlElement {
    const found = this.optional(parent, name);
    if (!found) throw new FpgasimError(`${this.source}: not a complete csynth.xml report: <${this.path(parent)}> has no <${name}>`);
    return found;
  }

  text(e: XmlElement): string {
    if (e.text === '') this.fail(e, 'is empty');
    return e.text;
  }

  number(e: XmlElement): number {
    const v = this.value(e);
    if (typeof v !== 'number') this.fail(e, `is ${JSON.stringify(e.text)}, expected a number`);
    return v;
  }

  value(e: XmlElement): CsynthValue {
    const range = child(e, 'range');
    if (range) {
      const bound = (name: string) => {
        const b = child(range, name);
        const n = b ? toNumber(b.text) : null;
        if (n === null) this.fail(e, `has a <range> without a numeric <${name}>`);
        return n;
      };
      return { min: bound('min'), max: bound('max') };
    }
    if (e.text === 'undef') return null;
    const single = toNumber(e.text);
    if (single !== null) return single;
    const tilde = /^(\S+)\s*~\s*(\S+)$/.exec(e.text); // "1 ~ 99", as ModuleInformation writes ranges
    const [min, max] = tilde ? [toNumber(tilde[1]), toNumber(tilde[2])] : [null, null];
    if (min === null || max === null) this.fail(e, `is ${JSON.stringify(e.text)}, expected a number, undef, "min ~ max" or <range><min/><max/></range>`);
    return { min, max };
  }

  /** The loops under a SummaryOfLoopLatency element (absent when the module has none), depth first. */
  loops(summary: XmlElement | undefined, module: string): CsynthLoop[] {
    const out: CsynthLoop[] = [];
    const visit = (e: XmlElement, parent: XmlElement, prefix: string) => {
      this.paths.set(e, `${this.path(parent)}/${e.name}`);
      const loop: CsynthLoop = { module, path: `${prefix}${e.name}` };
      for (const [tag, key] of Object.entries(LOOP_FIELDS)) {
        const field = this.optional(e, tag);
        if (field) loop[key] = this.value(field);
      }
      out.push(loop);
      e.children.filter(isLoop).forEach((inner) => visit(inner, e, `${loop.path}/`));
    };
    if (summary) summary.children.filter(isLoop).forEach((e) => visit(e, summary, ''));
    return out;
  }

  resources(e: XmlElement): ResourceCounts {
    const counts = {} as ResourceCounts;
    for (const [key, tags] of Object.entries(RESOURCE_TAGS) as [keyof Resources, readonly string[]][]) {
      const found = tags.map((tag) => this.optional(e, tag)).find((f) => f !== undefined);
      counts[key] = found ? this.number(found) : null;
    }
    return counts;
  }

  private path(e: XmlElement): string {
    return this.paths.get(e) ?? e.name;
  }

  private fail(e: XmlElement, what: string): never {
    throw new FpgasimError(`${this.source}: <${this.path(e)}> ${what}`);
  }
}

/** A loop element holds its own <Latency>; field elements (TripCount with a <range>, InstanceList) do not. */
function isLoop(e: XmlElement): boolean {
  return child(e, 'Latency') !== undefined;
}

function toNumber(text: string): number | null {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : null;
}
