import type en from './en';

/** The controls words in German. */
const de: typeof en = {};
export default de;
