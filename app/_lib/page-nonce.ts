/**
 * The CSP nonce of this page, for a <style> a library injects at run time (TipTap's editor
 * styles). Next puts the nonce on every script it renders; browsers hide the attribute's
 * value from getAttribute but keep it on the element's `nonce` property.
 */
export function pageNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
}
