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
    'voting (polls and the ballot API) is not built yet; lib/votes/ is in progress and there is no endpoint to cast a ballot',
  );
}

export async function pageScenario(_ctx: BenchContext): Promise<ScenarioResult> {
  return notYet(
    'B5',
    'B5 page: the editor page of the example with 100 tabled amendments, in Chromium',
    'JavaScript shipped (gzip); time until the editor accepts typing',
    'amendments (drafting, tabling) are not built yet, so the example with 100 tabled amendments cannot be set up; measuring it will also need a production build of the app',
  );
}
