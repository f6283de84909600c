import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

/** Akoma Ntoso 3.0 schema validation against the XSD shipped in tests/fixtures. */
const fixtures = new URL('../fixtures/akoma-ntoso/', import.meta.url);
const schema = { fileName: 'akomantoso30.xsd', contents: readFileSync(new URL('akomantoso30.xsd', fixtures), 'utf8') };
const xmlXsd = { fileName: 'xml.xsd', contents: readFileSync(new URL('xml.xsd', fixtures), 'utf8') };

/** The schema's complaints about `xml`; empty when it is valid. */
export async function akomaNtosoErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'resolution.xml', contents: xml }],
    schema: [schema],
    preload: [xmlXsd],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
