/** The reports words in English (the reference; de.ts has the same keys). */
const en = {};
export default en;
