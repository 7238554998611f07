/**
 * The per-article reading (issue "Read each article like an editor") and the cross-source
 * comparison (issue "The comparison no one else has"). These shapes are the public JSON
 * contracts of `analyze --json` and `compare --format json`; the HTTP API returns the same.
 * All offsets are UTF-16 code units into the article's clean `text`, end exclusive.
 */

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** True when the sentence states the writer's own evaluation or prescription. */
  opinion: boolean;
}

export type EntityType = 'person' | 'organization' | 'place' | 'other';

export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface Entity {
  /** Canonical (longest full) name, e.g. "Kristi Noem". */
  name: string;
  type: EntityType;
  /** Every surface form seen, e.g. ["Noem", "Secretary Noem"]. */
  aliases: string[];
  mentions: Mention[];
}

export interface Quantity {
  text: string;
  /** Point value when there is one (null for pure ranges or vague amounts without a number). */
  value: number | null;
  min: number | null;
  max: number | null;
  /** True for "about", "around", "nearly", "more than", vague amounts ("hundreds"). */
  approx: boolean;
  /** "percent", "USD", "miles", "years", "hours" … or null for plain counts. */
  unit: string | null;
  /** What is counted: "inmates", "men per cell", "miles south of San Salvador". */
  about: string | null;
  start: number;
  end: number;
}

export interface DateMention {
  text: string;
  /** ISO 8601 date (YYYY-MM-DD) or date-time. */
  date: string;
  start: number;
  end: number;
}

export interface Quote {
  text: string;
  /** Canonical entity name of the speaker, or null when it cannot be found (never guessed). */
  speaker: string | null;
  /**
   * The organisation or group the speaker speaks for, when the attribution itself names it
   * ("NAACP President Ben Jealous", "Lis Smith, a spokeswoman for the Obama campaign"); else null.
   */
  speakerFor?: string | null;
  /** "said", "stated", "warned", "according to" … */
  cue: string | null;
  start: number;
  end: number;
  /** True for direct quotes (quotation marks), false for indirect attribution ("X said that …"). */
  direct: boolean;
  /**
   * True when the speaker is named, with a said-verb, in the quotation's own sentence
   * (`“…,” Falk said.` / `Falk said: “…”`); false or absent when the speaker was inferred
   * (a pronoun, a continuation, a nearby reporting verb).
   */
  stated?: boolean;
}

export type SignalCategory =
  | 'loaded'
  | 'hedge'
  | 'intensifier'
  | 'group-label'
  | 'prescription'
  | 'rhetorical';

export interface Signal {
  text: string;
  category: SignalCategory;
  start: number;
  end: number;
}

export interface ArticleScores {
  loadedPer1k: number;
  hedgesPer1k: number;
  opinionShare: number;
  attributedShare: number;
  /** Number of quotes per canonical speaker name ("(unknown)" for null speakers). */
  quotesBySpeaker: Record<string, number>;
  words: number;
}

export interface ArticleAnalysis {
  /** Path/URL as given, or the stored article id. */
  input: string;
  /** The record's own id for JSONL/CSV records, else the stored id, else null. */
  id: string | null;
  title: string | null;
  sentences: Sentence[];
  entities: Entity[];
  quantities: Quantity[];
  dates: DateMention[];
  quotes: Quote[];
  signals: Signal[];
  scores: ArticleScores;
  /** Version of the analyzer that produced this result. */
  analyzerVersion: string;
}

// ---------------------------------------------------------------------------
// Comparison (`compare --format json`)

export interface ComparisonSource {
  id: string;
  input: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  scores: ArticleScores;
}

/**
 * Why a source is, or is not, said to leave out a widely reported fact: its sentence that comes
 * closest to any of the fact's sentences, and how close (the sentence-pair model's probability).
 */
export interface OmissionEvidence {
  fact: string;
  /** "fact": nothing comes close, the fact is left out; "detail": a sentence comes near, so at most a detail of it is missing (not claimed as an omission). */
  leaves: 'fact' | 'detail';
  closest: string | null;
  score: number;
  /**
   * The fact's sentence `closest` comes nearest to, and whose it is: a source can come as near to one
   * sentence of a fact (another outlet's further support, say) as the fact's own sentences do to one
   * another without telling the fact as the others state it.
   */
  nearest?: { source: string; text: string };
  /** Set when the fact gives this person's words and the source gives words of theirs too (`closest`): it may tell the statement in other words. */
  speaker?: string;
}

/** One link of a fact: two sources' sentences and what they share. */
export interface FactLink {
  /** The linked sentence's source, then the source of the sentence that states the fact (every other source of the fact links to that one). */
  sources: [string, string];
  probability: number;
  /** How close in meaning the two sentences are, 0 (unrelated) to 5 (the same), on the scale people graded news headlines with. */
  closeness: number;
  /** Probability that the two say the same thing, neither saying more (a paraphrase); low when one sentence tells more than the other. */
  sameMeaning: number;
  /** Shared content words with their weight in the story, weightiest first. */
  words: { word: string; weight: number }[];
  names: string[];
  numbers: string[];
  verbatim: string | null;
  /** Words of one sentence matched to a different word of the other by meaning (word vectors), closest first: "visited" → "toured" 0.65. */
  aligned?: { word: string; to: string; similarity: number }[];
  /** Each measure of the sentence-pair model and what it adds to the score (log-odds). */
  measures: { name: string; value: number; adds: number }[];
}

export interface Fact {
  id: string;
  text: string;
  sources: string[];
  /** How surely the sources' sentences state the same thing: the mean link probability between them (1 for one source). */
  confidence?: number;
  /** Set on a detail: a fact that some of `detailOf`'s sources state in sentences far closer to one another than to the others'. */
  detailOf?: string;
  /** For a detail: the words its outlets' sentences all give and the fact's other outlets' do not. */
  detailWords?: string[];
  /** Why the sources' sentences are one fact: each link between two of them and what it rests on. */
  links?: FactLink[];
  /** Each sentence that states the fact; `closeness` is how near in meaning it comes to the fact's `text`, 0 to 5 (5: it is that sentence). */
  support: { source: string; text: string; start?: number; end?: number; closeness?: number }[];
}

export interface NumberConflict {
  about: string;
  consistent: boolean;
  /** Plain-language explanation ("65 to 70 contains 70"; "published a day later"). */
  note?: string;
  values: { source: string; text: string; min: number | null; max: number | null; sentence?: string }[];
}

/** One word of a wording compared with another: the same, added, or removed. */
export type WordChange = { text: string; op: 'same' | 'added' | 'removed' };

export interface QuoteLedgerEntry {
  speaker: string | null;
  text: string;
  sources: string[];
  variants: { source: string; text: string; speaker?: string | null; stated?: boolean }[];
  /** Flags such as "speaker-mismatch", "wording-differs", "paraphrase-as-quote". */
  flags?: string[];
}

export interface Comparison {
  sources: ComparisonSource[];
  facts: Fact[];
  conflicts: NumberConflict[];
  quotes: QuoteLedgerEntry[];
  entities: { name: string; type: EntityType; aliases: string[]; sources: string[] }[];
  /** Per source, the facts it leaves out (`facts`), with the evidence for each fact checked (`evidence`). */
  omissions: { source: string; facts: string[]; evidence?: OmissionEvidence[] }[];
  reuse: { from: string; to: string; share: number }[];
  brief: { text: string; sources: string[]; facts?: string[] }[];
}

/** Extra detail the report shows beyond the JSON contract. */
export interface ComparisonDetail extends Comparison {
  /** Every number slot, including those only one source reports. */
  numbers: NumberConflict[];
  /** Fact ids reported by most sources. */
  consensus: string[];
  /** Fact ids reported by one source only. */
  unique: string[];
  framing: FramingProfile[];
}

export interface FramingProfile {
  source: string;
  scores: ComparisonSource['scores'];
  voices: { speaker: string; role: 'official' | 'critic' | 'affected' | 'other'; quotes: number }[];
  /** Words the source uses for groups of people, with counts ("criminals", "alleged gang members"). */
  labels: { text: string; count: number }[];
  loaded: string[];
  hedges: string[];
}
