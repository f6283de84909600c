import type { Cases } from './types';

export const amendmentCases: Cases = {};
