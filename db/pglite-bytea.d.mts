import type { PGliteOptions } from '@electric-sql/pglite';

/** PGlite options: its bytea serializer and parser replaced (see pglite-bytea.mjs). */
export declare const byteaCodec: Pick<PGliteOptions, 'serializers' | 'parsers'>;
