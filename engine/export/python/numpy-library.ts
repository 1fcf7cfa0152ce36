/**
 * The NumPy export's building blocks, in the course's assignment style: each forward step
 * returns its output and a cache, each backward step reads that cache. Shared by every exported
 * network; the network-specific functions (L_model_forward, L_model_backward, …) are generated
 * in numpy.ts. Conventions are Dendrite's, which are the course's: dense activations (n, m) with
 * examples as columns, images (m, n_H, n_W, n_C), conv filters W (f, f, n_C_prev, n_C), gradients
 * dW = 1/m dZ A_prevᵀ (+ λ/m W with L2), inverted dropout, batch norm with the biased variance.
 */
export const NUMPY_LIBRARY = String.raw`
# --------------------------------------------------------------------------- activations
def sigmoid(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def tanh(Z):
    return np.tanh(Z), Z


def leaky_relu(Z, alpha=0.01):
    return np.where(Z > 0, Z, alpha * Z), Z


def softmax(Z):
    """Softmax down each column (over the units), shifted by the column's maximum for stability."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True), Z


def activation_forward(Z, activation, alpha=0.01):
    """A = g(Z); the cache is Z."""
    if activation == "sigmoid":
        return sigmoid(Z)
    if activation == "tanh":
        return tanh(Z)
    if activation == "relu":
        return relu(Z)
    if activation == "leaky_relu":
        return leaky_relu(Z, alpha)
    if activation == "softmax":
        return softmax(Z)
    return Z, Z  # linear


def sigmoid_backward(dA, cache):
    s = sigmoid(cache)[0]
    return dA * s * (1 - s)


def tanh_backward(dA, cache):
    return dA * (1 - np.tanh(cache) ** 2)


def relu_backward(dA, cache):
    return np.where(cache > 0, dA, 0.0)


def leaky_relu_backward(dA, cache, alpha=0.01):
    return np.where(cache > 0, dA, alpha * dA)


def softmax_backward(dA, cache):
    """dZ = A * (dA - sum over the units of A * dA): the softmax Jacobian times dA, per example."""
    A = softmax(cache)[0]
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def activation_backward(dA, cache, activation, alpha=0.01):
    """dZ = dA * g'(Z)."""
    if activation == "sigmoid":
        return sigmoid_backward(dA, cache)
    if activation == "tanh":
        return tanh_backward(dA, cache)
    if activation == "relu":
        return relu_backward(dA, cache)
    if activation == "leaky_relu":
        return leaky_relu_backward(dA, cache, alpha)
    if activation == "softmax":
        return softmax_backward(dA, cache)
    return dA


# --------------------------------------------------------------------------- dense layers
def linear_forward(A, W, b):
    """Z = W A + b, with A (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)."""
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation, alpha=0.01):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = activation_forward(Z, activation, alpha)
    return A, (linear_cache, activation_cache)


def linear_backward(dZ, cache, lambd=0.0):
    """dW = 1/m dZ A_prev.T (+ lambd/m W, L2), db = 1/m sum(dZ), dA_prev = W.T dZ."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * dZ @ A_prev.T + lambd / m * W
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation, alpha=0.01, lambd=0.0):
    linear_cache, activation_cache = cache
    dZ = activation_backward(dA, activation_cache, activation, alpha)
    return linear_backward(dZ, linear_cache, lambd)


# --------------------------------------------------------------------------- convolution and pooling
def zero_pad(X, pad):
    """Pads the height and width of a batch of images (m, n_H, n_W, n_C) with zeros."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def windows(A, f, stride):
    """Every f x f window at the given stride: (m, n_H, n_W, n_C, f, f), a view (no copy).
    n_H = floor((n_H_prev - f) / stride) + 1 (after padding)."""
    return np.lib.stride_tricks.sliding_window_view(A, (f, f), axis=(1, 2))[:, ::stride, ::stride]


def conv_forward(A_prev, W, b, hparameters):
    """Z = W * A_prev + b (the course's conv_forward, its loops vectorised).
    A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C);
    n_H = floor((n_H_prev + 2 pad - f) / stride) + 1."""
    f = W.shape[0]
    A_prev_pad = zero_pad(A_prev, hparameters["pad"])
    Z = np.tensordot(windows(A_prev_pad, f, hparameters["stride"]), W, axes=([4, 5, 3], [0, 1, 2])) + b
    return Z, (A_prev, W, b, hparameters)


def conv_activation_forward(A_prev, W, b, hparameters, activation, alpha=0.01):
    Z, conv_cache = conv_forward(A_prev, W, b, hparameters)
    A, activation_cache = activation_forward(Z, activation, alpha)
    return A, (conv_cache, activation_cache)


def conv_backward(dZ, cache, lambd=0.0):
    """dA_prev, dW = 1/m sum over windows of A_prev_window dZ (+ lambd/m W), db = 1/m sum(dZ)."""
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, _ = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_prev_pad, f, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(1, 2, 0, 3) / m + lambd / m * W
    db = np.sum(dZ, axis=(0, 1, 2), keepdims=True) / m
    dA_prev_pad = np.zeros_like(A_prev_pad, dtype=np.float64)
    for h in range(f):
        for w in range(f):
            dA_prev_pad[:, h:h + stride * (n_H - 1) + 1:stride, w:w + stride * (n_W - 1) + 1:stride, :] += dZ @ W[h, w].T
    dA_prev = dA_prev_pad[:, pad:pad + A_prev.shape[1], pad:pad + A_prev.shape[2], :]
    return dA_prev, dW, db


def conv_activation_backward(dA, cache, activation, alpha=0.01, lambd=0.0):
    conv_cache, activation_cache = cache
    dZ = activation_backward(dA, activation_cache, activation, alpha)
    return conv_backward(dZ, conv_cache, lambd)


def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average over f x f windows at the given stride; n_H = floor((n_H_prev + 2 pad - f) / stride) + 1.
    With a pad ("same"), max pooling pads with -inf (a pad never wins) and average pooling with zeros
    that count in the mean, as Dendrite does."""
    pad = hparameters.get("pad", 0)
    if pad:
        A_prev = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=-np.inf if mode == "max" else 0.0)
    view = windows(A_prev, hparameters["f"], hparameters["stride"])
    A = view.max(axis=(4, 5)) if mode == "max" else view.mean(axis=(4, 5))
    return A, (A_prev, hparameters)


def pool_backward(dA, cache, mode="max"):
    """Max: each window's gradient goes to its (first) maximum, as in Dendrite; average: shared equally.
    A padded pool hands back the gradient of the unpadded part."""
    A_prev, hparameters = cache
    f, stride, pad = hparameters["f"], hparameters["stride"], hparameters.get("pad", 0)
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros_like(A_prev, dtype=np.float64)
    if mode == "max":
        first = windows(A_prev, f, stride).reshape(m, n_H, n_W, n_C, f * f).argmax(axis=4)
    for h in range(f):
        for w in range(f):
            share = dA * (first == h * f + w) if mode == "max" else dA / (f * f)
            dA_prev[:, h:h + stride * (n_H - 1) + 1:stride, w:w + stride * (n_W - 1) + 1:stride, :] += share
    return dA_prev[:, pad:dA_prev.shape[1] - pad, pad:dA_prev.shape[2] - pad, :] if pad else dA_prev


# --------------------------------------------------------------------------- batch norm, dropout, flatten
def batchnorm_forward(Z, gamma, beta, running_mean, running_var, mode, epsilon=1e-5, momentum=0.9, frozen=False):
    """Z_norm = (Z - mu) / sqrt(sigma^2 + epsilon), out = gamma Z_norm + beta. Dense Z (n, m): one
    (gamma, beta) per unit, statistics over the m examples; images (m, n_H, n_W, n_C): one per
    channel, statistics over m n_H n_W. Training uses the batch's mu and biased (1/m) variance and
    updates the running averages in place (beta = momentum); test time uses the running averages.
    A frozen layer (transfer learning) always uses its running averages and never updates them."""
    axes = (0, 1, 2) if Z.ndim == 4 else (1,)
    if mode == "train" and not frozen:
        mu = Z.mean(axis=axes, keepdims=True)
        var = Z.var(axis=axes, keepdims=True)
        running_mean[...] = momentum * running_mean + (1 - momentum) * mu
        running_var[...] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta, (Z_norm, gamma, var, epsilon, axes, frozen)


def batchnorm_backward(dout, cache):
    """dZ through the batch statistics; dgamma, dbeta averaged over the m examples. Frozen: the
    layer is a fixed affine map, so dZ = gamma / sqrt(running var + epsilon) dout."""
    Z_norm, gamma, var, epsilon, axes, frozen = cache
    if frozen:
        return gamma / np.sqrt(var + epsilon) * dout, np.zeros_like(gamma), np.zeros_like(gamma)
    m = dout.shape[0] if dout.ndim == 4 else dout.shape[1]
    mean_dout = dout.mean(axis=axes, keepdims=True)
    mean_dout_norm = (dout * Z_norm).mean(axis=axes, keepdims=True)
    dZ = gamma / np.sqrt(var + epsilon) * (dout - mean_dout - Z_norm * mean_dout_norm)
    dgamma = np.sum(dout * Z_norm, axis=axes, keepdims=True) / m
    dbeta = np.sum(dout, axis=axes, keepdims=True) / m
    return dZ, dgamma, dbeta


def dropout_forward(A, keep_prob, mode):
    """Inverted dropout: D = (rand < keep_prob) / keep_prob, so nothing changes at test time."""
    if mode != "train" or keep_prob >= 1:
        return A, None
    D = (np.random.rand(*A.shape) < keep_prob) / keep_prob
    return A * D, D


def dropout_backward(dA, cache):
    return dA if cache is None else dA * cache


def flatten_forward(A):
    """(m, n_H, n_W, n_C) -> (n_H n_W n_C, m): channels-last order, one example per column."""
    return A.reshape(A.shape[0], -1).T, A.shape


def flatten_backward(dA, cache):
    return dA.T.reshape(cache)


def output_gradient(AL, Y):
    """dZ[L] = A[L] - Y; where a label is missing (NaN, multi-task outputs) that task sends nothing back."""
    return np.where(np.isnan(Y), 0.0, AL - Y)


def accumulate(gradients, name, value):
    """dA of an activation read by several layers is the sum of what each sends back."""
    gradients[name] = gradients[name] + value if name in gradients else value


# --------------------------------------------------------------------------- cost and optimizers
def compute_cost(AL, Y, loss=None):
    """J = 1/m sum of the loss over the examples: cross-entropy for sigmoid and softmax outputs,
    1/2 squared error for linear ones. (Dendrite computes it from Z[L], which never takes log(0).)"""
    loss = loss or LOSS
    m = Y.shape[1]
    if loss == "bce":
        AL = np.clip(AL, 1e-12, 1 - 1e-12)
        # nansum: a missing label (NaN, multi-task outputs) adds nothing to the cost.
        return float(-1 / m * np.nansum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
    if loss == "cross_entropy":
        return float(-1 / m * np.sum(Y * np.log(np.clip(AL, 1e-12, 1))))
    return float(1 / m * np.sum(0.5 * (AL - Y) ** 2))


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """J + lambd / (2m) sum of ||W[l]||^2 over the weights (not the biases, not gamma or beta)."""
    m = Y.shape[1]
    return compute_cost(AL, Y) + lambd / (2 * m) * sum(float(np.sum(np.square(parameters[k]))) for k in TRAINABLE if k.startswith("W"))


def initialize_optimizer(parameters, optimizer):
    """Zeros for the exponentially weighted averages: v (momentum, Adam) and s (RMSprop, Adam)."""
    v = {"d" + k: np.zeros_like(parameters[k]) for k in TRAINABLE}
    s = {"d" + k: np.zeros_like(parameters[k]) for k in TRAINABLE}
    return v, s


def update_parameters(parameters, grads, learning_rate, optimizer=None, state=None, t=1):
    """One step of gradient descent, momentum, RMSprop or Adam (t counts Adam's steps from 1)."""
    optimizer = optimizer or {"kind": "gd"}
    kind = optimizer["kind"]
    v, s = state if state else ({}, {})
    for k in TRAINABLE:
        g = grads["d" + k]
        if kind == "momentum":
            v["d" + k] = optimizer["beta"] * v["d" + k] + (1 - optimizer["beta"]) * g
            parameters[k] = parameters[k] - learning_rate * v["d" + k]
        elif kind == "rmsprop":
            s["d" + k] = optimizer["beta2"] * s["d" + k] + (1 - optimizer["beta2"]) * g ** 2
            parameters[k] = parameters[k] - learning_rate * g / (np.sqrt(s["d" + k]) + optimizer["epsilon"])
        elif kind == "adam":
            beta1, beta2 = optimizer["beta1"], optimizer["beta2"]
            v["d" + k] = beta1 * v["d" + k] + (1 - beta1) * g
            s["d" + k] = beta2 * s["d" + k] + (1 - beta2) * g ** 2
            v_corrected = v["d" + k] / (1 - beta1 ** t)
            s_corrected = s["d" + k] / (1 - beta2 ** t)
            parameters[k] = parameters[k] - learning_rate * v_corrected / (np.sqrt(s_corrected) + optimizer["epsilon"])
        else:
            parameters[k] = parameters[k] - learning_rate * g
    return parameters
`;
