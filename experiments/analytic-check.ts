// The analytic timing path against the event-driven one it is the closed form of: a seeded sample of an
// experiment's points simulated both ways. Sweeps run the analytic path (milliseconds a point); this says how
// far its tokens/s and J/token may be from what the flow-level simulation would have reported.
import seedrandom from 'seedrandom';
import { evaluatePoint } from './evaluate.js';
import type { Experiment } from './experiment.js';
import { enumeratePoints, type Point } from './points.js';

export interface PathComparison {
  point: Point;
  analytic: { tokensPerSecond: number; energyPerTokenJ: number };
  flow: { tokensPerSecond: number; energyPerTokenJ: number };
  tokensPerSecondDifference: number; // |analytic - flow| / flow
  energyPerTokenDifference: number;
  relativeDifference: number; // the larger of the two
}

export interface PathCheck {
  compared: PathComparison[];
  refused: number; // sampled points whose design the checks refuse in both paths
  disagreements: Point[]; // points one path simulated and the other refused (there should be none)
  largest: PathComparison | null; // by relativeDifference
  largestTokensPerSecond: PathComparison | null;
  largestEnergyPerToken: PathComparison | null;
}

/** Simulates `count` seeded-random points of the experiment (distinct, in canonical order) both ways. */
export function compareTimingPaths(experiment: Experiment, count: number, seed: string): PathCheck {
  const { points } = enumeratePoints(experiment);
  const rng = seedrandom(seed);
  const pool = [...points];
  const sample: Point[] = [];
  while (sample.length < count && pool.length > 0) sample.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  sample.sort((a, b) => a.index - b.index);

  const compared: PathComparison[] = [];
  let refused = 0;
  const disagreements: Point[] = [];
  for (const point of sample) {
    const analytic = evaluatePoint(experiment, point, 'analytic');
    const flow = evaluatePoint(experiment, point, 'flow');
    if (analytic.status !== 'ok' || flow.status !== 'ok') {
      if (analytic.status === flow.status) refused++;
      else disagreements.push(point);
      continue;
    }
    const relative = (a: number, f: number) => Math.abs(a - f) / f;
    const tokensPerSecondDifference = relative(analytic.tokensPerSecond, flow.tokensPerSecond);
    const energyPerTokenDifference = relative(analytic.energyPerTokenJ, flow.energyPerTokenJ);
    compared.push({
      point,
      analytic: { tokensPerSecond: analytic.tokensPerSecond, energyPerTokenJ: analytic.energyPerTokenJ },
      flow: { tokensPerSecond: flow.tokensPerSecond, energyPerTokenJ: flow.energyPerTokenJ },
      tokensPerSecondDifference,
      energyPerTokenDifference,
      relativeDifference: Math.max(tokensPerSecondDifference, energyPerTokenDifference),
    });
  }
  const largestBy = (key: 'relativeDifference' | 'tokensPerSecondDifference' | 'energyPerTokenDifference') =>
    compared.reduce<PathComparison | null>((a, c) => (a === null || c[key] > a[key] ? c : a), null);
  return {
    compared,
    refused,
    disagreements,
    largest: largestBy('relativeDifference'),
    largestTokensPerSecond: largestBy('tokensPerSecondDifference'),
    largestEnergyPerToken: largestBy('energyPerTokenDifference'),
  };
}
