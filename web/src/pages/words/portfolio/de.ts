import type en from './en';

/** The portfolio words in German. */
const de: typeof en = {};
export default de;
