import { z } from 'zod';
import { plainIssueMessage } from './validation.js';

/**
 * Makes every Zod schema in this process use the plain messages of validation.ts. Call once at
 * start-up (the server), or where schemas first check input (the web app's api/validate.ts).
 */
export function installPlainValidationMessages(): void {
  z.config({ customError: (issue) => plainIssueMessage(issue) });
}
