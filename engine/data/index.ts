/**
 * engine/data — public entry: datasets and where they come from (generators, CSV, IDX, CIFAR,
 * HDF5, image folders, multi-task CSV), their summaries, augmentation, and the seeded RNG that
 * draws them. Browser-safe: readers take bytes; reading files from disk lives in engine/node.
 */
export { exampleSize, type Dataset } from './dataset';
export { transformImage } from './augment';
export { blobs, circles, flower, generate, moons, spirals, xor } from './generators';
export type { DataSource, GeneratorName, Normalisation, SplitConfig } from './source';
export { readCifar10 } from './readers/cifar';
export { analyseColumns, buildCsvDataset, parseTable, type CsvOptions, type CsvResult, type CsvTable, type CsvTask } from './readers/csv';
export { DataReadError, type ReadResult } from './readers/errors';
export { readHdf5Bytes, type H5Module } from './readers/hdf5';
export { readIdxPair } from './readers/idx';
export { readImageFolderAsync, type ImageFile, type ImageFolderOptions, type Rgba } from './readers/image-folder';
export { classCounts, featureStats } from './readers/summary';
export { decodeText } from './readers/text-encoding';
export { buildTaskDataset } from './tasks/csv';
export { isMultiTask, shapeOfData } from './tasks/dataset';
export { planeTasks } from './tasks/example-data';
export { createRng } from '../tensor/rng';
export { selectClasses } from './classes';
