import type en from './en';

/** The reports words in German. */
const de: typeof en = {};
export default de;
