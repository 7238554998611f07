/** Function words, left out when sentences are compared word by word. */
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
