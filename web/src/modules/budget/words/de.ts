import type en from './en';

/** The budget words in German. */
const de: typeof en = {};
export default de;
