// The host's part of every token on an FPGA card (AWS F1: a Xeon E5-2686 v4 driving the VU9P over PCIe
// through XRT): start the kernel, copy the logits back, sample. Small next to a decode step of a 110M model
// (tens of microseconds against milliseconds), but not for tiny models, so the simulator counts it.
export interface HostModel {
  kernelLaunchS: number; // xrt::run start() to the kernel running, plus wait() returning after it ends
  pcieBandwidthBytesPerS: number; // device-to-host DMA, large transfers
  transferLatencyS: number; // fixed cost of one sync_bo(XCL_BO_SYNC_BO_FROM_DEVICE)
  samplingSPerLogit: number; // host time per logit to pick the next token (argmax; softmax + cdf when sampling)
  sources: Record<keyof Omit<HostModel, 'sources'>, string>;
}

export const F1_HOST: HostModel = {
  kernelLaunchS: 30e-6,
  pcieBandwidthBytesPerS: 11e9,
  transferLatencyS: 15e-6,
  samplingSPerLogit: 1e-9,
  sources: {
    kernelLaunchS:
      'estimate: XRT documentation describes start/wait as a few register writes over PCIe plus an interrupt or poll; tens of microseconds is the range reported for XRT on Alveo and F1 (no AWS-published figure)',
    pcieBandwidthBytesPerS: 'AWS F1 is PCIe Gen3 x16 (15.75 GB/s raw per direction); xbutil dmatest on Gen3 x16 Alveo shells reports about 11-12 GB/s',
    transferLatencyS: 'estimate: one DMA descriptor round trip and the XRT call overhead, order 10-20 us for a 128 KB buffer',
    samplingSPerLogit: 'estimate: llama2.c argmax is one compare per logit, about 1 ns per logit on a 2.3-2.7 GHz Broadwell core',
  },
};
