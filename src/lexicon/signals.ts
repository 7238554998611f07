/**
 * Word lists for language signals, read by src/analyze/signals: loaded words, hedges,
 * intensifiers, labels for groups of people, prescriptions and rhetorical framing, each a signal
 * that points at the exact words; and evaluative adjectives, which count toward marking a
 * sentence as opinion. Written for Parallax from newsroom usage (see docs/signals.md for how they
 * were chosen), not copied from any published lexicon or from evaluation data.
 *
 * Entries are lower case, separated by commas; a multi-word entry matches as a phrase (any white
 * space between its words, either apostrophe). Inflected forms are listed explicitly because a
 * transparent list beats a stemmer that over-reaches. When one phrase is in several signal lists,
 * the earlier list in SIGNAL_LISTS names it ("so-called" is rhetorical, not loaded).
 */
import type { SignalCategory } from '../core/analysis.ts';
import { phrases, words, type WordList } from './list.ts';

/** Emotive or loaded words: they judge while appearing to describe. */
export const LOADED = phrases(
  'loaded',
  `
  notorious, notoriously, infamous, brutal, brutally, brutality, dehumanizing, dehumanising, psychopath, psychopaths, horrific,
  horrifically, horrendous, heinous, vicious, viciously, savage, savagely, barbaric, barbarity, monstrous, monster, monsters,
  evil, wicked, sinister, despicable, disgraceful, disgusting, shameful, shameless, outrageous, outrage, appalling, atrocious,
  atrocity, atrocities, deplorable, vile, abhorrent, repugnant, hideous, grotesque, nightmarish, chilling, terrifying, menacing,
  dangerous criminals, hardened criminals, thug, thugs, thuggish, radical, radicals, extremist, extremists, fanatic, fanatics,
  zealot, zealots, lunatic, crazy, insane, idiotic, stupid, moronic, ridiculous, absurd, ludicrous, laughable, pathetic,
  incompetent, corrupt, crooked, scandalous, disastrous, catastrophic, catastrophe, debacle, fiasco, chaos, chaotic, mayhem,
  carnage, bloodbath, slaughter, massacre, onslaught, invasion, invade, invading, swarm, swarming, infest, infested, plague,
  plagued, scourge, rampant, runaway, spiraling, spiralling, skyrocketing, soaring, slam, slams, slammed, blast, blasts, blasted,
  rip, rips, ripped, lash out, lashes out, lashed out, bash, bashes, bashed, rant, rants, ranted, tirade, meltdown, hysteria,
  hysterical, fearmongering, propaganda, regime, puppet, cronies, cronyism, elites, elitist, so-called, sham, hoax, witch hunt,
  smear, smears, scheme, schemes, plot, ploy, stunt, grandstanding, grandstand, pandering, hypocrite, hypocrites, hypocritical,
  hypocrisy, lies, liar, liars, lying, deceitful, deceptive, dishonest, shady, rogue, reckless, recklessly, draconian,
  authoritarian, tyranny, tyrannical, dictatorial, draconian measures, cruel, cruelty, inhumane, inhuman, harsh, harshly,
  ruthless, ruthlessly, merciless, bold, boldly, heroic, hero, heroes, brave, bravely, courageous, patriot, patriots, patriotic,
  tough, tough stance, hardline, hard-line, crackdown, iron fist, strongman, controversial, divisive, polarizing, inflammatory,
  incendiary, alarming, alarmingly, shocking, shockingly, stunning, staggering, devastating, devastated, dire, grim, bleak, toxic,
  dystopian, callous, heartless, unchecked, unfettered, lawless, lawlessness, illegals, illegal aliens, criminal aliens,
  anchor babies, invaders, hordes, horde, mob, mobs, rioters, looters, terrorists, terror, cramped, overcrowded, squalid, squalor,
  filthy, hellhole, dungeon, dungeons, torture, tortured, gulag, concentration camp, lavish, luxurious, coddle, coddled, handouts,
  freeloaders, woke, leftist, leftists, far-left, far-right, right-wing extremists, left-wing extremists, socialist, communists,
  fascist, fascists, nazi, nazis, racist, racists, bigot, bigots, bigoted, xenophobic, misogynist, sexist, hate, hateful, hatred,
  vitriol, venom, venomous, attack, attacks, war on, assault on, crusade, obsessed, obsession, slash, slashed, gut, gutted,
  gutting, decimate, decimated, cripple, crippled, crippling, dismantle, dismantling, ravage, ravaged, explode, exploded,
  exploding, absurdity, abuse, abused, abusive, aggressive, aggressively, agitator, agitators, alarmist, anarchy, angry, anger,
  antagonize, apocalyptic, arrogant, arrogance, assail, assailed, audacious, awful, backlash, baseless, belligerent, berate,
  berated, betray, betrayal, betrayed, bigotry, bitter, bitterly, blatant, blatantly, bloated, blunder, blunders, bombshell,
  bonkers, boondoggle, botched, brazen, brazenly, bully, bullying, bungled, callously, careless, chilling effect, clueless,
  collusion, contempt, contemptuous, corruption, cowardly, coward, cowards, crass, crooks, crude, crush, crushed, cynical,
  cynically, damning, debunked, deceit, deceive, deceived, defiant, delusional, demagogue, demagoguery, demonize, demonized,
  denounce, denounced, deranged, desperate, desperately, destructive, diatribe, dictator, dirty, disgrace, disgraced, dishonesty,
  disingenuous, draconian policies, dubious, egregious, embattled, embarrassing, embarrassment, enraged, erratic, exploit,
  exploited, exploiting, extreme, extremism, failed, fake, falsehood, falsehoods, fanatical, farce, fear, fears, feckless, fiery,
  flagrant, fraud, fraudulent, furious, fury, gaffe, gleeful, greed, greedy, grotesquely, harass, harassment, harrowing,
  hateful rhetoric, heartbreaking, hostile, hostility, humiliating, humiliation, hysterically, idiot, idiots, ignorant, ignorance,
  illegitimate, immoral, incendiary rhetoric, incite, incited, inciting, indoctrinate, indoctrination, inept, infuriating,
  insidious, insult, insulted, insulting, intimidate, intimidation, irrational, irresponsible, jaw-dropping, killer, killers,
  lackey, lackeys, lame, lashed, lavishly, liberal media, loony, lousy, mad, madness, malicious, manipulate, manipulated,
  manipulative, manipulation, mean-spirited, meddling, menace, mindless, misguided, misleading, mock, mocked, mockery, moron,
  nasty, nefarious, notoriety, obscene, obstruct, obstruction, odious, offensive, oppressive, outlandish, outraged, paranoid,
  pathetically, peddle, peddling, pernicious, pervert, petty, phony, pitiful, plunder, poisonous, pompous, predatory,
  preposterous, prey, provocative, punish, punishing, rabid, racism, rage, raging, rampage, ransack, reckless disregard,
  repressive, reviled, ridicule, ridiculed, rigged, ripoff, rot, rotten, sabotage, sadistic, scam, scandal, scare, scared,
  scaremongering, scathing, screed, senseless, shrill, sick, sickening, skewer, skewered, slur, slurs, smug, sneaky, spew, spewed,
  spewing, spineless, squander, squandered, stoke, stoked, stoking, strident, struggle, subversive, sycophant, sycophantic,
  tantrum, terrible, terribly, threat, threaten, threatening, thuggery, traitor, traitors, treacherous, treason, trash, trashed,
  troubling, twisted, tyrant, ugly, unhinged, unjust, unscrupulous, unthinkable, vengeful, vengeance, vicious attack, victimize,
  villain, villains, violent, vulgar, war-mongering, warmonger, weaponize, weaponized, weird, whine, whining, worst, wreck,
  wrecked, xenophobia, zealous
`,
);

/** Hedges and epistemic markers: claims held at arm's length. */
export const HEDGES = phrases(
  'hedges',
  `
  alleged, allegedly, allegation, allegations, suspected, suspect, suspects, accused, reportedly, reported, purportedly,
  purported, apparently, apparent, seemingly, seems, seemed, appears, appeared, appear, possibly, possible, perhaps, maybe,
  likely, unlikely, probably, presumably, supposedly, claimed, claims, claiming, unconfirmed, unverified, unsubstantiated,
  believed to be, thought to be, said to be, is said to, may, might, could, would appear, according to, it is unclear, unclear,
  unknown, uncertain, estimated, estimates, roughly, approximately, in part, to some extent, arguably, suggests, suggested,
  indicate, indicates, indicated, potential, potentially
`,
);

/** Intensifiers: words that turn the volume up. */
export const INTENSIFIERS = phrases(
  'intensifiers',
  `
  very, extremely, incredibly, highly, deeply, utterly, totally, completely, absolutely, entirely, truly, really, so, such, most,
  ultimate, extraordinarily, exceptionally, remarkably, enormously, immensely, massive, massively, huge, hugely, tremendous,
  tremendously, vast, nothing more than, just, even, ever, never before, unprecedented, record, record-breaking, historic,
  firsthand, critical, crucial, vital, essential, dramatically, dramatic, sharply, severely, severe, intense, intensely, fierce,
  fiercely, relentless, relentlessly, overwhelming, overwhelmingly, clearly, obviously, undeniably, undoubtedly, certainly,
  definitely, literally, seriously, gravely
`,
);

/** Labels for groups of people: the choice of word frames who they are. */
export const GROUP_LABELS = phrases(
  'group labels',
  `
  illegal aliens, illegal alien, criminal illegal aliens, criminal aliens, aliens, illegals, illegal immigrants,
  illegal immigrant, undocumented immigrants, undocumented immigrant, undocumented migrants, undocumented, migrants, migrant,
  immigrants, immigrant, asylum seekers, asylum seeker, refugees, refugee, deportees, deportee, detainees, detainee, inmates,
  inmate, prisoners, prisoner, criminals, criminal, gang members, gang member, thugs, terrorists, terrorist, rebels, insurgents,
  militants, militant, jihadists, protesters, protestors, rioters, activists, activist, extremists, radicals, elites,
  the establishment, liberals, conservatives, progressives, leftists, right-wingers, the far left, the far right, snowflakes,
  globalists, patriots, citizens, taxpayers, working families, hardworking americans, ordinary americans, the american people,
  foreigners, foreign nationals, non-citizens, noncitizens, worst of the worst
`,
);

/** Prescriptions: the writer telling the reader what must happen. */
export const PRESCRIPTIONS = phrases(
  'prescriptions',
  `
  must, should, ought to, needs to, need to, has to, have to, it is crucial, it is crucial that, it is essential,
  it is essential that, it is imperative, it is vital, it is time to, it's time to, we must, we need, cannot afford, can't afford,
  must be, should be, it is necessary
`,
);

/** Rhetorical framing: the writer arguing, not reporting. */
export const RHETORICAL = phrases(
  'rhetorical',
  `
  the reality is, the truth is, make no mistake, let's be clear, let us be clear, the fact is, the fact remains,
  there is no doubt, no doubt, of course, needless to say, it is clear that, it's clear that, clearly, flies in the face of,
  serves as a reminder, a reminder that, what's more, worse still, even worse, not just, this is not just, the real question,
  one has to wonder, ask yourself, imagine, so-called, in other words, simply put, the bottom line, at the end of the day,
  it remains to be seen, time will tell, critics may argue, some may argue, while critics, the lesson, should serve as,
  sends a clear message, a clear message
`,
);

/**
 * Adjectives that evaluate rather than describe; inside unattributed prose they mark opinion.
 * Matched one word at a time against words tagged as adjectives, so entries are single words; a
 * word here adds to the opinion score on top of any signal it also is.
 */
export const EVALUATIVE = words(
  'evaluative',
  `
  good bad great terrible awful wonderful excellent poor wrong right fair unfair just unjust wise unwise foolish smart brilliant
  necessary unnecessary important critical crucial essential vital effective ineffective successful failed failure dangerous safe
  reasonable unreasonable sensible misguided flawed troubling worrying worrisome concerning disturbing encouraging promising
  welcome unacceptable acceptable irresponsible responsible admirable laudable commendable praiseworthy shameful disgraceful
  outrageous absurd ridiculous ill-advised short-sighted naive hypocritical cynical courageous bold reckless resolute tough weak
  strong hard soft extreme real-world ultimate impossible hopeless
`,
);

/** The signal lists in the order that decides a phrase listed in two of them: the earlier names it. */
export const SIGNAL_LISTS: [SignalCategory, WordList][] = [
  ['rhetorical', RHETORICAL],
  ['prescription', PRESCRIPTIONS],
  ['group-label', GROUP_LABELS],
  ['loaded', LOADED],
  ['hedge', HEDGES],
  ['intensifier', INTENSIFIERS],
];
