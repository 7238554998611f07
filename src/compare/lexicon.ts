/**
 * Paraphrase cues for aligning sentences across outlets: words that news reports use
 * interchangeably for the same thing, mapped to one key. Written for Parallax; small on purpose —
 * shared names and numbers carry most of the alignment.
 */
const GROUPS = `
visit visits visited visiting tour tours toured touring inspect inspects inspected inspection trip
prison prisons facility facilities jail jails penitentiary detention
inmate inmates prisoner prisoners detainee detainees men convict convicts
deport deports deported deporting deportation deportations remove removes removed removal expel expelled expulsion send sent sending
say says said state states stated tell told add added note noted declare declared
meet meets met meeting meetings talk talks discuss discussed discussion discussions
warn warns warned warning message
gang gangs cartel cartels
judge judges court courts ruling ruled
block blocked blocks halt halted halting ban banned
migrant migrants immigrant immigrants alien aliens
kill killed killing dead death deaths die died
injure injured injuries wounded hurt
flood floods flooded flooding
fire fires blaze blazes
storm storms
evacuate evacuated evacuation evacuations evacuees
arrest arrested arrests detain detained
increase increased increasing expand expanded expansion expanding raise raised more
`;

export const SYNONYM = new Map<string, string>();
for (const line of GROUPS.trim().split('\n')) {
  const words = line.trim().split(/\s+/);
  for (const w of words) if (!SYNONYM.has(w)) SYNONYM.set(w, words[0]!);
}

export const STOP = new Set(
  `a an the and or but if of to in on at by for from with as into onto about over after before during while than then that this these those
  it its is are was were be been being has have had do does did will would can could should may might must shall not no nor so such
  he she they we i you his her their our my your him them us who whom whose which what when where why how also just only very more most
  there here up out down off again once all any both each few other some own same too s t don now new one two`.split(/\s+/),
);

/** Words that classify a quoted speaker's role in the story. */
export const VOICE_ROLES: [string, RegExp][] = [
  ['official', /\b(president|secretary|minister|official|officials|spokes(man|woman|person)|governor|mayor|senator|ambassador|police|department|ministry|government|administration|authorit(y|ies)|director|chief|commissioner|judge)\b/i],
  ['critic', /\b(critic|critics|activist|activists|advocate|advocates|rights group|human rights|lawyer|lawyers|attorney|attorneys|opposition|protester|protesters|union)\b/i],
  ['affected', /\b(resident|residents|family|families|relative|relatives|victim|victims|survivor|survivors|detainee|detainees|inmate|inmates|worker|workers|parent|parents|mother|father|witness|witnesses|neighbou?r)\b/i],
];
