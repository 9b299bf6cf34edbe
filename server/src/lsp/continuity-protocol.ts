/**
 * The custom request for the timeline webview (`Visit Notes: Show Timeline`):
 * the extension asks for the course of care of the patient of an open note and
 * shows the returned page in a webview. Constants and types only, so the
 * extension can import them without pulling in server code.
 */
export const TIMELINE = 'visitNotes/timeline';

export interface TimelineParams {
  /** An open note; its patient (or folder, with `visits.groupBy: folder`) is drawn. */
  uri: string;
  /** `webview.cspSource` of the panel that will show the page. */
  cspSource: string;
  /** A fresh random nonce (base64, ≥ 8 characters) for this render. */
  nonce: string;
}

/** `null` when the note has no group (no `patient`) or is not a note. */
export type TimelineResult = {
  /** The `patient` value the timeline is for (panel title). */
  patient: string;
  /** A complete HTML page with a CSP allowing only `cspSource` and the nonce. */
  html: string;
  /** Dated visits drawn. */
  visits: number;
} | null;

/**
 * New Note asks which `patient-key`s earlier notes with a pseudonym carry, so a
 * second note of the same person copies its key and a different person with the
 * same initials gets a new one. Keys are random codes, not identifiers.
 */
export const PATIENT_KEYS = 'visitNotes/patientKeys';

export interface PatientKeysParams {
  /** Where the new note will be (its folder decides config and folder grouping). */
  uri: string;
  /** The pseudonym typed for it. */
  patient: string;
}

export interface PatientKeysResult {
  /** Keys in use for that pseudonym, most used first, with how many notes carry each. */
  keys: { key: string; notes: number }[];
}
