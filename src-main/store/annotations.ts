// What a user may write on a job — its name, notes and tags — checked the same way wherever it comes
// from (the app, the CLI, an imported file). Limits keep the history list and its search cheap and
// the UI's layout sane; a violation throws with a message fit for the user.

import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from '../../src-shared/vocabulary.ts';

/** A name, notes or tags the store refuses; nothing was written. */
export class AnnotationError extends Error {
  override name = 'AnnotationError';
}

// Lengths are in UTF-16 code units, as an <input maxlength> counts them.

/** The name trimmed; throws if it is not text or longer than MAX_NAME_LENGTH once trimmed. */
export function normalizeName(name: unknown): string {
  if (typeof name !== 'string') throw new AnnotationError(`a job name must be text, got ${typeof name}`);
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new AnnotationError(`a job name has at most ${MAX_NAME_LENGTH} characters (this one has ${trimmed.length})`);
  }
  return trimmed;
}

/** Notes are kept as written (line breaks and indentation matter in a note); only their length is checked. */
export function normalizeNotes(notes: unknown): string {
  if (typeof notes !== 'string') throw new AnnotationError(`job notes must be text, got ${typeof notes}`);
  if (notes.length > MAX_NOTES_LENGTH) {
    throw new AnnotationError(
      `job notes have at most ${MAX_NOTES_LENGTH.toLocaleString('en')} characters (these have ${notes.length.toLocaleString('en')})`,
    );
  }
  return notes;
}

/**
 * Tags trimmed, empty ones dropped, duplicates dropped case-insensitively (the first spelling is
 * kept, in the given order); throws if a tag is not text or too long, or if more than MAX_TAGS remain.
 */
export function normalizeTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw new AnnotationError('job tags must be a list of text');
  for (const tag of tags as unknown[]) {
    if (typeof tag !== 'string') throw new AnnotationError(`a tag must be text, got ${tag === null ? 'null' : typeof tag}`);
    const trimmed = tag.trim();
    if (trimmed.length > MAX_TAG_LENGTH) {
      throw new AnnotationError(
        `a tag has at most ${MAX_TAG_LENGTH} characters (${JSON.stringify(shorten(trimmed))} has ${trimmed.length})`,
      );
    }
  }
  const kept = dedupeTags(tags as string[]);
  if (kept.length > MAX_TAGS) throw new AnnotationError(`a job has at most ${MAX_TAGS} tags (got ${kept.length})`);
  return kept;
}

/** The tags trimmed, without blank ones and without case-insensitive repeats (the first spelling stays). */
export function dedupeTags(tags: readonly string[]): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}

function shorten(text: string): string {
  return text.length <= 50 ? text : `${text.slice(0, 47)}…`;
}
