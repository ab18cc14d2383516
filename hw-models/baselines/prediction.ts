// What a baseline model predicts for one run.
export interface BaselinePrediction {
  tokensPerSecond: number;
  powerW: number;
  energyPerTokenJ: number;
}

export interface BaselineOptions {
  /** GPU only: bytes per weight and cache value (2 for the published FP16 runs). */
  bytesPerValue?: number;
}
