import fs from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { chooseLocale, INTERFACE_LOCALES, negotiateLocale } from '@/lib/i18n/locales';
import { formatDate, formatDateTime } from '@/app/_lib/dates';
import { root, sourceFiles } from '../architecture/import-graph';

/**
 * The interface's message catalogues (messages/<locale>.json): every language has exactly
 * the English keys, every message is valid ICU with the same arguments, and every key the
 * pages ask for exists — a static scan of `t('…')` in app/.
 */
type Tree = { [key: string]: string | Tree };
const catalogue = (locale: string): Tree =>
  JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8'));
const en = catalogue('en');

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The arguments and tags a message uses ({count}, <strong>), which every language must keep. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time)
      into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) {
      into.add(`<${e.value}>`);
      argumentsOf(e.children, into);
    }
  }
  return into;
}

describe('interface messages', () => {
  const english = flatten(en);

  it('has a catalogue of the same keys for every interface language', () => {
    expect(english.size).toBeGreaterThan(80);
    for (const locale of INTERFACE_LOCALES) {
      expect([...flatten(catalogue(locale)).keys()].sort(), locale).toEqual([...english.keys()].sort());
    }
  });

  it('parses every message as ICU, with the same arguments in every language', () => {
    for (const locale of INTERFACE_LOCALES) {
      for (const [key, message] of flatten(catalogue(locale))) {
        let ast: MessageFormatElement[];
        try {
          ast = parse(message);
        } catch (e) {
          throw new Error(`${locale} ${key}: ${(e as Error).message}`);
        }
        expect([...argumentsOf(ast)].sort(), `${locale} ${key}`).toEqual(
          [...argumentsOf(parse(english.get(key)!))].sort(),
        );
      }
    }
  });

  it('notices a message that does not parse (the check itself works)', () => {
    expect(() => parse('{count, plural, one {# vote}')).toThrow();
  });

  it('writes French with typographic apostrophes and no breakable space before : ; ? ! or inside « »', () => {
    const french = [...flatten(catalogue('fr'))];
    expect(french.filter(([, m]) => /[a-zà-ÿ]'[a-zà-ÿ]/i.test(m))).toEqual([]);
    expect(french.filter(([, m]) => / [:;?!]|« | »/.test(m)).map(([k]) => k)).toEqual([]);
  });

  /** Every `t('key')`, `t.rich('key')` of app/ whose binding names its namespace. */
  function usedKeys(): { file: string; key: string; prefix: boolean }[] {
    const used: { file: string; key: string; prefix: boolean }[] = [];
    for (const file of sourceFiles('app').filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const bindings = [
        ...text.matchAll(
          /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:'([^']*)')?\s*\)/g,
        ),
      ];
      const calls = text.match(/(?:useTranslations|getTranslations)\(/g)?.length ?? 0;
      // A binding the scan cannot read would hide its keys: ask for the plain form.
      expect(bindings.length, `${file}: translations bound as "const t = useTranslations('ns')"`).toBe(calls);
      for (const [, name, ns] of bindings) {
        const call = new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup)?\\(\\s*(['\`])((?:(?!\\1).)*)\\1`, 'g');
        for (const m of text.matchAll(call)) {
          const dynamic = m[2].indexOf('${');
          const raw = dynamic >= 0 ? m[2].slice(0, dynamic).replace(/\.$/, '') : m[2];
          used.push({ file, key: ns ? `${ns}.${raw}` : raw, prefix: dynamic >= 0 });
        }
      }
    }
    return used;
  }

  it('has every key the pages use in the English catalogue', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(50);
    const groups = new Set([...english.keys()].flatMap((k) => k.split('.').map((_, i, a) => a.slice(0, i).join('.'))));
    const missing = used
      .filter(({ key, prefix }) => (prefix ? !groups.has(key) && !english.has(key) : !english.has(key)))
      .map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  /** Files whose interface text has moved into the catalogues: no English words left in them. */
  const TRANSLATED = [
    'app/layout.tsx',
    'app/page.tsx',
    'app/not-found.tsx',
    'app/signin/page.tsx',
    'app/signin/SignInForm.tsx',
    'app/settings/tokens/page.tsx',
    'app/settings/tokens/SignOutEverywhere.tsx',
    'app/_components/SignOutButton.tsx',
    'app/_components/ConfirmDialog.tsx',
    'app/_components/Toaster.tsx',
    'app/_components/LocaleSwitcher.tsx',
    'app/resolutions/[id]/page.tsx',
    'app/resolutions/[id]/StageControl.tsx',
    'app/resolutions/[id]/editor/ConnectionBadge.tsx',
    'app/resolutions/[id]/editor/PresenceList.tsx',
    'app/resolutions/[id]/editor/Toolbar.tsx',
    'app/resolutions/[id]/editor/ResolutionEditor.tsx',
    'app/resolutions/[id]/procedure/ProcedureBoard.tsx',
    'app/resolutions/[id]/procedure/VotesSection.tsx',
    'app/resolutions/[id]/procedure/VoteCard.tsx',
    'app/resolutions/[id]/procedure/BallotSheet.tsx',
    'app/resolutions/[id]/procedure/TallyChart.tsx',
    'app/resolutions/[id]/procedure/ReservationsSection.tsx',
    'app/resolutions/[id]/procedure/ReservationMarks.tsx',
    'app/resolutions/[id]/procedure/AdoptionDialog.tsx',
    'app/resolutions/[id]/procedure/PublishButton.tsx',
    'app/resolutions/[id]/screen/ScreenControl.tsx',
    'app/resolutions/[id]/screen/RoomScreen.tsx',
    'app/resolutions/[id]/languages/page.tsx',
    'app/resolutions/[id]/languages/AddLanguageForm.tsx',
    'app/resolutions/[id]/languages/SideBySide.tsx',
    'app/resolutions/[id]/languages/AmendmentTranslations.tsx',
    'app/resolutions/[id]/published/page.tsx',
    'app/resolutions/[id]/versions/compare/page.tsx',
    'app/resolutions/[id]/versions/compare/Redline.tsx',
    'app/resolutions/[id]/versions/[versionId]/page.tsx',
    'app/resolutions/[id]/VersionsPanel.tsx',
    'app/resolutions/[id]/amendments/AmendmentsPanel.tsx',
    'app/resolutions/[id]/amendments/AmendmentForm.tsx',
    'app/resolutions/[id]/amendments/AmendmentCard.tsx',
    'app/resolutions/[id]/amendments/CompilationTable.tsx',
    'app/resolutions/[id]/amendments/page.tsx',
    'app/settings/tokens/TokenManager.tsx',
    'app/committees/[committee]/page.tsx',
    'app/committees/[committee]/NewResolutionForm.tsx',
    'app/committees/[committee]/RosterManager.tsx',
    'app/committees/[committee]/import/page.tsx',
    'app/committees/[committee]/import/ImportForm.tsx',
    'app/committees/[committee]/import/ImportPreview.tsx',
  ];

  /** Names and code, the same in every language. */
  const NOT_WORDS = ['Concord', 'Bangkok', 'Authorization: Bearer &lt;token&gt;'];

  it('leaves no hard-coded English in the translated pages', () => {
    const found: string[] = [];
    for (const file of TRANSLATED) {
      const text = fs
        .readFileSync(path.join(root, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
      // Text between tags, and the attributes people read or hear.
      for (const m of text.matchAll(/(?<![=-])>([^<>{}();=]*[A-Za-z]{3,}[^<>{}();=]*)</g))
        if (!NOT_WORDS.includes(m[1].trim())) found.push(`${file}: ${m[1].trim()}`);
      for (const m of text.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*[A-Za-z]{3,}[^"]*)"/g))
        if (!NOT_WORDS.includes(m[1])) found.push(`${file}: ${m[1]}`);
      // A sentence in quotes given to a toast, a confirm or a label.
      for (const m of text.matchAll(
        /(?:toast|title|message|confirmLabel|label)\(?\s*[:(]\s*['`]([A-Z][a-z]+ [^'`]*)['`]/g,
      ))
        found.push(`${file}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });

  it('chooses the user’s language, then the cookie, then the browser, then English', () => {
    expect(chooseLocale({ userLocale: 'en', cookieLocale: 'fr', acceptLanguage: 'fr-FR' })).toBe('en');
    expect(chooseLocale({ userLocale: null, cookieLocale: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(chooseLocale({ cookieLocale: 'xx', acceptLanguage: 'de-CH, fr;q=0.8, en;q=0.5' })).toBe('fr');
    expect(chooseLocale({ acceptLanguage: 'de, ja' })).toBe('en');
    expect(chooseLocale({})).toBe('en');
    expect(negotiateLocale('en;q=0.4, fr-CA;q=0.9')).toBe('fr');
    expect(negotiateLocale('fr;q=0, en')).toBe('en');
    expect(negotiateLocale(`${'x,'.repeat(5000)}fr`)).toBeNull();
  });

  it('writes dates the reader’s way', () => {
    expect(formatDate('2010-04-01', 'fr')).toBe('1er avril 2010');
    expect(formatDate('2010-04-01', 'en')).toBe('1 April 2010');
    expect(formatDateTime('2026-11-30T17:05:00Z', 'fr')).toBe('30 novembre 2026 à 17:05 UTC');
  });
});
