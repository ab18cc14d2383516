// The one fitted FPGA parameter, re-derived from its datum: if the simulator's power changes, this says by
// how much the stored fit is off instead of letting the calibration drift silently.
import { describe, expect, it } from 'vitest';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { PUBLISHED } from '../../hw-models/baselines/published.js';
import { FPGA_STATIC_POWER_SCALE } from '../../hw-models/calibration.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { loadDesign } from '../../sim/design/load.js';
import { simulate } from '../../sim/simulate.js';

describe('FPGA_STATIC_POWER_SCALE', () => {
  it('is the factor that makes the simulated HLSTransform draw its published power', () => {
    const published = PUBLISHED.find((p) => p.platform === 'vu9p-hlstransform')!;
    const r = simulate({ design: loadDesign('hlstransform'), config: MODEL_SHAPES.stories110M, modelName: 'stories110M', tokens: 256, mode: 'analytic' });
    const staticW = r.fpga.energyBreakdownJPerToken.static * r.fpga.tokensPerSecond;
    const dynamicW = r.fpga.powerW - staticW;
    const refit = (published.powerW! - dynamicW) / loadDevice('vu9p-f1').staticPowerW;
    expect(refit).toBeCloseTo(FPGA_STATIC_POWER_SCALE.value, 2);
    // and with it the simulated power is the datum's
    expect(r.fpga.powerW / published.powerW!).toBeCloseTo(1, 2);
  });
});
