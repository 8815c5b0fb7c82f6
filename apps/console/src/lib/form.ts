import { errorMessage, parseError, type ErrorWords } from './errors.js';
import type { MessageKey, Values } from '../i18n/locale.js';

interface FormWithErrors {
  setFieldError(path: string, error: string): void;
  values: object;
}

/**
 * Puts the server's field errors (`extensions.field`) next to the fields of the form; returns the message for
 * whatever could not be placed next to a field, or null.
 */
export function applyServerErrors(form: FormWithErrors, error: unknown, words: ErrorWords): { key: MessageKey; values: Values } | null {
  const parsed = parseError(error, words);
  let placed = false;
  for (const [field, message] of Object.entries(parsed.fieldErrors)) {
    if (field in form.values) {
      form.setFieldError(field, message);
      placed = true;
    }
  }
  // A refusal (a coordinator's record outside their area) is not a typing mistake: say so, in the person's language.
  if (placed) return { key: parsed.kind === 'forbidden' ? 'error.forbiddenFields' : 'error.fixFields', values: {} };
  return errorMessage(parsed);
}

/** '' becomes null (clears an optional field), other text is trimmed. */
export function optionalText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
