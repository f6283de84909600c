// Reads one uploaded .docx in a worker thread with a memory cap, so that a zip bomb or a
// document nested thousands of levels deep costs this worker, never the server's event loop.
// Plain JS: it runs outside the TypeScript loader, and imports only packages.
//
// Order matters: the ZIP's central directory (entry count, declared sizes) is checked before
// a single byte is inflated; then every entry is inflated once with its declared size
// enforced (yauzl stops an entry that inflates past what it declared), the XML parts
// scanned for nesting depth on the way; only a package that passed all of that reaches
// mammoth. Answers { ok: true, html } or { ok: false, reason, message }.
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';
import yauzl from 'yauzl';

class Refusal extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function openZip(buffer) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(new Refusal('invalid', `its ZIP structure is damaged (${err.message})`)) : resolve(zip),
    );
  });
}

/** Every entry of the central directory, read without inflating anything. */
function centralDirectory(zip, limits) {
  if (zip.entryCount > limits.maxEntries) {
    throw new Refusal(
      'too_large',
      `it holds ${zip.entryCount} files; a Word document has a few dozen and the limit is ${limits.maxEntries}`,
    );
  }
  return new Promise((resolve, reject) => {
    const entries = [];
    let declared = 0;
    zip.on('entry', (entry) => {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) {
        zip.close();
        reject(
          new Refusal(
            'too_large',
            `it would inflate to more than ${mb(limits.maxUncompressedBytes)} (the limit); a Word document of text is far smaller`,
          ),
        );
        return;
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (e) => reject(new Refusal('invalid', `its ZIP structure is damaged (${e.message})`)));
    zip.readEntry();
  });
}

/**
 * Element depth of an XML stream, chunk by chunk: "<x" opens, "</x" and "/>" close. Text
 * between tags never holds a raw "<", quoted attribute values may hold ">" (skipped), and
 * comments or declarations ("<!", "<?") open nothing, so counting tags is enough to bound
 * the nesting a parser would meet.
 */
function depthScanner(name, maxDepth) {
  let depth = 0;
  let inTag = false;
  /** Whether the tag being read opens an element; null until its second character is seen. */
  let opening = null;
  let quote = '';
  let previous = '';
  return (chunk) => {
    const text = chunk.toString('latin1');
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (!inTag) {
        if (c === '<') {
          inTag = true;
          opening = null;
        }
      } else if (opening === null) {
        opening = c !== '/' && c !== '?' && c !== '!';
        if (c === '/') depth -= 1;
      } else if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        inTag = false;
        if (opening && previous !== '/') {
          depth += 1;
          if (depth > maxDepth)
            throw new Refusal('too_deep', `${name} nests elements more than ${maxDepth} levels deep`);
        }
      }
      previous = c;
    }
  };
}

/** Inflates one entry, its declared size enforced, feeding XML parts to the depth scanner. */
function inflate(zip, entry, limits) {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(new Refusal('invalid', `${entry.fileName} cannot be read (${err.message})`));
      const scan = /\.(xml|rels)$/i.test(entry.fileName) ? depthScanner(entry.fileName, limits.maxXmlDepth) : null;
      stream.on('data', (chunk) => {
        try {
          scan?.(chunk);
        } catch (e) {
          stream.destroy();
          reject(e);
        }
      });
      stream.on('end', resolve);
      stream.on('error', (e) =>
        reject(
          /too many bytes/i.test(e.message)
            ? new Refusal('too_large', `${entry.fileName} inflates to more than the size its ZIP header declares`)
            : new Refusal('invalid', `${entry.fileName} cannot be inflated (${e.message})`),
        ),
      );
    });
  });
}

async function read(bytes, limits) {
  const buffer = Buffer.from(bytes);
  // Every ZIP starts with "PK\x03\x04".
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new Refusal('not_docx', 'a Word document is a ZIP package, and this file is not one');
  }
  const zip = await openZip(buffer);
  const entries = await centralDirectory(zip, limits);
  if (!entries.some((e) => e.fileName === 'word/document.xml')) {
    throw new Refusal('not_docx', 'it has no word/document.xml, so it is not a Word document');
  }
  for (const entry of entries) if (!entry.fileName.endsWith('/')) await inflate(zip, entry, limits);
  zip.close();
  // Images are left out of the HTML: only the words matter to the import.
  const { value } = await mammoth.convertToHtml(
    { buffer },
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
  );
  return value;
}

read(new Uint8Array(workerData.bytes), workerData.limits).then(
  (html) => parentPort.postMessage({ ok: true, html }),
  (e) =>
    parentPort.postMessage(
      e instanceof Refusal
        ? { ok: false, reason: e.reason, message: e.message }
        : { ok: false, reason: 'invalid', message: `it is not a valid Word document (${e?.message ?? e})` },
    ),
);
