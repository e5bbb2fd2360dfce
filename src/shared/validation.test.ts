import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, issueMessageIn, plainIssueMessage, sayOfField } from './validation.js';
import { installPlainValidationMessages } from './zod-messages.js';

installPlainValidationMessages();
const Form = z.strictObject({ name: z.string().max(200), endOfLife: z.string().min(1), seats: z.array(z.string()).min(1), limit: z.number().min(0) });

describe('validation messages in English and German', () => {
  it('says each problem of a form in plain German, of the field by its German name', () => {
    const issues = Form.safeParse({ name: 'x'.repeat(201), endOfLife: '', seats: [], limit: -1 }).error!.issues;
    const said = issues.map((i) => sayOfField(i.path.join('.'), issueMessageIn(i, i.message, 'de'), 'de'));
    expect(said).toEqual([
      'Name darf höchstens 200 Zeichen lang sein',
      'Lebensende darf nicht leer sein',
      'Die Auswahl der Sitze muss mindestens einen Eintrag haben',
      'Betragsgrenze muss mindestens 0 sein',
    ]);
    expect(issues.map((i) => sayOfField(i.path.join('.'), i.message))).toEqual([
      'Name must be at most 200 characters',
      'End of life must not be empty',
      'Seats must have at least one item',
      'Limit must be at least 0',
    ]);
  });

  it('names a list\u2019s page size for what it is, not as the insurance limit of the same name', () => {
    expect(fieldLabel('querystring.limit', 'de')).toBe('Anzahl je Seite');
    expect(fieldLabel('body.limit', 'de')).toBe('Betragsgrenze');
    expect(fieldLabel('querystring.limit', 'en')).toBe('Limit');
  });

  it('tells a missing field from one of the wrong kind, though Zod keeps no input', () => {
    const issues = Form.safeParse({ name: 5, seats: ['CIO'], limit: 1 }).error!.issues;
    expect(issues.map((i) => i.message)).toEqual(['must be text', 'is required']);
    expect(issues.map((i) => issueMessageIn(i, i.message, 'de'))).toEqual(['muss Text sein', 'ist erforderlich']);
  });

  it('keeps a message a schema set itself, and numbers in the reader\u2019s form', () => {
    expect(issueMessageIn({ code: 'custom' }, 'must come with entityType', 'de')).toBe('must come with entityType');
    expect(issueMessageIn({ code: 'custom' }, 'send either code or recoveryCode', 'de')).toBe('senden Sie entweder code oder recoveryCode');
    expect(plainIssueMessage({ code: 'too_big', origin: 'number', maximum: 1_000_000, inclusive: true }, 'de')).toBe('darf höchstens 1.000.000 sein');
    expect(sayOfField('body.constructor', 'ist erforderlich', 'de')).toBe('Constructor ist erforderlich');
  });
});
