/**
 * The database client and the live Yjs documents must exist once per process (see
 * DESIGN.md, "One process, one of each"): keeping these packages external stops Next from
 * bundling a second copy of them into the route handlers.
 */
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    '@electric-sql/pglite',
    'yjs',
    'y-protocols',
    'lib0',
    'postgres',
    'ioredis',
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
};
export default nextConfig;
