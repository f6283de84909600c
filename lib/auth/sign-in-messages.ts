/**
 * What the sign-in page says when it is reached with ?error= (a refused or failed sign-in)
 * or ?signedOut=. Plain words for the person at the screen; the reason in detail is in the
 * server's log. Codes are next-auth's (OAuthSignin, …) and Concord's own (sso_…).
 */
const WHO_ADDS = 'a chair or the secretariat of your committee';

export function signInErrorMessage(code: string | undefined, provider: string): string | null {
  if (!code) return null;
  switch (code) {
    case 'sso_email_unverified':
      return `${provider} has not confirmed that your e-mail address is yours, so Concord cannot use it to find or create your account. Confirm the address with ${provider}, then try again, or ask ${WHO_ADDS}.`;
    case 'sso_no_email':
      return `${provider} did not tell Concord your e-mail address, so your account cannot be found. Ask your ${provider} administrator to release the e-mail address to Concord.`;
    case 'sso_bad_claims':
      return `${provider} sent an answer Concord cannot use. Your administrator can find the details in Concord's log.`;
    case 'OAuthSignin':
      return `Concord could not reach ${provider} to start single sign-on. Try again in a moment, or sign in with your e-mail and password.`;
    case 'OAuthCallback':
      return `${provider} did not complete the sign-in (it refused, or could not be reached). Try again in a moment.`;
    case 'CredentialsSignin':
      return 'Wrong e-mail or password.';
    case 'SessionRequired':
      return 'Sign in to see this page.';
    default:
      return 'Sign-in did not work. Try again; if it keeps failing, your administrator can find the reason in Concord’s log.';
  }
}

export function signedOutMessage(value: string | undefined, provider: string): string | null {
  if (!value) return null;
  if (value === 'provider-unreachable') {
    return `You are signed out of Concord, but ${provider} could not be reached to end its own session. On a shared computer, close the browser.`;
  }
  return 'You are signed out.';
}
