/**
 * Places by name, so that a name the entity finder (src/analyze/entities) sees is typed a place
 * even when nothing around it says so. In order: countries; continents and regions often in the
 * news; the US states; capitals and big cities. Chosen from general knowledge, not from any
 * evaluation data; a place not listed can still be typed by its last word (PLACE_HEADS in
 * names.ts) or by what the tagger says.
 *
 * Entries are lower case, separated by commas, and written without a leading "the" (the entity
 * finder never reads "the" as part of a name). A multi-word place is one entry ("west bank"); its
 * words are not places unless listed on their own ("virginia" and "west virginia"): "the Bank" is
 * no place just because "the West Bank" is.
 */
import { phrases } from './list.ts';

export const PLACES = phrases(
  'places',
  `
  afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan, bahamas, bahrain,
  bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia, bosnia, botswana, brazil, brunei, bulgaria, burkina,
  burundi, cambodia, cameroon, canada, chad, chile, china, colombia, comoros, congo, croatia, cuba, cyprus, czechia, czech,
  denmark, djibouti, dominica, ecuador, egypt, el salvador, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon,
  gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti, honduras, hungary, iceland, india,
  indonesia, iran, iraq, ireland, israel, italy, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan,
  laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives,
  mali, malta, mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar,
  namibia, nauru, nepal, netherlands, new zealand, nicaragua, niger, nigeria, north korea, norway, oman, pakistan, palau,
  palestine, panama, paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda, samoa, san marino,
  saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia, slovenia, somalia, south africa, south korea,
  south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tonga,
  trinidad, tunisia, turkey, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, united kingdom, united states, uruguay,
  uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, zambia, zimbabwe,
  u.s., us, usa, uk, america, britain, great britain, england, scotland, wales, europe, asia, africa, antarctica, oceania,
  latin america, central america, south america, north america, middle east, gaza, west bank, crimea, kashmir, tibet, hong kong,
  puerto rico, greenland,
  alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, hawaii, idaho, illinois, indiana,
  iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota, mississippi, missouri, montana,
  nebraska, nevada, new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma, oregon,
  pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington, west virginia,
  wisconsin, wyoming,
  london, paris, berlin, madrid, rome, moscow, beijing, tokyo, delhi, new delhi, mumbai, kyiv, kiev, washington d.c., los angeles,
  chicago, houston, miami, boston, seattle, atlanta, dallas, denver, detroit, san francisco, san salvador, mexico city, bogota,
  bogotá, caracas, havana, lima, brasilia, buenos aires, santiago, ottawa, toronto, montreal, vancouver, sydney, melbourne, cairo,
  lagos, nairobi, johannesburg, istanbul, ankara, tehran, baghdad, damascus, beirut, jerusalem, tel aviv, riyadh, dubai, doha,
  karachi, lahore, islamabad, kabul, dhaka, bangkok, jakarta, manila, seoul, pyongyang, taipei, brussels, amsterdam, vienna,
  warsaw, prague, budapest, athens, lisbon, dublin, edinburgh, stockholm, oslo, copenhagen, helsinki, geneva, zurich
`,
);
