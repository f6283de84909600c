/** Moved to the use-case kernel (a ballot's recount is part of casting it). */
export { freshResult } from '../usecases/kernel/single-flight';
