import { inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

/** Whether `bytes` start like a zip archive (a local file header). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32LE(0) === LOCAL_HEADER;
}

/**
 * The first file of a zip archive (Partner Center's compressed price sheet holds one CSV). Sizes
 * are read from the central directory, so entries written with a trailing data descriptor work.
 */
export function firstZipEntry(bytes: Uint8Array): { name: string; data: Buffer } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - END_SEARCH); i -= 1) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('the zip archive has no end of central directory record');
  if (buf.readUInt16LE(end + 10) === 0) throw new Error('the zip archive is empty');
  const central = buf.readUInt32LE(end + 16);
  if (central + 46 > buf.length || buf.readUInt32LE(central) !== CENTRAL_HEADER) {
    throw new Error('the zip archive central directory is unreadable');
  }
  const method = buf.readUInt16LE(central + 10);
  const compressedSize = buf.readUInt32LE(central + 20);
  const nameLength = buf.readUInt16LE(central + 28);
  const localOffset = buf.readUInt32LE(central + 42);
  const name = buf.toString('utf8', central + 46, central + 46 + nameLength);
  if (buf.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error('the zip archive entry is unreadable');
  const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
  const raw = buf.subarray(start, start + compressedSize);
  if (method === STORED) return { name, data: Buffer.from(raw) };
  if (method === DEFLATED) return { name, data: inflateRawSync(raw) };
  throw new Error(`the zip archive uses compression method ${method}; only stored and deflate are read`);
}
