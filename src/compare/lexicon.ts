// The comparison's word lists live with every other list in src/lexicon/ (see stop.ts and voices.ts).
export { FUNCTION_WORDS as STOP } from '../lexicon/stop.ts';
export { VOICE_ROLES } from '../lexicon/voices.ts';
