import type en from './en';

/** The governance words in German. */
const de: typeof en = {};
export default de;
