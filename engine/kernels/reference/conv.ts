import type { Conv2dDims, FloatArray } from '../kernels';

/**
 * Direct convolution (cross-correlation, as in the course) over channels-last
 * tensors: X (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), Z (m, n_H, n_W, n_C).
 * Positions that fall into the zero padding are skipped rather than materialised.
 */
export function conv2dForward(X: FloatArray, W: FloatArray, b: FloatArray, Z: FloatArray, d: Conv2dDims): void {
  const { m, hIn, wIn, cIn, f, s, padTop, padLeft, hOut, wOut, cOut } = d;
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const zBase = ((n * hOut + oh) * wOut + ow) * cOut;
        for (let co = 0; co < cOut; co++) Z[zBase + co] = b[co];
        for (let kh = 0; kh < f; kh++) {
          const ih = oh * s - padTop + kh;
          if (ih < 0 || ih >= hIn) continue;
          for (let kw = 0; kw < f; kw++) {
            const iw = ow * s - padLeft + kw;
            if (iw < 0 || iw >= wIn) continue;
            const xBase = ((n * hIn + ih) * wIn + iw) * cIn;
            const wBase = (kh * f + kw) * cIn * cOut;
            for (let ci = 0; ci < cIn; ci++) {
              const x = X[xBase + ci];
              const wRow = wBase + ci * cOut;
              for (let co = 0; co < cOut; co++) Z[zBase + co] += x * W[wRow + co];
            }
          }
        }
      }
    }
  }
}

export function conv2dBackwardData(dZ: FloatArray, W: FloatArray, dX: FloatArray, d: Conv2dDims): void {
  const { m, hIn, wIn, cIn, f, s, padTop, padLeft, hOut, wOut, cOut } = d;
  dX.fill(0, 0, m * hIn * wIn * cIn);
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const zBase = ((n * hOut + oh) * wOut + ow) * cOut;
        for (let kh = 0; kh < f; kh++) {
          const ih = oh * s - padTop + kh;
          if (ih < 0 || ih >= hIn) continue;
          for (let kw = 0; kw < f; kw++) {
            const iw = ow * s - padLeft + kw;
            if (iw < 0 || iw >= wIn) continue;
            const xBase = ((n * hIn + ih) * wIn + iw) * cIn;
            const wBase = (kh * f + kw) * cIn * cOut;
            for (let ci = 0; ci < cIn; ci++) {
              const wRow = wBase + ci * cOut;
              let sum = 0;
              for (let co = 0; co < cOut; co++) sum += dZ[zBase + co] * W[wRow + co];
              dX[xBase + ci] += sum;
            }
          }
        }
      }
    }
  }
}

export function conv2dBackwardFilter(X: FloatArray, dZ: FloatArray, dW: FloatArray, db: FloatArray, d: Conv2dDims, scale: number): void {
  const { m, hIn, wIn, cIn, f, s, padTop, padLeft, hOut, wOut, cOut } = d;
  const filterSize = f * f * cIn * cOut;
  dW.fill(0, 0, filterSize);
  db.fill(0, 0, cOut);
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const zBase = ((n * hOut + oh) * wOut + ow) * cOut;
        for (let co = 0; co < cOut; co++) db[co] += dZ[zBase + co];
        for (let kh = 0; kh < f; kh++) {
          const ih = oh * s - padTop + kh;
          if (ih < 0 || ih >= hIn) continue;
          for (let kw = 0; kw < f; kw++) {
            const iw = ow * s - padLeft + kw;
            if (iw < 0 || iw >= wIn) continue;
            const xBase = ((n * hIn + ih) * wIn + iw) * cIn;
            const wBase = (kh * f + kw) * cIn * cOut;
            for (let ci = 0; ci < cIn; ci++) {
              const x = X[xBase + ci];
              const wRow = wBase + ci * cOut;
              for (let co = 0; co < cOut; co++) dW[wRow + co] += x * dZ[zBase + co];
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < filterSize; i++) dW[i] *= scale;
  for (let co = 0; co < cOut; co++) db[co] *= scale;
}
