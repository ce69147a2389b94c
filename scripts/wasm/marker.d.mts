// Types for marker.mjs (a plain Node module, like the generators that use it).

/** `watSource` with the line `marker` replaced by `text`; `who` names the generator in the error. */
export function replaceMarkerLine(watSource: string, marker: string, text: string, who: string): string;
