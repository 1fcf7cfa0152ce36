/**
 * What the PyTorch and NumPy scripts share: the header, the network in course notation, the
 * model file (read, write back), CSV reading exactly as `dendrite predict --data` does, the
 * JSON lines `dendrite predict` prints, and Dendrite's training schedule (batches, budget, decay).
 * Python text lives in String.raw templates so its backslashes reach the script unchanged.
 */
import { defaultInit } from '../../init';
import { paddingAmount } from '../../spec/geometry';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../protocol/train-config';
import { APP_ID } from '../from-run';
import type { ExportableModel } from '../exportable';
import { pyComment, pyString, shape, type CourseLayer } from './names';

/** A Python literal for JSON-like data (dicts, lists, strings, numbers, booleans, null). */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'float("nan")';
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyLiteral(v)}`).join(', ')}}`;
}

/** The training settings the scripts use: the model's own, or Dendrite's defaults when it has none. */
export function trainingOf(model: ExportableModel): { config: TrainConfig; recorded: boolean } {
  return model.training ? { config: model.training, recorded: true } : { config: DEFAULT_TRAIN_CONFIG, recorded: false };
}

export function describeTraining(config: TrainConfig): string {
  const o = config.optimizer;
  const optimizer =
    o.kind === 'gd'
      ? 'gradient descent'
      : o.kind === 'momentum'
        ? `momentum (β = ${o.beta})`
        : o.kind === 'rmsprop'
          ? `RMSprop (β₂ = ${o.beta2}, ε = ${o.epsilon})`
          : `Adam (β₁ = ${o.beta1}, β₂ = ${o.beta2}, ε = ${o.epsilon})`;
  const batch = config.batchSize === 'full' ? 'the whole training set per step' : `mini-batches of ${config.batchSize}`;
  const length = config.iterations !== undefined ? `${config.iterations} iterations` : `${config.epochs ?? 1} epochs`;
  const decay = !config.decay || config.decay.kind === 'none' ? '' : `, ${config.decay.kind} decay`;
  const l2 = config.l2 ? `, L2 λ = ${config.l2}` : '';
  return `${optimizer}, α = ${config.learningRate}${decay}, ${batch}, ${length}${l2}`;
}

/** One line per layer: what it computes, in course notation, and the shape it produces. */
export function architecture(layers: CourseLayer[]): string[] {
  const rows = layers.map((layer) => {
    const s = layer.spec;
    const [input, other] = layer.from.map((f) => f.A);
    const act = (fn: string | undefined, inner: string) => (!fn || fn === 'linear' ? inner : `${fn}(${inner})`);
    let formula: string;
    let params = '';
    switch (s.kind) {
      case 'input':
        formula = 'X';
        break;
      case 'dense':
      case 'output':
        formula = act(s.activation, `${layer.params.W} ${input} + ${layer.params.b}`);
        params = `${layer.params.W} ${shape([s.units, layer.inShapes[0][0]])}, ${layer.params.b} ${shape([s.units, 1])}`;
        break;
      case 'conv2d': {
        const [, , cIn] = layer.inShapes[0];
        formula = act(s.activation, `conv(${input}, ${layer.params.W}, s = ${s.s}, p = ${paddingAmount(s.padding, s.f)}) + ${layer.params.b}`);
        params = `${layer.params.W} ${shape([s.f, s.f, cIn, s.filters])}, ${layer.params.b} ${shape([1, 1, 1, s.filters])}`;
        break;
      }
      case 'pool':
        formula = `${s.mode}pool(${input}, f = ${s.f}, s = ${s.s}${s.padding === 'same' ? `, p = ${paddingAmount('same', s.f)}` : ''})`;
        break;
      case 'batchnorm':
        formula = `${layer.params.gamma} · norm(${input}) + ${layer.params.beta}`;
        params = `ε = ${s.epsilon ?? 1e-5}, β = ${s.momentum ?? 0.9}`;
        break;
      case 'dropout':
        formula = `dropout(${input}, keep_prob = ${s.keepProb})`;
        break;
      case 'activation':
        formula = `${s.fn}(${input})${s.fn === 'leaky_relu' ? `, α = ${s.alpha ?? 0.01}` : ''}`;
        break;
      case 'softmax':
        formula = `softmax(${input})`;
        break;
      case 'flatten':
        formula = layer.inShapes[0].length === 3 ? `flatten(${input})` : input;
        break;
      case 'add':
        formula = `${input} + ${other}`;
        break;
      case 'concatenate':
        formula = `concat(${layer.from.map((f) => f.A).join(', ')}) along ${layer.image ? 'n_C' : 'n'}`;
        break;
    }
    if ('frozen' in s && s.frozen) params = `${params ? `${params}; ` : ''}frozen (not trained)`;
    const out = layer.image ? shape(['m', ...layer.outShape]) : shape([layer.outShape[0], 'm']);
    const name = s.kind === 'output' ? 'AL' : layer.A;
    return { left: `${name} = ${formula}`, out, params, id: s.id, kind: s.kind };
  });
  const width = Math.max(...rows.map((r) => r.left.length));
  const outWidth = Math.max(...rows.map((r) => r.out.length));
  return rows.map((r) => `  ${r.left.padEnd(width)}  ${r.out.padEnd(outWidth)}  ${r.kind} “${pyComment(r.id)}”${r.params ? `; ${r.params}` : ''}`);
}

/** Initial-weight formula for a numbered layer, as Dendrite initialises it (for comments and initialize_parameters). */
export function initScale(layer: CourseLayer): { kind: string; expression: string } {
  const s = layer.spec;
  if (s.kind !== 'dense' && s.kind !== 'output' && s.kind !== 'conv2d') throw new Error('only numbered layers have weights');
  const init = s.init ?? defaultInit(s);
  const fanIn = s.kind === 'conv2d' ? `${s.f} * ${s.f} * ${layer.inShapes[0][2]}` : `${layer.inShapes[0][0]}`;
  switch (init.kind) {
    case 'zeros':
      return { kind: 'zeros', expression: '0' };
    case 'random':
      return { kind: 'random', expression: String(init.scale ?? 0.01) };
    case 'xavier':
      return { kind: 'Xavier', expression: `np.sqrt(1 / (${fanIn}))` };
    case 'he':
      return { kind: 'He', expression: `np.sqrt(2 / (${fanIn}))` };
  }
}

export interface ScriptHeader {
  title: string;
  framework: string;
  fileName: string;
  model: ExportableModel;
  layers: CourseLayer[];
  extraUsage?: string[];
}

/** The module docstring: what this is, where it came from, the network, how to run it. */
export function header({ title, framework, fileName, model, layers, extraUsage = [] }: ScriptHeader): string {
  const name = pyComment(model.spec.name ?? 'A network');
  const { config, recorded } = trainingOf(model);
  const file = pyComment(fileName);
  const trained = [`trained ${pyComment(model.provenance.createdAt)}`, model.provenance.data ? `on ${pyComment(model.provenance.data)}` : '']
    .filter(Boolean)
    .join(' ');
  return `#!/usr/bin/env python3
"""
${name}, exported from Dendrite ${title}

Exported by ${APP_ID} (the model was ${trained}).
The trained weights are the Dendrite model file embedded at the end of this file (MODEL_FILE);
--model reads another model file of the same network (for example one this script wrote).

The network in the course's notation (m examples; images are (m, n_H, n_W, n_C), channels last):
${architecture(layers).join('\n')}

Usage:
  python3 ${file} --predict examples.csv [--shape HxWxC]
      one JSON line per example, as "dendrite predict --data examples.csv" prints them
      (a CSV row per example, the label last and ignored; --shape reads rows as images)
  python3 ${file} --train train.csv [--epochs N | --iterations N] [--out trained.model.json]
      keep training ${recorded ? 'the way Dendrite trained these weights' : 'with Dendrite’s default settings (the model file does not record its own)'}:
      ${describeTraining(config)};
      --out writes the weights as a Dendrite model file (Model > Import puts it back on the canvas)
${extraUsage.map((line) => `  ${line}`).join('\n')}${extraUsage.length ? '\n' : ''}Needs ${framework}.
"""
`;
}

/** Constants every script reads: the network's outline and how Dendrite trained it. */
export function constants(model: ExportableModel): string {
  const { config, recorded } = trainingOf(model);
  const out = model.output;
  return String.raw`
INPUT_SHAPE = ${pyLiteral(model.inputShape)}  # one example: [n_x], or [n_H, n_W, n_C] for images
OUTPUT_UNITS = ${out.units}
OUTPUT_ACTIVATION = ${pyString(out.activation)}  # fused with the loss, so dZ[L] = A[L] - Y
LOSS = ${pyString(out.loss)}
${recorded ? '# How Dendrite trained these weights (the model file\'s "training" record); --train does the same.' : "# The model file does not record how it was trained: Dendrite's default settings."}
TRAINING = ${pyLiteral(config)}
`;
}

/** Python: model file, CSV, predictions output, schedule. Shared verbatim by both scripts. */
export const SHARED = String.raw`
def fail(message):
    """Bad input: one line on stderr and exit code 2, as the dendrite command does."""
    sys.stderr.write("%s: %s\n" % (os.path.basename(sys.argv[0]), message))
    sys.exit(2)


# --------------------------------------------------------------------------- the model file
def read_model(path=None):
    """The Dendrite model file (docs/model-format.md): this script's own copy, or the file --model names."""
    where = "--model %s" % path if path else "MODEL_FILE"
    text = MODEL_FILE
    if path:
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        except OSError as error:
            fail("%s: cannot read the file (%s)" % (where, error.strerror))
    try:
        model = json.loads(text)
    except ValueError as error:
        fail("%s: not valid JSON (%s)" % (where, error))
    if not isinstance(model, dict) or model.get("format") != "dendrite.model" or model.get("version") != 1:
        fail("%s: not a Dendrite model file (format dendrite.model, version 1)" % where)
    return model


def read_tensor(model, layer, name, shape):
    """One tensor: base64 of little-endian float32 values, row-major, in its course shape."""
    for group in ("parameters", "state"):
        for record in model.get(group, []):
            if record.get("layer") != layer or record.get("name") != name:
                continue
            if tuple(record.get("shape", ())) != tuple(shape):
                fail("%s of layer %s is %s in the model file but %s in this network" % (name, layer, tuple(record.get("shape", ())), tuple(shape)))
            try:
                values = np.frombuffer(base64.b64decode(record["data"], validate=True), dtype="<f4")
            except (ValueError, TypeError):
                fail("%s of layer %s: its data is not base64 of float32 values" % (name, layer))
            if values.size != int(np.prod(shape)):
                fail("%s of layer %s: expected %d values, got %d" % (name, layer, int(np.prod(shape)), values.size))
            if not np.all(np.isfinite(values)):
                fail("%s of layer %s holds a value that is not finite" % (name, layer))
            return values.reshape(shape).astype(np.float32)
    fail("the model file has no %s for layer %s: it is not this network's" % (name, layer))


def read_normalisation(model):
    """x <- (x - shift) * scale per input feature (shift and scale fitted on Dendrite's training set)."""
    n = int(np.prod(INPUT_SHAPE))
    norm = model.get("normalisation") or {}
    if norm.get("kind", "none") == "none":
        return np.zeros(n), np.ones(n)
    shift, scale = np.array(norm.get("shift", []), dtype=np.float64), np.array(norm.get("scale", []), dtype=np.float64)
    if shift.size != n or scale.size != n:
        fail("normalisation: expected %d values (one per input feature), got %d and %d" % (n, shift.size, scale.size))
    return shift, scale


def normalise(X, shift, scale):
    """Dendrite's input transform, computed in float64 and stored as float32 as Dendrite stores inputs."""
    m = X.shape[0]
    flat = X.reshape(m, -1).astype(np.float64)
    return ((flat - shift) * scale).astype(np.float32).reshape(X.shape)


def encode_tensor(layer, name, shape, values):
    values = np.ascontiguousarray(np.asarray(values, dtype="<f4").reshape(shape))
    return {"layer": layer, "name": name, "shape": list(shape), "data": base64.b64encode(values.tobytes()).decode("ascii")}


def save_model(model, tensors, path, app, data, iterations, epochs):
    """Writes a Dendrite model file with these weights (atomically: a temporary file, then a rename)."""
    out = dict(model)
    out["parameters"] = [encode_tensor(layer, name, shape, tensors[(layer, name)]) for layer, name, shape in PARAMETERS]
    out["state"] = [encode_tensor(layer, name, shape, tensors[(layer, name)]) for layer, name, shape in STATE]
    out.pop("metrics", None)
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    out["provenance"] = {"createdAt": now, "app": app[:100], "data": data[:1000], "iterations": iterations, "epochs": epochs}
    training = dict(out.get("training") or TRAINING)
    training.pop("epochs", None)
    training["iterations"] = iterations
    out["training"] = training
    temporary = path + ".tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(out, f, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError as error:
        fail("--out %s: cannot write the file (%s)" % (path, error.strerror))


# --------------------------------------------------------------------------- CSV, as dendrite reads it
def is_number(cell):
    """A cell JavaScript's Number() reads as a finite number (how Dendrite reads CSV cells)."""
    if cell == "" or "_" in cell or not cell.isascii():
        return False
    try:
        value = float(int(cell, 0)) if cell[:2].lower() in ("0x", "0o", "0b") else float(cell)
    except ValueError:
        return False
    return math.isfinite(value)


def to_number(cell):
    return float(int(cell, 0)) if cell[:2].lower() in ("0x", "0o", "0b") else float(cell)


def parse_shape(text, features):
    """--shape 28x28x1: rows are images n_H x n_W x n_C (channels last)."""
    parts = re.split("[x\u00d7,]", text)
    try:
        dims = tuple(int(p) for p in parts)
    except ValueError:
        dims = ()
    if len(dims) != 3 or min(dims) < 1:
        fail('--shape: expected n_Hxn_Wxn_C, e.g. 28x28x1, got "%s"' % text)
    if dims[0] * dims[1] * dims[2] != features:
        fail("--shape %s: %d*%d*%d = %d values, but each CSV row has %d features" % (text, dims[0], dims[1], dims[2], dims[0] * dims[1] * dims[2], features))
    return dims


def read_csv(path, shape=None):
    """Examples as "dendrite predict --data" reads a CSV: one per row, the label in the last column;
    a first row whose features are not all numbers is a header; empty lines and lines starting
    with # are skipped. Values are stored as float32, as Dendrite stores them. Returns X (m, ...)
    and the labels as text."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as error:
        fail("%s: cannot read the file (%s)" % (path, error.strerror))
    lines = (line.strip() for line in text.split("\n"))
    rows = [[cell.strip() for cell in line.split(",")] for line in lines if line and not line.startswith("#")]
    if not rows:
        fail("%s: no rows" % path)
    width = len(rows[0])
    if width < 2:
        fail("%s: expected at least one feature column and a label column" % path)
    header = any(not is_number(cell) for cell in rows[0][:-1])
    body = rows[1:] if header else rows
    if not body:
        fail("%s: no examples after the header" % path)
    n = width - 1
    X = np.zeros((len(body), n), dtype=np.float32)
    for i, row in enumerate(body):
        line = i + (2 if header else 1)
        if len(row) != width:
            fail("%s: line %d has %d columns, expected %d" % (path, line, len(row), width))
        try:  # the common case at numpy's speed; anything unusual is checked cell by cell
            values = np.array(row[:n], dtype=np.float64)
            ok = bool(np.all(np.isfinite(values))) and not any("_" in cell or not cell.isascii() for cell in row[:n])
            X[i] = values
        except ValueError:
            ok = False
        if not ok:
            for j, cell in enumerate(row[:n]):
                if not is_number(cell):
                    fail('%s: line %d, column %d: expected a number, got "%s"' % (path, line, j + 1, cell))
            X[i] = [to_number(cell) for cell in row[:n]]
    if shape:
        X = X.reshape((len(body),) + parse_shape(shape, n))
    if tuple(X.shape[1:]) != tuple(INPUT_SHAPE):
        got = ", ".join(str(d) for d in X.shape[1:])
        want = ", ".join(str(d) for d in INPUT_SHAPE)
        hint = "" if len(INPUT_SHAPE) == 1 or shape else " (pass --shape %dx%dx%d to read rows as images)" % tuple(INPUT_SHAPE)
        fail("%s: examples are [%s] but the model expects [%s]%s" % (path, got, want, hint))
    return X, [row[n] for row in body]


def read_targets(labels, model):
    """Y as Dendrite builds it, one row per example: one-hot for softmax, the label for sigmoid
    units, the value for linear ones. Labels are class indices, the model's class names, or numbers."""
    names = model.get("classNames") or []
    if all(re.fullmatch("[0-9]+", label) for label in labels):
        y = np.array([int(label) for label in labels], dtype=np.float64)
    elif names and all(label in names for label in labels):
        y = np.array([names.index(label) for label in labels], dtype=np.float64)
    elif all(is_number(label) for label in labels):
        y = np.array([to_number(label) for label in labels], dtype=np.float64)
    else:
        unknown = next(label for label in labels if not is_number(label) and label not in names)
        fail('label "%s" is not one of the model\'s classes (%s)' % (unknown, ", ".join(names) or "class indices 0, 1, ..."))
    if OUTPUT_ACTIVATION == "softmax":
        Y = np.zeros((len(y), OUTPUT_UNITS))
        for i, label in enumerate(y):
            if 0 <= label < OUTPUT_UNITS:
                Y[i, int(label)] = 1
        return Y
    return np.repeat(y[:, None], OUTPUT_UNITS, axis=1)


def print_predictions(outputs, model):
    """One JSON line per example, as "dendrite predict" prints them: A[L], and for classification
    the class (1 when a single sigmoid unit is > 0.5, else the largest unit) and its name."""
    names = model.get("classNames")
    lines = []
    for out in np.asarray(outputs, dtype=np.float64):
        line = {"output": [float(v) if math.isfinite(v) else None for v in out]}
        if OUTPUT_ACTIVATION == "sigmoid" and len(out) > 1:
            line["tasks"] = [1 if v > 0.5 else 0 for v in out]  # multi-task: each task's yes or no
        elif model.get("numClasses", 0) >= 2:
            c = (1 if out[0] > 0.5 else 0) if OUTPUT_ACTIVATION == "sigmoid" and len(out) == 1 else int(np.argmax(out))
            line["class"] = c
            if names and c < len(names):
                line["label"] = names[c]
        lines.append(json.dumps(line, separators=(",", ":")))
    sys.stdout.write("".join(line + "\n" for line in lines))


# --------------------------------------------------------------------------- Dendrite's schedule
def learning_rate_at(epoch):
    """alpha for an epoch (counted from 0), with the learning-rate decay Dendrite used."""
    alpha0 = TRAINING["learningRate"]
    decay = TRAINING.get("decay") or {"kind": "none"}
    if decay["kind"] == "inverse":
        return alpha0 / (1 + decay["decayRate"] * epoch)
    if decay["kind"] == "exponential":
        return decay["base"] ** epoch * alpha0
    if decay["kind"] == "sqrt":
        return decay["k"] / math.sqrt(epoch + 1) * alpha0
    if decay["kind"] == "staircase":
        return alpha0 * decay["factor"] ** (epoch // decay["interval"])
    return alpha0


def iteration_budget(m, epochs=None, iterations=None):
    """(batch size, gradient steps): Dendrite's batch size, and its number of iterations (or epochs)."""
    size = TRAINING["batchSize"]
    batch = m if size == "full" else max(1, min(int(size), m))
    per_epoch = math.ceil(m / batch)
    if epochs is None and iterations is None:
        epochs, iterations = TRAINING.get("epochs"), TRAINING.get("iterations")
    return batch, iterations if iterations is not None else (epochs or 1) * per_epoch


def reporting_interval(m, batch, total):
    """Epochs between two cost lines on stderr: about 20 lines for the whole run."""
    return max(1, math.ceil(total / math.ceil(m / batch) / 20))


def epoch_batches(m, batch, rng):
    """One epoch's batches of example indices, in Dendrite's order: batch gradient descent sees the
    examples in order; mini-batches are reshuffled every epoch, and the last, partial one is kept."""
    order = np.arange(m) if batch >= m else rng.permutation(m)
    return [order[start:start + batch] for start in range(0, m, batch)]


def arguments(extra=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n")[0], epilog="See the top of this file for the network.")
    parser.add_argument("--predict", metavar="CSV", help='print one JSON line per example, like "dendrite predict --data CSV"')
    parser.add_argument("--shape", metavar="HxWxC", help="read CSV rows as images of this shape")
    parser.add_argument("--train", metavar="CSV", help="keep training on these examples (label in the last column)")
    parser.add_argument("--epochs", type=int, help="train for this many epochs instead")
    parser.add_argument("--iterations", type=int, help="train for this many gradient steps instead")
    parser.add_argument("--out", metavar="FILE", help="after --train, write the weights as a Dendrite model file")
    parser.add_argument("--model", metavar="FILE", help="a Dendrite model file of this network to use instead of MODEL_FILE")
    if extra:
        extra(parser)
    args = parser.parse_args()
    if not args.predict and not args.train:
        parser.error("nothing to do: give --predict CSV or --train CSV")
    if args.out and not args.train:
        parser.error("--out needs --train")
    for option in ("epochs", "iterations"):
        if getattr(args, option) is not None and getattr(args, option) < 1:
            parser.error("--%s: expected an integer >= 1" % option)
    return args
`;

/** (layer id, tensor name, course shape) of every parameter and state tensor, in the model file's order. */
export function tensorTables(model: ExportableModel): string {
  const row = (r: { layer: string; name: string; shape: number[] }) => `    (${pyString(r.layer)}, ${pyString(r.name)}, ${pyLiteral(r.shape)}),`;
  return `# Every tensor of the model file: (layer id, name, course shape), in its order.
PARAMETERS = [
${model.file.parameters.map(row).join('\n')}
]
STATE = [
${model.file.state.map(row).join('\n')}
]
`;
}

/** The model file, embedded as a Python string (JSON's string escapes are Python's). */
export function embeddedModel(model: ExportableModel): string {
  return `# The Dendrite model file these weights come from (docs/model-format.md).
MODEL_FILE = ${pyString(JSON.stringify(model.file))}
`;
}
