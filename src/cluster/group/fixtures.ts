import type { GroupArticle } from './index.ts';

// Our own sentences: a crane collapse at a harbour, a later story from the same town that
// repeats part of it as background, and unrelated reports to give the pile its word statistics.
export const CRANE = [
  'A container crane collapsed onto the main quay of Port Wellam on Tuesday morning, crushing two lorries and injuring four dock workers.',
  'The harbour master, Irene Castellano, said the crane had been inspected in March and passed every test.',
  'Witnesses described a loud crack before the boom folded and fell across berth seven.',
  'Emergency crews from Wellam and Ostrand worked for six hours to free a driver trapped in his cab.',
  'The four injured workers were taken to Ostrand General Hospital, where two remain in serious condition.',
  'Shipping at berths six, seven and eight has been suspended until engineers declare the quay safe.',
  'The crane, built by Halvorsen Lifting in 2009, was one of three identical machines on the quay.',
  'The dockers union called for the other two cranes to be taken out of service at once.',
  'Police said there was no sign of sabotage and that the inquiry would be led by the maritime safety board.',
];

const COUNCIL = [
  'Port Wellam council voted on Friday to spend 3.2 million on a new covered market beside the old fish hall.',
  'Councillor Tomas Reinholt, who chairs the finance committee, said the market would open in the spring of 2027.',
  'Traders who now sell from tents in the car park will be offered stalls at the same rent for two years.',
  'The vote passed by eleven to four, with the opposition arguing that the money should go to road repairs.',
  'Architects from the firm Lindqvist and Berg presented drawings of a timber hall with a glass roof.',
  'Construction is expected to begin in October once the fish hall has been cleared of asbestos.',
];

const OTHERS = [
  'The national orchestra announced a winter tour of nine cities, opening in Tallberg with a programme of Sibelius and Nielsen. Tickets go on sale next week and the conductor, Mira Osei, will lead every concert. The tour ends in the capital on the first of February.',
  'Heavy snow closed the mountain pass between Grefsen and Aurdal for the third time this month. Road crews cleared drifts more than two metres deep. The transport ministry said the pass would reopen once avalanche control work was finished.',
  'A rare painting by the landscape artist Henrik Moe sold at auction in Kestad for far above its estimate. The buyer, a private collector, bid by telephone. The painting had hung in a farmhouse kitchen for eighty years.',
  'The football club Vardal United sacked its manager after a run of seven defeats. The chairman thanked him for three years of service. An interim coach from the youth academy will lead the team on Saturday.',
];

export const day = (n: number) => new Date(Date.UTC(2026, 2, 3 + n, 9)).toISOString();

/** A rewrite as another outlet carries it: a sentence dropped, two swapped, the reporting verb changed. */
export function rewrite(sentences: string[], drop: number): string {
  const kept = sentences.filter((_, i) => i !== drop);
  [kept[1], kept[2]] = [kept[2]!, kept[1]!];
  return kept.join(' ').replace(/\bsaid\b/g, 'told reporters');
}

/** Three reports of a crane collapse, a later council story (two reports) repeating part of it as background, unrelated reports. */
export function harbourPile(): GroupArticle[] {
  // The council story repeats three of the crane story's sentences as background after its lead.
  const followUp = [COUNCIL[0]!, ...CRANE.slice(4, 7), ...COUNCIL.slice(1)];
  return [
    { id: 'crane-1', title: 'Crane collapses on Port Wellam quay', text: CRANE.join(' '), published: day(0) },
    { id: 'crane-2', title: null, text: rewrite(CRANE, 3), published: day(0) },
    { id: 'crane-3', title: 'Four hurt as harbour crane falls', text: rewrite(CRANE, 6), published: day(1) },
    { id: 'council-1', title: 'Port Wellam council backs covered market', text: followUp.join(' '), published: day(3) },
    { id: 'council-2', title: null, text: rewrite(followUp, 8), published: day(3) },
    ...OTHERS.map((text, i) => ({ id: `other-${i}`, title: null, text, published: day(i) })),
  ];
}

