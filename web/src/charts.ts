/** The chart library's parts the pages use, in a chunk of its own: fetched when a chart is first shown. */
export { barX, dot, plot, ruleX } from '@observablehq/plot';
