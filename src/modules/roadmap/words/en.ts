/** The roadmap's sentences the server writes into answers, in English. */
export const ROADMAP_EN = {
  'riskNote.noTreatment': 'It carries no treatment of the risk register.',
  'riskNote.notInRegister': 'Its treatments act on scenarios that are not in the register (proposals or closed ones).',
  'riskNote.engineFailed': 'The risk engine could not simulate its scenarios; see the risk register.',
} as const;
