import type { Cases } from './types';

export const procedureCases: Cases = {};
