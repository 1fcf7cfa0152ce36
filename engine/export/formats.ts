/**
 * The export formats, in one table read by the CLI (`dendrite export --format`) and both hosts'
 * Model menu. Every export starts from readExportable, so a model file whose weights do not fit its
 * spec is refused with one line, and nothing is written.
 */
import { readExportable, type ExportableModel } from './exportable';
import { exportOnnx } from './onnx/export';
import { exportNumpy } from './python/numpy';
import { exportPytorch } from './python/pytorch';

export const EXPORT_FORMATS = ['onnx', 'pytorch', 'numpy'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  /** What menus call it, and what they say it is for. */
  label: string;
  hint: string;
  /** File name ending, with the dot. */
  extension: string;
  mimeType: string;
  /** The file a base name becomes: net → net.onnx, net.py, net_numpy.py. */
  fileName(base: string): string;
  write(model: ExportableModel, fileName: string): Uint8Array;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export const FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  onnx: {
    label: 'ONNX',
    hint: 'For ONNX Runtime and other tools: the network and its weights, input normalisation included.',
    extension: '.onnx',
    mimeType: 'application/octet-stream',
    fileName: (base) => `${base}.onnx`,
    write: (model) => exportOnnx(model),
  },
  pytorch: {
    label: 'PyTorch',
    hint: 'A PyTorch script: the network as an nn.Module, predict() and train().',
    extension: '.py',
    mimeType: 'text/x-python',
    fileName: (base) => `${base}.py`,
    write: (model, fileName) => utf8(exportPytorch(model, fileName)),
  },
  numpy: {
    label: 'NumPy (course style)',
    hint: 'A NumPy script in the course’s style: forward, backward, update_parameters, predict.',
    extension: '.py',
    mimeType: 'text/x-python',
    fileName: (base) => `${base}_numpy.py`,
    write: (model, fileName) => utf8(exportNumpy(model, fileName)),
  },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export type ExportResult = { ok: true; bytes: Uint8Array; fileName: string } | { ok: false; error: string };

/**
 * A model file (text or parsed JSON) in another format. `fileName` is the name the file will have
 * (the scripts' usage lines mention it); by default the format's name for "network".
 */
export function exportAs(format: ExportFormat, modelFile: string | unknown, fileName = FORMAT_INFO[format].fileName('network')): ExportResult {
  const read = readExportable(modelFile);
  if (!read.ok) return { ok: false, error: `the model cannot be exported: ${read.error}` };
  return { ok: true, bytes: FORMAT_INFO[format].write(read.model, baseName(fileName)), fileName };
}

/** A file name without folders (the scripts print it in their usage). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
