/**
 * Boilerplate words: the words web pages use in the class and id names of the parts of a page
 * that are not its article — share bars, newsletter boxes, related-story grids, comment threads,
 * ad slots, menus, bylines and tag lists. HTML extraction (src/extract/html) splits each
 * element's class and id into words (at hyphens, underscores, digits and lower-to-upper case
 * changes, lower-cased: "article-share__bar" and "articleShareBar" give article, share, bar) and
 * prunes an element with one of these words before Readability chooses the article, as long as it
 * holds a small share of the page's text.
 *
 * How entries were chosen: general web boilerplate terms, the kind trafilatura's discard
 * expressions and Readability's "unlikely candidate" pattern name (navigation, footers, sharing,
 * related content, comments, ads, cookie and consent notices, newsletter and paywall boxes, author
 * boxes, tag lists, image captions and credits), plus the common spellings of the same things in class names (plural,
 * abbreviated, joined: "nav", "navbar", "signup"). Never a word seen on only one or two
 * development sites, and never a word that also names article content in ordinary markup
 * ("content", "body", "text", "story", "post", "main", "header", "title", "image" stay out).
 *
 * Entries are lower case single words, matched whole against a class or id word.
 */
import { words } from './list.ts';

export const BOILERPLATE_CLASS_WORDS = words(
  'boilerplate class words',
  `
  share shares sharing sharebar sharetools social sociable syndication
  related recommended recommendations recirculation outbrain taboola criteo
  newsletter newsletters subscribe subscription subscriptions signup
  promo promos promotion advert adverts advertisement advertising ad ads adslot adunit sponsor sponsored
  comment comments disqus
  breadcrumb breadcrumbs nav navbar navigation menu submenu subnav sidebar footer
  banner cookie cookies consent gdpr paywall popup modal
  widget widgets toolbar
  tags taglist keywords byline author authors bio
  caption captions credit credits
  login signin
  trending popular
  noprint
`,
);
