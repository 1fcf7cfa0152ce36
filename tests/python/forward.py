"""
An independent forward pass of an exported Dendrite model (docs/model-format.md), written with
NumPy from the course's formulas and nothing of the engine: float64, examples first everywhere.
Used by tests/engine/independent-forward.test.ts.

usage: python3 forward.py model.json inputs.json  → prints a JSON list of A[L] rows (one per example)
inputs.json: {"x": [...], "m": m} with x examples-major, raw (before the model's normalisation).
"""
import base64
import json
import sys

import numpy as np


def tensors(records):
    out = {}
    for r in records:
        values = np.frombuffer(base64.b64decode(r["data"]), dtype="<f4").astype(np.float64)
        out[(r["layer"], r["name"])] = values.reshape(r["shape"])
    return out


def activation(z, fn, alpha):
    if fn == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if fn == "tanh":
        return np.tanh(z)
    if fn == "relu":
        return np.maximum(z, 0.0)
    if fn == "leaky_relu":
        return np.where(z > 0, z, alpha * z)
    return z


def padding_of(layer):
    p = layer.get("padding", "valid")
    if p == "valid":
        return 0
    if p == "same":
        return (layer["f"] - 1) // 2
    return int(p)


def conv2d(x, W, b, s, p):
    """x (m, h, w, c_in), W (f, f, c_in, c_out): n_H = ⌊(h + 2p − f)/s⌋ + 1."""
    f = W.shape[0]
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))
    h_out = (x.shape[1] + 2 * p - f) // s + 1
    w_out = (x.shape[2] + 2 * p - f) // s + 1
    z = np.zeros((x.shape[0], h_out, w_out, W.shape[3]))
    for i in range(f):
        for j in range(f):
            patch = xp[:, i : i + s * h_out : s, j : j + s * w_out : s, :]
            z += patch @ W[i, j]
    return z + b.reshape(-1)


def pool(x, f, s, p, mode):
    """Max pads with −∞ (a pad never wins); average pads with zeros that count in the mean."""
    fill = -np.inf if mode == "max" else 0.0
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)), constant_values=fill)
    h_out = (x.shape[1] + 2 * p - f) // s + 1
    w_out = (x.shape[2] + 2 * p - f) // s + 1
    windows = np.stack([xp[:, i : i + s * h_out : s, j : j + s * w_out : s, :] for i in range(f) for j in range(f)])
    return windows.max(axis=0) if mode == "max" else windows.mean(axis=0)


def forward(model, x):
    spec = model["spec"]["layers"]
    params = tensors(model["parameters"])
    state = tensors(model["state"])
    norm = model["normalisation"]
    acts = {}
    for layer in spec:
        lid, kind = layer["id"], layer["kind"]
        ins = [acts[i] for i in layer["inputs"]]
        a = ins[0] if ins else None
        if kind == "input":
            flat = x.reshape(x.shape[0], -1)
            if norm["kind"] != "none":
                flat = (flat - np.array(norm["shift"])) * np.array(norm["scale"])
            out = flat.reshape((x.shape[0],) + tuple(layer["shape"]))
        elif kind in ("dense", "output"):
            z = a @ params[(lid, "W")].T + params[(lid, "b")].reshape(-1)
            fn = layer.get("activation", "linear")
            if kind == "output" and fn == "softmax":
                e = np.exp(z - z.max(axis=1, keepdims=True))
                out = e / e.sum(axis=1, keepdims=True)
            else:
                out = activation(z, fn, layer.get("alpha", 0.01))
        elif kind == "conv2d":
            z = conv2d(a, params[(lid, "W")], params[(lid, "b")], layer["s"], padding_of(layer))
            out = activation(z, layer.get("activation", "linear"), layer.get("alpha", 0.01))
        elif kind == "pool":
            out = pool(a, layer["f"], layer["s"], padding_of(layer), layer["mode"])
        elif kind == "batchnorm":
            mean = state[(lid, "runningMean")].reshape(-1)
            var = state[(lid, "runningVar")].reshape(-1)
            gamma = params[(lid, "gamma")].reshape(-1)
            beta = params[(lid, "beta")].reshape(-1)
            out = gamma * (a - mean) / np.sqrt(var + layer.get("epsilon", 1e-5)) + beta
        elif kind == "dropout":
            out = a  # test time: no mask (inverted dropout scaled while training)
        elif kind == "activation":
            out = activation(a, layer["fn"], layer.get("alpha", 0.01))
        elif kind == "softmax":
            e = np.exp(a - a.max(axis=1, keepdims=True))
            out = e / e.sum(axis=1, keepdims=True)
        elif kind == "flatten":
            out = a.reshape(a.shape[0], -1)
        elif kind == "add":
            out = ins[0] + ins[1]
        elif kind == "concatenate":
            out = np.concatenate(ins, axis=ins[0].ndim - 1)  # channels (images) or features
        else:
            raise SystemExit(f"forward.py does not know the layer kind {kind}")
        acts[lid] = out
    return acts[spec[-1]["id"]]


def main():
    model = json.load(open(sys.argv[1]))
    inputs = json.load(open(sys.argv[2]))
    x = np.array(inputs["x"], dtype=np.float64).reshape(inputs["m"], -1)
    print(json.dumps(forward(model, x).reshape(inputs["m"], -1).tolist()))


if __name__ == "__main__":
    main()
