import type { BenchContext, ScenarioResult } from './context';

/**
 * Scenarios whose subject is not built yet. They say so in the table instead of printing
 * a number: a figure for a feature that does not exist would be invented.
 */
function notYet(id: 'B4' | 'B5', title: string, measures: string, reason: string): ScenarioResult {
  return {
    id,
    title,
    columns: ['metric', 'Concord'],
    rows: [[measures, `not measured yet: ${reason}`]],
    verdicts: [],
    notes: [],
    data: { measured: false, reason },
  };
}

export async function ballotsScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  return notYet(
    'B4',
    'B4 ballots: 190 delegations cast ballots in the same second',
    'each ballot recorded exactly once; time until the final tally is shown',
    'the ballot API (POST /api/v1/votes/{voteId}/ballots) appeared while this harness was being finished and is still in progress; driving it needs the whole app server (Next), not the standalone collaboration service the harness starts — to do',
  );
}

export async function pageScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  return notYet(
    'B5',
    'B5 page: the editor page of the example with 100 tabled amendments, in Chromium',
    'JavaScript shipped (gzip); time until the editor accepts typing',
    'the editor page and amendment tabling are still in progress in other hands; measuring it needs a production build of the app, 100 amendments tabled through the API and a Chromium run — to do',
  );
}
