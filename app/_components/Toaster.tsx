'use client';
import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useState } from 'react';

/**
 * Outcomes of actions ("Amendment A/3 tabled", "Import failed: …") as toasts, announced to
 * screen readers. A toast may carry one link to where the news can be acted on ("Vote now").
 */
type Tone = 'success' | 'error' | 'info';
export interface ToastLink {
  label: string;
  /** An element id on this page (focused and scrolled to), or a URL. */
  target: string;
}
interface Toast {
  id: number;
  tone: Tone;
  text: string;
  link?: ToastLink;
}

const ToastContext = createContext<(text: string, tone?: Tone, link?: ToastLink) => void>(() => {});
export const useToast = () => useContext(ToastContext);

function follow(link: ToastLink) {
  if (link.target.startsWith('#')) {
    const el = document.getElementById(link.target.slice(1));
    el?.scrollIntoView({ block: 'nearest' });
    el?.focus();
  } else window.location.assign(link.target);
}

export function Toaster({ children }: { children: React.ReactNode }) {
  const t = useTranslations('common');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, tone: Tone = 'success', link?: ToastLink) => {
    const id = Date.now() + Math.random();
    // The same news twice (two panels hearing one event) is said once.
    setToasts((t) => [...t.filter((x) => x.text !== text), { id, tone, text, link }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === 'error' ? 9000 : link ? 12000 : 5000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast">
            <span>
              {toast.text}
              {toast.link && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="toast-link"
                    onClick={() => {
                      // Followed, the news has done its work: it stops covering the page.
                      setToasts((all) => all.filter((x) => x.id !== toast.id));
                      follow(toast.link!);
                    }}
                    data-testid="toast-link"
                  >
                    {toast.link.label}
                  </button>
                </>
              )}
            </span>
            <button
              type="button"
              aria-label={t('dismiss')}
              onClick={() => setToasts((all) => all.filter((x) => x.id !== toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
