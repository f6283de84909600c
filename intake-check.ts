import fs from 'node:fs';
import { parseResolutionText } from './lib/resolution/parse';
for (const f of fs.readdirSync('tests/fixtures/shapes')) {
  const r = parseResolutionText(fs.readFileSync(`tests/fixtures/shapes/${f}`, 'utf8'));
  console.log('=====', f);
  if (!r.ok) {
    console.log(r.errors);
    continue;
  }
  const { paragraphs, ...rest } = r.resolution;
  console.log(
    JSON.stringify({ ...rest, paragraphs: paragraphs.map((p) => `${p.kind}: ${p.text.slice(0, 40)}`) }, null, 1),
  );
  console.log(r.warnings);
}
