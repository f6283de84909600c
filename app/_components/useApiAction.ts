'use client';
import { useCallback, useState } from 'react';
import { useRouter } from 'next/navigation';
import { isApiFailure, type ApiFailure } from './api';
import { useConfirm, type ConfirmRequest } from './ConfirmDialog';
import { useToast } from './Toaster';
import { useHydrated } from './useHydrated';
import { issuesByField, plainFailure } from '@/app/_lib/plain-words';

export interface ApiActionOptions<T> {
  /** The toast on success (one per outcome); none when omitted. */
  success?: string | ((result: T) => string);
  /** Said when the failure has no message of its own ("Could not close the vote"). */
  failure: string;
  /** After success: re-render the server parts of the page, and/or call a reload. */
  refresh?: boolean | (() => unknown);
  /**
   * The failure is shown next to the form (from `problem` / `fieldErrors`) instead of as a
   * toast: forms say what to fix where it is fixed.
   */
  inline?: boolean;
}

/**
 * The one way a component calls the API for an act: busy while it runs, one toast for the
 * outcome, the failure in plain words (kept for an inline message), and a refresh after.
 * Also busy until the page is hydrated, so buttons disabled by `busy` are never tapped while
 * they have no handler yet.
 */
export function useApiAction() {
  const toast = useToast();
  const router = useRouter();
  const confirm = useConfirm();
  const hydrated = useHydrated();
  const [running, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const run = useCallback(
    async <T>(call: () => Promise<T>, options: ApiActionOptions<T>): Promise<T | undefined> => {
      setBusy(true);
      setFailure(null);
      try {
        const result = await call();
        const said = typeof options.success === 'function' ? options.success(result) : options.success;
        if (said) toast(said);
        if (typeof options.refresh === 'function') await options.refresh();
        else if (options.refresh) router.refresh();
        return result;
      } catch (err) {
        const f: ApiFailure = isApiFailure(err) ? err : { message: options.failure, status: 0 };
        setFailure(f);
        if (!options.inline) toast(plainFailure(f) || options.failure, 'error');
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [toast, router],
  );

  /**
   * An act asked in a dialog first: the dialog runs it (`ask.action`) and keeps a refusal on
   * screen; once it is done, one toast and the refresh, as with `run`. False when cancelled.
   */
  const confirmed = useCallback(
    async (ask: ConfirmRequest, options: { success?: string; refresh?: boolean | (() => unknown) }) => {
      if (!(await confirm(ask))) return false;
      if (options.success) toast(options.success);
      if (typeof options.refresh === 'function') await options.refresh();
      else if (options.refresh) router.refresh();
      return true;
    },
    [confirm, toast, router],
  );

  return {
    run,
    confirmed,
    busy: running || !hydrated,
    /** The act is under way (for a "Working…" label; `busy` also covers the page loading). */
    running,
    /** The failure as the API sent it (message and issues with their lines), for forms that list each issue. */
    failure,
    problem: failure ? plainFailure(failure) : null,
    fieldErrors: failure ? issuesByField(failure) : {},
    clear: useCallback(() => setFailure(null), []),
  };
}
