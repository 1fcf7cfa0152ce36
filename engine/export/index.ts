/**
 * engine/export — public entry: the model file (docs/model-format.md), importing it back
 * all-or-nothing, and exporting it onward (ONNX, PyTorch, NumPy).
 */
export type { ModelFile } from './format';
export { EXPORT_FORMATS, exportAs, FORMAT_INFO, isExportFormat, type ExportFormat } from './formats';
export { importModel } from './import';
export { APP_ID } from './from-run';
