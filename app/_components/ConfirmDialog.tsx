'use client';
import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { isApiFailure } from './api';
import { trapTab } from './focus-trap';
import { plainFailure } from '@/app/_lib/plain-words';

/**
 * The app's own confirmation dialog, in place of the browser's confirm(): a modal <dialog>
 * (the rest of the page is inert while it is open, so focus stays inside), focus returned
 * to what had it when it closes, and the action run from inside it — a refusal ("a vote is
 * open") is shown in the dialog itself, not in a toast behind its backdrop.
 */
export interface ConfirmRequest {
  title: string;
  message?: React.ReactNode;
  confirmLabel: string;
  /** A destructive or final act: the button says so in colour as well as in words. */
  danger?: boolean;
  /** A line of words to ask for (a ruling's reason); given to `action`. */
  input?: { label: string };
  /** Runs when confirmed; a thrown error stays in the dialog, which stays open. */
  action?: (input: string) => Promise<void>;
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm>(async () => false);
export const useConfirm = () => useContext(ConfirmContext);

interface Open extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
  returnTo: HTMLElement | null;
}

export function ConfirmProvider({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState<Open | null>(null);
  const confirm = useCallback<Confirm>(
    (request) =>
      new Promise<boolean>((resolve) => {
        const active = document.activeElement;
        setOpen({ ...request, resolve, returnTo: active instanceof HTMLElement ? active : null });
      }),
    [],
  );
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {open && <ConfirmDialog request={open} onClosed={() => setOpen(null)} />}
    </ConfirmContext.Provider>
  );
}

function ConfirmDialog({ request, onClosed }: { request: Open; onClosed: () => void }) {
  const t = useTranslations('common');
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [input, setInput] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const finish = (confirmed: boolean) => {
    dialog.current?.close();
    request.resolve(confirmed);
    onClosed();
    // Back to the button that asked, so a keyboard user carries on where they were.
    if (request.returnTo?.isConnected) request.returnTo.focus();
  };

  async function accept() {
    if (request.input && !input.trim()) {
      setProblem(t('mayNotBeEmpty', { field: request.input.label }));
      return;
    }
    if (!request.action) return finish(true);
    setBusy(true);
    setProblem(null);
    try {
      await request.action(input.trim());
      finish(true);
    } catch (err) {
      setProblem(isApiFailure(err) ? plainFailure(err) : t('requestFailed'));
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="app-dialog"
      aria-labelledby="confirm-title"
      aria-describedby={request.message ? 'confirm-message' : undefined}
      data-testid="confirm-dialog"
      onKeyDown={trapTab}
      // Escape: the browser closes the dialog; treat it as "Cancel".
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) finish(false);
      }}
    >
      <h2 id="confirm-title">{request.title}</h2>
      {request.message && (
        <div id="confirm-message" className="dialog-message">
          {request.message}
        </div>
      )}
      {request.input && (
        <label className="dialog-input">
          {request.input.label}
          <textarea
            value={input}
            onChange={(e) => setInput(e.target.value)}
            rows={3}
            maxLength={2000}
            data-testid="confirm-input"
          />
        </label>
      )}
      {problem && (
        <p className="error" role="alert" data-testid="confirm-problem">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className={request.danger ? 'primary danger-button' : 'primary'}
          disabled={busy}
          onClick={accept}
          data-testid="confirm-ok"
        >
          {busy ? t('working') : request.confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => finish(false)}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
