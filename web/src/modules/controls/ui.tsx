/** Small pieces the controls pages share: levels on a scale, status badges, group titles. */
import { Badge, Text, Tooltip } from '@mantine/core';
import type { AssessmentSummary } from '@schema/controls';
import { SCALES, type ScaleKey } from '@shared/controls/scales';

/** "GOVERN" → "Govern"; other titles as they are. */
export function groupTitle(title: string): string {
  return title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title;
}

/** Options of a level Select: `3 · Repeatable`. */
export function levelOptions(scale: ScaleKey) {
  return SCALES[scale].levels.map((l) => ({ value: String(l.value), label: `${l.value} · ${l.name}` }));
}

/** A mean level to one decimal, or a dash. */
export function mean(x: number | null | undefined): string {
  return x === null || x === undefined ? '\u2014' : x.toFixed(1);
}

export function LevelText({ scale, value }: { scale: ScaleKey; value: number | null }) {
  if (value === null) return <Text span c="dimmed" size="sm">{'\u2014'}</Text>;
  const level = SCALES[scale].levels.find((l) => l.value === value);
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
  return status === 'completed' ? (
    <Badge color="teal" variant="light">
      Completed
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      In progress
    </Badge>
  );
}

/** `47 %` of a part of a whole, or a dash. */
export function share(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)} %` : '\u2014';
}
