/**
 * Model file → one Python file using only NumPy, in the course's assignment style:
 * initialize_parameters, linear_activation_forward with caches, L_model_forward, compute_cost,
 * L_model_backward, update_parameters and predict, with the trained weights read from the
 * embedded model file. L_model_forward and L_model_backward are written out layer by layer for
 * this network (the course's loop, unrolled, because a network may branch); every layer kind has
 * both, so any exported network can keep training.
 */
import { paddingAmount } from '../../spec/geometry';
import { APP_ID } from '../from-run';
import type { ExportableModel } from '../exportable';
import { constants, embeddedModel, header, initScale, pyLiteral, SHARED, tensorTables } from './common';
import { courseLayers, pyComment, pyString, shape, type CourseLayer } from './names';
import { NUMPY_LIBRARY } from './numpy-library';

export function exportNumpy(model: ExportableModel, fileName = 'network.py'): string {
  const layers = courseLayers(model);
  return [
    header({
      title: 'as NumPy code in the style of the Deep Learning course’s programming assignments.',
      framework: 'only NumPy',
      fileName,
      model,
      layers,
      extraUsage: ['--fresh trains from newly initialised weights instead (initialize_parameters)'],
    }),
    'import argparse\nimport base64\nimport datetime\nimport json\nimport math\nimport os\nimport re\nimport sys\n\nimport numpy as np\n',
    constants(model),
    tensorTables(model),
    trainable(layers),
    NUMPY_LIBRARY,
    initializeParameters(layers),
    loadParameters(layers),
    forward(layers),
    backward(layers),
    DRIVER,
    SHARED,
    main(),
    embeddedModel(model),
    '\nif __name__ == "__main__":\n    main()\n',
  ].join('\n');
}

const ACT_ALPHA = (fn: string | undefined, alpha: number | undefined) => `${pyString(fn ?? 'linear')}${fn === 'leaky_relu' ? `, ${alpha ?? 0.01}` : ''}`;

const isFrozen = (layer: CourseLayer) => 'frozen' in layer.spec && layer.spec.frozen === true;

function trainable(layers: CourseLayer[]): string {
  const keys = layers
    .filter((l) => !isFrozen(l))
    .flatMap((l) => (l.spec.kind === 'batchnorm' ? [l.params.gamma, l.params.beta] : l.params.W ? [l.params.W, l.params.b] : []));
  const frozen = layers.filter(isFrozen).map((l) => l.spec.id);
  return `# The parameters gradient descent updates (the running averages of batch norm are not among them${frozen.length ? `; nor are the frozen layers' ${pyComment(frozen.join(', '))}` : ''}).
TRAINABLE = ${pyLiteral(keys)}
`;
}

function initializeParameters(layers: CourseLayer[]): string {
  const lines: string[] = [];
  for (const layer of layers) {
    const s = layer.spec;
    if (s.kind === 'dense' || s.kind === 'output' || s.kind === 'conv2d') {
      const Wshape = s.kind === 'conv2d' ? [s.f, s.f, layer.inShapes[0][2], s.filters] : [s.units, layer.inShapes[0][0]];
      const bshape = s.kind === 'conv2d' ? [1, 1, 1, s.filters] : [s.units, 1];
      const { kind, expression } = initScale(layer);
      lines.push(
        kind === 'zeros'
          ? `    parameters[${pyString(layer.params.W)}] = np.zeros(${shape(Wshape)})  # zeros`
          : `    parameters[${pyString(layer.params.W)}] = np.random.randn(${Wshape.join(', ')}) * ${expression}  # ${kind}`,
        `    parameters[${pyString(layer.params.b)}] = np.zeros(${shape(bshape)})`,
      );
    } else if (s.kind === 'batchnorm') {
      const p = layer.image ? [1, 1, 1, layer.outShape[2]] : [layer.outShape[0], 1];
      lines.push(
        `    parameters[${pyString(layer.params.gamma)}] = np.ones(${shape(p)})`,
        `    parameters[${pyString(layer.params.beta)}] = np.zeros(${shape(p)})`,
        `    parameters[${pyString(layer.params.runningMean)}] = np.zeros(${shape(p)})`,
        `    parameters[${pyString(layer.params.runningVar)}] = np.ones(${shape(p)})`,
      );
    }
  }
  return `
# --------------------------------------------------------------------------- this network
def initialize_parameters(seed=${'TRAINING["seed"]'}):
    """Fresh parameters, initialised as Dendrite initialises them: He (randn * sqrt(2 / n[l-1])) before
    ReLU-family activations, Xavier (sqrt(1 / n[l-1])) otherwise, unless the layer chose; b = 0; gamma = 1, beta = 0."""
    np.random.seed(seed)
    parameters = {}
${lines.join('\n') || '    pass'}
    return parameters
`;
}

function loadParameters(layers: CourseLayer[]): string {
  const lines = layers.flatMap((layer) =>
    Object.entries(layer.params).map(([name, key]) => {
      const record = tensorShape(layer, name);
      return `        ${pyString(key)}: read_tensor(model, ${pyString(layer.spec.id)}, ${pyString(name)}, ${pyLiteral(record)}),`;
    }),
  );
  const back = layers.flatMap((layer) =>
    Object.entries(layer.params).map(([name, key]) => `        (${pyString(layer.spec.id)}, ${pyString(name)}): parameters[${pyString(key)}],`),
  );
  return `
def load_parameters(model):
    """The trained parameters in the model file, by their course names (float64, as in the course)."""
    parameters = {
${lines.join('\n')}
    }
    return {k: v.astype(np.float64) for k, v in parameters.items()}


def tensors_of(parameters):
    """The parameters by (layer id, tensor name), as the model file stores them."""
    return {
${back.join('\n')}
    }
`;
}

function tensorShape(layer: CourseLayer, name: string): number[] {
  const s = layer.spec;
  if (s.kind === 'conv2d') return name === 'W' ? [s.f, s.f, layer.inShapes[0][2], s.filters] : [1, 1, 1, s.filters];
  if (s.kind === 'dense' || s.kind === 'output') return name === 'W' ? [s.units, layer.inShapes[0][0]] : [s.units, 1];
  return layer.image ? [1, 1, 1, layer.outShape[2]] : [layer.outShape[0], 1];
}

/** The layer's input variable, or AL for the output. */
const out = (layer: CourseLayer) => (layer.spec.kind === 'output' ? 'AL' : layer.A);
const cache = (layer: CourseLayer) => `caches[${pyString(layer.key)}]`;
const param = (layer: CourseLayer, name: string) => `parameters[${pyString(layer.params[name])}]`;

function forward(layers: CourseLayer[]): string {
  const lines: string[] = [];
  for (const layer of layers) {
    const s = layer.spec;
    const [input, other] = layer.from.map((f) => f.A);
    const A = out(layer);
    const note = `  # ${s.kind} “${pyComment(s.id)}”`;
    switch (s.kind) {
      case 'input':
        lines.push(`    ${A} = X${note}: ${layer.image ? '(m, n_H, n_W, n_C)' : '(n_x, m)'}`);
        break;
      case 'dense':
        lines.push(
          `    ${A}, ${cache(layer)} = linear_activation_forward(${input}, ${param(layer, 'W')}, ${param(layer, 'b')}, ${ACT_ALPHA(s.activation, s.alpha)})${note}`,
        );
        break;
      case 'output':
        lines.push(
          `    ${A}, ${cache(layer)} = linear_activation_forward(${input}, ${param(layer, 'W')}, ${param(layer, 'b')}, ${pyString(s.activation)})${note}`,
        );
        break;
      case 'conv2d':
        lines.push(
          `    ${A}, ${cache(layer)} = conv_activation_forward(${input}, ${param(layer, 'W')}, ${param(layer, 'b')}, {"stride": ${s.s}, "pad": ${paddingAmount(s.padding, s.f)}}, ${ACT_ALPHA(s.activation, s.alpha)})${note}`,
        );
        break;
      case 'pool':
        lines.push(
          `    ${A}, ${cache(layer)} = pool_forward(${input}, {"f": ${s.f}, "stride": ${s.s}, "pad": ${paddingAmount(s.padding ?? 'valid', s.f)}}, mode=${pyString(s.mode)})${note}`,
        );
        break;
      case 'batchnorm':
        lines.push(
          `    ${A}, ${cache(layer)} = batchnorm_forward(${input}, ${param(layer, 'gamma')}, ${param(layer, 'beta')}, ${param(layer, 'runningMean')}, ${param(layer, 'runningVar')}, mode, epsilon=${s.epsilon ?? 1e-5}, momentum=${s.momentum ?? 0.9}${isFrozen(layer) ? ', frozen=True' : ''})${note}`,
        );
        break;
      case 'dropout':
        lines.push(`    ${A}, ${cache(layer)} = dropout_forward(${input}, ${s.keepProb}, mode)${note}`);
        break;
      case 'activation':
        lines.push(`    ${A}, ${cache(layer)} = activation_forward(${input}, ${ACT_ALPHA(s.fn, s.alpha)})${note}`);
        break;
      case 'softmax':
        lines.push(`    ${A}, ${cache(layer)} = activation_forward(${input}, "softmax")${note}`);
        break;
      case 'flatten':
        lines.push(
          layer.inShapes[0].length === 3 ? `    ${A}, ${cache(layer)} = flatten_forward(${input})${note}` : `    ${A} = ${input}${note}: already (n, m)`,
        );
        break;
      case 'add':
        lines.push(`    ${A} = ${input} + ${other}${note}`);
        break;
      case 'concatenate':
        lines.push(
          `    ${A} = np.concatenate([${layer.from.map((f) => f.A).join(', ')}], axis=${layer.image ? 3 : 0})${note}: along ${layer.image ? 'n_C' : 'n'}`,
        );
        break;
    }
  }
  return `
def L_model_forward(X, parameters, mode="test"):
    """Forward propagation through every layer, in order. X is normalised, (n_x, m) or
    (m, n_H, n_W, n_C). mode "train": dropout on, batch-norm batch statistics (and its running
    averages updated); "test": dropout off, running averages. Returns AL and the caches."""
    caches = {}
${lines.join('\n')}
    return AL, caches
`;
}

function backward(layers: CourseLayer[]): string {
  const lines: string[] = [];
  const send = (to: CourseLayer, value: string) => (to.spec.kind === 'input' ? [] : [`    accumulate(dA, ${pyString(to.A)}, ${value})`]);
  for (const layer of [...layers].reverse()) {
    const s = layer.spec;
    if (s.kind === 'input') continue;
    const [from, other] = layer.from;
    const dA = `dA.pop(${pyString(layer.A)})`;
    const grad = (name: string) => `grads[${pyString(`d${layer.params[name]}`)}]`;
    const note = `  # ${s.kind} “${pyComment(s.id)}”`;
    const needsInput = from.spec.kind !== 'input';
    const prev = needsInput ? 'dA_prev' : '_';
    switch (s.kind) {
      case 'output':
        lines.push(`    ${prev}, ${grad('W')}, ${grad('b')} = linear_backward(output_gradient(AL, Y), ${cache(layer)}[0], lambd)${note}: dZ[L] = A[L] - Y`);
        if (needsInput) lines.push(...send(from, 'dA_prev'));
        break;
      case 'dense':
        lines.push(
          `    ${prev}, ${grad('W')}, ${grad('b')} = linear_activation_backward(${dA}, ${cache(layer)}, ${ACT_ALPHA(s.activation, s.alpha)}, lambd=lambd)${note}`,
        );
        if (needsInput) lines.push(...send(from, 'dA_prev'));
        break;
      case 'conv2d':
        lines.push(
          `    ${prev}, ${grad('W')}, ${grad('b')} = conv_activation_backward(${dA}, ${cache(layer)}, ${ACT_ALPHA(s.activation, s.alpha)}, lambd=lambd)${note}`,
        );
        if (needsInput) lines.push(...send(from, 'dA_prev'));
        break;
      case 'batchnorm':
        lines.push(`    ${prev}, ${grad('gamma')}, ${grad('beta')} = batchnorm_backward(${dA}, ${cache(layer)})${note}`);
        if (needsInput) lines.push(...send(from, 'dA_prev'));
        break;
      case 'pool':
        if (needsInput) lines.push(...send(from, `pool_backward(${dA}, ${cache(layer)}, mode=${pyString(s.mode)})`));
        break;
      case 'dropout':
        if (needsInput) lines.push(...send(from, `dropout_backward(${dA}, ${cache(layer)})`));
        break;
      case 'activation':
        if (needsInput) lines.push(...send(from, `activation_backward(${dA}, ${cache(layer)}, ${ACT_ALPHA(s.fn, s.alpha)})`));
        break;
      case 'softmax':
        if (needsInput) lines.push(...send(from, `softmax_backward(${dA}, ${cache(layer)})`));
        break;
      case 'flatten':
        if (needsInput) lines.push(...send(from, layer.inShapes[0].length === 3 ? `flatten_backward(${dA}, ${cache(layer)})` : dA));
        break;
      case 'add':
        lines.push(`    dA_add = ${dA}${note}: the gradient flows to both inputs`);
        lines.push(...send(from, 'dA_add'), ...send(other, 'dA_add'));
        break;
      case 'concatenate': {
        lines.push(`    dA_cat = ${dA}${note}: each branch gets its own slice`);
        let offset = 0;
        for (const [i, branch] of layer.from.entries()) {
          const width = layer.image ? layer.inShapes[i][2] : layer.inShapes[i][0];
          lines.push(...send(branch, layer.image ? `dA_cat[:, :, :, ${offset}:${offset + width}]` : `dA_cat[${offset}:${offset + width}]`));
          offset += width;
        }
        break;
      }
    }
    // Layers whose input is X still consume their own gradient, so none is left behind.
    if (!needsInput && ['pool', 'dropout', 'activation', 'softmax', 'flatten'].includes(s.kind)) lines.push(`    ${dA}${note}: nothing to send back to X`);
  }
  return `
def L_model_backward(AL, Y, caches, lambd=0.0):
    """Backward propagation, layer by layer from the output: grads["dW1"], grads["db1"], ...
    (with L2: + lambd/m W). dA holds each activation's gradient, summed over the layers reading it."""
    grads = {}
    dA = {}
${lines.join('\n')}
    return grads
`;
}

/** Layout, predict and the training loop. */
const DRIVER = String.raw`
def to_course_layout(X):
    """CSV rows (m, n_x) -> the course's (n_x, m); images stay (m, n_H, n_W, n_C)."""
    return X.T if X.ndim == 2 else X


def predict(X, parameters, shift, scale, chunk=256):
    """A[L] for raw examples X (as read from a CSV), one row per example; test mode, in chunks."""
    rows = []
    for start in range(0, X.shape[0], chunk):
        AL, _ = L_model_forward(to_course_layout(normalise(X[start:start + chunk], shift, scale)), parameters, mode="test")
        rows.append(AL.T)
    return np.concatenate(rows, axis=0) if rows else np.zeros((0, OUTPUT_UNITS))


def L_layer_model(X, Y, parameters, num_epochs=None, num_iterations=None, print_cost=True):
    """Dendrite's training loop, with its optimizer, learning rate and decay, batch size and L2
    (TRAINING): forward, cost, backward, update, batch after batch. X is normalised (m, ...), Y (m, n_y).
    Returns the parameters and the number of iterations and (whole) epochs done."""
    m = X.shape[0]
    batch, total = iteration_budget(m, num_epochs, num_iterations)
    report_every = reporting_interval(m, batch, total)
    lambd = TRAINING.get("l2") or 0.0
    optimizer = TRAINING["optimizer"]
    state = initialize_optimizer(parameters, optimizer)
    rng = np.random.default_rng(TRAINING["seed"])
    t = epoch = 0
    while t < total:
        learning_rate = learning_rate_at(epoch)
        for idx in epoch_batches(m, batch, rng):
            if t >= total:
                break
            X_batch, Y_batch = to_course_layout(X[idx]), Y[idx].T
            AL, caches = L_model_forward(X_batch, parameters, mode="train")
            cost = compute_cost_with_regularization(AL, Y_batch, parameters, lambd)
            if not math.isfinite(cost):
                fail("the cost became %s at iteration %d: lower the learning rate" % (cost, t + 1))
            grads = L_model_backward(AL, Y_batch, caches, lambd)
            t += 1
            update_parameters(parameters, grads, learning_rate, optimizer, state, t)
        else:
            epoch += 1
            if print_cost and (epoch % report_every == 0 or t >= total):
                sys.stderr.write("epoch %d, iteration %d: cost %.6f\n" % (epoch, t, cost))
    return parameters, t, epoch
`;

function main(): string {
  return String.raw`
def main():
    args = arguments(lambda parser: parser.add_argument("--fresh", action="store_true", help="with --train: start from initialize_parameters(), not the trained weights"))
    model = read_model(args.model)
    parameters = initialize_parameters() if args.fresh else load_parameters(model)
    shift, scale = read_normalisation(model)
    if args.train:
        X, labels = read_csv(args.train, args.shape)
        Y = read_targets(labels, model)
        parameters, iterations, epochs = L_layer_model(normalise(X, shift, scale), Y, parameters, args.epochs, args.iterations)
        if args.out:
            app = "NumPy %s (exported from ${APP_ID})" % np.__version__
            save_model(model, tensors_of(parameters), args.out, app, "%s (%d training examples)" % (os.path.basename(args.train), X.shape[0]), iterations, epochs)
    if args.predict:
        X, _ = read_csv(args.predict, args.shape)
        print_predictions(predict(X, parameters, shift, scale), model)
`;
}
