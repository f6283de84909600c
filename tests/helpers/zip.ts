import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer for crafting hostile uploads: each entry is deflated (or given
 * already deflated), and the sizes written in its headers can be set to lie.
 */
export interface ZipEntry {
  name: string;
  /** The entry's content, deflated here; or `deflated` with its true size and CRC. */
  data?: Uint8Array | string;
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** Writes this uncompressed size in the headers instead of the true one. */
  declaredSize?: number;
}

export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? []);
    const packed = e.deflated ?? { bytes: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? packed.size;
    const header = (central: boolean) => {
      const h = Buffer.alloc(central ? 46 : 30);
      let at = 0;
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, at);
      at += 4;
      if (central) {
        h.writeUInt16LE(20, at); // version made by
        at += 2;
      }
      h.writeUInt16LE(20, at); // version needed
      h.writeUInt16LE(0, at + 2); // flags
      h.writeUInt16LE(8, at + 4); // deflate
      h.writeUInt32LE(0, at + 6); // time, date
      h.writeUInt32LE(packed.crc >>> 0, at + 10);
      h.writeUInt32LE(packed.bytes.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
      h.writeUInt16LE(0, at + 24); // extra
      if (central) {
        h.writeUInt16LE(0, at + 26); // comment
        h.writeUInt16LE(0, at + 28); // disk
        h.writeUInt16LE(0, at + 30); // internal attributes
        h.writeUInt32LE(0, at + 32); // external attributes
        h.writeUInt32LE(offset, at + 36);
      }
      return h;
    };
    const local = Buffer.concat([header(false), name, packed.bytes]);
    locals.push(local);
    centrals.push(Buffer.concat([header(true), name]));
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A minimal Word package around the given document.xml body (paragraphs as <w:p>). */
export function minimalDocx(body: string, extra: ZipEntry[] = []): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return writeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: document },
    ...extra,
  ]);
}

export const wordParagraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** One file out of a ZIP package (a .docx), read with the central directory; enough for tests. */
export function readZipEntry(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the package`);
}
