/**
 * Small word lists written for Parallax. They only need to tip the balance where the shape of a
 * name does not say what it is; anything not listed still becomes an entity.
 */

/** Words that, in front of a name, say the name is a person. */
export const PERSON_TITLES = new Set(
  `president vice-president secretary minister senator sen rep representative congressman congresswoman governor gov mayor judge justice
  chancellor premier king queen prince princess pope bishop archbishop rev reverend dr doctor professor prof mr mrs ms miss sir dame lord lady
  general gen colonel col major maj captain capt lieutenant lt sergeant sgt commander admiral officer chief director ambassador spokesman
  spokeswoman spokesperson attorney lawyer sheriff commissioner chairman chairwoman chair ceo coach leader speaker deputy head founder
  activist candidate nominee superintendent inspector detective agent councillor councilman councilwoman trooper pastor rabbi imam
  emir sheikh sultan dictator strongman prosecutor master manager`.split(/\s+/),
);

/** Last words of organisation names. */
export const ORG_HEADS = new Set(
  `department ministry agency administration party council committee commission court university college school institute police army navy
  force forces guard bank company corporation corp inc ltd llc group association union federation league network news times post journal
  tribune herald press office service services bureau board authority organization organisation foundation fund church congress senate
  parliament assembly cabinet government club team fc alliance coalition movement front campaign society trust
  cartel gang brigade unit directorate secretariat embassy consulate tribunal circuit radio tv television channel broadcaster
  broadcasting gazette daily ledger wire magazine newspaper observer chronicle courier standard telegraph guardian`.split(/\s+/),
);

/** Last words of places. */
export const PLACE_HEADS = new Set(
  `city county state province region district island islands mountains mountain river lake sea ocean bay valley street avenue road square park
  beach coast peninsula desert airport port harbour harbor village town`.split(/\s+/),
);

/** Last words of other named things: laws, facilities, events, documents. */
export const THING_HEADS = new Set(
  `act law bill amendment treaty accord agreement order doctrine prison jail penitentiary facility stadium hospital base plant bridge dam tower
  museum summit conference olympics games war operation program programme plan initiative award prize center centre`.split(/\s+/),
);

/** Countries, US states, continents, regions and big cities, lower-case. */
export const PLACES = new Set(
  `afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium
  belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros
  congo croatia cuba cyprus czechia czech denmark djibouti dominica ecuador egypt el salvador eritrea estonia eswatini ethiopia fiji finland
  france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
  ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
  liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco
  mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands new zealand nicaragua niger nigeria north korea norway oman
  pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa san marino saudi arabia senegal
  serbia seychelles sierra leone singapore slovakia slovenia somalia south africa south korea south sudan spain sri lanka sudan suriname
  sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu uganda ukraine
  united arab emirates united kingdom united states uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe
  u.s. us usa uk america britain great britain england scotland wales europe asia africa antarctica oceania latin america central america
  south america north america middle east gaza west bank crimea kashmir tibet hong kong puerto rico greenland
  alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa kansas kentucky
  louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada new hampshire new jersey new mexico
  new york north carolina north dakota ohio oklahoma oregon pennsylvania rhode island south carolina south dakota tennessee texas utah
  vermont virginia washington west virginia wisconsin wyoming
  london paris berlin madrid rome moscow beijing tokyo delhi new delhi mumbai kyiv kiev washington d.c. los angeles chicago houston miami
  boston seattle atlanta dallas denver detroit san francisco san salvador mexico city bogota bogotá caracas havana lima brasilia buenos aires
  santiago ottawa toronto montreal vancouver sydney melbourne cairo lagos nairobi johannesburg istanbul ankara tehran baghdad damascus beirut
  jerusalem tel aviv riyadh dubai doha karachi lahore islamabad kabul dhaka bangkok jakarta manila seoul pyongyang taipei singapore
  brussels amsterdam vienna warsaw prague budapest athens lisbon dublin edinburgh stockholm oslo copenhagen helsinki geneva zurich`
    .split(/\n/)
    .flatMap((line) => line.trim().split(/ (?=[a-z])/))
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Multi-word places the line-splitting above cannot keep whole. */
for (const p of [
  'el salvador', 'new zealand', 'north korea', 'south korea', 'south africa', 'south sudan', 'sri lanka', 'saudi arabia', 'sierra leone',
  'san marino', 'united arab emirates', 'united kingdom', 'united states', 'great britain', 'latin america', 'central america',
  'south america', 'north america', 'middle east', 'west bank', 'hong kong', 'puerto rico', 'new hampshire', 'new jersey', 'new mexico',
  'new york', 'north carolina', 'north dakota', 'rhode island', 'south carolina', 'south dakota', 'west virginia', 'new delhi',
  'los angeles', 'san francisco', 'san salvador', 'mexico city', 'buenos aires', 'tel aviv', 'washington d.c.', 'the united states',
  'the u.s.', 'the uk',
]) PLACES.add(p);

/** Capitalised words that are not names on their own. */
export const NOT_NAMES = new Set(
  `the a an this that these those he she it they we i you his her its their our my your mr mrs ms but and or if when while after before
  during in on at for of to from with by as about into over under between among without within despite however meanwhile also then
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november
  december today yesterday tomorrow there here what who why how which where according many some several most more other both each every
  no not yes first second third last next new breaking update updated read watch related photo video image getty reuters ap afp
  one two three four five six seven eight nine ten`.split(/\s+/),
);

/** Connectors allowed inside a name: "Department of Homeland Security", "Tren de Aragua". */
export const NAME_CONNECTORS = new Set(['of', 'de', 'del', 'la', 'le', 'da', 'do', 'dos', 'van', 'von', 'der', 'for', 'al', 'bin', 'el']);
