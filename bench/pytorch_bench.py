#!/usr/bin/env python3
"""PyTorch reference numbers for Dendrite's benchmark (bench/run.ts --compare pytorch).

Kept in the repository for comparison only; Dendrite never depends on it. Runs one
workload per invocation and prints one JSON line, with the same fields as the Dendrite
side. Same workloads, float32, fixed seeds, data in memory, first iteration untimed:

  w1  2-4-1 tanh/sigmoid, BCE, full-batch GD lr 1.2, 10,000 iterations, 400-point flower
      (the exact points Dendrite generated, read from <data>/w1.json)
  w2  [12288, 20, 7, 5, 1] ReLU..sigmoid, BCE, full-batch GD lr 0.0075, 209 random examples
  w3  784-256-128-10 ReLU, softmax CE, Adam 1e-3, batch 128, one epoch of Fashion-MNIST
  w4  LeNet-5 (conv 6@5x5 pad 2, relu, maxpool 2, conv 16@5x5, relu, maxpool 2,
      dense 120, 84, 10), Adam 1e-3, batch 64, one epoch of Fashion-MNIST
  gemm-*  torch.mm on M x K x N

Like the engine, the training loops read the cost every iteration (loss.item()).
  mlp-*, lenet-*  the size sweep of bench/sweep.ts (--sweep passes the case as JSON)

Rates per wall second and per CPU second of this process (time.process_time over the same
window). Run with OPENBLAS_NUM_THREADS=1 and --threads 1 for 1-vs-1.
"""
import argparse
import gzip
import json
import os
import resource
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndims = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndims).reshape(dims)


def fashion(directory, split, image):
    x = read_idx(os.path.join(directory, f"{split}-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    y = read_idx(os.path.join(directory, f"{split}-labels-idx1-ubyte.gz")).astype(np.int64)
    x = x.reshape(-1, 1, 28, 28) if image else x.reshape(-1, 784)
    return torch.from_numpy(x.copy()), torch.from_numpy(y.copy())


def full_batch(name, model, x, y, lr, iterations):
    loss_fn = nn.BCEWithLogitsLoss()  # sigmoid + BCE, numerically stable (as the engine's cost)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    t0 = None
    c0 = None
    loss_value = float("nan")
    for it in range(iterations):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss_value = loss.item()
        if it == 0:
            t0 = time.perf_counter()
            c0 = time.process_time()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    with torch.no_grad():
        acc = ((model(x) > 0).float() == y).float().mean().item()
        loss_value = loss_fn(model(x), y).item()  # cost after the last step, as Dendrite reports
    return {
        "workload": name,
        "iterations": iterations,
        "seconds": round(seconds, 4),
        "cpuSeconds": round(cpu, 4),
        "itPerSec": round((iterations - 1) / seconds),
        "itPerCpuSec": round((iterations - 1) / cpu),
        "batch": x.shape[0],
        "finalCost": round(loss_value, 6),
        "trainAccuracy": round(acc, 4),
    }


def minibatch(name, model, x, y, xt, yt, batch, seed, iterations=None):
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(x.shape[0], generator=g)
    m = x.shape[0]
    steps = (m + batch - 1) // batch if iterations is None else iterations
    t0 = None
    c0 = None
    loss_value = float("nan")
    for i in range(steps):
        j = i % ((m + batch - 1) // batch)
        if i > 0 and j == 0:
            order = torch.randperm(m, generator=g)
        idx = order[j * batch: (j + 1) * batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        loss_value = loss.item()
        if i == 0:
            t0 = time.perf_counter()
            c0 = time.process_time()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    model.eval()
    with torch.no_grad():
        correct = 0
        for s in range(0, xt.shape[0] if xt is not None else 0, 1000):
            correct += (model(xt[s: s + 1000]).argmax(1) == yt[s: s + 1000]).sum().item()
        # Cost over the whole training set after the epoch (what Dendrite reports as finalCost).
        total = 0.0
        for s in range(0, m, 1000):
            total += loss_fn(model(x[s: s + 1000]), y[s: s + 1000]).item() * min(1000, m - s)
        loss_value = total / m
    return {
        "workload": name,
        "iterations": steps,
        "seconds": round(seconds, 4),
        "cpuSeconds": round(cpu, 4),
        "samplesPerSec": round((steps - 1) * batch / seconds),
        "samplesPerCpuSec": round((steps - 1) * batch / cpu),
        "batch": batch,
        "finalCost": round(loss_value, 6),
        **({"testAccuracy": round(correct / xt.shape[0], 4)} if xt is not None else {}),
    }


GEMM = {"gemm-512": (512, 512, 512), "gemm-128x784x256": (128, 784, 256), "gemm-64x400x120": (64, 400, 120)}


def gemm(name):
    M, K, N = GEMM[name]
    a = torch.rand(M, K) - 0.5
    b = torch.rand(K, N) - 0.5
    c = torch.empty(M, N)
    torch.mm(a, b, out=c)
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        if time.perf_counter() - t0 > 0.05:
            break
        reps *= 2
    rates = []
    total = 0.0
    c0 = time.process_time()
    for _ in range(15):
        t0 = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        dt = time.perf_counter() - t0
        total += dt
        rates.append(2 * M * N * K * reps / dt / 1e9)
    cpu = time.process_time() - c0
    rates.sort()
    return {"workload": name, "iterations": reps * 15, "seconds": round(total, 3), "gflops": round(rates[7], 1),
            "gflopsPerCpu": round(2 * M * N * K * reps * 15 / cpu / 1e9, 1), "shape": f"{M}x{K}x{N}"}


def sweep_case(name, case, fashion_dir):
    """One case of bench/sweep.ts (its definition arrives as JSON): the same data and network."""
    x, y = fashion(fashion_dir, "train", False)
    m = min(x.shape[0], case["batch"] * case["iterations"])
    x, y = x[:m], y[:m]
    if case["kind"] == "mlp":
        widths = [784] + case["hidden"]
        layers = []
        for i in range(len(case["hidden"])):
            layers += [nn.Linear(widths[i], widths[i + 1]), nn.ReLU()]
        model = nn.Sequential(*layers, nn.Linear(widths[-1], 10))
    else:
        px = case["px"]
        rows = (torch.arange(px) * 28) // px
        x = x.reshape(m, 28, 28)[:, rows][:, :, rows].reshape(m, 1, px, px).contiguous()
        side = ((px // 2) - 4) // 2
        model = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(16 * side * side, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
        )
    out = minibatch(name, model, x, y, None, None, case["batch"], 1, case["iterations"])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--data", default="/tmp/dendrite-bench")
    ap.add_argument("--fashion", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--sweep", help="a case of bench/sweep.ts as JSON")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    w = args.workload

    if w == "w1":
        with open(os.path.join(args.data, "w1.json")) as f:
            d = json.load(f)
        x = torch.tensor(d["x"], dtype=torch.float32).reshape(d["m"], 2)
        y = torch.tensor(d["y"], dtype=torch.float32).reshape(d["m"], 1)
        model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
        with torch.no_grad():  # the course's init: N(0, 1) * 0.01, zero biases
            for layer in (model[0], model[2]):
                layer.weight.normal_().mul_(0.01)
                layer.bias.zero_()
        out = full_batch(w, model, x, y, 1.2, 10_000)
    elif w == "w2":
        g = np.random.default_rng(209)
        x = torch.from_numpy(g.random((209, 12288), dtype=np.float32))
        y = torch.from_numpy((g.random((209, 1)) < 0.35).astype(np.float32))
        dims = [12288, 20, 7, 5, 1]
        layers = []
        for i in range(4):
            lin = nn.Linear(dims[i], dims[i + 1])
            with torch.no_grad():  # course: randn / sqrt(n_prev)
                lin.weight.normal_().div_(np.sqrt(dims[i]))
                lin.bias.zero_()
            layers.append(lin)
            if i < 3:
                layers.append(nn.ReLU())
        out = full_batch(w, nn.Sequential(*layers), x, y, 0.0075, 300)
    elif w == "w3":
        x, y = fashion(args.fashion, "train", False)
        xt, yt = fashion(args.fashion, "t10k", False)
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        out = minibatch(w, model, x, y, xt, yt, 128, 1)
    elif w == "w4":
        x, y = fashion(args.fashion, "train", True)
        xt, yt = fashion(args.fashion, "t10k", True)
        model = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
        )
        out = minibatch(w, model, x, y, xt, yt, 64, 1)
    elif w in GEMM:
        out = gemm(w)
    elif args.sweep:
        out = sweep_case(w, json.loads(args.sweep), args.fashion)
    else:
        raise SystemExit(f"unknown workload {w}")

    out.update({
        "backend": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "rssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "loadavg": round(os.getloadavg()[0], 2),
    })
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
