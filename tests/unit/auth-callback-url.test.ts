import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/callback-url';

/** After sign-in the browser follows only paths on this site (issue 11.6). */
describe('the path followed after sign-in', () => {
  const site = 'http://localhost:3000';

  it.each([
    '/',
    '/committees/peace-security',
    '/resolutions/6c1f0a5e-1111-4222-8333-944445555666?tab=amendments#op-8',
    '/search?q=%2F%2Fnot-a-host',
  ])('keeps the same-origin path %s', (path) => {
    expect(safeCallbackPath(path, site)).toBe(path);
  });

  it.each([
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%2F/evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    'https://evil.example',
    'https://evil.example/committees',
    'http://localhost:3000.evil.example/',
    'http://localhost:3001/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.example',
    '',
    `/${'a'.repeat(5000)}`,
  ])('refuses %j and falls back to /', (value) => {
    expect(safeCallbackPath(value, site)).toBe('/');
  });

  it('accepts an absolute URL on the site itself (next-auth hands those over) and keeps only its path', () => {
    expect(safeCallbackPath('http://localhost:3000/committees/x?y=1', site)).toBe('/committees/x?y=1');
    expect(safeCallbackPath('http://localhost:3000//evil.example', site)).toBe('/');
  });

  it('without a site origin, takes paths only', () => {
    expect(safeCallbackPath('http://localhost:3000/committees', null)).toBe('/');
    expect(safeCallbackPath('/committees', null)).toBe('/committees');
  });

  it('normalises dot segments instead of letting them climb out', () => {
    expect(safeCallbackPath('/a/../../committees', site)).toBe('/committees');
    expect(safeCallbackPath('/./\\evil.example', site)).toBe('/');
  });

  it('ignores what is not a string', () => {
    expect(safeCallbackPath(undefined, site)).toBe('/');
    expect(safeCallbackPath(['/a', '/b'], site)).toBe('/');
  });
});
