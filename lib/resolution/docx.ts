/**
 * A Word upload as plain text, so a .docx goes through the same parser as pasted text.
 * mammoth's raw text has one paragraph per line followed by a blank line, which is the
 * layout the parser reads. Numbers made by Word's automatic list numbering are not part of
 * the text (only typed "1." numbers are), so such lists arrive unnumbered.
 */
import mammoth from 'mammoth';

/** A .docx is a ZIP package, and every ZIP starts with "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function docxToText(bytes: Uint8Array): Promise<string> {
  if (!isZip(bytes)) {
    throw new Error('this is not a .docx file (a Word document is a ZIP package, and this file is not one); save it as .docx, or paste the text');
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer }));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`this is not a valid .docx file (${reason})`);
  }
  return value;
}
