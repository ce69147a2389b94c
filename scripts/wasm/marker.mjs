// The one way a generator's output enters kernels.wat: its marker line, which must stand exactly
// once and alone on its line (leading spaces allowed), is replaced by the generated text.

/** `watSource` with the line `marker` replaced by `text`; `who` names the generator in the error. */
export function replaceMarkerLine(watSource, marker, text, who) {
  const lines = watSource.split('\n');
  const at = lines.flatMap((l, i) => (l.trim() === marker ? [i] : []));
  if (at.length !== 1) throw new Error(`${who}: expected the line \`${marker}\` once in kernels.wat, found it ${at.length} times`);
  lines.splice(at[0], 1, text);
  return lines.join('\n');
}
