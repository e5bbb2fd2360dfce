/** Small pieces the controls pages share: levels on a scale, status badges, group titles. */
import { Badge, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '@schema/controls';
import { SCALES, type ScaleKey } from '@shared/controls/scales';

/** "GOVERN" → "Govern"; other titles as they are. */
export function groupTitle(title: string): string {
  return title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title;
}

type LevelWords = { name: string; description: string };
/** A level's name and description in the language in use (the levels are those of SCALES). */
export function levelWords(t: TFunction<'controls'>, scale: ScaleKey, value: number): LevelWords | null {
  if (!SCALES[scale].levels.some((l) => l.value === value)) return null;
  // The words have a key per level of each scale in SCALES (words/en.ts); the level is one of them.
  const levels = t(`scales.${scale}.levels`, { returnObjects: true }) as unknown as Record<string, LevelWords>;
  return levels[String(value)] ?? null;
}

/** What one level of a scale is called ("Tier", "Level"; inside a sentence "tier", "level"), in the language in use. */
export function scaleUnit(t: TFunction<'controls'>, scale: ScaleKey, inText = false): string {
  return inText ? t(`scales.${scale}.unitInText`) : t(`scales.${scale}.unit`);
}

/** A scale's name in the language in use. */
export function scaleName(t: TFunction<'controls'>, scale: ScaleKey): string {
  return t(`scales.${scale}.name`);
}

/** A catalogue's word for its groups ("Function", "Category"; inside a sentence "function") in the language in use; a catalogue's own word as it is. */
export function groupWord(t: TFunction<'controls'>, word: string, inText = false): string {
  if (word === 'Function' || word === 'Category' || word === 'Group' || word === 'Control') return inText ? t(`groupWordsInText.${word}`) : t(`groupWords.${word}`);
  return inText ? word.toLowerCase() : word;
}

/** Options of a level Select: `3 · Repeatable`. */
export function levelOptions(t: TFunction<'controls'>, scale: ScaleKey) {
  return SCALES[scale].levels.map((l) => ({ value: String(l.value), label: `${l.value} · ${levelWords(t, scale, l.value)?.name ?? l.name}` }));
}

/** A mean level to one decimal, or a dash. */
export function mean(x: number | null | undefined): string {
  return x === null || x === undefined ? '\u2014' : x.toFixed(1);
}

export function LevelText({ scale, value }: { scale: ScaleKey; value: number | null }) {
  const { t } = useTranslation('controls');
  if (value === null) return <Text span c="dimmed" size="sm">{'\u2014'}</Text>;
  const level = levelWords(t, scale, value);
  return (
    <Tooltip label={level?.description ?? ''} disabled={!level} multiline w={280}>
      <Text span size="sm">
        {value}
        {level ? ` · ${level.name}` : ''}
      </Text>
    </Tooltip>
  );
}

export function StatusBadge({ status }: { status: AssessmentSummary['status'] }) {
  const { t } = useTranslation('controls');
  return status === 'completed' ? (
    <Badge color="teal" variant="light">
      {t('status.completed')}
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      {t('status.in_progress')}
    </Badge>
  );
}

/** `47 %` of a part of a whole, or a dash. */
export function share(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)} %` : '\u2014';
}
