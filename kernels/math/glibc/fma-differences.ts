// The inputs where glibc's FMA build of expf, sinf and cosf (chosen at run time on x86-64 CPUs with FMA and
// AVX2) returns another binary32 result than its SSE2 build, which kernels/math/glibc/ reproduces. Found by
// comparing the two over every binary32 input: expf for |x| < 89, sinf and cosf for |x| < 120 (beyond, both
// builds reduce exactly with integers: no difference for |x| < 256 either), powf(10000, y) for every y in
// [0, 1): none. Each differs by 1 ulp. glibc 2.36, x86-64 (kernels/math/README.md).

/** Binary32 bit patterns of the inputs, each with the FMA build's result bits, by function. */
export const FMA_DIFFERENCES: Readonly<Record<'exp' | 'sin' | 'cos', readonly (readonly [input: number, fmaResult: number])[]>> = {
  exp: [
    [0x4202422f, 0x56fc9f1c],
    [0xc27c65d9, 0x11fa2993],
  ],
  sin: [
    [0x4255b0a9, 0xbc7d08a9], [0x42a35c07, 0xbadaa3b4], [0x42a35d44, 0x3a44b889],
    [0x42a97360, 0x3dc7b08a], [0x42cf5854, 0x382ee64e], [0x42e87a55, 0xb5d2257c],
    [0xc255b0a9, 0x3c7d08a9], [0xc2a35c07, 0x3adaa3b4], [0xc2a35d44, 0xba44b889],
    [0xc2a97360, 0xbdc7b08a], [0xc2cf5854, 0xb82ee64e], [0xc2e87a55, 0x35d2257c],
  ],
  cos: [
    [0x418a3adb, 0xb7b4f770], [0x418a3adc, 0xb7a4f770], [0x418a3add, 0xb794f770], [0x418a3ade, 0xb784f770],
    [0x41bc76d9, 0xbb803f6b], [0x4202eb4b, 0x3e821ce2], [0x42687a55, 0xb552257c], [0x4280ce28, 0x34fdd672],
    [0x42870e40, 0xbc866cc4], [0x42c55faa, 0xbe8a34d1], [0x42d8d23e, 0xbcd25ea8],
    [0xc18a3adb, 0xb7b4f770], [0xc18a3adc, 0xb7a4f770], [0xc18a3add, 0xb794f770], [0xc18a3ade, 0xb784f770],
    [0xc1bc76d9, 0xbb803f6b], [0xc202eb4b, 0x3e821ce2], [0xc2687a55, 0xb552257c], [0xc280ce28, 0x34fdd672],
    [0xc2870e40, 0xbc866cc4], [0xc2c55faa, 0xbe8a34d1], [0xc2d8d23e, 0xbcd25ea8],
  ],
};
