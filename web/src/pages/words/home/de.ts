import type en from './en';

/** The home words in German. */
const de: typeof en = {};
export default de;
