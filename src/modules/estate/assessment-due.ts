/**
 * When a vendor's next assessment is due. An assessment sets the next one by the cadence of the
 * vendor's tier at the time (12, 24 or 36 months) or by hand; when the tier rises since — a new
 * critical service depends on it, or an override — the shorter cadence brings the date forward,
 * and says so. A tier that falls leaves the date as it was: only a new assessment moves it later.
 */
import { addMonths } from './common.js';
import { words, type Language } from '../../server/i18n/index.js';
import { ASSESSMENT_CADENCE_MONTHS, TIERS, type Tier } from './vocab.js';

export interface AssessmentDue {
  nextDue: string | null;
  /** The date as it was set, when the tier's shorter cadence brought it forward; null otherwise. */
  broughtForward: { from: string; reason: string } | null;
}

/**
 * The tier the vendor had when assessed: as recorded, else (assessments recorded before it was
 * kept) the tier whose cadence gives the stored date; null when the date was set by hand.
 */
function tierWhenAssessed(latest: { assessed_on: string; next_due: string | null; tier: number | null }): number | null {
  if (latest.tier !== null) return latest.tier;
  return TIERS.find((t) => ASSESSMENT_CADENCE_MONTHS[t] !== null && latest.next_due === addMonths(latest.assessed_on, ASSESSMENT_CADENCE_MONTHS[t])) ?? null;
}

export function assessmentDue(tier: Tier, latest: { assessed_on: string; next_due: string | null; tier: number | null }, language: Language = 'en'): AssessmentDue {
  const then = tierWhenAssessed(latest);
  const cadence = ASSESSMENT_CADENCE_MONTHS[tier];
  if (then === null || tier >= then || cadence === null) return { nextDue: latest.next_due, broughtForward: null };
  const byTier = addMonths(latest.assessed_on, cadence);
  const say = words(language, 'estate');
  if (latest.next_due !== null && byTier >= latest.next_due) return { nextDue: latest.next_due, broughtForward: null };
  return {
    nextDue: byTier,
    broughtForward: {
      from: latest.next_due ?? 'none',
      reason: say('tier.rose', { then, tier, label: say(`tierLabel.${tier}`), date: latest.assessed_on, months: cadence }),
    },
  };
}
