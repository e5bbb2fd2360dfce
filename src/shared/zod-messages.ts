import { z } from 'zod';
import { plainIssueMessage, type ValidationLanguage } from './validation.js';

/**
 * Makes every Zod schema in this process use the plain messages of validation.ts, in the
 * language `language` gives when a schema checks input (English unless told: the server
 * checks in English and says the details in the request's language, see issueMessageIn). Call
 * once at start-up (the server), or where schemas first check input (the web app's
 * api/validate.ts, with the web app's language).
 */
export function installPlainValidationMessages(language: () => ValidationLanguage = () => 'en'): void {
  z.config({ customError: (issue) => plainIssueMessage(issue, language()) });
}
