'use client';
import { useEffect, useRef } from 'react';

/**
 * "Amend this paragraph" from the editor reaches the amendments panel beside it: two
 * islands of the same page, so a DOM event rather than shared state.
 */
const EVENT = 'concord:amend';

export function requestAmendment(paragraphId: string): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { paragraphId } }));
}

export function useAmendRequests(handler: (paragraphId: string) => void): void {
  useParagraphRequests(EVENT, handler);
}

/**
 * Back to a paragraph of the text (Escape in the amendment form, a mark's "back to the
 * text"): the live editor puts the caret at its start and scrolls it into view.
 */
const FOCUS_EVENT = 'concord:focus-paragraph';

export function focusParagraph(paragraphId: string): void {
  window.dispatchEvent(new CustomEvent(FOCUS_EVENT, { detail: { paragraphId } }));
}

export function useFocusParagraphRequests(handler: (paragraphId: string) => void): void {
  useParagraphRequests(FOCUS_EVENT, handler);
}

/** Listens for one of these page events naming a paragraph; the latest handler is called. */
function useParagraphRequests(event: string, handler: (paragraphId: string) => void): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const listener = (e: Event) => {
      const id = (e as CustomEvent<{ paragraphId?: unknown }>).detail?.paragraphId;
      if (typeof id === 'string') current.current(id);
    };
    window.addEventListener(event, listener);
    return () => window.removeEventListener(event, listener);
  }, [event]);
}
