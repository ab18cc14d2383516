// What the simulator says about the figures a csynth report lists, for one design and model shape.
//
// A decode step here is what the top function fpgasim_decode does for one token: every kernel call of the
// step (embedding, all layers, final norm, classifier), timed as the FPGA runs it, memory stalls included,
// and without the host's share (launch, logits copy over PCIe, sampling), which no HLS report sees. So its
// cycles are (secondsPerToken - host.secondsPerToken) x clockHz, taken from SimResult.
//
// Attention's loops run over the positions so far, so a step depends on its position; csynth's best, average
// and worst cases are matched by the step at position 0, the mean step over all seq_len positions, and the
// step at position seq_len - 1. Three runs give them: 1 token, seq_len - 1 tokens and seq_len tokens (the
// last step is the difference of the last two totals).
import type { ModelConfig } from '../../kernels/model/types.js';
import type { Design } from '../../kernels/design.js';
import { simulate, type LoopRow, type SimResult } from '../../sim/simulate.js';

export interface SimulatedSteps {
  design: string;
  device: string;
  part: string;
  clockHz: number;
  model: string;
  seqLen: number;
  stepCycles: { first: number; average: number; last: number };
  /** The per-loop table (SimResult.fpga.loops) of the step at position 0 and at position seq_len - 1. */
  loops: { first: LoopRow[]; last: LoopRow[] };
  resources: SimResult['fpga']['resources'];
}

/** FPGA cycles of all the tokens a run decoded, the host's share left out. */
function fpgaCycles(r: SimResult): number {
  return (r.fpga.secondsPerToken - r.fpga.host.secondsPerToken) * r.clockHz * r.tokens;
}

export function simulateSteps(design: Design, config: ModelConfig, modelName: string): SimulatedSteps {
  const run = (tokens: number) => simulate({ design, config, modelName, tokens });
  const first = run(1);
  const all = config.seqLen > 1 ? run(config.seqLen) : first;
  const allButLast = config.seqLen > 1 ? run(config.seqLen - 1) : null;
  return {
    design: first.design,
    device: first.device,
    part: first.part,
    clockHz: first.clockHz,
    model: modelName,
    seqLen: config.seqLen,
    stepCycles: {
      first: fpgaCycles(first),
      average: fpgaCycles(all) / config.seqLen,
      last: allButLast ? fpgaCycles(all) - fpgaCycles(allButLast) : fpgaCycles(first),
    },
    loops: { first: first.fpga.loops, last: all.fpga.loops },
    resources: all.fpga.resources,
  };
}
