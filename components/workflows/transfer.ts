'use client';

/** Characters that file systems refuse in names (Windows is the strictest), and control characters. */
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]/g;

/** `<name>.weft.json`, with characters no file system accepts replaced. */
export function exportFileName(name: string): string {
  const safe = name.replace(UNSAFE_IN_FILE_NAMES, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 150);
  return `${safe || 'workflow'}.weft.json`;
}

/** Saves JSON as a file through the browser's download. */
export function downloadJson(fileName: string, value: unknown) {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Larger than any real workflow export; refuses a wrongly picked video before reading it. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ReadImportResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Reads a picked file as a workflow export, or says in plain words why it is not one. */
export async function readImportFile(file: File): Promise<ReadImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: 'This file is too large to be a workflow export (the limit is 10 MB).' };
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: 'This file is not valid JSON. Pick a file exported from Weft (it ends in .weft.json).' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'This file does not hold a workflow. Pick a file exported from Weft (it ends in .weft.json).' };
  }
  const record = value as Record<string, unknown>;
  if (record.format !== undefined && record.format !== 'weft.workflow') {
    return { ok: false, message: `This file is a “${String(record.format)}” file, not a Weft workflow export.` };
  }
  return { ok: true, value: record };
}
