/**
 * The database client and the live Yjs documents must exist once per process (see
 * DESIGN.md, "One process, one of each"): keeping these packages external stops Next from
 * bundling a second copy of them into the route handlers.
 */
import createNextIntlPlugin from 'next-intl/plugin';

/** The interface language of each request is chosen in i18n/request.ts (no locale in URLs). */
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // CONCORD_NEXT_DIST lets several checkouts' test runs build side by side.
  distDir: process.env.CONCORD_NEXT_DIST || '.next',
  serverExternalPackages: [
    '@electric-sql/pglite',
    'yjs',
    'y-protocols',
    'lib0',
    'postgres',
    'ioredis',
    'pino',
    'pino-pretty',
    'prom-client',
    'ws',
    'bcryptjs',
    'mammoth',
    'docx',
    'pdfkit',
    '@tiptap/core',
    '@tiptap/pm',
    '@tiptap/y-tiptap',
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm start` builds on a first start: tsc (`.ci/run`, before every merge) has already
  // checked these types, and checking them again was a third of the build's CPU time.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Turbopack's build cache (100 MB) speeds up a rebuild in the same folder; a first start
    // and every test run build from nothing, and writing the cache only slowed them.
    turbopackFileSystemCacheForBuild: false,
  },
};
export default withNextIntl(nextConfig);
