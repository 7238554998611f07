/** Text tools for sentences that every stage may use. */

/** A sentence that opens with a pronoun ("He said…", "This was…") means nothing without the one before it. */
export const leansOnContext = (text: string) => /^[“"‘']?(?:he|she|they|it|his|her|their|its|this|that|these|those)\b/i.test(text.trim());
