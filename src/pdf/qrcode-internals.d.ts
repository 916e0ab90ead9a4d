// The parts of qrcode's own modules that src/pdf/qr-mask.ts replaces with faster equivalents.
declare module 'qrcode/lib/core/mask-pattern.js' {
  interface BitMatrix {
    size: number;
    data: Uint8Array;
    reservedBit: Uint8Array;
  }
  const MaskPattern: {
    getBestMask(matrix: BitMatrix, setupFormat: (pattern: number) => void): number;
    applyMask(pattern: number, matrix: BitMatrix): void;
  };
  export default MaskPattern;
}
declare module 'qrcode/lib/core/polynomial.js' {
  const Polynomial: {
    mul(p1: Uint8Array, p2: Uint8Array): Uint8Array;
    generateECPolynomial(degree: number): Uint8Array;
  };
  export default Polynomial;
}
declare module 'qrcode/lib/core/galois-field.js' {
  const GaloisField: { exp(n: number): number };
  export default GaloisField;
}
