import type en from './en';

/** The notifications words in German. */
const de: typeof en = {};
export default de;
