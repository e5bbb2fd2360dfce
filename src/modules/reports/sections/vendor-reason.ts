/**
 * A vendor's reason to be critical in the pack's language. The estate words it in English
 * (src/modules/estate/graph.ts); a pack in another language writes its two plain forms again
 * (a service it supports, a data set it holds). Other forms print as the estate wrote them.
 */
import type { PackWords } from '../i18n/index.js';

const LEVELS = ['critical', 'high', 'medium', 'low', 'public', 'internal', 'confidential', 'restricted'] as const;
type Level = (typeof LEVELS)[number];
const isLevel = (x: string): x is Level => (LEVELS as readonly string[]).includes(x);

export function vendorReasonIn(words: PackWords, reason: string): string {
  if (words.language === 'en') return reason;
  const service = /^Supports "(.*)" \((\w+) service\)$/.exec(reason);
  if (service && isLevel(service[2]!)) return words.t('vendors.supports', { name: service[1]!, level: words.t(`vendors.level.${service[2]}`) });
  const data = /^Holds "(.*)" \((\w+) data\)$/.exec(reason);
  if (data && isLevel(data[2]!)) return words.t('vendors.holds', { name: data[1]!, level: words.t(`vendors.level.${data[2]}`) });
  return reason;
}
