// Native kernel self-test: every kernel of every vector path this build and CPU have
// (AVX2 / AVX-512 on x86-64, NEON on arm64) against the portable path, on random odd shapes,
// at 1 and 2 threads. No Node needed, so the arm64 build runs under qemu-aarch64
// (scripts/native-selftest.mjs). Exit status 0 when every kernel agrees, 1 otherwise.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <functional>
#include <string>
#include <vector>

#include "../src/cpu.h"
#include "../src/kernels.h"
#include "../src/pool.h"

using dn::Exec;
using dn::KernelTable;

namespace {

struct Rng {
  uint64_t s;
  uint32_t next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(s >> 33);
  }
  float uniform(float lo, float hi) { return lo + (hi - lo) * (float)(next() & 0xffffff) / 16777216.0f; }
  int pick(int lo, int hi) { return lo + (int)(next() % (uint32_t)(hi - lo + 1)); }
};

struct Arrays {
  std::vector<std::vector<float>> f;
  std::vector<std::vector<int32_t>> i;
  double ret = 0;
  float* F(size_t k) { return f[k].data(); }
  int32_t* I(size_t k) { return i[k].data(); }
};

using Run = std::function<void(const KernelTable*, Exec*, Arrays&)>;

int failures = 0, checks = 0;
std::vector<std::string> covered;
const KernelTable* portable = nullptr;
const KernelTable* tested = nullptr;
Exec* exec1 = nullptr;
Exec* exec2 = nullptr;
const char* label = "";

std::vector<float> random(Rng& r, size_t n, float lo = -1, float hi = 1) {
  std::vector<float> v(n);
  for (auto& x : v) x = r.uniform(lo, hi);
  return v;
}

/** Runs `run` on the portable table (1 thread) and the tested table (1 and 2 threads); compares every buffer. */
void check(const char* kernel, const std::string& shape, const Arrays& init, const Run& run, double rtol = 1e-4) {
  covered.push_back(kernel);
  Arrays want = init;
  run(portable, exec1, want);
  for (Exec* ex : {exec1, exec2}) {
    Arrays got = init;
    run(tested, ex, got);
    checks++;
    bool ok = true;
    for (size_t a = 0; a < want.f.size() && ok; a++) {
      double scale = 0;
      for (float x : want.f[a]) scale = fmax(scale, fabs((double)x));
      for (size_t j = 0; j < want.f[a].size(); j++) {
        const double w = want.f[a][j], g = got.f[a][j];
        // Equal (±∞ included: ∞ − ∞ is NaN), or both NaN.
        if (w == g || (isnan(w) && isnan(g))) continue;
        if (!(fabs(w - g) <= rtol * (fabs(w) + scale) + 1e-6)) {
          fprintf(stderr, "FAIL %s %s (%s, %d threads): buffer %zu [%zu] %g vs portable %g\n", kernel, shape.c_str(), label, ex->nthreads, a, j, g, w);
          ok = false;
          break;
        }
      }
    }
    for (size_t a = 0; a < want.i.size() && ok; a++)
      if (want.i[a] != got.i[a]) {
        fprintf(stderr, "FAIL %s %s (%s, %d threads): index buffer %zu differs\n", kernel, shape.c_str(), label, ex->nthreads, a);
        ok = false;
      }
    if (ok && !(fabs(want.ret - got.ret) <= 1e-5 * fabs(want.ret) + 1e-6)) {
      fprintf(stderr, "FAIL %s %s (%s, %d threads): returned %.9g vs portable %.9g\n", kernel, shape.c_str(), label, ex->nthreads, got.ret, want.ret);
      ok = false;
    }
    if (!ok) failures++;
  }
}

std::string dims(std::initializer_list<int> d) {
  std::string s;
  for (int x : d) s += (s.empty() ? "" : "x") + std::to_string(x);
  return s;
}

void dense_and_elementwise(Rng& r) {
  for (int rep = 0; rep < 6; rep++) {
    const int M = r.pick(1, 70), N = r.pick(1, 70), K = r.pick(1, 400);
    for (int t = 0; t < 4; t++) {
      Arrays a;
      a.f = {random(r, (size_t)M * K), random(r, (size_t)K * N), random(r, (size_t)M * N)};
      const int tA = t & 1, tB = t >> 1;
      check("gemm", dims({M, N, K, tA, tB}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->gemm(ex, tA, tB, M, N, K, 0.7f, x.F(0), x.F(1), 0.5f, x.F(2)); });
    }
    const int n = r.pick(1, 40), kk = r.pick(1, 60), m = r.pick(1, 90);
    for (int act = 0; act < dn::ACT_COUNT; act++) {
      Arrays a;
      a.f = {random(r, (size_t)n * kk), random(r, (size_t)kk * m), random(r, n), std::vector<float>((size_t)n * m), std::vector<float>((size_t)n * m)};
      check("denseForward", dims({n, kk, m, act}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->denseForward(ex, act, x.F(0), x.F(1), x.F(2), x.F(3), x.F(4), n, kk, m, 0.1f); });
      Arrays b;
      b.f = {random(r, (size_t)n * kk), random(r, (size_t)kk * m), random(r, (size_t)n * m), random(r, (size_t)n * m, 0, 1), random(r, (size_t)n * m),
             std::vector<float>((size_t)n * m), std::vector<float>((size_t)n * kk), std::vector<float>(n), std::vector<float>((size_t)kk * m)};
      check("denseBackward", dims({n, kk, m, act}), b, [=](const KernelTable* k, Exec* ex, Arrays& x) {
        k->denseBackward(ex, act, x.F(0), x.F(1), x.F(2), x.F(3), x.F(4), x.F(5), x.F(6), x.F(7), x.F(8), n, kk, m, 0.1f, 1.0f / m);
      });
      const ptrdiff_t len = r.pick(1, 3000);
      Arrays c;
      c.f = {random(r, len, -6, 6), random(r, len, 0, 1), random(r, len), std::vector<float>(len)};
      check("activationForward", dims({(int)len, act}), c, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->activationForward(ex, act, x.F(0), x.F(3), len, 0.1f); }, 1e-5);
      check("activationBackward", dims({(int)len, act}), c, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->activationBackward(ex, act, x.F(0), x.F(1), x.F(2), x.F(3), len, 0.1f); }, 1e-5);
    }
    const int rows = r.pick(1, 300), cols = r.pick(1, 300);
    Arrays e;
    e.f = {random(r, (size_t)rows * cols, -5, 5), random(r, rows), random(r, cols), std::vector<float>((size_t)rows * cols)};
    check("addBiasRows", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->addBiasRows(ex, x.F(0), x.F(1), rows, cols); });
    check("addBiasCols", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->addBiasCols(ex, x.F(0), x.F(2), rows, cols); });
    check("sumRows", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->sumRows(ex, x.F(0), rows, cols, 0.5f, x.F(1), 0.25f); });
    check("sumCols", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->sumCols(ex, x.F(0), rows, cols, 0.5f, x.F(2), 0.0f); });
    check("softmaxCols", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->softmaxCols(ex, x.F(0), x.F(3), rows, cols); }, 1e-5);
    check("transpose", dims({rows, cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->transpose(ex, x.F(0), rows, cols, x.F(3)); }, 0);
    check("mul", dims({rows * cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->mul(ex, x.F(0), x.F(0), x.F(3), (ptrdiff_t)rows * cols); });
    check("axpby", dims({rows * cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->axpby(ex, 0.5f, x.F(0), -0.75f, x.F(3), (ptrdiff_t)rows * cols); });
    check("sumSquares", dims({rows * cols}), e, [=](const KernelTable* k, Exec* ex, Arrays& x) { x.ret = k->sumSquares(ex, x.F(0), (ptrdiff_t)rows * cols); });
    const int examples = r.pick(1, 50), start = r.pick(0, 5), mm = r.pick(1, 40);
    Arrays g;
    g.f = {random(r, (size_t)examples * cols), std::vector<float>((size_t)cols * mm)};
    g.i = {std::vector<int32_t>(start + mm)};
    for (auto& idx : g.i[0]) idx = r.pick(0, examples - 1);
    check("gatherColumns", dims({examples, cols, start, mm}), g, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->gatherColumns(ex, x.F(0), x.I(0), start, mm, cols, x.F(1)); }, 0);
  }
}

void losses(Rng& r) {
  for (int rep = 0; rep < 6; rep++) {
    const int n = r.pick(1, 12), m = r.pick(1, 200);
    for (int loss = 0; loss < dn::LOSS_COUNT; loss++) {
      Arrays a;
      a.f = {random(r, (size_t)n * m, -30, 30), random(r, (size_t)n * m, 0, 1), random(r, (size_t)n * m, 0, 1), std::vector<float>((size_t)n * m)};
      check("lossSum", dims({n, m, loss}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) { x.ret = k->lossSum(ex, loss, x.F(0), x.F(1), x.F(2), n, m); });
      check("lossGradient", dims({n, m, loss}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) { x.ret = k->lossGradient(ex, loss, x.F(0), x.F(1), x.F(2), x.F(3), n, m); });
    }
  }
}

void convolutions(Rng& r) {
  // Fixed shapes first: each path of the convolution kernels whatever the random draws (few output
  // channels with rows of at least a vector: pixelwise forward and tap-vectorised filter gradient;
  // data gradient as a forward convolution, pixelwise and over channel vectors, and by scattering
  // tap rows), then random ones.
  const int fixedShapes[][9] = {
      // m, hIn, wIn, cIn, f, s, padTop, padLeft, cOut
      {2, 28, 28, 1, 5, 1, 2, 2, 6},   // LeNet-5 conv1
      {2, 14, 14, 6, 5, 1, 0, 0, 16},  // LeNet-5 conv2
      {2, 20, 36, 3, 3, 1, 1, 1, 3},   // few channels on both sides
      {1, 18, 18, 16, 3, 1, 1, 1, 5},  // data gradient over full channel vectors
      {2, 33, 33, 2, 3, 2, 1, 1, 4},   // few channels, stride 2
      {2, 15, 16, 5, 3, 2, 1, 0, 6},   // data gradient by scattering tap rows, stride 2
  };
  const int nFixed = (int)(sizeof fixedShapes / sizeof fixedShapes[0]);
  for (int rep = 0; rep < nFixed + 10; rep++) {
    dn::ConvDims d{};
    if (rep < nFixed) {
      const int* v = fixedShapes[rep];
      d.m = v[0], d.hIn = v[1], d.wIn = v[2], d.cIn = v[3], d.f = v[4], d.s = v[5], d.padTop = v[6], d.padLeft = v[7], d.cOut = v[8];
    } else {
      d.f = r.pick(1, 5);
      d.s = r.pick(1, 3);
      d.m = r.pick(1, 3);
      d.hIn = d.f + r.pick(0, 12);
      d.wIn = d.f + r.pick(0, 12);
      d.cIn = r.pick(1, 9);
      d.cOut = r.pick(1, 40);
      d.padTop = r.pick(0, d.f - 1);
      d.padLeft = r.pick(0, d.f - 1);
    }
    d.hOut = (d.hIn + 2 * d.padTop - d.f) / d.s + 1;
    d.wOut = (d.wIn + 2 * d.padLeft - d.f) / d.s + 1;
    const size_t nX = (size_t)d.m * d.hIn * d.wIn * d.cIn, nW = (size_t)d.f * d.f * d.cIn * d.cOut, nZ = (size_t)d.m * d.hOut * d.wOut * d.cOut;
    const std::string s = dims({d.m, d.hIn, d.wIn, d.cIn, d.f, d.s, d.padTop, d.padLeft, d.cOut});
    Arrays a;
    a.f = {random(r, nX), random(r, nW), random(r, d.cOut), std::vector<float>(nZ), random(r, nZ), std::vector<float>(nX), std::vector<float>(nW), std::vector<float>(d.cOut)};
    check("conv2dForward", s, a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->conv2dForward(ex, x.F(0), x.F(1), x.F(2), x.F(3), &d); });
    check("conv2dBackwardData", s, a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->conv2dBackwardData(ex, x.F(4), x.F(1), x.F(5), &d); });
    check("conv2dBackwardFilter", s, a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->conv2dBackwardFilter(ex, x.F(0), x.F(4), x.F(6), x.F(7), &d, 1.0f / d.m); });

    dn::PoolDims p{};
    p.f = r.pick(1, 3);
    p.s = r.pick(1, 3);
    p.m = r.pick(1, 3);
    p.hIn = p.f + r.pick(0, 10);
    p.wIn = p.f + r.pick(0, 10);
    p.c = r.pick(1, 35);
    p.hOut = (p.hIn - p.f) / p.s + 1;
    p.wOut = (p.wIn - p.f) / p.s + 1;
    const size_t pX = (size_t)p.m * p.hIn * p.wIn * p.c, pA = (size_t)p.m * p.hOut * p.wOut * p.c;
    const std::string ps = dims({p.m, p.hIn, p.wIn, p.c, p.f, p.s});
    Arrays b;
    b.f = {random(r, pX), std::vector<float>(pA), random(r, pA), std::vector<float>(pX)};
    b.i = {std::vector<int32_t>(pA)};
    check("maxPoolForward", ps, b, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->maxPoolForward(ex, x.F(0), x.F(1), x.I(0), &p); }, 0);
    Arrays bb = b;
    portable->maxPoolForward(exec1, bb.F(0), bb.F(1), bb.I(0), &p);  // valid argmax for backward
    check("maxPoolBackward", ps, bb, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->maxPoolBackward(ex, x.F(2), x.I(0), x.F(3), &p); });
    check("avgPoolForward", ps, b, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->avgPoolForward(ex, x.F(0), x.F(1), &p); });
    check("avgPoolBackward", ps, b, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->avgPoolBackward(ex, x.F(2), x.F(3), &p); });
  }
}

void batchnorm_and_optimizers(Rng& r) {
  for (int rep = 0; rep < 6; rep++) {
    const int features = r.pick(1, 40), count = r.pick(1, 300);
    for (int layout = 0; layout < 2; layout++) {
      const ptrdiff_t fs = layout ? 1 : count, is = layout ? features : 1;
      const size_t n = (size_t)features * count;
      Arrays a;
      a.f = {random(r, n, -3, 5), random(r, features, 0.5f, 2), random(r, features), std::vector<float>(n), std::vector<float>(n), std::vector<float>(features),
             std::vector<float>(features), random(r, features), random(r, features, 0.5f, 1.5f), random(r, n), std::vector<float>(n), std::vector<float>(features), std::vector<float>(features)};
      const std::string s = dims({features, count, layout});
      check("batchNormForwardTrain", s, a, [=](const KernelTable* k, Exec* ex, Arrays& x) {
        k->batchNormForwardTrain(ex, x.F(0), x.F(1), x.F(2), x.F(3), x.F(4), x.F(5), x.F(6), x.F(7), x.F(8), features, count, fs, is, 1e-5f, 0.9f);
      });
      check("batchNormForwardInfer", s, a, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->batchNormForwardInfer(ex, x.F(0), x.F(1), x.F(2), x.F(3), x.F(7), x.F(8), features, count, fs, is, 1e-5f); });
      Arrays b = a;
      portable->batchNormForwardTrain(exec1, b.F(0), b.F(1), b.F(2), b.F(3), b.F(4), b.F(5), b.F(6), b.F(7), b.F(8), features, count, fs, is, 1e-5f, 0.9f);
      check("batchNormBackward", s, b, [=](const KernelTable* k, Exec* ex, Arrays& x) {
        k->batchNormBackward(ex, x.F(9), x.F(4), x.F(1), x.F(6), x.F(10), x.F(11), x.F(12), features, count, fs, is, 1e-5f);
      });
    }
    const ptrdiff_t n = r.pick(1, 5000);
    for (int kind = 0; kind < dn::OPTIMIZER_COUNT; kind++) {
      Arrays a;
      a.f = {random(r, n), random(r, n), random(r, n, 0, 0.1f), random(r, n, 0, 0.1f)};
      check("optimizerUpdate", dims({(int)n, kind}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) {
        for (int t = 1; t <= 3; t++) k->optimizerUpdate(ex, kind, x.F(0), x.F(1), x.F(2), x.F(3), n, 0.01f, 0.9f, 0.999f, 1e-8f, t, 0.05f);
      });
    }
  }
}

/** The evaluation, live-view and initialisation kernels: counts and streams compared exactly. */
void live_views_and_init(Rng& r) {
  for (int rep = 0; rep < 6; rep++) {
    const int n = r.pick(1, 12), m = r.pick(1, 300);
    Arrays a;
    a.f = {random(r, (size_t)n * m, 0, 1), std::vector<float>((size_t)n * m)};
    // One-hot labels (a single 0/1 row for n = 1), so some columns are right and some wrong.
    for (int i = 0; i < m; i++) {
      if (n == 1) a.f[1][i] = (float)(r.next() & 1);
      else a.f[1][(size_t)r.pick(0, n - 1) * m + i] = 1.0f;
    }
    check("classErrors", dims({n, m}), a, [=](const KernelTable* k, Exec* ex, Arrays& x) { x.ret = k->classErrors(ex, x.F(0), x.F(1), n, m); }, 0);

    const ptrdiff_t len = r.pick(1, 5000);
    const int bins = r.pick(1, 40);
    Arrays h;
    h.f = {random(r, len, -3, 3), std::vector<float>(2)};
    // Non-finite values are skipped, never counted or taken as the range.
    if (len > 3) {
      h.f[0][0] = NAN;
      h.f[0][len / 2] = INFINITY;
      h.f[0][len - 1] = -INFINITY;
    }
    h.i = {std::vector<int32_t>(bins)};
    check("histogram", dims({(int)len, bins}), h, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->histogram(ex, x.F(0), len, bins, x.I(0), x.F(1)); }, 0);

    // randn's state: the mulberry32 word, a pending flag and the spare as a double (RngState).
    const ptrdiff_t count = r.pick(1, 3000);
    Arrays g;
    g.f = {std::vector<float>(count)};
    g.i = {std::vector<int32_t>(4)};
    g.i[0][0] = (int32_t)r.next();
    check("randn", dims({(int)count}), g, [=](const KernelTable* k, Exec* ex, Arrays& x) { k->randn(ex, x.I(0), count, 0.05, x.F(0)); }, 1e-6);
  }
}

}  // namespace

int main() {
  static KernelTable ref, isa;
  if (!dn::isa_fill(dn::ISA_PORTABLE, &ref)) return 2;
  portable = &ref;
  exec1 = dn::exec_create(1);
  exec2 = dn::exec_create(2);
  int tested_paths = 0;
  for (int i = 0; i < dn::ISA_COUNT; i++) {
    if (i == dn::ISA_PORTABLE || !dn::isa_fill(i, &isa)) continue;
#if defined(DN_SELFTEST_BREAK)
    // The test of this test: a wrong kernel must be caught.
    isa.sumSquares = [](Exec*, const float*, ptrdiff_t) { return 1.0; };
#endif
    tested = &isa;
    label = dn::isa_name(i);
    covered.clear();
    Rng r{0x5eed0000u + (uint64_t)i};
    dense_and_elementwise(r);
    losses(r);
    convolutions(r);
    batchnorm_and_optimizers(r);
    live_views_and_init(r);
    // Every kernel of the table must have been exercised.
#define DN_COVERED(name)                                                                  \
  {                                                                                       \
    bool seen = false;                                                                    \
    for (const std::string& c : covered) seen = seen || c == #name;                       \
    if (!seen) {                                                                          \
      fprintf(stderr, "FAIL %s: kernel " #name " has no self-test case\n", label);         \
      failures++;                                                                         \
    }                                                                                     \
  }
    DN_FOR_EACH_KERNEL(DN_COVERED)
#undef DN_COVERED
    printf("%s: %d checks against portable\n", label, checks);
    tested_paths++;
  }
  dn::exec_destroy(exec1);
  dn::exec_destroy(exec2);
  if (tested_paths == 0) {
    fprintf(stderr, "no vector path besides portable in this build/CPU\n");
    return 1;
  }
  printf("%s\n", failures ? "SELFTEST FAILED" : "selftest passed");
  return failures ? 1 : 0;
}
