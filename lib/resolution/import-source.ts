import { docxToText, type DocxReader } from './docx';
import { DomainError } from '../errors';
import { describeInvalidCharacter, findInvalidCharacter } from '../text/free-text';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface ImportSource {
  text?: string;
  file?: { name: string; contentBase64: string };
}

const tooLarge = (bytes: number) =>
  new DomainError('too_large:import', `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB.`);

/**
 * The text to parse, from pasted text or an uploaded .txt / .docx, within the 2 MB limit.
 * A .docx is read by `readDocx` (server/docx-reader.ts: a bounded worker), never inline.
 */
export async function importSourceText(source: ImportSource, readDocx: DocxReader): Promise<string> {
  if (source.text !== undefined) {
    const bytes = Buffer.byteLength(source.text);
    if (bytes > MAX_IMPORT_BYTES) throw tooLarge(bytes);
    return source.text;
  }
  if (!source.file) throw new DomainError('bad_request:import', 'Give the text, or a .txt or .docx file.');
  const bytes = Buffer.from(source.file.contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(bytes.length);
  const text = /\.docx$/i.test(source.file.name)
    ? await docxToText(new Uint8Array(bytes), readDocx, source.file.name)
    : decodeUtf8(bytes, source.file.name);
  // Pasted text is checked by the request schema (freeText); a file's only once decoded.
  const invalid = findInvalidCharacter(text);
  if (invalid) throw new DomainError('bad_request:import', `${source.file.name}: ${describeInvalidCharacter(invalid)}`);
  return text;
}

function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('unprocessable:import', `${name} is not UTF-8 text; save it as UTF-8 or upload the .docx.`);
  }
}
