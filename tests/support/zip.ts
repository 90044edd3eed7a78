import { constants, crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * A minimal zip writer and reader for test fixtures: hostile or broken xlsx files (a macro part,
 * sizes that lie, a zip that is not a workbook, zip bombs) are made from a real workbook's entries.
 */

/** Content made of `head`, then `body` `times` over, then `tail`: gigabytes without holding them. */
export type RepeatedContent = { head: string; body: string; times: number; tail: string };

export type ZipFixtureEntry = {
  name: string;
  data: Buffer | RepeatedContent;
  /** Write this as the uncompressed size instead of the real one (a lying zip). */
  declaredSize?: number;
  /** Write the entry's data but leave it out of the central directory (a smuggled part). */
  hidden?: boolean;
};

/**
 * Deflates each piece on its own (no back-reference crosses a piece) and ends all but the last with
 * a sync flush, so the body's compressed bytes can simply be repeated: a bomb of any size is built in
 * milliseconds from a few kilobytes of compressed data.
 */
function deflateRepeated(content: RepeatedContent): { compressed: Buffer; size: number; crc: number } {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const unit = Buffer.from(content.body);
  // Repeat a block of about 64 kB (fewer pieces, better compression), then the remainder once.
  const perBlock = Math.max(1, Math.min(content.times, Math.floor(65_536 / Math.max(1, unit.length))));
  const block = Buffer.concat(new Array<Buffer>(perBlock).fill(unit));
  const blocks = Math.floor(content.times / perBlock);
  const rest = Buffer.concat(new Array<Buffer>(content.times - blocks * perBlock).fill(unit));
  const head = Buffer.from(content.head);
  const tail = Buffer.from(content.tail);
  let crc = crc32(head);
  for (let i = 0; i < blocks; i++) crc = crc32(block, crc);
  crc = crc32(tail, crc32(rest, crc));
  return {
    compressed: Buffer.concat([
      deflateRawSync(head, sync),
      ...new Array<Buffer>(blocks).fill(deflateRawSync(block, sync)),
      deflateRawSync(rest, sync),
      deflateRawSync(tail),
    ]),
    size: head.length + block.length * blocks + rest.length + tail.length,
    crc,
  };
}

function deflated(data: Buffer | RepeatedContent): { compressed: Buffer; size: number; crc: number } {
  if (!Buffer.isBuffer(data)) return deflateRepeated(data);
  return { compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

export function buildZip(entries: readonly ZipFixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const { compressed, size: realSize, crc } = deflated(entry.data);
    const size = entry.declaredSize ?? realSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    if (!entry.hidden) centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const listed = entries.filter((entry) => !entry.hidden).length;
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a zip written by exceljs (deflated or stored, sizes in the central directory). */
export function unzip(data: Buffer): (ZipFixtureEntry & { data: Buffer })[] {
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: (ZipFixtureEntry & { data: Buffer })[] = [];
  for (let i = 0; i < count; i++) {
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressedSize);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return entries;
}
