/**
 * Model file → one readable PyTorch file: an nn.Module named in the course's notation (dense1,
 * conv2, bn2, output3; Z1, A1, …), the trained weights copied in from the embedded model file
 * with Dendrite's layouts converted (conv W (f, f, n_C_prev, n_C) → (n_C, n_C_prev, f, f); images
 * channels-last → NCHW, and back to channels-last before flattening), predict(), and train():
 * Dendrite's loop with its optimizer, learning rate and decay, batch size and L2.
 */
import { paddingAmount } from '../../spec/geometry';
import { APP_ID } from '../from-run';
import type { ExportableModel } from '../exportable';
import { constants, embeddedModel, header, pyLiteral, SHARED, tensorTables } from './common';
import { courseLayers, pyComment, pyString, shape, type CourseLayer } from './names';

export function exportPytorch(model: ExportableModel, fileName = 'network.py'): string {
  const layers = courseLayers(model);
  return [
    header({
      title: 'as a PyTorch nn.Module with the weights Dendrite trained.',
      framework: 'PyTorch (and NumPy, which it installs)',
      fileName,
      model,
      layers,
    }),
    'import argparse\nimport base64\nimport datetime\nimport json\nimport math\nimport os\nimport re\nimport sys\n\nimport numpy as np\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n',
    constants(model),
    tensorTables(model),
    moduleClass(model, layers),
    weights(layers),
    DRIVER,
    SHARED,
    MAIN,
    embeddedModel(model),
    '\nif __name__ == "__main__":\n    main()\n',
  ].join('\n');
}

const activationCall = (fn: string | undefined, alpha: number | undefined, z: string): string => {
  switch (fn ?? 'linear') {
    case 'sigmoid':
      return `torch.sigmoid(${z})`;
    case 'tanh':
      return `torch.tanh(${z})`;
    case 'relu':
      return `torch.relu(${z})`;
    case 'leaky_relu':
      return `F.leaky_relu(${z}, ${alpha ?? 0.01})`;
    default:
      return z;
  }
};

function moduleClass(model: ExportableModel, layers: CourseLayer[]): string {
  const init: string[] = [];
  const body: string[] = [];
  const weightsOf: string[] = [];
  const output = model.output;
  let logits = 'Z';
  const frozen: string[] = [];
  for (const layer of layers) {
    const s = layer.spec;
    const [input, other] = layer.from.map((f) => f.A);
    const A = layer.A;
    const note = `${s.kind} “${pyComment(s.id)}”`;
    const self = `self.${layer.key}`;
    switch (s.kind) {
      case 'input':
        body.push(`        ${A} = (X - self.shift) * self.scale  # input normalisation x <- (x - shift) * scale`);
        if (layer.image) body.push(`        ${A} = ${A}.permute(0, 3, 1, 2)  # channels-last (m, n_H, n_W, n_C) -> PyTorch's (m, n_C, n_H, n_W)`);
        break;
      case 'dense':
      case 'output': {
        const nPrev = layer.inShapes[0][0];
        init.push(`        # layer ${layer.l}, ${note}: W[${layer.l}] ${shape([s.units, nPrev])}, b[${layer.l}] ${shape([s.units, 1])}`);
        init.push(`        ${self} = nn.Linear(${nPrev}, ${s.units})`);
        weightsOf.push(`${self}.weight`);
        const Z = layer.Z!;
        body.push(`        ${Z} = ${self}(${input})  # Z[${layer.l}] = W[${layer.l}] A_prev + b[${layer.l}], one example per row`);
        if (s.kind === 'dense')
          body.push(`        ${A} = ${activationCall(s.activation, s.alpha, Z)}${(s.activation ?? 'linear') === 'linear' ? '  # linear: no activation' : ''}`);
        else logits = Z;
        break;
      }
      case 'conv2d': {
        const cIn = layer.inShapes[0][2];
        const p = paddingAmount(s.padding, s.f);
        init.push(
          `        # layer ${layer.l}, ${note}: W[${layer.l}] (f, f, n_C_prev, n_C) = ${shape([s.f, s.f, cIn, s.filters])} in Dendrite, ${shape([s.filters, cIn, s.f, s.f])} here`,
        );
        init.push(`        ${self} = nn.Conv2d(${cIn}, ${s.filters}, kernel_size=${s.f}, stride=${s.s}, padding=${p})`);
        weightsOf.push(`${self}.weight`);
        body.push(`        ${layer.Z} = ${self}(${input})  # n_H = floor((n_H_prev + 2*${p} - ${s.f}) / ${s.s}) + 1`);
        body.push(
          `        ${A} = ${activationCall(s.activation, s.alpha, layer.Z!)}${(s.activation ?? 'linear') === 'linear' ? '  # linear: no activation' : ''}`,
        );
        break;
      }
      case 'pool': {
        // 'same': MaxPool2d pads with −∞ and AvgPool2d counts its zero pads (count_include_pad), as Dendrite does.
        const p = paddingAmount(s.padding ?? 'valid', s.f);
        init.push(
          `        ${self} = nn.${s.mode === 'max' ? 'MaxPool2d' : 'AvgPool2d'}(kernel_size=${s.f}, stride=${s.s}${p > 0 ? `, padding=${p}` : ''})  # ${note}`,
        );
        body.push(`        ${A} = ${self}(${input})`);
        break;
      }
      case 'batchnorm': {
        const features = layer.image ? layer.outShape[2] : layer.outShape[0];
        const momentum = s.momentum ?? 0.9;
        init.push(
          `        # ${note}: gamma, beta and running averages per ${layer.image ? 'channel' : 'unit'}; PyTorch's momentum is 1 - beta (Dendrite's beta = ${momentum}).`,
          `        # In training PyTorch's running variance uses the unbiased batch variance (1/(m-1)); Dendrite's the biased one (1/m).`,
          `        ${self} = nn.BatchNorm${layer.image ? '2d' : '1d'}(${features}, eps=${s.epsilon ?? 1e-5}, momentum=1 - ${momentum})`,
        );
        body.push(`        ${A} = ${self}(${input})`);
        break;
      }
      case 'dropout':
        init.push(`        ${self} = nn.Dropout(p=1 - ${s.keepProb})  # ${note}: inverted dropout, keep_prob = ${s.keepProb}`);
        body.push(`        ${A} = ${self}(${input})`);
        break;
      case 'activation':
        body.push(`        ${A} = ${activationCall(s.fn, s.alpha, input)}  # ${note}`);
        break;
      case 'softmax':
        body.push(`        ${A} = torch.softmax(${input}, dim=1)  # ${note}`);
        break;
      case 'flatten':
        body.push(
          layer.inShapes[0].length === 3
            ? `        ${A} = ${input}.permute(0, 2, 3, 1).flatten(1)  # ${note}: back to channels-last first, Dendrite's order (n_H, n_W, n_C)`
            : `        ${A} = ${input}  # ${note}: already a feature vector`,
        );
        break;
      case 'add':
        body.push(`        ${A} = ${input} + ${other}  # ${note}`);
        break;
      case 'concatenate':
        body.push(`        ${A} = torch.cat([${layer.from.map((f) => f.A).join(', ')}], dim=1)  # ${note}: along ${layer.image ? 'n_C' : 'n'}`);
        break;
    }
    if ('frozen' in s && s.frozen) frozen.push(self);
  }
  if (frozen.length > 0) {
    init.push(
      `        # Frozen layers (transfer learning): their parameters are not trained, and a frozen batch norm`,
      `        # keeps normalising with its running averages (see train()).`,
      `        self.frozen = [${frozen.join(', ')}]`,
      `        for module in self.frozen:`,
      `            module.requires_grad_(False)`,
    );
  }
  const finalActivation =
    output.activation === 'sigmoid'
      ? 'torch.sigmoid(self.logits(X))'
      : output.activation === 'softmax'
        ? 'torch.softmax(self.logits(X), dim=1)'
        : 'self.logits(X)';
  return `
class Net(nn.Module):
    """${pyComment(model.spec.name ?? 'The network')}, layer by layer in the course's notation.
    Examples are rows here (PyTorch's convention); the course writes them as columns."""

    def __init__(self):
        super().__init__()
        # Dendrite's input normalisation, fitted on its training set (the model file's "normalisation").
        self.register_buffer("shift", torch.zeros(INPUT_SHAPE))
        self.register_buffer("scale", torch.ones(INPUT_SHAPE))
${init.join('\n')}

    def logits(self, X):
        """Z[L] for raw examples X: (m, n_x), or (m, n_H, n_W, n_C) channels-last, as CSV rows give them."""
${body.join('\n')}
        return ${logits}

    def forward(self, X):
        """A[L] = ${output.activation}(Z[L]): what "dendrite predict" prints."""
        return ${finalActivation}

    def weights(self):
        """The W[l] that L2 regularisation penalises (not the biases, not batch norm's gamma and beta)."""
        return [${weightsOf.join(', ')}]
${
  frozen.length > 0
    ? `
    def train(self, mode=True):
        """Training mode, except for the frozen layers: a frozen batch norm keeps its running averages."""
        super().train(mode)
        for module in self.frozen:
            module.eval()
        return self
`
    : ''
}`;
}

/** Copying the model file's tensors in and out, converting layouts. */
function weights(layers: CourseLayer[]): string {
  const load: string[] = [];
  const save: string[] = [];
  for (const layer of layers) {
    const s = layer.spec;
    const id = pyString(s.id);
    const self = `net.${layer.key}`;
    const read = (name: string, dims: number[]) => `tensor(${id}, ${pyString(name)}, ${pyLiteral(dims)})`;
    if (s.kind === 'dense' || s.kind === 'output') {
      const nPrev = layer.inShapes[0][0];
      load.push(`        ${self}.weight.copy_(${read('W', [s.units, nPrev])})  # W[${layer.l}] (n[l], n[l-1]) is nn.Linear's (out, in)`);
      load.push(`        ${self}.bias.copy_(${read('b', [s.units, 1])}.reshape(-1))`);
      save.push(`        (${id}, "W"): ${self}.weight,`, `        (${id}, "b"): ${self}.bias,`);
    } else if (s.kind === 'conv2d') {
      const cIn = layer.inShapes[0][2];
      load.push(`        ${self}.weight.copy_(${read('W', [s.f, s.f, cIn, s.filters])}.permute(3, 2, 0, 1))  # (f, f, n_C_prev, n_C) -> (n_C, n_C_prev, f, f)`);
      load.push(`        ${self}.bias.copy_(${read('b', [1, 1, 1, s.filters])}.reshape(-1))`);
      save.push(`        (${id}, "W"): ${self}.weight.permute(2, 3, 1, 0),`, `        (${id}, "b"): ${self}.bias,`);
    } else if (s.kind === 'batchnorm') {
      const dims = layer.image ? [1, 1, 1, layer.outShape[2]] : [layer.outShape[0], 1];
      for (const [name, attr] of [
        ['gamma', 'weight'],
        ['beta', 'bias'],
        ['runningMean', 'running_mean'],
        ['runningVar', 'running_var'],
      ]) {
        load.push(`        ${self}.${attr}.copy_(${read(name, dims)}.reshape(-1))`);
        save.push(`        (${id}, ${pyString(name)}): ${self}.${attr},`);
      }
    }
  }
  return `
def load_weights(net, model):
    """Copies the model file's tensors into the network, converting Dendrite's layouts to PyTorch's."""

    def tensor(layer, name, shape):
        return torch.from_numpy(read_tensor(model, layer, name, shape))

    shift, scale = read_normalisation(model)
    with torch.no_grad():
        net.shift.copy_(torch.from_numpy(shift.reshape(INPUT_SHAPE)))
        net.scale.copy_(torch.from_numpy(scale.reshape(INPUT_SHAPE)))
${load.join('\n')}
    return net


def tensors_of(net):
    """The network's tensors by (layer id, tensor name), in Dendrite's layouts (shapes are fixed on saving)."""
    return {key: value.detach().cpu().numpy() for key, value in {
${save.join('\n')}
    }.items()}
`;
}

const DRIVER = String.raw`
def predict(net, X, chunk=1024):
    """A[L] for raw examples X (as read from a CSV), one row per example, in evaluation mode."""
    net.eval()
    with torch.no_grad():
        rows = [net(torch.from_numpy(X[start:start + chunk])) for start in range(0, X.shape[0], chunk)]
    return torch.cat(rows).numpy() if rows else np.zeros((0, OUTPUT_UNITS))


def compute_cost(Z_L, Y):
    """J = 1/m sum of the loss over the batch, from Z[L] (numerically stable), as Dendrite computes it."""
    m = Z_L.shape[0]
    if LOSS == "bce":
        present = ~torch.isnan(Y)  # a missing label (multi-task outputs) adds nothing
        return F.binary_cross_entropy_with_logits(Z_L[present], Y[present], reduction="sum") / m
    if LOSS == "cross_entropy":
        return -(Y * F.log_softmax(Z_L, dim=1)).sum() / m
    return 0.5 * ((Z_L - Y) ** 2).sum() / m


class CourseMomentum(torch.optim.Optimizer):
    """The course's momentum: v = beta v + (1 - beta) dW, W -= alpha v, with v starting at 0.
    (torch.optim.SGD's momentum starts v at dW and leaves out the (1 - beta).)"""

    def __init__(self, params, lr, beta):
        super().__init__(params, {"lr": lr, "beta": beta})

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                v = self.state[p].setdefault("v", torch.zeros_like(p))
                v.mul_(group["beta"]).add_(p.grad, alpha=1 - group["beta"])
                p.sub_(group["lr"] * v)


def make_optimizer(parameters):
    """The optimizer Dendrite used, with its settings (TRAINING["optimizer"])."""
    o, lr = TRAINING["optimizer"], TRAINING["learningRate"]
    if o["kind"] == "adam":
        return torch.optim.Adam(parameters, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
    if o["kind"] == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=o["beta2"], eps=o["epsilon"])
    if o["kind"] == "momentum":
        return CourseMomentum(parameters, lr=lr, beta=o["beta"])
    return torch.optim.SGD(parameters, lr=lr)


# On a GPU: net.to("cuda"), and move each batch there too (X[idx].to("cuda"), Y[idx].to("cuda")).
# On several GPUs or machines: launch with torchrun, wrap net in torch.nn.parallel.DistributedDataParallel, and give each process its share of the batches (DistributedSampler).
def train(net, X, Y, epochs=None, iterations=None, print_cost=True):
    """Dendrite's training loop: its optimizer, learning rate and decay (per epoch), batch size and
    L2 (lambda / 2m sum ||W||^2 added to the cost). X raw (m, ...), Y (m, n_y). Returns the number of
    iterations and (whole) epochs done."""
    torch.manual_seed(TRAINING["seed"])
    rng = np.random.default_rng(TRAINING["seed"])
    m = X.shape[0]
    batch, total = iteration_budget(m, epochs, iterations)
    report_every = reporting_interval(m, batch, total)
    lambd = TRAINING.get("l2") or 0.0
    optimizer = make_optimizer(net.parameters())
    X, Y = torch.from_numpy(X), torch.from_numpy(Y.astype(np.float32))
    net.train()
    t = epoch = 0
    while t < total:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate_at(epoch)
        for idx in epoch_batches(m, batch, rng):
            if t >= total:
                break
            Z_L = net.logits(X[idx])
            cost = compute_cost(Z_L, Y[idx]) + lambd / (2 * len(idx)) * sum((W ** 2).sum() for W in net.weights())
            if not math.isfinite(cost.item()):
                fail("the cost became %s at iteration %d: lower the learning rate" % (cost.item(), t + 1))
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
            t += 1
        else:
            epoch += 1
            if print_cost and (epoch % report_every == 0 or t >= total):
                sys.stderr.write("epoch %d, iteration %d: cost %.6f\n" % (epoch, t, cost.item()))
    return t, epoch
`;

const MAIN = String.raw`
def main():
    args = arguments()
    model = read_model(args.model)
    net = load_weights(Net(), model)
    if args.train:
        X, labels = read_csv(args.train, args.shape)
        iterations, epochs = train(net, X, read_targets(labels, model), args.epochs, args.iterations)
        if args.out:
            app = "PyTorch %s (exported from ${APP_ID})" % torch.__version__
            save_model(model, tensors_of(net), args.out, app, "%s (%d training examples)" % (os.path.basename(args.train), X.shape[0]), iterations, epochs)
    if args.predict:
        X, _ = read_csv(args.predict, args.shape)
        print_predictions(predict(net, X), model)
`;
