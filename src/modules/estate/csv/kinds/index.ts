import type { CsvKind } from '../../vocab.js';
import type { KindSpec } from '../kit.js';
import { contractsKind } from './contracts.js';
import { datasetsKind } from './datasets.js';
import { grantsKind } from './grants.js';
import { servicesKind } from './services.js';
import { systemsKind } from './systems.js';
import { vendorsKind } from './vendors.js';

/** The CSV kinds, by name. */
export const KINDS: Record<CsvKind, KindSpec> = {
  services: servicesKind,
  systems: systemsKind,
  vendors: vendorsKind,
  contracts: contractsKind,
  datasets: datasetsKind,
  grants: grantsKind,
};
