import type { FloatArray, Pool2dDims } from '../kernels';

/** Pooling windows never leave the input (no padding), as in the course. */
export function maxPoolForward(X: FloatArray, A: FloatArray, argmax: Int32Array, d: Pool2dDims): void {
  const { m, hIn, wIn, c, f, s, hOut, wOut } = d;
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const oBase = ((n * hOut + oh) * wOut + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let bestIndex = ((n * hIn + oh * s) * wIn + ow * s) * c + ch;
          for (let kh = 0; kh < f; kh++) {
            for (let kw = 0; kw < f; kw++) {
              const index = ((n * hIn + oh * s + kh) * wIn + ow * s + kw) * c + ch;
              if (X[index] > best) {
                best = X[index];
                bestIndex = index;
              }
            }
          }
          A[oBase + ch] = X[bestIndex];
          argmax[oBase + ch] = bestIndex;
        }
      }
    }
  }
}

export function maxPoolBackward(dA: FloatArray, argmax: Int32Array, dX: FloatArray, d: Pool2dDims): void {
  const outSize = d.m * d.hOut * d.wOut * d.c;
  dX.fill(0, 0, d.m * d.hIn * d.wIn * d.c);
  for (let o = 0; o < outSize; o++) dX[argmax[o]] += dA[o];
}

export function avgPoolForward(X: FloatArray, A: FloatArray, d: Pool2dDims): void {
  const { m, hIn, wIn, c, f, s, hOut, wOut } = d;
  const inv = 1 / (f * f);
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const oBase = ((n * hOut + oh) * wOut + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let kh = 0; kh < f; kh++) {
            for (let kw = 0; kw < f; kw++) sum += X[((n * hIn + oh * s + kh) * wIn + ow * s + kw) * c + ch];
          }
          A[oBase + ch] = sum * inv;
        }
      }
    }
  }
}

export function avgPoolBackward(dA: FloatArray, dX: FloatArray, d: Pool2dDims): void {
  const { m, hIn, wIn, c, f, s, hOut, wOut } = d;
  const inv = 1 / (f * f);
  dX.fill(0, 0, m * hIn * wIn * c);
  for (let n = 0; n < m; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        const oBase = ((n * hOut + oh) * wOut + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          const share = dA[oBase + ch] * inv;
          for (let kh = 0; kh < f; kh++) {
            for (let kw = 0; kw < f; kw++) dX[((n * hIn + oh * s + kh) * wIn + ow * s + kw) * c + ch] += share;
          }
        }
      }
    }
  }
}
