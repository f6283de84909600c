import type { Db } from '@/db/client';

/** Shared vocabulary of the role × action matrix (see ../api-permissions.test.ts). */
export type Who = 'chair' | 'secretariat' | 'member' | 'observer' | 'translator' | 'outsider' | 'anonymous';
export const WHO: Who[] = ['chair', 'secretariat', 'member', 'observer', 'translator', 'outsider', 'anonymous'];
/** The demo accounts playing each role (member: Iran's delegate; outsider: another committee). */
export const EMAIL: Record<Exclude<Who, 'anonymous'>, string> = {
  chair: 'chair@example.org',
  secretariat: 'secretariat@example.org',
  member: 'iran@example.org',
  observer: 'observer@example.org',
  translator: 'translator@example.org',
  outsider: 'democracy@example.org',
};

export interface Ctx {
  db: Db;
  committeeId: string;
  /** The demo draft of peace-security (drafting stage). */
  resolutionId: string;
  /** By e-mail address. */
  userIds: Record<string, string>;
  tokenIds: Record<string, string>;
}
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}
/** How to call one operation (build fresh fixtures per call) and which roles may. */
export interface Case {
  allowed: Who[];
  call: (c: Ctx, who: Who) => Promise<Call>;
}
export type Cases = Record<string, Case>;

let counter = 0;
export const unique = (p: string) => `${p} ${++counter}`;
