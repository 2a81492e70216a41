/**
 * Form bodies (LanguageTool's /v2/check). A client sends a dozen fields; a body of a
 * million tiny ones would keep the event loop parsing for seconds, holding up every other
 * request, so past MAX_FORM_FIELDS the body is refused before it is parsed.
 */
import { ApiError } from './errors.js';

export const MAX_FORM_FIELDS = 1000;

/** Fields by name; a name sent twice has all its values, which the schema then refuses. */
export function parseForm(body: string): Record<string, string | string[]> {
  if (body.split('&', MAX_FORM_FIELDS + 1).length > MAX_FORM_FIELDS) {
    throw new ApiError(
      400,
      'invalid-request',
      `the form has more than ${MAX_FORM_FIELDS} fields: LanguageTool clients send "text" (or "data") and "language" and a few options`,
    );
  }
  const form: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}
