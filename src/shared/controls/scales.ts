/**
 * The scales an assessment rates outcomes on: NIST CSF's implementation tiers (1 to 4) and a
 * 0 to 5 maturity scale. Shared by the server (checks, reports) and the web app (forms, charts).
 */
export const SCALE_KEYS = ['csf-tiers', 'maturity-0-5'] as const;
export type ScaleKey = (typeof SCALE_KEYS)[number];
export interface ScaleLevel {
  value: number;
  name: string;
  description: string;
}

export interface ScaleDef {
  key: ScaleKey;
  name: string;
  /** What one level is called: "Tier" or "Level". */
  unit: string;
  min: number;
  max: number;
  levels: ScaleLevel[];
}

/** The two scales an assessment can use. */
export const SCALES: Record<ScaleKey, ScaleDef> = {
  'csf-tiers': {
    key: 'csf-tiers',
    name: 'CSF implementation tiers (1\u20134)',
    unit: 'Tier',
    min: 1,
    max: 4,
    levels: [
      { value: 1, name: 'Partial', description: 'Ad hoc and reactive; little awareness of cybersecurity risk at the organizational level.' },
      { value: 2, name: 'Risk Informed', description: 'Approved by management but not established as organization-wide policy; awareness of risk exists.' },
      { value: 3, name: 'Repeatable', description: 'Formally approved and expressed as policy; regularly updated as requirements and threats change.' },
      { value: 4, name: 'Adaptive', description: 'Adapts to changing risk using lessons learned and predictive indicators; part of the culture.' },
    ],
  },
  'maturity-0-5': {
    key: 'maturity-0-5',
    name: 'Maturity (0\u20135)',
    unit: 'Level',
    min: 0,
    max: 5,
    levels: [
      { value: 0, name: 'Not performed', description: 'The outcome is not achieved at all.' },
      { value: 1, name: 'Initial', description: 'Achieved now and then, depending on individuals.' },
      { value: 2, name: 'Repeatable', description: 'Done the same way each time, though not written down.' },
      { value: 3, name: 'Defined', description: 'Documented, approved and followed across the organization.' },
      { value: 4, name: 'Managed', description: 'Measured and checked; deviations are found and corrected.' },
      { value: 5, name: 'Optimized', description: 'Continually improved from measurements and lessons learned.' },
    ],
  },
};

/** `3 (Repeatable)`, or a dash. */
export function levelLabel(scale: ScaleKey, value: number | null): string {
  if (value === null) return '\u2014';
  const level = SCALES[scale].levels.find((l) => l.value === value);
  return level ? `${value} (${level.name})` : String(value);
}

