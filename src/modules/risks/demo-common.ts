/**
 * What a demo register is made of (its scenarios, treatments, appetite, policies and security
 * options), the shorthands its distributions are written with, and the treatment every demo
 * client has in place. The registers themselves are in demo-accounting.ts, demo-manufacturer.ts
 * and demo-saas.ts; demo.ts seeds them.
 */
import type { Distribution } from '../../engine/index.js';
import type { TemplateKey } from '../../shared/risks/templates.js';
import type { FairInputs, LinkInput, TreatmentEffect } from './schema.js';

export const pert = (min: number, mode: number, max: number): Distribution => ({ type: 'pert', min, mode, max });
export const logn = (low: number, high: number): Distribution => ({ type: 'lognormal', low, high });
export const uni = (min: number, max: number): Distribution => ({ type: 'uniform', min, max });

export interface DemoTreatment {
  name: string;
  status: 'proposed' | 'planned' | 'in_place';
  annual: number;
  oneTime?: number;
  effect: TreatmentEffect;
  description?: string;
}

export interface DemoScenario {
  title: string;
  description: string;
  threat?: string;
  ownerSeat: 'CIO' | 'CTO' | 'CISO';
  template?: TemplateKey;
  params?: Record<string, number>;
  inputs?: FairInputs;
  status?: 'open' | 'treating';
  links?: LinkInput[];
  treatments?: DemoTreatment[];
  /** Proposed by the client's contributor, awaiting approval. */
  proposal?: boolean;
}

export interface DemoRegister {
  appetite: { points: { loss: number; probability: number }[]; statement: string };
  seed: number;
  /** Share of lost revenue actually lost. */
  grossMargin: number;
  scenarios: DemoScenario[];
  /** Insurance policies: covering every scenario, or those named by title; renewing in so many days. */
  policies?: { name: string; insurer: string; premium: number; deductible: number; limit: number; aggregateLimit?: number; covers?: string[]; renewsInDays: number; notes?: string }[];
  options?: { title: string; description: string; scenarios: string[]; options: { name: string; description: string; measures: { name: string; annual: number; oneTime: number; effects: Record<string, TreatmentEffect> }[] }[] };
}

export const MFA: DemoTreatment = { name: 'Multi-factor authentication for e-mail and remote access', status: 'in_place', annual: 4_800, effect: { vulnerability: uni(0.4, 0.7) } };
