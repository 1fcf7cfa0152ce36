/** Which reader fits a set of binary files: an IDX images + labels pair, or CIFAR-10 batches. */
import { readCifar10, readIdxPair, type ReadResult } from '../../../../engine/data';

export function readBinaryFiles(files: { name: string; bytes: Uint8Array }[]): ReadResult & { label: string } {
  if (files.length === 0) throw new Error('Choose the files to import.');
  const idx = files.filter((f) => /idx\d/i.test(f.name) || /ubyte/i.test(f.name));
  if (idx.length > 0) {
    const images = idx.find((f) => /idx[3-9]/i.test(f.name) || /images?/i.test(f.name));
    const labels = idx.find((f) => f !== images && (/idx1/i.test(f.name) || /labels?/i.test(f.name)));
    if (!images || !labels || idx.length !== 2) {
      throw new Error(`IDX import needs two files, images (…idx3-ubyte) and labels (…idx1-ubyte); got ${files.map((f) => f.name).join(', ')}`);
    }
    return { ...readIdxPair(images, labels), label: images.name.replace(/[-.]?images.*$/i, '') || images.name };
  }
  if (files.every((f) => /\.bin(\.gz)?$/i.test(f.name))) return { ...readCifar10(files), label: 'CIFAR-10' };
  throw new Error(`Not recognised: ${files.map((f) => f.name).join(', ')} (expected an IDX images + labels pair, or CIFAR-10 .bin batches)`);
}
