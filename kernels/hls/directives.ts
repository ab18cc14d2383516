// A design point's directives turned into the pragmas of the emitted C++, by the rules the simulator times
// them with (sim/schedule.ts):
//   - loops: a pipelined loop gets PIPELINE II=ii (and UNROLL factor=f when the design unrolls it too);
//     loops inside a pipelined loop get nothing (HLS unrolls them fully, as the simulator assumes); any
//     other loop gets UNROLL factor=f if unrolled, and PIPELINE off so that HLS does not pipeline on its own
//     what the simulator times as sequential;
//   - staged arrays (an off-chip array read through an on-chip buffer) get that buffer, partitioned as the
//     kernel's partition directive for the array says;
//   - on-chip activation arrays get one ARRAY_PARTITION each: the most banks any kernel using the array asks
//     for (the simulator lets each kernel see its own partitioning; one C++ array can have only one), else
//     the design's activationPartition; and BIND_STORAGE for the design's storage kind.
import { describeDecodeStep } from '../describe-step.js';
import type { ArrayRole, KernelName, Loop } from '../loops.js';
import type { KernelDirectives, Partition } from '../design.js';
import { onChipStorage, type HlsConfig } from './config.js';
import { topArrays, topStep, type TopArray } from './top-calls.js';
import type { ModelConfig } from '../model/types.js';

/** Each kernel's loop nest, read off its own description (the shape does not change the labels). */
export const KERNEL_LOOPS: ReadonlyMap<KernelName, Loop[]> = (() => {
  const tiny = { dim: 8, hiddenDim: 16, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 8, seqLen: 4 };
  const one = { matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 };
  const loops = new Map<KernelName, Loop[]>();
  for (const call of describeDecodeStep(tiny, 1, { groupSize: 4, accumulators: one })) {
    if (!loops.has(call.kernel)) loops.set(call.kernel, call.loops);
  }
  return loops;
})();

export interface LoopHook {
  kernel: KernelName;
  label: string;
  macro: string; // FPGASIM_DIRECTIVES_<kernel>_<label>
  pragmas: string[]; // e.g. 'PIPELINE II=1', without the leading 'HLS'
  note: string; // why, for the generated header's comment
}

export function loopHooks(hls: HlsConfig): LoopHook[] {
  const hooks: LoopHook[] = [];
  for (const [kernel, loops] of KERNEL_LOOPS) {
    const d = hls.design.kernels[kernel];
    const visit = (loop: Loop, pipelinedAncestor: string | null): void => {
      const macro = `FPGASIM_DIRECTIVES_${kernel}_${loop.label}`;
      const unroll = d.unroll[loop.label] ?? 1;
      const pipelined = d.pipeline.includes(loop.label);
      if (pipelinedAncestor !== null) {
        hooks.push({ kernel, label: loop.label, macro, pragmas: [], note: `inside pipelined loop ${pipelinedAncestor}: HLS unrolls it fully` });
      } else {
        const pragmas = [...(pipelined ? [`PIPELINE II=${d.ii}`] : ['PIPELINE off']), ...(unroll > 1 ? [`UNROLL factor=${unroll}`] : [])];
        hooks.push({ kernel, label: loop.label, macro, pragmas, note: pipelined ? `pipelined, II ${d.ii}` : 'not pipelined by the design' });
      }
      for (const inner of loop.inner) visit(inner, pipelinedAncestor ?? (pipelined ? loop.label : null));
    };
    for (const loop of loops) visit(loop, null);
  }
  return hooks;
}

/** Arrays a kernel header can read through an on-chip buffer, and the buffer's variable name there. */
const STAGE_BUFFERS: { kernel: KernelName; array: string; role: ArrayRole; variable: string; flag: string }[] = [
  { kernel: 'matvec', array: 'w.q', role: 'weights', variable: 'wq_row', flag: 'stage_w_q' },
  { kernel: 'matvec', array: 'w.s', role: 'weights', variable: 'ws_row', flag: 'stage_w_s' },
  { kernel: 'rmsnorm', array: 'weight', role: 'norm', variable: 'weight_buffer', flag: 'stage_weight' },
  { kernel: 'attention', array: 'key_cache', role: 'kv-cache', variable: 'key_buffer', flag: 'stage_key_cache' },
  { kernel: 'attention', array: 'value_cache', role: 'kv-cache', variable: 'value_buffer', flag: 'stage_value_cache' },
];

export interface BufferHook {
  kernel: KernelName;
  array: string;
  macro: string; // FPGASIM_BUFFER_<kernel>_<array with . as _>
  flag: string; // the CONFIG member that switches the staging on
  staged: boolean;
  pragmas: string[];
}

export function bufferHooks(hls: HlsConfig): BufferHook[] {
  return STAGE_BUFFERS.map(({ kernel, array, role, variable, flag }) => {
    const d = hls.design.kernels[kernel];
    const staged = d.stage.includes(array) && onChipStorage(hls, role) === null;
    const partition = d.partition[array];
    const pragmas = staged && partition ? partitionPragmas(variable, partition, Infinity) : [];
    return { kernel, array, macro: `FPGASIM_BUFFER_${kernel}_${array.replace('.', '_')}`, flag, staged, pragmas };
  });
}

/** Stage directives the C++ has no buffer for (the copy would change nothing), for the README's notes. */
export function unstagedStages(hls: HlsConfig): string[] {
  const notes: string[] = [];
  for (const [kernel, d] of Object.entries(hls.design.kernels) as [KernelName, KernelDirectives][]) {
    for (const array of d.stage) {
      if (!STAGE_BUFFERS.some((b) => b.kernel === kernel && b.array === array)) notes.push(`kernels.${kernel}.stage ${array}`);
    }
  }
  return notes;
}

/** ARRAY_PARTITION of a one-dimensional array of `elements`; cyclic/block factors stop at the length. */
export function partitionPragmas(variable: string, p: Partition, elements: number): string[] {
  if (p.type === 'none') return [];
  if (p.type === 'complete') return [`ARRAY_PARTITION variable=${variable} type=complete dim=1`];
  const factor = Math.min(p.factor, elements);
  return factor > 1 ? [`ARRAY_PARTITION variable=${variable} type=${p.type} factor=${factor} dim=1`] : [];
}

const banks = (p: Partition, elements: number): number => (p.type === 'complete' ? elements : p.type === 'none' ? 1 : Math.min(p.factor, elements));

export interface ArrayPragmas {
  array: TopArray;
  partition: Partition;
  source: string; // which directive decided the partitioning
  pragmas: string[];
}

export function activationPragmas(hls: HlsConfig, model: ModelConfig): ArrayPragmas[] {
  const step = topStep();
  const calls = [...step.before, ...step.layer, ...step.after];
  const storage = onChipStorage(hls, 'activation');
  return topArrays(model, hls.design.groupSize).map((array) => {
    let partition = hls.design.activationPartition;
    let source = 'activationPartition';
    if (storage === 'registers') {
      partition = { type: 'complete', factor: 1 };
      source = 'placement.activation = registers';
    } else {
      for (const call of calls) {
        for (const [kernelArray, top] of Object.entries(call.binds)) {
          const asked = hls.design.kernels[call.kernel].partition[kernelArray];
          if (top === array.name && asked && banks(asked, array.elements) > banks(partition, array.elements)) {
            partition = asked;
            source = `kernels.${call.kernel}.partition.${kernelArray}`;
          }
        }
      }
    }
    const pragmas = partitionPragmas(array.name, partition, array.elements);
    if (partition.type !== 'complete' && storage !== 'registers') pragmas.push(`BIND_STORAGE variable=${array.name} type=ram_2p impl=${storage}`);
    return { array, partition, source, pragmas };
  });
}
